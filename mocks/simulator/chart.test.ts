import { describe, expect, it } from 'vitest';
import type { StoredResource } from '../fhir-server/store';
import { buildChart, unitText } from './chart';

const NOW = new Date('2026-06-01T00:00:00Z');
const patient: StoredResource = {
  resourceType: 'Patient',
  id: 'p1',
  gender: 'female',
  birthDate: '1950-06-02',
};
const subject = { reference: 'Patient/p1' };
const status = (code: string) => ({ coding: [{ code }] });
const loinc = (code: string, display: string) => ({
  coding: [{ system: 'http://loinc.org', code, display }],
});
const lab = (
  id: string,
  code: string,
  text: string,
  value: number,
  unit: string,
  date: string,
) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject,
  category: [{ coding: [{ code: 'laboratory' }] }],
  code: loinc(code, text),
  effectiveDateTime: date,
  valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
});

describe('the mock EHR chart, read from its own resources', () => {
  const chart = buildChart(
    [
      patient,
      {
        resourceType: 'Condition',
        id: 'c1',
        subject,
        clinicalStatus: status('active'),
        code: { text: 'Heart failure (disorder)' },
        onsetDateTime: '2020-01-01',
      },
      {
        resourceType: 'Condition',
        id: 'c2',
        subject,
        clinicalStatus: status('resolved'),
        code: { text: 'Appendicitis (disorder)' },
      },
      {
        resourceType: 'Condition',
        id: 'c3',
        subject,
        clinicalStatus: status('active'),
        code: { text: 'Full-time employment (finding)' },
      },
      lab('o1', '2160-0', 'Creatinine', 1.2, 'mg/dL', '2026-05-01'),
      lab('o2', '2160-0', 'Creatinine', 0.9, 'mg/dL', '2025-05-01'),
      lab('o3', '718-7', 'Hemoglobin', 12.5, 'g/dL', '2026-04-01'),
      {
        ...lab('o4', '2951-2', 'Sodium', 131, 'mmol/L', '2026-03-01'),
        interpretation: [status('LL')],
      },
      { resourceType: 'Medication', id: 'm1', code: { text: 'warfarin 5 MG Oral Tablet' } },
      {
        resourceType: 'MedicationRequest',
        id: 'mr1',
        status: 'active',
        subject,
        medicationReference: { reference: 'Medication/m1' },
      },
      {
        resourceType: 'MedicationRequest',
        id: 'mr2',
        status: 'stopped',
        subject,
        medicationCodeableConcept: { text: 'naproxen 220 MG' },
      },
      {
        resourceType: 'AllergyIntolerance',
        id: 'a1',
        patient: subject,
        code: {
          coding: [{ system: 'http://snomed.info/sct', code: '716186003' }],
          text: 'No known allergy',
        },
      },
    ],
    'Ana Lopez',
    NOW,
  );

  it('shows the banner, active clinical problems and active drugs (a referenced Medication too)', () => {
    expect(chart.patient).toMatchObject({ name: 'Ana Lopez', sex: 'female', ageYears: 75 });
    expect(chart.problems).toEqual([{ text: 'Heart failure', onset: '2020-01-01' }]);
    expect(chart.medications).toEqual(['warfarin 5 MG Oral Tablet']);
    expect(chart.allergies).toEqual([]);
  });

  it('shows the newest of each result, flagged by the result itself or by the lab by sex', () => {
    expect(chart.results.map((r) => [r.text, r.value, r.flag, r.date])).toEqual([
      ['Creatinine', '1.2 mg/dL', 'H', '2026-05-01'],
      ['Hemoglobin', '12.5 g/dL', null, '2026-04-01'],
      ['Sodium', '131 mmol/L', 'LL', '2026-03-01'],
    ]);
    const male = buildChart(
      [
        { ...patient, gender: 'male' },
        lab('o3', '718-7', 'Hemoglobin', 12.5, 'g/dL', '2026-04-01'),
      ],
      'x',
      NOW,
    );
    expect(male.results[0]?.flag).toBe('L');
  });
});

describe('units as people read them', () => {
  it.each([
    ['mL/min/{1.73_m2}', ' mL/min/1.73 m2'],
    ['mm[Hg]', ' mmHg'],
    ['10*3/uL', ' 10^3/uL'],
    ['{score}', ''],
    ['1', ''],
    ['mg/dL', ' mg/dL'],
  ])('%s reads as "%s"', (ucum, text) => {
    expect(unitText(ucum)).toBe(text);
  });
});

describe('the banner age', () => {
  it('counts whole years by calendar, the birthday itself included', () => {
    const age = (born: string, on: string) =>
      buildChart([{ ...patient, birthDate: born }], 'x', new Date(`${on}T01:00:00Z`)).patient
        .ageYears;
    expect(age('1950-06-02', '2026-06-01')).toBe(75);
    expect(age('1950-06-02', '2026-06-02')).toBe(76);
    expect(age('2024-02-29', '2025-02-28')).toBe(0);
    // A year of 365 days is a whole year (a 365.25-day year would say 0 here).
    expect(age('2001-03-01', '2002-03-01')).toBe(1);
  });
});
