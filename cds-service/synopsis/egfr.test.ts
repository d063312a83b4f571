import { describe, expect, it } from 'vitest';
import { normalise } from '../fhir/record';
import { buildContext } from './context';
import { ckdEpi2021 } from './egfr';
import { buildMedicationAlerts } from './medication-safety';
import { runEngine } from './engine';
import {
  bundle,
  condition,
  medication,
  NOW,
  observation,
  patient,
  PATIENT_ID,
} from './test-records';

const contextOf = (who: ReturnType<typeof patient>, ...resources: Parameters<typeof bundle>) =>
  buildContext(normalise(bundle(who, ...resources), PATIENT_ID, NOW), NOW);

const metformin = () =>
  medication(
    '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet',
    'active',
    '860975',
  );

describe('ckdEpi2021', () => {
  // Worked by hand from the published equation (Inker et al., 2021), rounded to whole mL/min:
  // e.g. 0.7 mg/dL at 40 (female) = 142 x 1 x 1 x 0.9938^40 x 1.012 = 112.05.
  it.each([
    [2.6, 80, 'female', 18],
    [0.7, 40, 'female', 112],
    [0.9, 40, 'male', 111],
    [1.5, 65, 'male', 51],
  ] as const)('creatinine %f mg/dL, age %i, %s -> %i', (scr, age, sex, expected) => {
    expect(ckdEpi2021(scr, age, sex)).toBeCloseTo(expected, 0);
  });
});

describe('eGFR computed from creatinine', () => {
  it('an 80-year-old woman with creatinine 2.6 mg/dL and no eGFR: the metformin rule fires', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      metformin(),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
    );
    const egfr = ctx.series.get('egfr') ?? [];
    expect(egfr.map((p) => Math.round(p.value))).toEqual([18]);
    expect(egfr[0]?.reference).toMatch(/^Observation\//);
    expect(ctx.notes.join(' ')).toMatch(/eGFR computed from creatinine \(CKD-EPI 2021/);
    const alerts = buildMedicationAlerts(ctx);
    expect(alerts.map((a) => a.id)).toEqual(['renal-metformin-egfr-30']);
    expect(alerts[0]?.text).toContain(
      'eGFR 18 mL/min/1.73m2 (computed from creatinine, CKD-EPI 2021',
    );
  });

  it('every statement that shows a computed eGFR says it was computed', () => {
    const synopsis = runEngine(
      normalise(
        bundle(
          patient('1944-01-01', 'female'),
          condition('433144002', 'Chronic kidney disease stage 3'),
          observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
        ),
        PATIENT_ID,
        NOW,
      ),
      NOW,
    );
    const said = /eGFR 18 mL\/min\/1.73m2 \(computed from creatinine, CKD-EPI 2021/;
    expect(synopsis.results.find((r) => r.id === 'egfr')?.text).toMatch(said);
    expect(synopsis.problems[0]?.notes.join(' ')).toMatch(said);
  });

  it('reads molar creatinine (LOINC 14682-9, umol/L)', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('14682-9', 230, 'umol/L', '2024-05-01'),
    );
    expect(Math.round(ctx.series.get('egfr')?.[0]?.value ?? 0)).toBe(18);
  });

  it('uses the lower computed eGFR when a same-day reported one contradicts the creatinine, and says so', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
      observation('69405-9', 62, 'mL/min/{1.73_m2}', '2024-05-01'),
    );
    const [point] = ctx.series.get('egfr') ?? [];
    expect(Math.round(point?.value ?? 0)).toBe(18);
    expect(point?.derivation).toContain('not the reported 62');
    expect(ctx.notes.join(' ')).toMatch(/differs by more than 25% .* The lower of the two is used/);
  });

  it('keeps a reported eGFR lower than the creatinine gives (it may be cystatin-based), and flags it', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('2160-0', 1.0, 'mg/dL', '2024-05-01'),
      observation('69405-9', 30, 'mL/min/{1.73_m2}', '2024-05-01'),
    );
    expect(ctx.series.get('egfr')?.map((p) => p.value)).toEqual([30]);
    expect(ctx.notes.join(' ')).toMatch(/differs by more than 25%/);
  });

  it('an 80-year-old on metformin with a reported eGFR of 62 and creatinine 2.6 gets the renal alert', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
      observation('69405-9', 62, 'mL/min/{1.73_m2}', '2024-05-01'),
      medication('metformin hydrochloride 500 MG Oral Tablet'),
    );
    const [alert] = buildMedicationAlerts(ctx);
    expect(alert?.id).toBe('renal-metformin-egfr-30');
    expect(alert?.text).toContain('not the reported 62');
  });

  it('ignores a race-adjusted MDRD eGFR (48643-1) and computes from the creatinine instead', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
      observation('48643-1', 26, 'mL/min/{1.73_m2}', '2024-05-01'),
    );
    expect(ctx.series.get('egfr')?.map((p) => Math.round(p.value))).toEqual([18]);
  });

  it('keeps a reported eGFR that agrees with the creatinine, and adds none', () => {
    const ctx = contextOf(
      patient('1944-01-01', 'female'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
      observation('33914-3', 20, 'mL/min/{1.73_m2}', '2024-05-01'),
    );
    expect(ctx.series.get('egfr')?.map((p) => p.value)).toEqual([20]);
  });

  it('computes nothing for a child, or without sex', () => {
    const child = contextOf(
      patient('2014-01-01', 'male'),
      observation('2160-0', 0.5, 'mg/dL', '2024-05-01'),
    );
    expect(child.series.get('egfr')).toBeUndefined();
    expect(child.notes.join(' ')).toMatch(/is for adults/);
    const unknown = contextOf(
      patient('1944-01-01', 'unknown'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
    );
    expect(unknown.series.get('egfr')).toBeUndefined();
  });
});
