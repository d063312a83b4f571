/**
 * What loading the knowledge base costs a starting service: the engine module (its knowledge base
 * and the imported value sets) imported in a fresh Node process, timed, with the heap it keeps.
 * A fresh process per run, because a module loads once per process; the median of a few runs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './load';

export interface KbLoad {
  valueSets: number;
  codes: number;
  /** Importing the value sets alone (read, validated, indexed). */
  valueSetsMsP50: number;
  /** Importing the whole engine, value sets included. */
  loadMsP50: number;
  heapMb: number;
}

const ENGINE = fileURLToPath(new URL('../../cds-service/synopsis/engine.ts', import.meta.url));
const VALUE_SETS = fileURLToPath(
  new URL('../../cds-service/synopsis/kb/value-sets.ts', import.meta.url),
);

// Runs in the child: the value sets first, then the rest of the engine; heap after collections.
// zod is imported before the clock starts: every part of the service loads it anyway.
const PROBE = `
await import('zod');
const gc = globalThis.gc;
gc(); const h0 = process.memoryUsage().heapUsed; const t0 = performance.now();
const { VALUE_SET_COUNT, VALUE_SET_CODE_COUNT } = await import(${JSON.stringify(VALUE_SETS)});
const t1 = performance.now();
await import(${JSON.stringify(ENGINE)});
const t2 = performance.now(); gc(); const h1 = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ vs: t1 - t0, ms: t2 - t0, heap: h1 - h0, sets: VALUE_SET_COUNT, codes: VALUE_SET_CODE_COUNT }));
`;

export function measureKbLoad(runs = 5): KbLoad {
  const samples = Array.from({ length: runs }, () => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', PROBE],
      { encoding: 'utf8' },
    );
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      vs: number;
      ms: number;
      heap: number;
      sets: number;
      codes: number;
    };
  });
  const first = samples[0];
  if (!first) throw new Error('no knowledge-base load sample');
  return {
    valueSets: first.sets,
    codes: first.codes,
    valueSetsMsP50: percentile(
      samples.map((s) => s.vs).sort((a, b) => a - b),
      50,
    ),
    loadMsP50: percentile(
      samples.map((s) => s.ms).sort((a, b) => a - b),
      50,
    ),
    heapMb: percentile(
      samples.map((s) => s.heap / 1e6).sort((a, b) => a - b),
      50,
    ),
  };
}
