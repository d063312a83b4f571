import { describe, expect, it } from 'vitest';
import { completePrefetch, completionNotes } from './complete-prefetch';

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
