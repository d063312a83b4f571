import { describe, expect, it } from 'vitest';
import { completePrefetch, completionNotes, REFERENCED_MEDICATIONS } from './complete-prefetch';

const templates = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
};

describe('completePrefetch without a FHIR server', () => {
  it('keeps what was sent, names what is missing, and says so in the notes', async () => {
    const patient = { resourceType: 'Patient', id: 'p1' };
    const c = await completePrefetch(
      templates,
      { patient, conditions: null },
      { patientId: 'p1' },
      undefined,
    );
    expect(c.data).toEqual({ patient });
    expect(c.failed.map((f) => f.key)).toEqual(['conditions']);
    expect(completionNotes(c)).toEqual([
      '"conditions" could not be read from the FHIR server; it is missing from this synopsis.',
    ]);
  });

  it('marks a paged prefetch Bundle it cannot follow as partial', async () => {
    const firstPage = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [],
      link: [{ relation: 'next', url: 'https://ehr.example.org/fhir?page=2' }],
    };
    const c = await completePrefetch(
      templates,
      { patient: { resourceType: 'Patient', id: 'p1' }, conditions: firstPage },
      { patientId: 'p1' },
      undefined,
    );
    expect(c.partial).toBe(true);
    expect(completionNotes(c)).toEqual([
      'Some searches stopped early (time or size limit); older data may be missing.',
    ]);
  });
});

describe('Medications referenced by the orders and not brought along', () => {
  const medTemplates = {
    patient: 'Patient/{{context.patientId}}',
    medications: 'MedicationRequest?patient={{context.patientId}}',
  };
  const order = (id: string, reference: string) => ({
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    medicationReference: { reference },
  });
  const prefetch = {
    patient: { resourceType: 'Patient', id: 'p1' },
    medications: {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: order('r1', 'Medication/m1') },
        { resource: order('r2', 'Medication/m2') },
        { resource: order('r3', '#contained') },
        { resource: order('r4', 'https://other.example.org/fhir/Medication/m9') },
        { resource: order('r5', 'Medication/m1/_history/2') },
        { resource: { resourceType: 'Medication', id: 'm2', code: { text: 'lisinopril' } } },
      ],
    },
  };
  const clientWith = (read: (path: string) => Promise<unknown>) => {
    const reads: string[] = [];
    return {
      reads,
      client: {
        read: (path: string) => {
          reads.push(path);
          return read(path);
        },
        search: () => Promise.reject(new Error('not used')),
        continueSearch: () => Promise.reject(new Error('not used')),
      },
    };
  };

  it('reads the missing ones by id (only relative references), and keeps them with the record', async () => {
    const warfarin = { resourceType: 'Medication', id: 'm1', code: { text: 'warfarin 5 MG' } };
    const { client, reads } = clientWith(() => Promise.resolve(warfarin));
    const c = await completePrefetch(medTemplates, prefetch, { patientId: 'p1' }, client);
    expect(reads).toEqual(['Medication/m1']);
    expect(c.fetched).toEqual([REFERENCED_MEDICATIONS]);
    expect(c.data[REFERENCED_MEDICATIONS]).toMatchObject({ entry: [{ resource: warfarin }] });
    expect(c.failed).toEqual([]);
  });

  it('says when one could not be read, and reads nothing without a FHIR server', async () => {
    const { client } = clientWith(() => Promise.reject(new Error('gone')));
    const c = await completePrefetch(medTemplates, prefetch, { patientId: 'p1' }, client);
    expect(c.failed).toEqual([{ key: REFERENCED_MEDICATIONS, reason: '1 of 1 could not be read' }]);
    const offline = await completePrefetch(medTemplates, prefetch, { patientId: 'p1' }, undefined);
    expect(offline.data[REFERENCED_MEDICATIONS]).toBeUndefined();
    expect(offline.failed).toEqual([]);
  });
});
