import { describe, expect, it } from 'vitest';
import { conceptText, describeResource, readableNumber } from './describe-resource';

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
  it('shows an Observation by code display, value with unit, date, interpretation and status', () => {
    const view = describeResource({
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
      valueQuantity: { value: 8.2, unit: '%' },
      effectiveDateTime: '2024-03-05T10:00:00Z',
      interpretation: [{ coding: [{ code: 'H', display: 'High' }] }],
    });
    expect(view?.title).toBe('Hemoglobin A1c');
    expect(view?.rows).toEqual([
      { label: 'Value', value: '8.2 %' },
      { label: 'Interpretation', value: 'High' },
      { label: 'Date', value: '2024-03-05' },
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
      { label: 'Date', value: '2019-01-01' },
      { label: 'Status', value: 'active' },
    ]);
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
