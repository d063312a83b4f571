import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startServer, type RunningServer } from '../../tests/support/server';
import { patientViewRequest } from '../../tests/support/fixtures';
import { composeService } from '../compose';
import { defaultConfig } from '../config';
import { createMemoryLogger } from '../log';

const PATIENT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-03-01' };
const logger = createMemoryLogger();
let server: RunningServer;
let hookUrl: string;

beforeAll(async () => {
  const { app } = composeService(defaultConfig({ bodyLimit: 100 * 1024 }), logger, {
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  server = await startServer(app);
  hookUrl = `${server.url}/cds-services/patient-synopsis`;
});
afterAll(() => server.close());

interface ErrorBody {
  error: string;
  message: string;
  details?: string[];
}

describe('CDS service HTTP edge', () => {
  it('answers a minimal prefetch with a card', async () => {
    const res = await postJson(hookUrl, patientViewRequest('p1', { patient: PATIENT }));
    expect(res.status).toBe(200);
    // Only the Patient was sent, and no FHIR server to fetch the rest: the headline says so first.
    expect((res.body as { cards: { summary: string }[] }).cards[0]?.summary).toBe(
      'Record incomplete: conditions, observations and 5 more could not be read. 74-year-old female with no active problems recorded',
    );
  });

  it.each([
    ['malformed JSON', '{"hook": "patient-view",', 400, 'invalid_json', /not valid JSON/],
    ['a JSON array', '[]', 400, 'bad_request', /not a valid CDS Hooks request/],
    [
      'a body without hookInstance',
      { hook: 'patient-view', context: {} },
      400,
      'bad_request',
      /hookInstance/,
    ],
    [
      'the wrong hook',
      { ...patientViewRequest('p1'), hook: 'order-sign' },
      400,
      'bad_request',
      /answers the 'patient-view' hook/,
    ],
    [
      'context without patientId',
      { ...patientViewRequest('p1'), context: { userId: 'Practitioner/1' } },
      400,
      'bad_request',
      /context is invalid/,
    ],
    [
      'a userId of the wrong type',
      { ...patientViewRequest('p1'), context: { userId: 'Device/1', patientId: 'p1' } },
      400,
      'bad_request',
      /context is invalid/,
    ],
    [
      'fhirAuthorization without fhirServer',
      {
        ...patientViewRequest('p1'),
        fhirAuthorization: {
          access_token: 'x',
          token_type: 'Bearer',
          expires_in: 60,
          scope: 'patient/*.read',
          subject: 's',
        },
      },
      400,
      'bad_request',
      /fhirServer/,
    ],
    [
      'no prefetch and no FHIR server',
      patientViewRequest('p1'),
      412,
      'precondition_failed',
      /prefetch/,
    ],
    [
      'a prefetched patient that is not the context patient',
      patientViewRequest('p1', { patient: { ...PATIENT, id: 'p2' } }),
      400,
      'bad_request',
      /context.patientId/,
    ],
  ])('answers %s with a specific 4xx', async (_name, body, status, code, message) => {
    const res = await postJson(hookUrl, body);
    expect(res.status).toBe(status);
    const err = res.body as ErrorBody;
    expect(err.error).toBe(code);
    expect(`${err.message} ${(err.details ?? []).join(' ')}`).toMatch(message);
    expect(JSON.stringify(err)).not.toMatch(/at .*\.ts:\d+|node_modules|stack/);
  });

  it('answers an unknown service id with 404 and points at discovery', async () => {
    const res = await postJson(
      `${server.url}/cds-services/no-such-service`,
      patientViewRequest('p1'),
    );
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).message).toMatch(/GET \/cds-services/);
  });

  it('answers a non-JSON content type with 415', async () => {
    const res = await getJson(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
  });

  it('answers a body over the limit with 413', async () => {
    const huge = patientViewRequest('p1', {
      patient: { ...PATIENT, text: { div: 'x'.repeat(200_000) } },
    });
    const res = await postJson(hookUrl, huge);
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).error).toBe('payload_too_large');
  });

  it('keeps serving after bad input, and logs no request bodies', async () => {
    await postJson(hookUrl, '{{{');
    const res = await getJson(`${server.url}/cds-services`);
    expect(res.status).toBe(200);
    const log = logger.lines.join('\n');
    expect(log).toContain('"route":"/cds-services/:id"');
    expect(log).not.toContain('1950-03-01');
    expect(log).not.toContain('"p1"');
  });

  it('stores feedback and rejects malformed feedback', async () => {
    const ok = await postJson(`${hookUrl}/feedback`, {
      feedback: [
        {
          card: 'c1',
          outcome: 'accepted',
          acceptedSuggestions: [{ id: 's1' }],
          outcomeTimestamp: '2025-01-01T00:00:00Z',
        },
      ],
    });
    expect(ok.status).toBe(200);
    const bad = await postJson(`${hookUrl}/feedback`, {
      feedback: [{ card: 'c1', outcome: 'maybe' }],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as ErrorBody).details?.join(' ')).toMatch(/outcome/);
  });
});
