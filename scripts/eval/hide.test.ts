import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../cds-service/fhir/codes';
import { CONDITION_BY_ID } from '../../cds-service/synopsis/kb/conditions';
import { observation } from '../../cds-service/synopsis/test-records';
import { cutAt, diagnosingEncounters, hideCondition, onsetOf, withoutMedications } from './hide';
import type { BundleJson, JsonObject } from './json';
import { findLeaks } from './leaks';

const diabetes = CONDITION_BY_ID.get('diabetes');
if (!diabetes) throw new Error('diabetes missing from the knowledge base');

const T0 = '2020-03-01T10:00:00Z';
const T1 = '2021-05-01T10:00:00Z';
const T1_PLUS_1MS = '2021-05-01T10:00:00.001Z';
const T1_LATER = '2021-05-01T12:30:00Z';
const dmCode = { coding: [{ system: SYSTEMS.snomed, code: '44054006' }] };
const htnCode = { coding: [{ system: SYSTEMS.snomed, code: '59621000' }] };

/** A small record in which type 2 diabetes leaks through every path the issue names. */
function record(): BundleJson {
  // The engine's test builders make plain JSON resources; the surgery reads them as such.
  const r = (resource: object) => ({ resource: resource as JsonObject });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      r({ resourceType: 'Patient', id: 'p' }),
      r({
        resourceType: 'Condition',
        id: 'dm',
        code: dmCode,
        onsetDateTime: T1,
        encounter: { reference: 'Encounter/e1' },
      }),
      r({ resourceType: 'Condition', id: 'htn', code: htnCode, onsetDateTime: T0 }),
      r(observation('4548-4', 6.1, '%', T0, { id: 'a1c-before' })),
      r(observation('4548-4', 7.2, '%', T1, { id: 'a1c-at' })),
      // Resulted later at the diagnosing encounter, and a moment after onset elsewhere.
      r(
        observation('2345-7', 182, 'mg/dL', T1_LATER, {
          id: 'glucose-at-encounter',
          encounter: { reference: 'Encounter/e1' },
        }),
      ),
      r(observation('2345-7', 150, 'mg/dL', T1_PLUS_1MS, { id: 'glucose-elsewhere' })),
      r({
        resourceType: 'MedicationRequest',
        id: 'metformin',
        status: 'active',
        authoredOn: T1,
        medicationCodeableConcept: { text: 'metformin 500 MG Oral Tablet' },
        reasonReference: [{ reference: 'Condition/dm' }],
      }),
      r({
        resourceType: 'Encounter',
        id: 'e1',
        period: { start: T1 },
        reasonCode: [dmCode, htnCode],
        diagnosis: [{ condition: { reference: 'Condition/dm' } }],
      }),
      r({ resourceType: 'CarePlan', id: 'cp', addresses: [{ reference: 'Condition/dm' }] }),
      r({
        resourceType: 'Claim',
        id: 'claim',
        created: T1,
        diagnosis: [{ sequence: 1, diagnosisReference: { reference: 'Condition/dm' } }],
      }),
      r({
        resourceType: 'DiagnosticReport',
        id: 'dr',
        effectiveDateTime: T1,
        conclusion: 'Findings consistent with diabetes mellitus type 2',
      }),
      r({
        resourceType: 'DocumentReference',
        id: 'note',
        content: [
          {
            attachment: {
              data: Buffer.from('Assessment: type 2 diabetes mellitus').toString('base64'),
            },
          },
        ],
      }),
    ],
  };
}

const ids = (b: BundleJson): string[] =>
  b.entry.map((e) => (typeof e.resource.id === 'string' ? e.resource.id : ''));
const byId = (b: BundleJson, id: string): JsonObject | undefined =>
  b.entry.find((e) => e.resource.id === id)?.resource;

describe('hideCondition', () => {
  it('removes the condition and every path that names it, keeping the evidence', () => {
    const original = record();
    expect(findLeaks(original, diabetes).length).toBeGreaterThan(3);
    const hidden = hideCondition(original, diabetes);
    expect(findLeaks(hidden, diabetes)).toEqual([]);
    expect(ids(hidden)).not.toContain('dm');
    expect(ids(hidden)).not.toContain('cp');
    expect(ids(hidden)).not.toContain('note');
    // Results, the medication itself and the other condition stay: they are what the engine reads.
    expect(ids(hidden)).toEqual(
      expect.arrayContaining(['htn', 'a1c-before', 'a1c-at', 'metformin', 'e1']),
    );
    expect(byId(hidden, 'metformin')?.reasonReference).toEqual([]);
    expect(byId(hidden, 'e1')?.reasonCode).toEqual([htnCode]);
    expect(byId(hidden, 'dr')?.conclusion).toBeUndefined();
    // The input is not modified.
    expect(ids(original)).toContain('dm');
  });
});

describe('cutAt', () => {
  const t1 = Date.parse(T1);

  it('keeps what was dated before the cut and undated resources', () => {
    expect(ids(cutAt(record(), t1))).toEqual(['p', 'htn', 'a1c-before', 'cp', 'note']);
  });

  it('at the diagnosing encounter keeps its results, not its orders nor later results', () => {
    const encounters = diagnosingEncounters(record(), diabetes);
    expect([...encounters]).toEqual(['Encounter/e1']);
    const cut = ids(cutAt(record(), t1, { encounters }));
    // Results of that encounter, and results of that instant that name no encounter.
    expect(cut).toEqual(expect.arrayContaining(['a1c-at', 'dr', 'glucose-at-encounter']));
    expect(cut).not.toContain('glucose-elsewhere');
    expect(cut).not.toContain('metformin');
    expect(cut).not.toContain('e1');
    expect(cut).not.toContain('claim');
  });

  it('finds the earliest onset of the condition', () => {
    expect(onsetOf(record(), diabetes)).toBe(t1);
  });
});

describe('withoutMedications', () => {
  it('drops medication resources only', () => {
    const out = ids(withoutMedications(record()));
    expect(out).not.toContain('metformin');
    expect(out.length).toBe(record().entry.length - 1);
  });
});
