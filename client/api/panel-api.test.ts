import { describe, expect, it, vi } from 'vitest';
import { synopsisFixture } from '../test/synopsis-fixture';
import { fakeSession } from '../test/render-panel';
import { createPanelApi, PanelProblem } from './panel-api';

const json = (status: number, body: unknown) =>
  vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );

const problemOf = async (p: Promise<unknown>) => {
  const err: unknown = await p.catch((e: unknown) => e);
  return err instanceof PanelProblem ? err.kind : err;
};

describe('createPanelApi', () => {
  it('posts the FHIR server and patient with the SMART token as a bearer header', async () => {
    const fetchFn = json(200, { synopsis: synopsisFixture(), cached: false });
    const api = createPanelApi('https://svc.example/api/panel/', fetchFn);
    const answer = await api.synopsis(fakeSession());
    expect(answer.cached).toBe(false);
    const [url, init] = (fetchFn.mock.calls as unknown as [URL, RequestInit][])[0] ?? [];
    expect(String(url)).toBe('https://svc.example/api/panel/synopsis');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer token-1');
    expect(JSON.parse(init?.body as string)).toEqual({
      fhirServer: 'https://ehr.example/fhir',
      patientId: 'p1',
    });
  });

  it.each([
    [401, 'token-expired'],
    [403, 'forbidden'],
    [502, 'fhir-down'],
    [500, 'service-down'],
    [503, 'service-down'],
    [400, 'bad-response'],
    [429, 'rate-limited'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    const api = createPanelApi('https://svc.example/api/panel/', json(status, { error: 'x' }));
    expect(await problemOf(api.synopsis(fakeSession()))).toBe(kind);
  });

  it("keeps the message of the service's error body, and only of that body", async () => {
    const said = async (status: number, body: unknown) => {
      const api = createPanelApi('https://svc.example/api/panel/', json(status, body));
      const err = await api.synopsis(fakeSession()).catch((e: unknown) => e);
      return err instanceof PanelProblem ? err.serviceMessage : 'not a PanelProblem';
    };
    expect(
      await said(429, { error: 'too_many_requests', message: 'Too many panel requests.' }),
    ).toBe('Too many panel requests.');
    expect(await said(502, { error: 'gateway', message: 'not our vocabulary' })).toBeUndefined();
    expect(await said(503, '<html>proxy</html>')).toBeUndefined();
  });

  it('reports a network failure as the service being down', async () => {
    const api = createPanelApi(
      'https://svc.example/api/panel/',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await problemOf(api.synopsis(fakeSession()))).toBe('service-down');
  });

  it('refuses an answer that is not a valid synopsis', async () => {
    const api = createPanelApi(
      'https://svc.example/api/panel/',
      json(200, { synopsis: { oneLiner: 'x' }, cached: true }),
    );
    expect(await problemOf(api.synopsis(fakeSession()))).toBe('bad-response');
  });

  it('does not send an expired token at all', async () => {
    const fetchFn = json(200, {});
    const api = createPanelApi('https://svc.example/api/panel/', fetchFn, () => 2_000);
    expect(await problemOf(api.synopsis(fakeSession({ expiresAt: 1_000 })))).toBe('token-expired');
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
