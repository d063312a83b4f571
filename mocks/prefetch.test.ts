import { describe, expect, it } from 'vitest';
import { runPrefetch } from './prefetch';

const BASE = 'http://ehr.test/fhir';

/** A FHIR server double: answers by URL, fails loudly on anything it was not told about. */
function fakeFhir(answers: Record<string, number | 'network-error'>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const impl: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers[url];
    if (answer === undefined) throw new Error(`unexpected request ${url}`);
    if (answer === 'network-error') return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve(
      new Response(JSON.stringify({ resourceType: 'Bundle', url }), { status: answer }),
    );
  };
  return { calls, impl };
}

describe('runPrefetch', () => {
  it('fills each template, runs it with the EHR headers, and keys the answers', async () => {
    const fhir = fakeFhir({
      [`${BASE}/Patient/p1`]: 200,
      [`${BASE}/Practitioner/dr`]: 200,
    });
    const prefetch = await runPrefetch(
      { patient: 'Patient/{{context.patientId}}', user: 'Practitioner/{{userPractitionerId}}' },
      { patientId: 'p1', userId: 'Practitioner/dr' },
      BASE,
      { authorization: 'Bearer t' },
      fhir.impl,
    );
    expect(Object.keys(prefetch).sort()).toEqual(['patient', 'user']);
    expect(prefetch.patient).toEqual({ resourceType: 'Bundle', url: `${BASE}/Patient/p1` });
    expect(fhir.calls.every((c) => c.headers.authorization === 'Bearer t')).toBe(true);
    expect(fhir.calls.every((c) => c.headers.accept === 'application/fhir+json')).toBe(true);
  });

  it.each<[string, Record<string, string>, Record<string, number | 'network-error'>, unknown]>([
    [
      'leaves out a template the context cannot fill (no request sent)',
      { user: 'Patient/{{userPatientId}}' },
      {},
      {},
    ],
    [
      'sends null for a query the server refuses',
      { patient: 'Patient/{{context.patientId}}' },
      { [`${BASE}/Patient/p1`]: 404 },
      { patient: null },
    ],
    [
      'sends null for a query that fails on the network',
      { patient: 'Patient/{{context.patientId}}' },
      { [`${BASE}/Patient/p1`]: 'network-error' },
      { patient: null },
    ],
  ])('%s', async (_name, templates, answers, expected) => {
    const fhir = fakeFhir(answers);
    const prefetch = await runPrefetch(
      templates,
      { patientId: 'p1', userId: 'Practitioner/dr' },
      BASE,
      {},
      fhir.impl,
    );
    expect(prefetch).toEqual(expected);
  });
});
