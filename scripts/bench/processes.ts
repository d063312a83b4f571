/**
 * Child processes of the benchmark (service, floor, mock EHR). The service runs as the image runs
 * it, `node dist/service/server.js` (the bundle `npm run build:service` writes); the helpers run
 * TypeScript as `node --import tsx`. No npm or tsx wrapper process sits in between, so the PID we
 * sample for memory is the server's own. Output goes to a file, not a pipe, so that the
 * load generator never spends its time draining a child's log.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A TCP port free on 127.0.0.1 at the time of asking, for a child that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

export interface Child {
  pid: number;
  /** The first JSON line of the child's output that `ready` accepted. */
  readyLine: Record<string, unknown>;
  logFile: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  logDir: string;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  ready: (line: Record<string, unknown>) => boolean;
  timeoutMs?: number;
}

function jsonLines(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A half-written line: read again on the next poll.
    }
  }
  return out;
}

/** Resolves when the child has exited (at once if it already has). */
export const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });

export async function spawnChild(o: SpawnOptions): Promise<Child> {
  const logFile = join(o.logDir, `${o.name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      ...(o.nodeFlags ?? []),
      ...(o.script.endsWith('.ts') ? ['--import', 'tsx'] : []),
      o.script,
      ...(o.args ?? []),
    ],
    { env: { PATH: process.env.PATH ?? '', ...o.env }, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${o.name} did not start`);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const line = jsonLines(readFileSync(logFile, 'utf8')).find(o.ready);
    if (line) return { pid, readyLine: line, logFile, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(
    `${o.name} did not become ready; its output:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
  );
}

export interface ServiceProcessOptions {
  logDir: string;
  /** Settings beyond the production defaults below (auth, clients file, limits...). */
  env: Record<string, string>;
  /** PostgreSQL as in production; without it, PGlite in `logDir`. */
  databaseUrl: string | undefined;
  nodeFlags?: string[];
}

/** The bundle of the service, as built by `npm run build:service` and run by the image. */
export const SERVICE_ENTRY = 'dist/service/server.js';

/** Builds the bundle from the current source (esbuild, well under a second), so it is never stale. */
export function buildServiceBundle(cwd = process.cwd()): void {
  execFileSync('npm', ['run', '--silent', 'build:service'], { cwd, stdio: 'pipe' });
}

/**
 * The service as the image runs it, in its own process: production mode, an ephemeral port on
 * 127.0.0.1, PostgreSQL or PGlite, the bundle built afresh. Answers the child and its base URL.
 */
export async function spawnService(
  o: ServiceProcessOptions,
): Promise<{ child: Child; url: string }> {
  buildServiceBundle();
  const child = await spawnChild({
    name: 'service',
    script: SERVICE_ENTRY,
    nodeFlags: ['--enable-source-maps', ...(o.nodeFlags ?? [])],
    env: {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATA_DIR: join(o.logDir, 'data') }),
      ...o.env,
    },
    logDir: o.logDir,
    ready: (l) => l.msg === 'cds service listening' && typeof l.url === 'string',
  });
  return { child, url: String(child.readyLine.url).replace(/\/cds-services$/, '') };
}
