/**
 * `npm run bench`: latency, throughput and memory of the CDS service against a floor measured in
 * the same run, engine-only timings, the panel's initial JavaScript, and the budgets of DESIGN.md.
 *
 *   npm run bench [-- --json] [--duration 6] [--warmup 1.5] [--only pv-5000] [--pglite] [--cpu-prof]
 *                 [--service-node-flags "--max-semi-space-size=64"]
 *
 * Processes: the service (the bundle `dist/service/server.js` as the image runs it, built afresh;
 * NODE_ENV=production, CDS_AUTH=off: every
 * request is identical, and a signed JWT may be used once only; see the README), the floor server
 * and the mock EHR each run as their own child; this process only generates load and measures.
 * `BENCH_DATABASE_URL` names the PostgreSQL server to use (default: the local one); when it does not
 * answer, or with `--pglite`, the service keeps its audit trail in embedded PGlite.
 */
import { PANEL_CLIENT_ID } from '../../client/smart/scopes';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HookResponse } from '../../cds-service/contract/cds-hooks';
import { PATIENT_VIEW_SERVICE_ID } from '../../cds-service/hooks/patient-view';
import { checkBudgets } from './budgets';
import { benchDatabaseUrl } from './database';
import { timeEngine } from './engine-timing';
import { measureKbLoad } from './kb-load';
import { load, type LoadSpec } from './load';
import { readMemory, trackPeak } from './memory';
import { measurePanel } from './panel-size';
import { benchRecords, USER_ID, type BenchRecord } from './records';
import { formatReport } from './report';
import type { BenchResults, WorkloadResult } from './results';
import { SERVICE_ENTRY, spawnChild, spawnService, type Child } from './processes';
import { measureStartup } from './startup';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    duration: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '1.5' },
    only: { type: 'string' },
    pglite: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    /** Extra node flags for the service, for experiments (e.g. "--max-semi-space-size=64"). */
    'service-node-flags': { type: 'string', default: '' },
  },
});
const durationS = z.coerce.number().min(1).max(60).parse(args.duration);
const warmupS = z.coerce.number().min(0).max(30).parse(args.warmup);
const databaseAdminUrl =
  z.string().min(1).optional().parse(process.env.BENCH_DATABASE_URL) ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const BODY_LIMIT = '10mb';
// The clinical "now" of the fixtures does not matter for speed; the wall clock is what serve uses.
const NOW = new Date();

const say = (msg: string): void => {
  process.stderr.write(`${msg}\n`);
};

interface Workload {
  id: string;
  label: string;
  record: BenchRecord;
  connections: number;
  path: string;
  body: string;
  headers: Record<string, string>;
  /** Checks one answer of the service before the load starts. */
  check: (body: unknown) => boolean;
}

/** A CDS Hooks answer; it may hold no card (a visit with nothing to say, the small record). */
const isHookResponse = (b: unknown): boolean => HookResponse.safeParse(b).success;

function workloads(records: BenchRecord[], ehr: { fhirBase: string; token: string }): Workload[] {
  const typical = records.find((r) => r.name === 'typical');
  if (!typical) throw new Error('no typical record');
  const hook = (r: BenchRecord, extra: Record<string, unknown>) =>
    JSON.stringify({
      hook: 'patient-view',
      hookInstance: randomUUID(),
      fhirServer: ehr.fhirBase,
      context: { userId: USER_ID, patientId: r.patientId },
      ...extra,
    });
  const out: Workload[] = [];
  for (const connections of [1, 20]) {
    for (const r of records) {
      out.push({
        id: `pv-${r.name}-c${String(connections)}`,
        label: `patient-view, full prefetch, ${r.name} (${String(r.resources)})`,
        record: r,
        connections,
        path: `/cds-services/${PATIENT_VIEW_SERVICE_ID}`,
        body: hook(r, { prefetch: r.prefetch }),
        headers: {},
        check: isHookResponse,
      });
    }
  }
  for (const connections of [1, 20]) {
    out.push({
      id: `pv-fetch-typical-c${String(connections)}`,
      label: `patient-view, no prefetch (service fetches), typical`,
      record: typical,
      connections,
      path: `/cds-services/${PATIENT_VIEW_SERVICE_ID}`,
      body: hook(typical, {
        fhirAuthorization: {
          access_token: ehr.token,
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'patient/*.rs',
          subject: PANEL_CLIENT_ID,
          patient: typical.patientId,
        },
      }),
      headers: {},
      check: isHookResponse,
    });
  }
  for (const connections of [1, 20]) {
    out.push({
      id: `panel-typical-c${String(connections)}`,
      label: 'panel API, cached synopsis, typical',
      record: typical,
      connections,
      path: '/api/panel/synopsis',
      body: JSON.stringify({ fhirServer: ehr.fhirBase, patientId: typical.patientId }),
      headers: { authorization: `Bearer ${ehr.token}` },
      check: (b) => (b as { cached?: unknown } | undefined)?.cached === true,
    });
  }
  return out.filter((w) => args.only === undefined || w.id.includes(args.only));
}

