import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../tests/support/server';
import { createFhirClient, FhirFetchError, isUnder } from './fhir-client';

/** A FHIR server that misbehaves in the ways a real one can, one path per behaviour. */
let server: RunningServer;
let base: string;
let otherOrigin: RunningServer;
beforeAll(async () => {
  otherOrigin = await startServer(
    express().get('/fhir/Observation', (_q, r) => r.json({ resourceType: 'Bundle', entry: [] })),
  );
  const app = express();
  const page = (n: number, next?: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      { resource: { resourceType: 'Observation', id: `o${n}` }, search: { mode: 'match' } },
      { resource: { resourceType: 'Patient', id: 'included' }, search: { mode: 'include' } },
    ],
    link: next ? [{ relation: 'next', url: next }] : [],
  });
  app.get('/fhir/Observation', (req, res) => {
    const n = Number(req.query.page ?? 0);
    if (req.query.kind === 'endless')
      return res.json(page(n, `${base}/Observation?kind=endless&page=${n + 1}`));
    if (req.query.kind === 'escape')
      return res.json(page(n, `${otherOrigin.url}/fhir/Observation`));
    return res.json(page(n, n < 2 ? `${base}/Observation?page=${n + 1}` : undefined));
  });
  app.get('/fhir/Patient/redirect', (_q, res) => {
    res.redirect(302, 'http://169.254.169.254/latest/meta-data');
  });
  app.get('/fhir/Patient/huge', (_q, res) =>
    res.json({ resourceType: 'Patient', id: 'huge', text: 'x'.repeat(200_000) }),
  );
  app.get('/fhir/Patient/broken', (_q, res) => res.type('json').send('{"resourceType": "Pat'));
  app.get('/fhir/Patient/secret', (req, res) =>
    req.headers.authorization === 'Bearer t0k3n'
      ? res.json({ resourceType: 'Patient', id: 'secret' })
      : res.status(401).end(),
  );
  server = await startServer(app);
  base = `${server.url}/fhir`;
});
afterAll(async () => {
  await Promise.all([server.close(), otherOrigin.close()]);
});

const client = (o: { maxResources?: number; maxPages?: number; token?: string } = {}) =>
  createFhirClient({
    baseUrl: base,
    accessToken: o.token,
    signal: AbortSignal.timeout(5000),
    maxResources: o.maxResources ?? 1000,
    maxPages: o.maxPages ?? 50,
    maxBytesPerResponse: 100_000,
  });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as FhirFetchError,
  );

describe('FHIR client', () => {
  it('follows next links and keeps only search matches', async () => {
    const { bundle, complete } = await client().search('Observation');
    expect(complete).toBe(true);
    expect(bundle.entry.map((e) => (e.resource as { id: string }).id)).toEqual(['o0', 'o1', 'o2']);
  });

  it('stops paging at the resource limit and says the result is partial', async () => {
    const { bundle, complete } = await client({ maxResources: 2 }).search('Observation');
    expect(bundle.entry).toHaveLength(2);
    expect(complete).toBe(false);
  });

  it('stops a server that pages forever', async () => {
    const { bundle, complete } = await client({ maxPages: 5 }).search('Observation?kind=endless');
    expect(bundle.entry).toHaveLength(5);
    expect(complete).toBe(false);
  });

  it('refuses a next link that leaves the FHIR base', async () => {
    const err = await failure(client().search('Observation?kind=escape'));
    expect(err).toBeInstanceOf(FhirFetchError);
    expect(err?.message).toMatch(/outside its base/);
  });

  it.each([
    ['a redirect', 'Patient/redirect', 'http'],
    ['an answer over the size limit', 'Patient/huge', 'too-large'],
    ['invalid JSON', 'Patient/broken', 'invalid'],
    ['a refused token', 'Patient/secret', 'http'],
  ])('fails cleanly on %s', async (_name, path, kind) => {
    expect(await failure(client().read(path))).toMatchObject({ kind });
  });

  it('sends the bearer token', async () => {
    await expect(client({ token: 't0k3n' }).read('Patient/secret')).resolves.toMatchObject({
      id: 'secret',
    });
  });

  it.each([
    ['https://ehr.example.org/fhir', 'https://ehr.example.org/fhir/Patient/1', true],
    ['https://ehr.example.org/fhir', 'https://ehr.example.org/fhir?_getpages=abc', true],
    ['https://ehr.example.org/fhir', 'https://ehr.example.org/fhir-evil/Patient', false],
    ['https://ehr.example.org/fhir', 'https://evil.example.org/fhir/Patient', false],
    ['https://ehr.example.org/fhir', 'http://ehr.example.org/fhir/Patient', false],
    ['https://ehr.example.org/fhir', 'https://user:pw@ehr.example.org/fhir/Patient', false],
    ['https://ehr.example.org/fhir', 'file:///etc/passwd', false],
  ])('isUnder(%s, %s) = %s', (b, url, expected) => {
    expect(isUnder(b, url)).toBe(expected);
  });
});
