import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startServer, type RunningServer } from '../../tests/support/server';
import { createMockEhr } from '../ehr-app';
import { loadFixtureStore } from '../fixtures';

// Liz Conn (36 observations) and Josue Sipes (662): small and large synthetic patients.
const SMALL = 'ee9f8dd8-72d2-4769-8020-89e504b1504b';
const LARGE = 'bd6f9f37-7295-4cd6-b212-134afcef1253';

interface SearchBundle {
  resourceType: string;
  type: string;
  total: number;
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: Record<string, unknown> & { id: string } }[];
}
interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string }[];
}

let server: RunningServer;
let fhir: string;
beforeAll(async () => {
  server = await startServer(createMockEhr({ store: loadFixtureStore() }));
  fhir = `${server.url}/fhir`;
});
afterAll(() => server.close());

const search = async (query: string) => {
  const res = await getJson(`${fhir}/${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as SearchBundle;
};

async function allPages(query: string): Promise<SearchBundle['entry'] & object> {
  const entries: NonNullable<SearchBundle['entry']> = [];
  let url: string | undefined = `${fhir}/${query}`;
  for (let page = 0; url && page < 100; page++) {
    const res = await getJson(url);
    const bundle = res.body as SearchBundle;
    entries.push(...(bundle.entry ?? []));
    url = bundle.link.find((l) => l.relation === 'next')?.url;
  }
  return entries;
}

describe('mock FHIR server', () => {
  it('serves a CapabilityStatement listing the searchable types', async () => {
    const { status, body, headers } = await getJson(`${fhir}/metadata`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/fhir+json');
    const cs = body as {
      resourceType: string;
      fhirVersion: string;
      rest: { resource: { type: string }[] }[];
    };
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const types = cs.rest[0]?.resource.map((r) => r.type);
    for (const t of [
      'Patient',
      'Condition',
      'Observation',
      'MedicationRequest',
      'AllergyIntolerance',
      'Encounter',
      'Procedure',
      'Immunization',
      'DiagnosticReport',
      'CarePlan',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('reads a resource by id, with urn:uuid references rewritten to Type/id', async () => {
    const conditions = await search(`Condition?patient=${SMALL}`);
    const first = conditions.entry?.[0]?.resource;
    expect(first).toBeDefined();
    expect((first?.subject as { reference: string }).reference).toBe(`Patient/${SMALL}`);
    const { status, body } = await getJson(`${fhir}/Condition/${first?.id ?? ''}`);
    expect(status).toBe(200);
    expect(body).toEqual(first);
  });

  it('searches by patient and by subject with the same result', async () => {
    const byPatient = await search(`Condition?patient=${SMALL}`);
    const bySubject = await search(`Condition?subject=Patient/${SMALL}`);
    expect(byPatient.total).toBeGreaterThan(0);
    expect(bySubject.total).toBe(byPatient.total);
  });

  it('filters observations by category, code (system|code) and date range', async () => {
    const vitals = await allPages(`Observation?patient=${LARGE}&category=vital-signs&_count=200`);
    const labs = await allPages(`Observation?patient=${LARGE}&category=laboratory&_count=200`);
    const both = await search(
      `Observation?patient=${LARGE}&category=laboratory,vital-signs&_count=0`,
    );
    expect(vitals.length).toBeGreaterThan(0);
    expect(labs.length).toBeGreaterThan(0);
    expect(both.total).toBe(vitals.length + labs.length);
    for (const e of vitals) {
      expect(JSON.stringify(e.resource.category)).toContain('vital-signs');
    }

    const hba1c = await allPages(`Observation?patient=${LARGE}&code=http://loinc.org|4548-4`);
    expect(hba1c.length).toBeGreaterThan(0);
    const wrongSystem = await search(
      `Observation?patient=${LARGE}&code=http://snomed.info/sct|4548-4`,
    );
    expect(wrongSystem.total).toBe(0);

    const from = '2015-01-01';
    const to = '2016-12-31';
    const window = await allPages(
      `Observation?patient=${LARGE}&date=ge${from}&date=le${to}&_count=500`,
    );
    expect(window.length).toBeGreaterThan(0);
    for (const e of window) {
      const when = String(e.resource.effectiveDateTime);
      expect(when >= from && when < '2017-01-01').toBe(true);
    }
  });

  it('sorts by -date and pages with next links that cover every match exactly once', async () => {
    const first = await search(`Observation?patient=${LARGE}&_sort=-date&_count=100`);
    const dates = (first.entry ?? []).map((e) => Date.parse(String(e.resource.effectiveDateTime)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(first.link.some((l) => l.relation === 'next')).toBe(true);

    const all = await allPages(`Observation?patient=${LARGE}&_sort=-date&_count=100`);
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((e) => e.resource.id)).size).toBe(first.total);
    const allDates = all.map((e) => Date.parse(String(e.resource.effectiveDateTime)));
    expect(allDates).toEqual([...allDates].sort((a, b) => b - a));
  });

  it.each([
    ['MedicationRequest', 'patient'],
    ['Encounter', 'patient'],
    ['Procedure', 'patient'],
    ['Immunization', 'patient'],
    ['DiagnosticReport', 'patient'],
    ['CarePlan', 'patient'],
    ['AllergyIntolerance', 'patient'],
  ])('searches %s by %s', async (type, param) => {
    const res = await search(`${type}?${param}=${LARGE}&_count=1000`);
    for (const e of res.entry ?? []) expect(e.resource.resourceType).toBe(type);
    const other = await search(`${type}?${param}=${SMALL}&_count=1000`);
    const ids = new Set((res.entry ?? []).map((e) => e.resource.id));
    for (const e of other.entry ?? []) expect(ids.has(e.resource.id)).toBe(false);
  });

  it.each([
    ['unknown resource type', 'Spaceship/1', 404, 'not-found'],
    ['unknown id', 'Patient/no-such-patient', 404, 'not-found'],
    ['malformed id', 'Patient/has%20space', 400, 'invalid'],
    ['unknown type in search', 'Spaceship?patient=1', 404, 'not-found'],
    ['unsupported parameter (strict)', `Observation?patient=${SMALL}&colour=blue`, 400, 'invalid'],
    ['malformed date', `Observation?patient=${SMALL}&date=yesterday`, 400, 'invalid'],
    ['unsupported date prefix', `Observation?patient=${SMALL}&date=ap2020`, 400, 'invalid'],
    ['non-numeric _count', `Observation?patient=${SMALL}&_count=many`, 400, 'invalid'],
    ['unsupported _sort (strict)', `Observation?patient=${SMALL}&_sort=value`, 400, 'invalid'],
  ])('answers %s with an OperationOutcome', async (_name, path, status, code) => {
    // Unsupported parameters are refused only when the client asks for strict handling.
    const res = await getJson(`${fhir}/${path}`, { headers: { prefer: 'handling=strict' } });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const outcome = res.body as Outcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.code).toBe(code);
    expect(outcome.issue[0]?.diagnostics.length).toBeGreaterThan(10);
  });

  it('ignores unsupported parameters by default and leaves them out of the self link', async () => {
    const res = await getJson(
      `${fhir}/Observation?patient=${SMALL}&colour=blue&_sort:desc=date&_sort=value&_count=5`,
    );
    expect(res.status).toBe(200);
    const bundle = res.body as SearchBundle & { link: { relation: string; url: string }[] };
    const self = new URL(bundle.link.find((l) => l.relation === 'self')?.url ?? '');
    expect([...self.searchParams.keys()].sort()).toEqual(['_count', 'patient']);
    expect(bundle.entry?.length).toBe(5);
    const all = await search(`Observation?patient=${SMALL}&_count=1000`);
    expect(bundle.total).toBe(all.total);
  });
});
