/**
 * Large request bodies from callers without a token, as an anonymous attacker would send them:
 * concurrent near-limit POSTs to the hook, feedback, panel and unknown routes. Shared by the Vitest
 * suite and `npm run reliability` (which reports the service's peak RSS under the flood).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMemory, trackPeak } from '../../scripts/bench/memory';
import { spawnService } from '../../scripts/bench/processes';

/** Just under the default hook body limit (10 MB). */
export const FLOOD_BODY_BYTES = Math.floor(9.9 * 1024 * 1024);

export const FLOOD_PATHS = [
  '/cds-services/patient-synopsis',
  '/cds-services/patient-synopsis/feedback',
  '/api/panel/synopsis',
  '/no-such-route',
] as const;

export interface FloodOutcome {
  /** The answer's status; 0 when the service reset the connection before its answer was read. */
  status: number;
  /** The service closed the connection instead of reading the rest of the body. */
  closed: boolean;
}

/**
 * One POST of `bytes` of JSON-looking data without credentials, streamed in 64 KB pieces. A
 * service that refuses early answers and closes; a client still sending may then see the
 * connection reset before it reads the answer (status 0), as TCP does with unread data.
 */
export function anonymousPost(baseUrl: string, path: string, bytes: number): Promise<FloodOutcome> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: FloodOutcome): void => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(bytes) },
      },
      (res) => {
        res.resume();
        const outcome = { status: res.statusCode ?? 0, closed: res.headers.connection === 'close' };
        res.on('end', () => {
          settle(outcome);
        });
        res.on('error', () => {
          settle(outcome);
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') settle({ status: 0, closed: true });
      else reject(err);
    });
    req.on('close', () => {
      settle({ status: 0, closed: true });
    });
    const piece = Buffer.alloc(64 * 1024, 0x20);
    piece[0] = 0x5b; // '['
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes && !req.destroyed) {
        const n = Math.min(piece.length, bytes - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

/** `concurrency` anonymous near-limit POSTs at once, spread over every route, `rounds` times. */
export async function floodAnonymously(
  baseUrl: string,
  concurrency = 32,
  rounds = 2,
): Promise<FloodOutcome[]> {
  const outcomes: FloodOutcome[] = [];
  for (let round = 0; round < rounds; round++) {
    outcomes.push(
      ...(await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          anonymousPost(baseUrl, FLOOD_PATHS[i % FLOOD_PATHS.length] ?? '/', FLOOD_BODY_BYTES),
        ),
      )),
    );
  }
  return outcomes;
}

/** How an anonymous POST may end: 401, 404, or the connection reset after the refusal. */
export const REFUSED: ReadonlySet<number> = new Set([0, 401, 404]);

export interface FloodReport {
  requests: number;
  /** Statuses other than refusals (`REFUSED`), by status. */
  unexpected: Record<string, number>;
  /** Peak RSS of the service process during the flood, MB (undefined where /proc is unreadable). */
  peakRssMb: number | undefined;
  /** The service's RSS at idle before the flood, MB. */
  idleRssMb: number | undefined;
  /** Where the service kept its audit trail: PGlite alone holds several hundred MB in process. */
  store: 'postgresql' | 'pglite';
}

/**
 * The flood against the service as deployed: its own process (the bundle the image runs, production
 * mode, authentication on, PostgreSQL when `databaseUrl` is given as in production), its peak RSS
 * read from /proc, which must stay under the deployment's memory limit.
 */
export async function measureAnonymousFlood(
  databaseUrl: string | undefined,
  concurrency = 32,
  rounds = 4,
): Promise<FloodReport> {
  const work = mkdtempSync(join(tmpdir(), 'flood-'));
  const clientsFile = join(work, 'clients.json');
  writeFileSync(
    clientsFile,
    JSON.stringify([{ iss: 'https://ehr.example.org', jwksUrl: 'http://127.0.0.1:9/jwks' }]),
  );
  const { child: service, url } = await spawnService({
    databaseUrl,
    env: { PUBLIC_URL: 'http://127.0.0.1', CDS_CLIENTS_FILE: clientsFile },
    logDir: work,
  });
  try {
    const idleRssMb = readMemory(service.pid)?.rssMb;
    const peak = trackPeak(service.pid);
    const outcomes = await floodAnonymously(url, concurrency, rounds);
    const peakRssMb = peak.stop();
    const unexpected: Record<string, number> = {};
    for (const o of outcomes) {
      if (!REFUSED.has(o.status))
        unexpected[String(o.status)] = (unexpected[String(o.status)] ?? 0) + 1;
    }
    return {
      requests: outcomes.length,
      unexpected,
      peakRssMb: peakRssMb === undefined ? undefined : Math.round(peakRssMb),
      idleRssMb: idleRssMb === undefined ? undefined : Math.round(idleRssMb),
      store: databaseUrl ? 'postgresql' : 'pglite',
    };
  } finally {
    await service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
