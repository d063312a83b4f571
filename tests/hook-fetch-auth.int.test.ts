/**
 * The hook against a real mock EHR over HTTP with authentication on: the EHR signs its JWT, the
 * service completes missing prefetch from the FHIR server with the EHR's access token, honours its
 * deadline when the FHIR server is slow or failing, and answers 412 when the data cannot be had.
 */
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeService } from '../cds-service/compose';
import { defaultConfig, parseClients } from '../cds-service/config';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';
import { createMemoryLogger } from '../cds-service/log';
import { createMockEhr } from '../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../mocks/ehr-identity';
import { loadFixtureStore } from '../mocks/fixtures';
import { runPrefetch } from '../mocks/prefetch';
import { FIXED_NOW, PATIENTS } from './support/fixtures';
import { getJson, postJson, startServer, type RunningServer } from './support/server';

const FHIR_TOKEN = 'fhir-access-token-for-the-service';
const DEADLINE_MS = 600;
const PATIENT = PATIENTS.smallHypertension;

/** How the FHIR server misbehaves for requests whose path matches. */
let fault: { match: RegExp; delayMs?: number; status?: number } | undefined;
let seenTokens: (string | undefined)[] = [];
let ehr: RunningServer;
let service: RunningServer;
let signer: EhrSigner;
let fhirBase: string;
const logger = createMemoryLogger();

beforeAll(async () => {
  const keys = await createEhrKeys();
  const faulty = express();
  faulty.use('/fhir', (req, res, next) => {
    if (req.headers.authorization) seenTokens.push(req.headers.authorization);
    if (!fault || !fault.match.test(req.url)) {
      next();
      return;
    }
    const { delayMs = 0, status } = fault;
    setTimeout(() => {
      if (status) res.status(status).json({ resourceType: 'OperationOutcome', issue: [] });
      else next();
    }, delayMs);
  });
  faulty.use(createMockEhr({ store: loadFixtureStore(), keys }));
  ehr = await startServer(faulty);
  signer = keys.signerFor(ehr.url);
  fhirBase = `${ehr.url}/fhir`;
  const config = defaultConfig({
    auth: true,
    clients: parseClients(
      [{ iss: signer.iss, jwksUrl: signer.jwksUrl, fhirServers: [fhirBase] }],
      'test',
    ),
    hookDeadlineMs: DEADLINE_MS,
    corsOrigins: ['https://sandbox.cds-hooks.org'],
  });
  service = await startServer(composeService(config, logger, { now: () => FIXED_NOW }).app);
});
afterAll(async () => {
  await Promise.all([ehr.close(), service.close()]);
});
beforeEach(() => {
  fault = undefined;
  seenTokens = [];
});

const hookUrl = () => `${service.url}/cds-services/patient-synopsis`;

async function call(body: Record<string, unknown>, url = hookUrl()) {
  return postJson(url, body, { authorization: `Bearer ${await signer.sign(url)}` });
}

function request(prefetch: Record<string, unknown> | undefined, withServer = true) {
  return {
    hook: 'patient-view',
    hookInstance: crypto.randomUUID(),
    ...(withServer
      ? {
          fhirServer: fhirBase,
          fhirAuthorization: {
            access_token: FHIR_TOKEN,
            token_type: 'Bearer',
            expires_in: 300,
            scope: 'patient/*.read',
            subject: 'ehr-synopsis',
          },
        }
      : {}),
    context: { userId: 'Practitioner/example', patientId: PATIENT },
    ...(prefetch ? { prefetch } : {}),
  };
}

const prefetchOf = (keys: (keyof typeof PATIENT_VIEW_PREFETCH)[]) =>
  runPrefetch(
    Object.fromEntries(keys.map((k) => [k, PATIENT_VIEW_PREFETCH[k]])),
    { patientId: PATIENT, userId: 'Practitioner/example' },
    fhirBase,
  );

const ALL_KEYS = Object.keys(PATIENT_VIEW_PREFETCH) as (keyof typeof PATIENT_VIEW_PREFETCH)[];

const serviceFetches = () => seenTokens.filter((t) => t === `Bearer ${FHIR_TOKEN}`).length;

