import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { Synopsis } from '../contract/synopsis';
import { collectResources, normalise } from '../fhir/record';
import { runEngine } from './engine';
import { PATIENT_ID, NOW } from './test-records';

const files = readdirSync(SYNTHEA_DIR).filter((f) => f.endsWith('.json'));

function evidenceOf(s: Synopsis): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'reference' && key === 'evidence' && typeof x === 'string') out.push(x);
        else walk(x, k);
      }
    }
  };
  walk(s);
  return out;
}

describe.each(files)('engine on fixture %s', (file) => {
  const input: unknown = JSON.parse(readFileSync(join(SYNTHEA_DIR, file), 'utf8'));
  const patient = collectResources(input).find((r) => r.resourceType === 'Patient');
  const id = typeof patient?.id === 'string' ? patient.id : '';
  const now = new Date('2025-08-01T00:00:00Z');
  const record = normalise(input, id, now);
  const synopsis = runEngine(record, now);

  it('matches the Synopsis schema', () => {
    expect(Synopsis.safeParse(synopsis).success).toBe(true);
  });

  it('cites only resources of the record', () => {
    const refs = evidenceOf(synopsis);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !record.resources.has(r))).toEqual([]);
  });

  it('shows every active condition, active medication order and allergy', () => {
    const shown = new Set(
      [...synopsis.problems, ...synopsis.medications, synopsis.allergies].flatMap((x) =>
        x.evidence.map((e) => e.reference),
      ),
    );
    const expected = [
      ...record.conditions.filter((c) => c.clinicalStatus === 'active').map((c) => c.reference),
      ...record.medications.filter((m) => m.active).map((m) => m.reference),
      ...record.allergies.filter((a) => a.active).map((a) => a.reference),
    ];
    expect(expected.filter((r) => !shown.has(r))).toEqual([]);
  });
});

describe('engine on bad input', () => {
  it.each([
    ['an empty record', {}],
    [
      'garbage values',
      {
        a: [1, 'x', null, { resourceType: 'Observation' }],
        b: { resourceType: 'Condition', id: 'c', code: 5 },
      },
    ],
    [
      'impossible and unknown-unit values',
      [
        { resourceType: 'Patient', id: PATIENT_ID, birthDate: '3000-01-01', gender: 'robot' },
        {
          resourceType: 'Observation',
          id: 'w',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
          effectiveDateTime: '2024-01-01',
          valueQuantity: { value: -70, unit: 'kg' },
        },
        {
          resourceType: 'Observation',
          id: 'g',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
          effectiveDateTime: '2024-01-01',
          valueQuantity: { value: 5, unit: 'furlongs' },
        },
        { resourceType: 'MedicationRequest', id: 'm', status: 'active' },
      ],
    ],
  ])('never throws on %s and still yields a valid synopsis', (_name, input) => {
    const synopsis = runEngine(normalise(input, PATIENT_ID, NOW), NOW);
    expect(Synopsis.safeParse(synopsis).success).toBe(true);
  });

  it('reports impossible values and unknown units without patient values', () => {
    const input = [
      { resourceType: 'Patient', id: PATIENT_ID },
      {
        resourceType: 'Observation',
        id: 'w',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
        effectiveDateTime: '2024-01-01',
        valueQuantity: { value: -70, unit: 'kg' },
      },
      {
        resourceType: 'Observation',
        id: 'g',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '2345-7' }] },
        effectiveDateTime: '2024-01-01',
        valueQuantity: { value: 5, unit: 'furlongs' },
      },
    ];
    const notes = runEngine(normalise(input, PATIENT_ID, NOW), NOW).dataQuality;
    expect(notes).toEqual([
      'Body weight results outside the plausible range were left out.',
      'Glucose results in a unit the engine does not know were left out.',
    ]);
  });
});
