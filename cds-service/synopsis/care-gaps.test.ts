import { describe, expect, it } from 'vitest';
import { buildCareGaps, careGapAlerts } from './care-gaps';
import { buildContext } from './context';
import { condition, medication, NOW, observation, record } from './test-records';

const gapsOf = (...resources: Parameters<typeof record>) =>
  buildCareGaps(buildContext(record(...resources), NOW));

describe('care gaps', () => {
  it('finds an overdue HbA1c in diabetes and suggests ordering one', () => {
    const dm = condition('44054006', 'Diabetes mellitus type 2');
    const old = observation('4548-4', 7.1, '%', '2023-06-01');
    const gap = gapsOf(dm, old).find((g) => g.id === 'diabetes-hba1c');
    expect(gap?.lastDone).toBe('2023-06-01');
    expect(gap?.suggestedOrder?.concept.coding[0]?.code).toBe('4548-4');
    expect(gap?.evidence.map((e) => e.reference)).toEqual([
      `Condition/${dm.id}`,
      `Observation/${old.id}`,
    ]);
    const alert = careGapAlerts(gapsOf(dm, old)).find((a) => a.id === 'gap-diabetes-hba1c');
    expect(alert?.suggestedOrder?.concept.coding[0]).toMatchObject({
      system: 'http://loinc.org',
      code: '4548-4',
    });
  });

  it('has no HbA1c gap when one was done within 6 months', () => {
    const ids = gapsOf(
      condition('44054006', 'Diabetes mellitus type 2'),
      observation('4548-4', 7.1, '%', '2024-03-01'),
    ).map((g) => g.id);
    expect(ids).not.toContain('diabetes-hba1c');
    expect(ids).toContain('diabetes-uacr');
  });

  it('asks for a statin in diabetes aged 40-75 until one is active', () => {
    const dm = condition('44054006', 'Diabetes mellitus type 2');
    expect(gapsOf(dm).map((g) => g.id)).toContain('diabetes-statin');
    expect(gapsOf(dm, medication('atorvastatin 40 MG Oral Tablet')).map((g) => g.id)).not.toContain(
      'diabetes-statin',
    );
  });

  it('applies age- and sex-based screening to the patient (64-year-old woman)', () => {
    const ids = gapsOf().map((g) => g.id);
    expect(ids).toContain('colorectal-screening');
    expect(ids).not.toContain('osteoporosis-screening');
    expect(gapsOf().every((g) => g.source.length > 0 && g.evidence.length > 0)).toBe(true);
  });
});
