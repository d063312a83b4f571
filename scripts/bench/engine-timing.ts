/**
 * Engine-only timings, in this process, per record: `normalise` (FHIR -> PatientRecord) and
 * `runEngine` (PatientRecord -> Synopsis) on the prefetch the service would receive, already
 * parsed. Warm runs first: the service runs warm.
 */
import { performance } from 'node:perf_hooks';
import { normalise } from '../../cds-service/fhir/record';
import { runEngine } from '../../cds-service/synopsis/engine';
import { percentile } from './load';
import type { BenchRecord } from './records';

export interface EngineTiming {
  record: BenchRecord['name'];
  resources: number;
  normaliseP50: number;
  engineP50: number;
  bothP50: number;
  bothP95: number;
}

export function timeEngine(record: BenchRecord, now: Date, runs = 40, warmUp = 20): EngineTiming {
  const n: number[] = [];
  const e: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const t0 = performance.now();
    const patientRecord = normalise(record.prefetch, record.patientId, now);
    const t1 = performance.now();
    runEngine(patientRecord, now);
    const t2 = performance.now();
    if (i < warmUp) continue;
    n.push(t1 - t0);
    e.push(t2 - t1);
    both.push(t2 - t0);
  }
  for (const xs of [n, e, both]) xs.sort((a, b) => a - b);
  return {
    record: record.name,
    resources: record.resources,
    normaliseP50: percentile(n, 50),
    engineP50: percentile(e, 50),
    bothP50: percentile(both, 50),
    bothP95: percentile(both, 95),
  };
}
