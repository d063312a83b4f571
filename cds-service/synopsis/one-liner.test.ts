import { describe, expect, it } from 'vitest';
import { runEngine } from './engine';
import { midSentence } from './format';
import { condition, medication, NOW, observation, patient, record } from './test-records';

const multimorbid = () =>
  runEngine(
    record(
      patient('1946-03-01', 'female'),
      // Code order puts the weightless problems first; the one-liner must not.
      condition('38341003', 'Hypertensive disorder'),
      condition('160903007', 'Full-time employment (finding)'),
      condition('15777000', 'Prediabetes (finding)'),
      condition('44054006', 'Diabetes mellitus type 2 (disorder)'),
      condition('49436004', 'Atrial Fibrillation'),
      condition('88805009', 'Chronic congestive heart failure (disorder)'),
      condition('433144002', 'Chronic kidney disease stage 3 (disorder)'),
      medication('Warfarin Sodium 5 MG Oral Tablet', 'active', '855332'),
      medication('insulin glargine 100 UNT/ML Injectable Solution'),
      observation('6301-6', 2.4, '{INR}', '2024-05-20'),
      observation('4548-4', 8.1, '%', '2024-04-02'),
      observation('62238-1', 38, 'mL/min/{1.73_m2}', '2024-04-02'),
      observation('10230-1', 35, '%', '2023-11-10'),
    ),
    NOW,
  );

describe('the one-liner', () => {
  it('ranks problems by clinical weight, not code order, with their numbers and dates', () => {
    const { oneLiner } = multimorbid();
    expect(oneLiner.text).toMatch(
      /^78-year-old female with chronic kidney disease stage 3 \(eGFR 38 mL\/min\/1\.73m2 on 2024-04-02\), diabetes mellitus type 2 \(HbA1c 8\.1% on 2024-04-02\), chronic congestive heart failure \(LV ejection fraction 35% on 2023-11-10\) and atrial fibrillation, among 6 active problems\./,
    );
    // Social context never; prediabetes beside diabetes is not named (still counted).
    expect(oneLiner.text).not.toMatch(/employment|prediabetes/i);
  });

  it('does not name prediabetes when diabetes is said only by a complication ("due to type 2 diabetes")', () => {
    const { oneLiner } = runEngine(
      record(
        patient('1959-03-01', 'female'),
        condition('90781000119102', 'Microalbuminuria due to type 2 diabetes mellitus (disorder)'),
        condition('15777000', 'Prediabetes (finding)'),
        condition('59621000', 'Essential hypertension (disorder)'),
      ),
      NOW,
    );
    expect(oneLiner.text).not.toMatch(/prediabetes/i);
    expect(oneLiner.text).toMatch(/hypertension/i);
  });

  it('names the high-alert medicines, warfarin with its INR, and cites what it names', () => {
    const { oneLiner } = multimorbid();
    expect(oneLiner.text).toContain(' On warfarin (INR 2.4 on 2024-05-20) and insulin.');
    const cited = oneLiner.evidence.map((e) => e.reference);
    expect(cited.filter((r) => r.startsWith('Observation/'))).toHaveLength(4);
    expect(cited.filter((r) => r.startsWith('MedicationRequest/'))).toHaveLength(2);
  });

  it('gives a card headline under 140 characters with the weightiest problems and the drugs', () => {
    const { oneLiner } = multimorbid();
    expect(oneLiner.short).toBe(
      '78-year-old female: chronic kidney disease stage 3, diabetes mellitus type 2 +4 more; on warfarin, insulin',
    );
    expect(oneLiner.short?.length).toBeLessThan(140);
  });

  it('weighs a cancer as Charlson does (any tumour, 2), but not a history of one', () => {
    const s = runEngine(
      record(
        condition('44054006', 'Diabetes mellitus type 2'),
        condition('254837009', 'Malignant neoplasm of breast (disorder)'),
        {
          ...condition('x', 'Personal history of malignant neoplasm of breast'),
          code: {
            coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z85.3' }],
            text: 'Personal history of malignant neoplasm of breast',
          },
        },
      ),
      NOW,
    );
    expect(s.oneLiner.text).toMatch(
      /^64-year-old female with malignant neoplasm of breast, diabetes mellitus type 2 and personal history/,
    );
  });

  it('ends with the top warning when there is one', () => {
    const s = runEngine(
      record(
        condition('49436004', 'Atrial fibrillation'),
        medication('Warfarin Sodium 5 MG Oral Tablet', 'active', '855332'),
        observation('6301-6', 6.8, '{INR}', '2024-05-30'),
      ),
      NOW,
    );
    const top = s.alerts.find((a) => a.severity === 'critical');
    expect(top).toBeDefined();
    expect(s.oneLiner.text).toContain(`Critical: ${top?.text ?? ''}`);
  });

  it('says plainly when no problem is recorded, and names no drug that is not high-alert', () => {
    const s = runEngine(record(medication('Acetaminophen 325 MG Oral Tablet')), NOW);
    expect(s.oneLiner.text).toBe('64-year-old female with no active problems recorded.');
    expect(s.oneLiner.short).toBe('64-year-old female with no active problems recorded');
  });
});

describe('midSentence', () => {
  it.each([
    ['Heart failure', 'heart failure'],
    ['Atrial Fibrillation', 'atrial fibrillation'],
    ['COPD', 'COPD'],
    ['HbA1c above target', 'HbA1c above target'],
    ["Alzheimer's disease", "Alzheimer's disease"],
    ['Vitamin D deficiency', 'vitamin D deficiency'],
    ['Iron-deficiency anaemia', 'iron-deficiency anaemia'],
    ['Chronic kidney disease stage 3', 'chronic kidney disease stage 3'],
  ])('%s -> %s', (name, expected) => {
    expect(midSentence(name)).toBe(expected);
  });
});
