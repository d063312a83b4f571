/** The benchmark's results as Markdown tables (pasted as is into the README). */
import { markdownTable } from '../../cds-service/markdown-table';
import type { BudgetRow } from './budgets';
import type { BenchResults } from './results';

const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '-');
const num = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);

export function formatReport(r: BenchResults, budgets: BudgetRow[]): string {
  const s = r.setup;
  const setup =
    `Node ${s.node}, ${s.cpus} CPUs; service: NODE_ENV=production, auth ${s.auth}, store ${s.store}, ` +
    `cache ${s.cache}; load: autocannon on 127.0.0.1, ${s.durationS} s per run after ${s.warmupS} s ` +
    `warm-up, same settings for the floor (bare Express, express.json limit ${s.bodyLimit}). ` +
    `Peak RSS: ${s.rssMethod}. Load average before / after: ${s.loadAverage}. Latencies in ms; ` +
    'errors are non-2xx answers and socket errors (service / floor).';
  const records = r.records
    .map((x) => `${x.name}: ${x.resources} resources, ${num(x.prefetchKb)} KB prefetch`)
    .join('; ');
  const load = markdownTable(
    [
      'workload',
      'conn',
      'p50',
      'p95',
      'p99',
      'req/s',
      'peak RSS MB',
      'floor p50',
      'floor p95',
      'floor req/s',
      'p50 vs floor',
      'errors',
    ],
    r.workloads.map((w) => [
      w.label,
      String(w.connections),
      ms(w.service.p50),
      ms(w.service.p95),
      ms(w.service.p99),
      num(w.service.rps),
      num(w.service.peakRssMb),
      ms(w.floor.p50),
      ms(w.floor.p95),
      num(w.floor.rps),
      `${num(w.p50VsFloor, 2)}x`,
      `${String(w.service.errors)}${statusText(w.service.statuses)} / ${String(w.floor.errors)}`,
    ]),
  );
  const engine = markdownTable(
    ['record', 'resources', 'normalise p50', 'rules p50', 'both p50', 'both p95'],
    r.engine.map((e) => [
      e.record,
      String(e.resources),
      ms(e.normaliseP50),
      ms(e.engineP50),
      ms(e.bothP50),
      ms(e.bothP95),
    ]),
  );
  const panel = markdownTable(
    ['page', 'initial JS files', 'raw KB', 'gzip KB'],
    r.panel.map((p) => [p.page, String(p.files.length), num(p.rawKb, 1), num(p.gzipKb, 1)]),
  );
  const budgetTable = markdownTable(
    ['budget', 'measured', 'limit', ''],
    budgets.map((b) => [
      b.budget,
      `${num(b.value, b.unit === 'x' ? 2 : b.unit === 'KB' ? 1 : 0)} ${b.unit}`,
      `< ${String(b.limit)} ${b.unit}`,
      b.pass ? 'PASS' : 'FAIL',
    ]),
  );
  return [
    setup,
    `Records: ${records}.`,
    '',
    load,
    '',
    `Service peak RSS over the whole run: ${num(r.servicePeakRssMb)} MB.`,
    '',
    'Engine only (in process, parsed prefetch in, synopsis out):',
    '',
    engine,
    '',
    `Knowledge base load (fresh process under tsx, median of 5): ${String(r.kbLoad.valueSets)} value sets (${String(r.kbLoad.codes)} codes) in ${ms(r.kbLoad.valueSetsMsP50)} ms; the whole engine with them in ${ms(r.kbLoad.loadMsP50)} ms, keeping ${num(r.kbLoad.heapMb, 1)} MB of heap.`,
    '',
    `Start-up of the artifact (\`node dist/service/server.js\`, ${r.setup.store}, median of ${String(r.startup.runs)} starts): ready (\`/readyz\` 200) in ${ms(r.startup.serviceReadyMsP50)} ms against ${ms(r.startup.baselineReadyMsP50)} ms for a bare Node HTTP server (${num(r.startup.serviceReadyMsP50 / r.startup.baselineReadyMsP50, 1)}x); RSS after 2 s idle ${num(r.startup.serviceIdleRssMb)} MB against ${num(r.startup.baselineIdleRssMb)} MB.`,
    '',
    'Panel (fresh production build):',
    '',
    panel,
    '',
    budgetTable,
    '',
  ].join('\n');
}

/** " (412: 7)" after an error count, naming the statuses of the non-2xx answers. */
function statusText(statuses: Record<string, number> | undefined): string {
  const parts = Object.entries(statuses ?? {}).map(([code, n]) => `${code}: ${String(n)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
