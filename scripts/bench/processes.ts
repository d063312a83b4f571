/**
 * Child processes of the benchmark (service, floor, mock EHR). Each runs as `node --import tsx`,
 * which is what `npm run serve` runs without the npm and tsx wrapper processes in between, so the
 * PID we sample for memory is the server's own. Output goes to a file, not a pipe, so that the
 * load generator never spends its time draining a child's log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

const exited = (child: ChildProcess): Promise<void> =>
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
    [...(o.nodeFlags ?? []), '--import', 'tsx', o.script, ...(o.args ?? [])],
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

/**
 * The service as `npm run serve` runs it, in its own process: production mode, an ephemeral port
 * on 127.0.0.1, PostgreSQL or PGlite. Answers the child and the service's base URL.
 */
export async function spawnService(
  o: ServiceProcessOptions,
): Promise<{ child: Child; url: string }> {
  const child = await spawnChild({
    name: 'service',
    script: 'cds-service/server.ts',
    env: {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATA_DIR: join(o.logDir, 'data') }),
      ...o.env,
    },
    ...(o.nodeFlags ? { nodeFlags: o.nodeFlags } : {}),
    logDir: o.logDir,
    ready: (l) => l.msg === 'cds service listening' && typeof l.url === 'string',
  });
  return { child, url: String(child.readyLine.url).replace(/\/cds-services$/, '') };
}
