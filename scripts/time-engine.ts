/**
 * Quick timing of normalise + engine on a scaled record (the benchmark suite measures properly):
 * `npx tsx scripts/time-engine.ts [targetCount=5000] [runs=50]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYNTHEA_DIR } from '../mocks/fixtures';
import { normalise } from '../cds-service/fhir/record';
import { runEngine } from '../cds-service/synopsis/engine';
import { buildScaledBundle, type ScalableBundle } from './scale-record';

const FIXTURE = 'ac682810-c825-65e6-3846-3999e5c65466.json';

const target = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 50);
const bundle = JSON.parse(readFileSync(join(SYNTHEA_DIR, FIXTURE), 'utf8')) as ScalableBundle;
const scaled = buildScaledBundle(bundle, target);
const patient = scaled.entry?.find(
  (e) => (e.resource as { resourceType?: unknown } | undefined)?.resourceType === 'Patient',
);
const rawId = (patient?.resource as { id?: unknown } | undefined)?.id;
const patientId = typeof rawId === 'string' ? rawId : '';
const now = new Date('2024-11-25T00:00:00Z');
// Let the JIT settle first: the service runs warm.
const WARM_UP = 30;

const times = { normalise: [] as number[], engine: [] as number[], both: [] as number[] };
for (let i = 0; i < runs + WARM_UP; i++) {
  const t0 = performance.now();
  const record = normalise(scaled, patientId, now);
  const t1 = performance.now();
  runEngine(record, now);
  const t2 = performance.now();
  if (i < WARM_UP) continue;
  times.normalise.push(t1 - t0);
  times.engine.push(t2 - t1);
  times.both.push(t2 - t0);
}
const pct = (xs: number[], p: number): string =>
  ([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0).toFixed(
    2,
  );
process.stdout.write(
  `${scaled.entry?.length ?? 0} resources, ${runs} runs (ms): ` +
    Object.entries(times)
      .map(([k, v]) => `${k} p50 ${pct(v, 0.5)} p95 ${pct(v, 0.95)}`)
      .join('; ') +
    '\n',
);
