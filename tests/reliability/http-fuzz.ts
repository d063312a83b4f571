/**
 * Property: every endpoint that takes input answers hostile input with a clear 4xx (never a 5xx),
 * with no stack trace or internal path, keeps serving, and keeps no feedback from a rejected call.
 * Real HTTP on 127.0.0.1 against the real service, mock EHR and SMART server. Shared by the Vitest
 * suite and `npm run reliability`.
 */
import fc from 'fast-check';
import { PATIENTS, patientViewRequest } from '../support/fixtures';
import { startPanelHarness, type PanelHarness } from '../support/panel-harness';
import { runPrefetch } from '../../mocks/prefetch';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { hostileValue, mutationsOf } from './mutate';

interface Sent {
  path: string;
  body: string;
  contentType: string;
  authorization?: string;
}

interface Answer {
  status: number;
  text: string;
}

export interface HttpFuzzReport {
  inputs: number;
  byStatus: Record<string, number>;
  failures: string[];
}

/** Text that would betray internals: stack frames, source paths, runtime error names. */
const INTERNALS =
  /\n[ \t]+at |node_modules|\/work\/|cds-service\/|\.ts:\d+|TypeError|RangeError|SyntaxError/;

export async function fuzzHttp(numRuns: number, seed?: number): Promise<HttpFuzzReport> {
  // Limits off: every input should reach validation (the limits have their own suite).
  const h = await startPanelHarness({ hookRateLimitPerMinute: 0, panelRateLimitPerMinute: 0 });
  try {
    return await run(h, numRuns, seed);
  } finally {
    await h.close();
  }
}

async function run(h: PanelHarness, numRuns: number, seed?: number): Promise<HttpFuzzReport> {
  const report: HttpFuzzReport = { inputs: 0, byStatus: {}, failures: [] };
  const patientId = PATIENTS.smallHypertension;
  const token = h.tokenFor(patientId);
  const prefetch = await runPrefetch(
    PATIENT_VIEW_PREFETCH,
    { patientId, userId: 'Practitioner/example' },
    h.fhirBase,
    { authorization: `Bearer ${token}` },
  );
  const hook = { ...patientViewRequest(patientId, prefetch), fhirServer: h.fhirBase };
  const cdsFeedback = {
    feedback: [
      {
        card: crypto.randomUUID(),
        outcome: 'overridden',
        overrideReason: { reason: { code: 'x', system: 'http://example.org' } },
        outcomeTimestamp: '2025-07-01T12:00:00Z',
      },
    ],
  };
  const panelBody = { fhirServer: h.fhirBase, patientId };
  const panelFeedback = {
    ...panelBody,
    target: { kind: 'alert', id: 'a1' },
    verdict: 'agree',
    model: { name: 'rules', version: '1.0.0' },
  };

  const json = (path: string, value: unknown, authorization?: string): Sent => ({
    path,
    body: JSON.stringify(value === undefined ? null : value),
    contentType: 'application/json',
    ...(authorization ? { authorization } : {}),
  });
  const bearer = `Bearer ${token}`;
  const hookPath = '/cds-services/patient-synopsis';
  const rawBody = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"hook":',
      '\u0000',
      '[]',
      'null',
      '"x"',
      '1e999999',
      `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
      `{"prefetch":{"patient":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    ),
  );
  const anyPath = fc.constantFrom(
    hookPath,
    `${hookPath}/feedback`,
    '/api/panel/synopsis',
    '/api/panel/feedback',
  );
  const sent: fc.Arbitrary<Sent> = fc.oneof(
    mutationsOf(hook).map((v) => json(hookPath, v)),
    mutationsOf(cdsFeedback).map((v) => json(`${hookPath}/feedback`, v)),
    mutationsOf(panelBody).map((v) => json('/api/panel/synopsis', v, bearer)),
    mutationsOf(panelFeedback).map((v) => json('/api/panel/feedback', v, bearer)),
    fc.tuple(anyPath, fc.jsonValue()).map(([p, v]) => json(p, v, bearer)),
    fc.tuple(anyPath, hostileValue).map(([p, v]) => json(p, v, bearer)),
    fc
      .tuple(
        anyPath,
        rawBody,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/fhir+json; charset=utf-16',
        ),
      )
      .map(([path, body, contentType]) => ({ path, body, contentType, authorization: bearer })),
    // Hostile service ids and bearer headers.
    fc.string({ maxLength: 40 }).map((id) => json(`/cds-services/${encodeURIComponent(id)}`, hook)),
    fc
      .oneof(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('Bearer ', 'Bearer a b', `Bearer ${'a'.repeat(9000)}`),
      )
      .map((auth) => json('/api/panel/synopsis', panelBody, auth.replace(/[\r\n]/g, ''))),
  );

  const send = async (s: Sent): Promise<Answer> => {
    const res = await fetch(`${h.service.url}${s.path}`, {
      method: 'POST',
      headers: {
        'content-type': s.contentType,
        ...(s.authorization ? { authorization: s.authorization } : {}),
      },
      body: s.body,
    });
    return { status: res.status, text: await res.text() };
  };

  const details = await fc.check(
    fc.asyncProperty(sent, async (s) => {
      const feedbackBefore = h.store.feedback.length;
      let answer: Answer;
      try {
        answer = await send(s);
      } catch (err) {
        // An invalid header value is refused by fetch itself: not an input the service ever sees.
        if (
          err instanceof TypeError &&
          /header/i.test(err.cause instanceof Error ? err.cause.message : err.message)
        )
          return;
        throw err;
      }
      report.inputs++;
      report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
      const where = `${s.path} ${s.contentType} ${s.body.slice(0, 120)}`;
      if (answer.status >= 500 && !(answer.status === 502 && s.path.startsWith('/api/panel'))) {
        throw new Error(`${answer.status} for ${where}: ${answer.text.slice(0, 200)}`);
      }
      if (INTERNALS.test(answer.text)) {
        throw new Error(`internals in the answer for ${where}: ${answer.text.slice(0, 300)}`);
      }
      if (answer.status >= 400) {
        const body = JSON.parse(answer.text) as { error?: unknown; message?: unknown };
        if (typeof body.error !== 'string' || typeof body.message !== 'string')
          throw new Error(`${answer.status} without error and message for ${where}`);
        if (h.store.feedback.length !== feedbackBefore)
          throw new Error(`a rejected call (${answer.status}) stored feedback: ${where}`);
      }
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }), endOnFailure: true },
  );
  if (details.failed) {
    report.failures.push(
      `${details.errorInstance instanceof Error ? details.errorInstance.message : 'failed'} (seed ${details.seed})`,
    );
  }
  const health = await fetch(`${h.service.url}/healthz`);
  if (health.status !== 200)
    report.failures.push(`healthz answered ${health.status} after fuzzing`);
  if (({} as Record<string, unknown>).polluted !== undefined)
    report.failures.push('Object.prototype was polluted');
  return report;
}
