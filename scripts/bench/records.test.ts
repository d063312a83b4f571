import { describe, expect, it } from 'vitest';
import { normalise } from '../../cds-service/fhir/record';
import { FhirStore } from '../../mocks/fhir-server/store';
import { loadBundle, prefetchFromStore, scaledRecord, TYPICAL_FIXTURE } from './records';

const entriesOf = (v: unknown): { resource: { id: string } }[] =>
  (v as { entry: { resource: { id: string } }[] }).entry;

describe('prefetchFromStore', () => {
  const store = new FhirStore();
  const patient = { resourceType: 'Patient', id: 'p1' };
  const obs = (id: string, category: string, subject = 'Patient/p1') => ({
    resourceType: 'Observation',
    id,
    subject: { reference: subject },
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: category,
          },
        ],
      },
    ],
  });
  store.put(patient);
  store.put(obs('lab', 'laboratory'));
  store.put(obs('imaging', 'imaging'));
  store.put(obs('other-patient', 'laboratory', 'Patient/p2'));

  it('runs the templates with their filters, unpaged, and counts the resources', () => {
    const { prefetch, resources } = prefetchFromStore(store, 'p1', {
      patient: 'Patient/{{context.patientId}}',
      observations: 'Observation?patient={{context.patientId}}&category=laboratory&_count=1',
    });
    expect(prefetch.patient).toEqual(patient);
    expect(entriesOf(prefetch.observations).map((e) => e.resource.id)).toEqual(['lab']);
    expect(resources).toBe(2);
  });
});

describe('scaledRecord', () => {
  it('reaches the target with fresh ids that the normaliser keeps apart', () => {
    const record = scaledRecord(loadBundle(TYPICAL_FIXTURE), 2000);
    expect(record.resources).toBeGreaterThanOrEqual(2000);
    const normalised = normalise(record.prefetch, record.patientId, new Date('2025-01-01'));
    expect(normalised.resources.size).toBe(record.resources);
  });
});
