/**
 * A MedicationRequest that names its drug by `medicationReference`, as Epic and Oracle Health send
 * it: the service's prefetch template includes the Medication, the mock FHIR server returns it with
 * `search.mode: include`, and the normaliser reads the drug and its class from it. Real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';
import { completePrefetch, REFERENCED_MEDICATIONS } from '../cds-service/hooks/complete-prefetch';
import { createFhirClient } from '../cds-service/fhir-client/fhir-client';
import { normalise } from '../cds-service/fhir/record';
import { buildContext } from '../cds-service/synopsis/context';
import { createMockEhr } from '../mocks/ehr-app';
import { loadFixtureStore } from '../mocks/fixtures';
import { runPrefetch } from '../mocks/prefetch';
import { FIXED_NOW, PATIENTS } from './support/fixtures';
import { getJson, startServer, type RunningServer } from './support/server';

const PATIENT = PATIENTS.smallHypertension;
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

let ehr: RunningServer;
let fhirBase: string;

beforeAll(async () => {
  const store = loadFixtureStore();
  // Coded only, no display and no text: the class comes from the RxNorm code.
  store.put({
    resourceType: 'Medication',
    id: 'med-warfarin-5',
    code: { coding: [{ system: RXNORM, code: '855332' }] },
  });
  store.put({
    resourceType: 'MedicationRequest',
    id: 'mr-warfarin',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${PATIENT}` },
    authoredOn: '2024-01-10',
    medicationReference: { reference: 'Medication/med-warfarin-5' },
  });
  ehr = await startServer(createMockEhr({ store }));
  fhirBase = `${ehr.url}/fhir`;
});
afterAll(() => ehr.close());

describe('medications named by reference', () => {
  it('come with the prefetch and are read with their drug class', async () => {
    const prefetch = await runPrefetch(
      PATIENT_VIEW_PREFETCH,
      { patientId: PATIENT, userId: 'Practitioner/example' },
      fhirBase,
    );
    const entries = (prefetch.medications as { entry: { fullUrl: string; search: unknown }[] })
      .entry;
    expect(entries).toContainEqual(
      expect.objectContaining({
        fullUrl: `${fhirBase}/Medication/med-warfarin-5`,
        search: { mode: 'include' },
      }),
    );

    const record = normalise(prefetch, PATIENT, FIXED_NOW);
    const warfarin = record.medications.find(
      (m) => m.reference === 'MedicationRequest/mr-warfarin',
    );
    expect(warfarin?.active).toBe(true);
    const ctx = buildContext(record, FIXED_NOW);
    expect(ctx.activeClasses.get('warfarin')?.map((m) => m.reference)).toEqual([
      'MedicationRequest/mr-warfarin',
    ]);
  });

  it('without the _include the same request is skipped with its reason, not lost silently', async () => {
    const without = {
      ...PATIENT_VIEW_PREFETCH,
      medications: `MedicationRequest?patient={{context.patientId}}`,
    };
    const prefetch = await runPrefetch(without, { patientId: PATIENT }, fhirBase);
    const record = normalise(prefetch, PATIENT, FIXED_NOW);
    expect(record.medications.map((m) => m.reference)).not.toContain(
      'MedicationRequest/mr-warfarin',
    );
    expect(record.coverage.skipped['medication not readable']).toBe(1);
  });

  it('without the _include, the service reads the referenced Medication itself and classes the drug', async () => {
    const without = {
      ...PATIENT_VIEW_PREFETCH,
      medications: `MedicationRequest?patient={{context.patientId}}`,
    };
    // The EHR's prefetch lacks the Medication; the service has the FHIR server to ask.
    const prefetch = await runPrefetch(without, { patientId: PATIENT }, fhirBase);
    const completion = await completePrefetch(
      PATIENT_VIEW_PREFETCH,
      prefetch,
      { patientId: PATIENT },
      createFhirClient({
        baseUrl: fhirBase,
        accessToken: undefined,
        signal: AbortSignal.timeout(5000),
        maxResources: 5000,
      }),
    );
    expect(completion.fetched).toEqual([REFERENCED_MEDICATIONS]);
    const ctx = buildContext(normalise(completion.data, PATIENT, FIXED_NOW), FIXED_NOW);
    expect(ctx.activeClasses.get('warfarin')?.map((m) => m.reference)).toEqual([
      'MedicationRequest/mr-warfarin',
    ]);
  });

  it('an _include the server does not support is ignored, or under strict handling refused with what it supports', async () => {
    const path = `${fhirBase}/MedicationRequest?_include=MedicationRequest:requester`;
    const lenient = await getJson(path);
    expect(lenient.status).toBe(200);
    const bundle = lenient.body as { link: { relation: string; url: string }[] };
    expect(bundle.link.find((l) => l.relation === 'self')?.url).not.toContain('_include');
    const res = await getJson(path, { headers: { prefer: 'handling=strict' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('MedicationRequest:medication');
  });
});
