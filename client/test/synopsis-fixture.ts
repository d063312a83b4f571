/** A small, complete synopsis (schema v2) for component tests; override parts per test. */
import type { Synopsis } from '../../cds-service/contract/synopsis';

const concept = (text: string, code = '1', system = 'http://snomed.info/sct') => ({
  coding: [{ system, code, display: text }],
  text,
});

export function synopsisFixture(overrides: Partial<Synopsis> = {}): Synopsis {
  return {
    schemaVersion: '2',
    model: {
      provider: 'rules',
      name: 'ehr-synopsis clinical engine',
      version: '0.1.0',
      knowledgeBaseVersion: '0.1.0',
    },
    generatedAt: '2025-07-01T12:00:00.000Z',
    patient: { reference: 'Patient/p1', ageYears: 61, sex: 'female' },
    oneLiner: {
      text: '61-year-old woman with type 2 diabetes and hypertension.',
      evidence: [{ reference: 'Condition/c1' }, { reference: 'Condition/c2' }],
    },
    problems: [
      {
        text: 'Type 2 diabetes, poorly controlled (HbA1c 8.9%).',
        evidence: [{ reference: 'Condition/c1' }],
        concept: concept('Type 2 diabetes mellitus', '44054006'),
        status: 'active',
        onset: '2015-04-02',
        notes: ['HbA1c rising over 2 years'],
      },
      {
        text: 'Full-time employment.',
        evidence: [{ reference: 'Condition/c9' }],
        concept: concept('Full-time employment', '160903007'),
        status: 'active',
        notes: [],
        kind: 'social',
      },
    ],
    medications: [
      {
        text: 'Metformin 500 mg twice daily.',
        evidence: [{ reference: 'MedicationRequest/m1' }],
        concept: concept(
          'Metformin 500 MG Oral Tablet',
          '860975',
          'http://www.nlm.nih.gov/research/umls/rxnorm',
        ),
        status: 'active',
        dosage: '500 mg twice daily',
        since: '2015-05-01',
        classes: ['biguanide'],
      },
    ],
    allergies: {
      text: 'Allergy to penicillin.',
      evidence: [{ reference: 'AllergyIntolerance/a1' }],
      state: 'recorded',
      items: [
        {
          text: 'Penicillin allergy (hives).',
          evidence: [{ reference: 'AllergyIntolerance/a1' }],
          concept: concept('Penicillin', '764146007'),
          criticality: 'high',
          category: ['medication'],
          reactions: ['Hives'],
          status: 'active',
        },
      ],
    },
    results: [
      {
        text: 'HbA1c 8.9% (high), rising.',
        evidence: [{ reference: 'Observation/o2' }],
        id: 'hba1c',
        kind: 'lab',
        concept: concept('Hemoglobin A1c', '4548-4', 'http://loinc.org'),
        unit: '%',
        points: [
          { value: 7.1, time: '2023-01-01', reference: 'Observation/o1', flag: 'high' },
          { value: 8.9, time: '2025-06-01', reference: 'Observation/o2', flag: 'high' },
        ],
        referenceRange: { high: 5.7, text: '< 5.7 %', source: 'ADA 2024' },
        abnormal: true,
        latest: { value: 8.9, time: '2025-06-01', reference: 'Observation/o2', flag: 'high' },
        trend: { direction: 'rising', slopePerYear: 0.8, delta: 1.8, windowDays: 880 },
      },
    ],
    alerts: [
      {
        text: 'Potassium 6.1 mmol/L is critically high.',
        evidence: [{ reference: 'Observation/k1' }],
        id: 'alert-k-high',
        severity: 'critical',
        category: 'result',
        suggestedAction: 'Repeat potassium and obtain an ECG today.',
        source: 'KDIGO 2024',
      },
    ],
    careGaps: [
      {
        text: 'No urine albumin-creatinine ratio in the last 12 months.',
        evidence: [{ reference: 'Condition/c1' }],
        id: 'gap-uacr',
        reason: 'diabetes: UACR yearly.',
        source: 'ADA Standards of Care 2024',
      },
    ],
    differential: [
      {
        text: 'Chronic kidney disease is likely.',
        evidence: [{ reference: 'Observation/e1' }],
        id: 'dd-ckd',
        concept: concept('Chronic kidney disease', '709044004'),
        likelihood: 'high',
        score: 3.2,
        listed: false,
        findingsFor: [
          { text: 'eGFR 52 mL/min/1.73m2', evidence: [{ reference: 'Observation/e1' }] },
        ],
        findingsAgainst: [
          { text: 'Normal urinalysis', evidence: [{ reference: 'Observation/u1' }] },
        ],
        nextSteps: ['Urine albumin-creatinine ratio'],
        sources: ['KDIGO 2024'],
      },
    ],
    dataQuality: [],
    ...overrides,
  };
}

export const emptySynopsis = (): Synopsis =>
  synopsisFixture({
    oneLiner: {
      text: '40-year-old man; the record holds no clinical data.',
      evidence: [{ reference: 'Patient/p1' }],
    },
    problems: [],
    medications: [],
    allergies: {
      text: 'Allergies not recorded.',
      evidence: [{ reference: 'Patient/p1' }],
      state: 'not-recorded',
      items: [],
    },
    results: [],
    alerts: [],
    careGaps: [],
    differential: [],
  });
