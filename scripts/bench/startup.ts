/**
 * Start-up of the production artifact (`dist/service/server.js`, as the image's CMD runs it): time
 * from spawning `node` to the first 200 from `/readyz` (storage open and migrated, knowledge base
 * loaded), and resident memory after a short idle. The baseline is a bare Node HTTP server timed
 * and sampled the same way in the same run, so the ratio is what the service adds to `node` itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './load';
import { readMemory } from './memory';
import { exited, freePort } from './processes';

export interface StartupResult {
  runs: number;
  /** Spawn to the first 200 from /readyz, median over the runs. */
  serviceReadyMsP50: number;
  baselineReadyMsP50: number;
  /** VmRSS after `IDLE_MS` without traffic, median over the runs. */
  serviceIdleRssMb: number;
  baselineIdleRssMb: number;
}

const IDLE_MS = 2000;
const POLL_MS = 5;

/** A bare HTTP server answering 200 to everything: the floor of a Node process that listens. */
const BASELINE = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');`;

/** One start: spawn, poll /readyz, wait idle, sample RSS, SIGTERM. */
async function startOnce(
  args: string[],
  env: Record<string, string>,
): Promise<{ readyMs: number; idleRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited at start (${args.join(' ')})`);
      const ok = await fetch(`http://127.0.0.1:${String(port)}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error('not ready within 60 s');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const readyMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const memory = child.pid === undefined ? undefined : readMemory(child.pid);
    if (!memory) throw new Error('no memory reading (is /proc readable?)');
    return { readyMs, idleRssMb: memory.rssMb };
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * `serviceEnv` holds the production settings of the bench's service; each run gets a fresh
 * DATA_DIR under `workDir` (a new pod's empty volume) unless a DATABASE_URL is given.
 */
export async function measureStartup(
  entry: string,
  serviceEnv: Record<string, string>,
  workDir: string,
  runs = 5,
): Promise<StartupResult> {
  const service: { readyMs: number; idleRssMb: number }[] = [];
  const baseline: { readyMs: number; idleRssMb: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = mkdtempSync(join(workDir, 'startup-'));
    try {
      service.push(
        await startOnce(['--enable-source-maps', entry], { DATA_DIR: dataDir, ...serviceEnv }),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    baseline.push(await startOnce(['-e', BASELINE], {}));
  }
  return {
    runs,
    serviceReadyMsP50: median(service.map((s) => s.readyMs)),
    baselineReadyMsP50: median(baseline.map((s) => s.readyMs)),
    serviceIdleRssMb: median(service.map((s) => s.idleRssMb)),
    baselineIdleRssMb: median(baseline.map((s) => s.idleRssMb)),
  };
}
