import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildMedicationAlerts } from './medication-safety';
import { condition, medication, NOW, observation, patient, record } from './test-records';

// NOW is 2024-06-01.
const SCT = 'http://snomed.info/sct';
const pregnant = (onset = '2024-03-01') =>
  condition('77386006', 'Pregnancy', 'active', { onsetDateTime: onset });
const status = (answer: string, date: string) =>
  observation('82810-3', 0, '', date, {
    valueQuantity: undefined,
    valueCodeableConcept: { coding: [{ system: SCT, code: answer }] },
  });
const lisinopril = () => medication('lisinopril 10 MG Oral Tablet');
const atorvastatin = () => medication('atorvastatin 20 MG Oral Tablet');
const ids = (...resources: Parameters<typeof record>) =>
  buildMedicationAlerts(buildContext(record(...resources), NOW))
    .filter((a) => a.id.startsWith('pregnancy-'))
    .map((a) => `${a.id}:${a.severity}`);

describe('drugs to avoid in pregnancy', () => {
  it('an ACE inhibitor and a statin in a pregnant patient: critical and information', () => {
    expect(ids(pregnant(), lisinopril(), atorvastatin())).toEqual([
      'pregnancy-raas:critical',
      'pregnancy-statin:info',
    ]);
  });

  it.each([
    ['warfarin sodium 5 MG Oral Tablet', 'pregnancy-warfarin:critical'],
    ['valproic acid 250 MG Oral Capsule', 'pregnancy-valproate:critical'],
    ['isotretinoin 20 MG Oral Capsule', 'pregnancy-isotretinoin:critical'],
    ['losartan potassium 50 MG Oral Tablet', 'pregnancy-raas:critical'],
  ])('%s during pregnancy: %s', (drug, expected) => {
    expect(ids(pregnant(), medication(drug))).toEqual([expected]);
  });

  it('a pregnancy-status observation "pregnant" counts; a later "not pregnant" ends it', () => {
    expect(ids(status('77386006', '2024-05-01'), lisinopril())).toEqual([
      'pregnancy-raas:critical',
    ]);
    expect(
      ids(status('77386006', '2024-02-01'), status('60001007', '2024-05-01'), lisinopril()),
    ).toEqual([]);
  });

  it.each([
    ['a pregnancy recorded over 280 days ago', () => [pregnant('2023-05-01')]],
    [
      'a resolved pregnancy',
      () => [condition('77386006', 'Pregnancy', 'resolved', { onsetDateTime: '2024-03-01' })],
    ],
    [
      'a miscarriage (not a current pregnancy)',
      () => [
        condition('19169002', 'Miscarriage in first trimester', 'active', {
          onsetDateTime: '2024-03-01',
        }),
      ],
    ],
    ['no pregnancy at all', () => []],
  ])('no alert: an ACE inhibitor with %s', (_why, resources) => {
    expect(ids(...resources(), lisinopril())).toEqual([]);
  });

  it('no alert for a male patient with a stray pregnancy code', () => {
    expect(ids(patient('1980-01-01', 'male'), pregnant(), lisinopril())).toEqual([]);
  });
});