describe('prefetch and self-fetch', () => {
  it('uses a full prefetch without touching the FHIR server', async () => {
    const full = await prefetchOf(ALL_KEYS);
    const res = await call(request(full));
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards[0]?.summary).toMatch(/hypertension/);
    expect(serviceFetches()).toBe(0);
  });

  it('fetches what a partial prefetch lacks, with the EHR-issued bearer token', async () => {
    const res = await call(request(await prefetchOf(['patient'])));
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards[0]?.summary).toMatch(/hypertension/);
    expect(serviceFetches()).toBe(ALL_KEYS.length - 1); // everything but the patient
  });

  it('follows the next link of a paged prefetch Bundle and uses every page', async () => {
    const full = await prefetchOf(ALL_KEYS);
    const firstPage = await fetch(
      `${fhirBase}/${PATIENT_VIEW_PREFETCH.observations.replace('{{context.patientId}}', PATIENT).replace('_count=1000', '_count=10')}`,
    ).then((r) => r.json() as Promise<{ link: { relation: string }[] }>);
    expect(firstPage.link.some((l) => l.relation === 'next')).toBe(true);
    const paged = await call(request({ ...full, observations: firstPage }));
    expect(serviceFetches()).toBeGreaterThan(0);
    const whole = await call(request(full));
    const detail = (r: { body: unknown }) => HookResponse.parse(r.body).cards.map((c) => c.detail);
    expect(detail(paged)).toEqual(detail(whole));
  });

  it('treats null prefetch values as missing and fetches them', async () => {
    const res = await call(request({ ...(await prefetchOf(['patient'])), conditions: null }));
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards[0]?.summary).toMatch(/hypertension/);
  });

  it('fetches everything when no prefetch is sent', async () => {
    const res = await call(request(undefined));
    expect(res.status).toBe(200);
    expect(serviceFetches()).toBe(ALL_KEYS.length);
  });

  it('answers 412 when there is no prefetch and no fhirServer', async () => {
    const res = await call(request(undefined, false));
    expect(res.status).toBe(412);
    expect((res.body as { message: string }).message).toMatch(/no fhirServer/);
  });

  it('answers 412 and sends nothing to a fhirServer that is not on the allowlist', async () => {
    const res = await call({ ...request(undefined), fhirServer: `${ehr.url}/other-fhir` });
    expect(res.status).toBe(412);
    expect((res.body as { message: string }).message).toMatch(/allowlist/);
    expect(serviceFetches()).toBe(0);
  });

  it('honours the deadline when the FHIR server is slow, and still answers with valid cards', async () => {
    fault = { match: /^\/Observation/, delayMs: 5000 };
    const started = performance.now();
    const res = await call(request(await prefetchOf(['patient'])));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1500);
  });

  it('still answers when a search fails with 500', async () => {
    fault = { match: /^\/MedicationRequest/, status: 500 };
    const res = await call(request(await prefetchOf(['patient'])));
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards[0]?.summary).toMatch(/hypertension/);
  });

  it('answers 412 when the Patient itself cannot be fetched', async () => {
    fault = { match: /^\/Patient/, status: 500 };
    const res = await call(request(undefined));
    expect(res.status).toBe(412);
    expect((res.body as { message: string }).message).toMatch(/could not be fetched/);
  });

  it('never logs the access token', () => {
    expect(logger.lines.join('\n')).not.toContain(FHIR_TOKEN);
  });
});

describe('authentication at the HTTP edge', () => {
  it('refuses a call without a JWT with a bare 401 and WWW-Authenticate', async () => {
    const res = await postJson(hookUrl(), request(undefined));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toEqual({ error: 'unauthorized', message: 'Authentication failed.' });
  });

  it('requires the feedback URL itself as the audience of a feedback call', async () => {
    const feedback = {
      feedback: [{ card: 'c', outcome: 'overridden', outcomeTimestamp: '2025-01-01T00:00:00Z' }],
    };
    const wrong = await postJson(`${hookUrl()}/feedback`, feedback, {
      authorization: `Bearer ${await signer.sign(hookUrl())}`,
    });
    expect(wrong.status).toBe(401);
    const right = await call(feedback, `${hookUrl()}/feedback`);
    expect(right.status).toBe(200);
  });

  it('leaves discovery open', async () => {
    expect((await getJson(`${service.url}/cds-services`)).status).toBe(200);
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with Authorization and Content-Type allowed', async () => {
    const res = await fetch(hookUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://sandbox.cds-hooks.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://sandbox.cds-hooks.org');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
  });

  it('gives no CORS grant to an origin not configured', async () => {
    const res = await fetch(`${service.url}/cds-services`, {
      headers: { origin: 'https://evil.example.org' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
