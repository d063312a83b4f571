import { describe, expect, it } from 'vitest';
import { checkBudgets } from './budgets';
import type { LoadResult } from './load';
import type { BenchResults, WorkloadResult } from './results';

const loadResult = (p50: number, p95 = p50, errors = 0): LoadResult => ({
  requests: 100,
  errors,
  statuses: errors ? { 500: errors } : {},
  rps: 10,
  p50,
  p95,
  p99: p95,
});

const workload = (
  id: string,
  service: LoadResult,
  floor: LoadResult,
  peakRssMb = 200,
): WorkloadResult => ({
  id,
  label: id,
  record: 'typical',
  connections: 1,
  bodyKb: 1,
  service: { ...service, peakRssMb },
  floor,
  p50VsFloor: service.p50 / floor.p50,
});

function results(overrides: Partial<BenchResults> = {}): BenchResults {
  return {
    at: '2026-01-01T00:00:00Z',
    setup: {
      node: '20',
      cpus: 2,
      auth: 'off',
      store: 'PostgreSQL',
      cache: 'memory',
      rssMethod: 'VmHWM reset',
      durationS: 6,
      warmupS: 1,
      bodyLimit: '10mb',
      loadAverage: '0.1 / 0.2',
    },
    records: [],
    kbLoad: { valueSets: 23, codes: 7403, valueSetsMsP50: 90, loadMsP50: 300, heapMb: 11 },
    startup: {
      runs: 5,
      serviceReadyMsP50: 900,
      baselineReadyMsP50: 60,
      serviceIdleRssMb: 150,
      baselineIdleRssMb: 45,
    },
    engine: [
      {
        record: '5000',
        resources: 5000,
        normaliseP50: 8,
        engineP50: 4,
        bothP50: 12,
        bothP95: 18,
      },
    ],
    workloads: [
      workload('pv-typical-c1', loadResult(20, 40), loadResult(5)),
      workload('pv-5000-c1', loadResult(100, 200), loadResult(30)),
      workload('pv-5000-c20', loadResult(900), loadResult(600)),
      workload('pv-typical-c20', loadResult(300), loadResult(100), 300),
    ],
    panel: [
      { page: 'index.html', files: ['a.js'], rawKb: 400, gzipKb: 120 },
      { page: 'patient.html', files: ['b.js'], rawKb: 300, gzipKb: 100 },
      { page: 'console.html', files: ['c.js'], rawKb: 600, gzipKb: 200 },
    ],
    servicePeakRssMb: 300,
    ...overrides,
  };
}

const verdicts = (r: BenchResults) =>
  Object.fromEntries(checkBudgets(r).map((b) => [b.budget, b.pass]));

describe('checkBudgets', () => {
  it('passes a run within every budget', () => {
    expect(checkBudgets(results()).every((b) => b.pass)).toBe(true);
  });

  it('fails the ratio row when the service p50 is twice the floor or more', () => {
    const r = results();
    r.workloads[2] = workload('pv-5000-c20', loadResult(1200), loadResult(600));
    expect(verdicts(r)['patient-view 5,000, 20 conn: p50 / floor p50']).toBe(false);
  });

  it.each([
    ['patient-view typical, 1 conn: p95', 'pv-typical-c1', 100],
    ['patient-view 5,000, 1 conn: p95', 'pv-5000-c1', 500],
  ])('fails %s at the limit (%s, %i ms)', (budget, id, limit) => {
    const r = results();
    r.workloads = r.workloads.map((w) =>
      w.id === id ? workload(id, loadResult(10, limit), loadResult(5)) : w,
    );
    expect(verdicts(r)[budget]).toBe(false);
  });

  it('fails a budget whose workload did not run, rather than passing it silently', () => {
    const r = results({ workloads: [], engine: [], panel: [] });
    const failed = checkBudgets(r).filter((b) => !b.pass);
    expect(failed.map((b) => b.value)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('fails on memory, panel size and error answers', () => {
    const r = results({
      panel: [
        { page: 'index.html', files: [], rawKb: 900, gzipKb: 260 },
        { page: 'patient.html', files: [], rawKb: 900, gzipKb: 255 },
      ],
    });
    r.workloads[3] = workload('pv-typical-c20', loadResult(300), loadResult(100), 600);
    r.workloads[0] = workload('pv-typical-c1', loadResult(20, 40, 3), loadResult(5));
    const v = verdicts(r);
    expect(v['peak RSS, patient-view typical, 20 conn']).toBe(false);
    expect(v['panel initial JS, gzipped']).toBe(false);
    expect(v['patient page initial JS, gzipped']).toBe(false);
    expect(v['non-2xx answers or socket errors, all workloads']).toBe(false);
  });
});
