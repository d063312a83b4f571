/**
 * One load run with autocannon: a short warm-up, then the measured run with identical settings.
 * Latencies are collected from every response (autocannon's own summary has no p95); only 2xx
 * answers count as successes, so a fast error page can never pass for a fast answer.
 */
import { percentile as nearestRank } from '../../cds-service/governance/report';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  warmupS: number;
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Non-2xx answers by status code, so an error figure says what went wrong. */
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The governance report's nearest-rank percentile; NaN for no values (the bench's tables say so). */
export const percentile = (sorted: readonly number[], p: number): number =>
  nearestRank(sorted, p) ?? Number.NaN;

function run(spec: LoadSpec, durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        connections: spec.connections,
        pipelining: 1,
        duration: durationS,
        timeout: 30,
        headers: { 'content-type': 'application/json', ...spec.headers },
        body: spec.body,
      },
      (err: unknown, result) => {
        if (err) {
          reject(err instanceof Error ? err : new Error('autocannon failed'));
          return;
        }
        latencies.sort((a, b) => a - b);
        const seconds = result.duration > 0 ? result.duration : durationS;
        resolve({
          requests: latencies.length,
          errors: errors + result.errors + result.timeouts,
          statuses,
          rps: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else {
        errors++;
        statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      }
    });
  });
}

/**
 * The server may still be working on requests the warm-up left in flight; a GET answered means
 * its event loop has come round to new work, so the measured run does not start behind a backlog.
 */
async function settle(url: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  await fetch(new URL('/healthz', url)).then(
    (res) => res.arrayBuffer(),
    () => undefined,
  );
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupS > 0) {
    await run(spec, spec.warmupS);
    await settle(spec.url);
  }
  return run(spec, spec.durationS);
}
