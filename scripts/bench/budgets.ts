/**
 * The budgets of DESIGN.md, checked against one run. Pure, so that the checks themselves are
 * tested; the figures come from the run, never from a timed test.
 */
import type { BenchResults } from './results';

export interface BudgetRow {
  budget: string;
  /** The measured figure, in the unit of `limit`; undefined when the run did not measure it. */
  value: number | undefined;
  limit: number;
  unit: string;
  pass: boolean;
}

const row = (
  budget: string,
  value: number | undefined,
  limit: number,
  unit: string,
): BudgetRow => ({
  budget,
  value,
  limit,
  unit,
  pass: value !== undefined && Number.isFinite(value) && value < limit,
});

export function checkBudgets(r: BenchResults): BudgetRow[] {
  const w = (id: string) => r.workloads.find((x) => x.id === id);
  const engine5000 = r.engine.find((e) => e.record === '5000');
  const panel = r.panel.find((p) => p.page === 'index.html');
  const patientPage = r.panel.find((p) => p.page === 'patient.html');
  const consolePage = r.panel.find((p) => p.page === 'console.html');
  const failed = r.workloads.filter((x) => x.service.errors > 0 || x.floor.errors > 0).length;
  return [
    row('patient-view typical, 1 conn: p95', w('pv-typical-c1')?.service.p95, 100, 'ms'),
    row('patient-view 5,000, 1 conn: p95', w('pv-5000-c1')?.service.p95, 500, 'ms'),
    row('patient-view 5,000, 20 conn: p50 / floor p50', w('pv-5000-c20')?.p50VsFloor, 2, 'x'),
    row('engine (normalise + rules) 5,000: p50', engine5000?.bothP50, 20, 'ms'),
    row(
      'peak RSS, patient-view typical, 20 conn',
      w('pv-typical-c20')?.service.peakRssMb,
      512,
      'MB',
    ),
    row('panel initial JS, gzipped', panel?.gzipKb, 250, 'KB'),
    row('patient page initial JS, gzipped', patientPage?.gzipKb, 250, 'KB'),
    row('governance console initial JS, gzipped', consolePage?.gzipKb, 250, 'KB'),
    row('non-2xx answers or socket errors, all workloads', failed, 1, 'workloads'),
  ];
}