async function answer(url: string, w: Workload): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...w.headers },
    body: w.body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ehr-synopsis-bench-'));
  const loadBefore = loadavg()[0] ?? 0;
  const children: Child[] = [];
  try {
    say('building records...');
    const records = benchRecords();
    say('timing the engine...');
    const engine = records.map((r) => timeEngine(r, NOW));
    say('timing the knowledge-base load...');
    const kbLoad = measureKbLoad();
    say('building the panel...');
    const panel = await measurePanel(join(work, 'panel'));

    const typical = records.find((r) => r.name === 'typical');
    if (!typical) throw new Error('no typical record');
    const ehrChild = await spawnChild({
      name: 'ehr',
      script: 'scripts/bench/ehr-server.ts',
      args: [typical.patientId],
      env: { NODE_ENV: 'production' },
      logDir: work,
      ready: (l) => typeof l.token === 'string',
    });
    children.push(ehrChild);
    const ehr = z.object({ fhirBase: z.string(), token: z.string() }).parse(ehrChild.readyLine);

    const clientsFile = join(work, 'clients.json');
    writeFileSync(
      clientsFile,
      JSON.stringify([
        { iss: 'bench-ehr', jwksUrl: 'http://127.0.0.1:9/jwks', fhirServers: [ehr.fhirBase] },
      ]),
    );
    const databaseUrl = args.pglite ? undefined : await benchDatabaseUrl(databaseAdminUrl);
    const profileDir = join(work, 'profiles');
    const serviceEnv = {
      CDS_AUTH: 'off',
      CDS_CLIENTS_FILE: clientsFile,
      CDS_BODY_LIMIT: BODY_LIMIT,
      // 20 connections x the 5.5 MB record is 110 MB of bodies at once, above the default
      // budget (64 MB, which answers 503 beyond it): the bench measures throughput, not that.
      CDS_BODY_BUDGET: '256mb',
      LOG_LEVEL: 'info',
      // The load is one client at hundreds of calls a second: measure the service, not its
      // per-EHR and per-token rate limits (0 turns them off).
      CDS_RATE_LIMIT_PER_MINUTE: '0',
      PANEL_RATE_LIMIT_PER_MINUTE: '0',
    };
    const { child: service, url: serviceUrl } = await spawnService({
      databaseUrl,
      env: serviceEnv,
      nodeFlags: [
        ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        ...args['service-node-flags'].split(' ').filter(Boolean),
      ],
      logDir: work,
    });
    children.push(service);
    const floor = await spawnChild({
      name: 'floor',
      script: 'scripts/bench/floor-server.ts',
      args: [BODY_LIMIT],
      env: { NODE_ENV: 'production' },
      logDir: work,
      ready: (l) => typeof l.url === 'string',
    });
    children.push(floor);
    const floorUrl = String(floor.readyLine.url);
    say('timing start-up of the artifact...');
    const startup = await measureStartup(
      SERVICE_ENTRY,
      {
        NODE_ENV: 'production',
        ...serviceEnv,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      work,
    );
    const startRss = readMemory(service.pid);
    say(
      `service pid ${String(service.pid)} (${databaseUrl ? 'PostgreSQL' : 'PGlite'}), RSS at start ${startRss ? startRss.rssMb.toFixed(0) : '?'} MB`,
    );

    const results: WorkloadResult[] = [];
    let rssMethod = 'unavailable';
    for (const w of workloads(records, ehr)) {
      // Twice: the first answer of the panel workload computes and caches, the second must hit.
      await answer(serviceUrl + w.path, w);
      const first = await answer(serviceUrl + w.path, w);
      if (first.status !== 200 || !w.check(first.body)) {
        throw new Error(`${w.id}: the service answered ${String(first.status)}, not a good answer`);
      }
      const spec = (url: string): LoadSpec => ({
        url: url + w.path,
        connections: w.connections,
        durationS,
        warmupS,
        body: w.body,
        headers: w.headers,
      });
      say(`${w.id}: service...`);
      const tracker = trackPeak(service.pid);
      const s = await load(spec(serviceUrl));
      const peakRssMb = tracker.stop();
      rssMethod = tracker.method;
      say(`${w.id}: floor...`);
      const f = await load(spec(floorUrl));
      results.push({
        id: w.id,
        label: w.label,
        record: w.record.name,
        connections: w.connections,
        bodyKb: Buffer.byteLength(w.body) / 1024,
        service: { ...s, peakRssMb },
        floor: f,
        p50VsFloor: s.p50 / f.p50,
      });
      say(
        `  p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} ms, ${s.rps.toFixed(0)} req/s; floor p50 ${f.p50.toFixed(1)} ms`,
      );
    }
    const peaks = results.map((r) => r.service.peakRssMb ?? 0);
    const bench: BenchResults = {
      at: new Date().toISOString(),
      setup: {
        node: process.versions.node,
        cpus: availableParallelism(),
        auth: 'off (CDS_AUTH=off), rate limits off',
        store: databaseUrl
          ? 'PostgreSQL (DATABASE_URL)'
          : 'PGlite (embedded, in the service process)',
        cache: 'in process',
        rssMethod,
        durationS,
        warmupS,
        bodyLimit: BODY_LIMIT,
        loadAverage: `${loadBefore.toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)}`,
      },
      records: records.map((r) => ({
        name: r.name,
        resources: r.resources,
        prefetchKb: Buffer.byteLength(JSON.stringify(r.prefetch)) / 1024,
      })),
      engine,
      kbLoad,
      startup,
      workloads: results,
      panel,
      servicePeakRssMb: peaks.length ? Math.max(...peaks) : undefined,
    };
    const budgets = checkBudgets(bench);
    if (args.json) process.stdout.write(`${JSON.stringify({ ...bench, budgets }, null, 2)}\n`);
    else process.stdout.write(formatReport(bench, budgets));
    if (args['cpu-prof']) say(`CPU profile of the service will be in ${profileDir}`);
    if (budgets.some((b) => !b.pass)) process.exitCode = 1;
  } finally {
    for (const c of children.reverse()) await c.stop();
    if (!args['cpu-prof']) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
