import { describe, expect, it } from 'vitest';
import { conceptText, describeResource, humanName, readableNumber } from './describe-resource';

describe('conceptText', () => {
  it.each([
    [{ text: 'Hypertension', coding: [{ display: 'x' }] }, 'Hypertension'],
    [{ coding: [{ system: 's', code: '1' }, { display: 'Second display' }] }, 'Second display'],
    [{ coding: [{ system: 'http://loinc.org', code: '4548-4' }] }, '4548-4 (http://loinc.org)'],
    [{}, undefined],
    ['text', undefined],
  ])('%j -> %s', (concept, expected) => {
    expect(conceptText(concept)).toBe(expected);
  });
});

describe('describeResource', () => {
  it('shows an Observation by code display: value with unit, range, flag, date taken, status', () => {
    const view = describeResource({
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
      valueQuantity: { value: 8.2, unit: '%' },
      effectiveDateTime: '2024-03-05T10:00:00Z',
      interpretation: [{ coding: [{ code: 'H', display: 'High' }] }],
      referenceRange: [{ low: { value: 4, unit: '%' }, high: { value: 5.6, unit: '%' } }],
    });
    expect(view?.title).toBe('Hemoglobin A1c');
    expect(view?.rows).toEqual([
      { label: 'Value', value: '8.2 %' },
      { label: 'Reference range', value: '4 % – 5.6 %' },
      { label: 'Flag', value: 'High' },
      { label: 'Taken', value: '2024-03-05' },
      { label: 'Status', value: 'final' },
    ]);
  });

  it('shows blood pressure components', () => {
    const view = describeResource({
      resourceType: 'Observation',
      id: 'bp',
      code: { text: 'Blood pressure' },
      component: [
        { code: { text: 'Systolic' }, valueQuantity: { value: 150, unit: 'mm[Hg]' } },
        { code: { text: 'Diastolic' }, valueQuantity: { value: 95, unit: 'mm[Hg]' } },
      ],
    });
    expect(view?.rows[0]).toEqual({
      label: 'Value',
      value: 'Systolic: 150 mm[Hg]; Diastolic: 95 mm[Hg]',
    });
  });

  it('shows a Condition with its clinical status and onset', () => {
    const view = describeResource({
      resourceType: 'Condition',
      id: 'c1',
      code: { text: 'Type 2 diabetes' },
      clinicalStatus: { coding: [{ code: 'active' }] },
      onsetDateTime: '2019-01-01',
    });
    expect(view?.rows).toEqual([
      { label: 'Clinical status', value: 'active' },
      { label: 'Onset', value: '2019-01-01' },
    ]);
  });

  it('shows a MedicationRequest with its dose, prescription date and prescriber', () => {
    const view = describeResource({
      resourceType: 'MedicationRequest',
      id: 'm1',
      status: 'active',
      medicationCodeableConcept: { text: 'lisinopril 20 MG Oral Tablet' },
      authoredOn: '2022-04-15T09:00:00Z',
      requester: { reference: 'Practitioner/x', display: 'Dr. Example' },
      dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }] }],
    });
    expect(view?.title).toBe('lisinopril 20 MG Oral Tablet');
    expect(view?.rows).toEqual([
      { label: 'Dose', value: '1 tablet' },
      { label: 'Status', value: 'active' },
      { label: 'Prescribed', value: '2022-04-15' },
      { label: 'Prescriber', value: 'Dr. Example' },
    ]);
  });

  it("labels a Patient's birth date as such, and names them by the HumanName rules", () => {
    const view = describeResource({
      resourceType: 'Patient',
      id: 'p1',
      gender: 'female',
      birthDate: '1950-02-03',
      name: [
        { use: 'old', given: ['Maiden'], family: 'Name' },
        { use: 'official', given: ['Ana', 'Maria'], family: 'Lopez' },
      ],
    });
    expect(view?.title).toBe('Ana Maria Lopez');
    expect(view?.rows).toEqual([
      { label: 'Born', value: '1950-02-03' },
      { label: 'Sex', value: 'female' },
    ]);
    // The banner reads these facts, not the rows' labels.
    expect(view?.patient).toEqual({ gender: 'female', birthDate: '1950-02-03' });
    expect(describeResource({ resourceType: 'Patient', id: 'p2' })?.patient).toEqual({});
    expect(describeResource({ resourceType: 'Observation', id: 'o1' })?.patient).toBeUndefined();
  });

  it('refuses what is not a resource', () => {
    expect(describeResource(null)).toBeUndefined();
    expect(describeResource({ resourceType: 'Observation' })).toBeUndefined();
  });
});

describe('readableNumber', () => {
  it.each([
    [30.258081738079742, '30.26'],
    [152, '152'],
    [0.0123456, '0.0123'],
    [1234.5678, '1235'],
    [-2.55555, '-2.556'],
  ])('%d reads as %s', (n, text) => {
    expect(readableNumber(n)).toBe(text);
  });
});

describe('humanName', () => {
  it.each([
    [[{ text: 'Josue Sipes', given: ['Josue663'], family: 'Sipes176' }], 'Josue Sipes'],
    [
      [
        { use: 'nickname', given: ['Jo'] },
        { use: 'usual', given: ['Joan'], family: 'Q' },
      ],
      'Joan Q',
    ],
    [[{ given: ['A'], family: 'B' }], 'A B'],
    [[], undefined],
  ])('%j -> %s', (name, expected) => {
    expect(humanName({ name })).toBe(expected);
  });
});
