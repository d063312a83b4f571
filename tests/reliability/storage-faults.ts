/**
 * Storage and cache going away and coming back, with real servers on 127.0.0.1: PostgreSQL behind
 * a TCP proxy this test starts and stops, a bounded audit queue overflowing, and a redis-server
 * this test starts and kills. Shared by the Vitest suite and `npm run reliability`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { createRedisReplayGuard } from '../../cds-service/auth/replay-guard';
import { createRedisSynopsisCache } from '../../cds-service/cache/redis-cache';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients, type Config } from '../../cds-service/config';
import { reportFromStore } from '../../cds-service/governance/report';
import { createEhrKeys } from '../../mocks/ehr-identity';
import { createMemoryLogger } from '../../cds-service/log';
import { createMemoryStore } from '../../cds-service/store/memory-store';
import { openPostgres } from '../../cds-service/store/sql-client';
import { createSqlStore } from '../../cds-service/store/sql-store';
import type { GovernanceStore } from '../../cds-service/store/records';
import { FIXED_NOW, PATIENTS, patientViewRequest, trustingFhirServer } from '../support/fixtures';
import { getJson, postJson, startServer } from '../support/server';
import { loggedSince, type FaultObservation } from './fhir-faults';
import { freePort } from '../../scripts/bench/processes';

const PATIENT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-03-01' };

/** A TCP proxy on 127.0.0.1 that can be stopped (connections cut) and started on the same port. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await listen();
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) {
        resolve();
        return;
      }
      server.close(() => {
        resolve();
      });
      server = undefined;
    });
  return { port: () => port, start: listen, stop };
}

/** A service around `store`, with the audit queue bound given; auth off, fixed clock. */
async function serviceWith(store: GovernanceStore, overrides: Partial<Config> = {}) {
  const logger = createMemoryLogger();
  const composed = composeService(defaultConfig(overrides), logger, {
    now: () => FIXED_NOW,
    store,
  });
  const server = await startServer(composed.app);
  return { ...composed, server, logger };
}

const hookCall = (url: string) =>
  postJson(`${url}/cds-services/patient-synopsis`, patientViewRequest('p1', { patient: PATIENT }));
const feedbackCall = (url: string) =>
  postJson(`${url}/cds-services/patient-synopsis/feedback`, {
    feedback: [
      { card: crypto.randomUUID(), outcome: 'accepted', outcomeTimestamp: FIXED_NOW.toISOString() },
    ],
  });

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const v = await f();
  return [v, performance.now() - started];
}

/**
 * PostgreSQL unreachable while serving, then back: hooks and feedback keep being answered, and
 * every audit row and feedback reaches the database once it returns.
 */
export async function runPostgresOutage(databaseUrl: string): Promise<FaultObservation> {
  const target = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port());
  const schema = `reliability_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const sql = await openPostgres(viaProxy.toString(), schema);
  const store = await createSqlStore(sql);
  const s = await serviceWith(store);
  const statuses: number[] = [];
  let maxMs = 0;
  const call = async (f: (u: string) => Promise<{ status: number }>) => {
    const [res, ms] = await timed(() => f(s.server.url));
    statuses.push(res.status);
    maxMs = Math.max(maxMs, ms);
  };
  try {
    await call(hookCall);
    await s.writer.flush();
    const logFrom = s.logger.lines.length;
    await proxy.stop();
    for (let i = 0; i < 5; i++) {
      await call(hookCall);
      await call(feedbackCall);
    }
    const ready = await getJson(`${s.server.url}/readyz`);
    statuses.push(ready.status);
    await proxy.start();
    // The writer retries on its own timer; wait until the queue is empty.
    for (let i = 0; i < 100 && s.writer.stats().queued > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    await s.writer.flush();
    const range = { from: new Date(0), to: new Date(Date.now() + 3600_000) };
    const audit = await store.listAudit(range);
    const feedback = await store.listFeedback(range);
    return {
      fault: 'PostgreSQL unreachable, then back',
      statuses,
      maxMs: Math.round(maxMs),
      logged: loggedSince(s.logger.lines, logFrom),
      notes: [],
      lost: 6 - audit.length + (5 - feedback.length),
      droppedCounted: s.writer.stats().dropped,
    };
  } finally {
    await s.server.close();
    await s.writer.close();
    await sql.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await store.close();
    await proxy.stop();
  }
}

/** The audit queue overflowing during a long outage: the loss is counted and reported. */
export async function runQueueOverflow(): Promise<
  FaultObservation & { reported: unknown; queued: number }
> {
  const store = createMemoryStore();
  const s = await serviceWith(store, { auditQueueMax: 10 });
  const logFrom = s.logger.lines.length;
  try {
    store.failing = true;
    const statuses: number[] = [];
    let maxMs = 0;
    for (let i = 0; i < 15; i++) {
      const [res, ms] = await timed(() => hookCall(s.server.url));
      statuses.push(res.status);
      maxMs = Math.max(maxMs, ms);
    }
    await new Promise((r) => setTimeout(r, 50)); // audit writes are in the background
    const feedback = await feedbackCall(s.server.url);
    statuses.push(feedback.status);
    const ready = await getJson(`${s.server.url}/readyz`);
    store.failing = false;
    await s.writer.flush();
    return {
      fault: 'storage down past the audit queue bound (10)',
      statuses,
      maxMs: Math.round(maxMs),
      logged: loggedSince(s.logger.lines, logFrom),
      notes: [],
      // 15 hook rows and 1 feedback: each either stored or counted as dropped.
      lost: 16 - store.audit.length - store.feedback.length - s.writer.stats().dropped,
      droppedCounted: s.writer.stats().dropped,
      reported: (ready.body as { audit?: unknown }).audit,
      queued: s.writer.stats().queued,
    };
  } finally {
    await s.server.close();
  }
}

/** A redis-server of our own on a free port, `--save ""`: nothing written to disk. */
export async function startRedis(): Promise<{
  url: string;
  kill: () => Promise<void>;
  restart: () => Promise<void>;
}> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 50; i++) {
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      const c = child;
      if (!c) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => {
          resolve();
        });
        c.kill('SIGKILL');
      });
      child = undefined;
    },
    restart: start,
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => {
      resolve(false);
    });
  });
}

/** Redis killed while serving, then restarted: hooks keep being answered, readiness says so. */
export async function runRedisOutage(): Promise<
  FaultObservation & { readyDuring: boolean; readyAfter: boolean }
> {
  const redis = await startRedis();
  const logger = createMemoryLogger();
  const cache = createRedisSynopsisCache(redis.url, logger);
  const store = createMemoryStore();
  // The hook-time synopsis is cached only under a FHIR server the caller is trusted for.
  // Nothing listens on port 9 of loopback: self-fetch fails at once, and no traffic leaves.
  const fhirServer = 'http://127.0.0.1:9/fhir';
  const config = defaultConfig({ clients: trustingFhirServer(fhirServer) });
  const { app, writer } = composeService(config, logger, {
    now: () => FIXED_NOW,
    store,
    cache,
    auth: { replayGuard: createRedisReplayGuard(cache.client) },
  });
  const server = await startServer(app);
  const statuses: number[] = [];
  let maxMs = 0;
  const hook = async () => {
    const [res, ms] = await timed(() =>
      postJson(`${server.url}/cds-services/patient-synopsis`, {
        ...patientViewRequest(PATIENTS.smallHypertension, {
          patient: { ...PATIENT, id: PATIENTS.smallHypertension },
        }),
        fhirServer,
      }),
    );
    statuses.push(res.status);
    maxMs = Math.max(maxMs, ms);
  };
  try {
    await hook();
    const logFrom = logger.lines.length;
    await redis.kill();
    for (let i = 0; i < 5; i++) await hook();
    const during = await getJson(`${server.url}/readyz`);
    await redis.restart();
    let after = await getJson(`${server.url}/readyz`);
    for (let i = 0; i < 50 && after.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await getJson(`${server.url}/readyz`);
    }
    await hook();
    await writer.flush();
    return {
      fault: 'Redis killed, then restarted',
      statuses,
      maxMs: Math.round(maxMs),
      logged: loggedSince(logger.lines, logFrom),
      notes: [],
      lost: statuses.length - store.audit.length,
      droppedCounted: writer.stats().dropped,
      readyDuring: during.status === 200,
      readyAfter: after.status === 200,
    };
  } finally {
    await server.close();
    await cache.close();
    await redis.kill();
  }
}

/**
 * Storage down while anonymous callers flood the hook and feedback routes (no token) and a trusted
 * EHR keeps calling: the refused calls are only counted, so every genuine row and feedback waits
 * in the queue and is stored when storage returns; the report keeps the refused calls apart.
 */
export async function runRefusedFloodDuringOutage(): Promise<
  FaultObservation & { refusedCounted: number; reportedErrors: number; feedbackStatuses: number[] }
> {
  const keys = await createEhrKeys();
  const signer = keys.signerFor('https://ehr.example.org');
  const store = createMemoryStore();
  const s = await serviceWith(store, {
    auth: true,
    clients: parseClients([{ iss: signer.iss, jwks: keys.jwks }], 'test'),
    auditQueueMax: 100,
  });
  const signed = async (path: string) => ({
    authorization: `Bearer ${await signer.sign(`${s.server.url}${path}`)}`,
  });
  const hookPath = '/cds-services/patient-synopsis';
  const logFrom = s.logger.lines.length;
  const statuses: number[] = [];
  const feedbackStatuses: number[] = [];
  let maxMs = 0;
  try {
    store.failing = true;
    for (let round = 0; round < 10; round++) {
      // 25 token-less calls for every genuine one: 250 in all, more than the queue holds.
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          postJson(
            `${s.server.url}${i % 2 ? `${hookPath}/feedback` : hookPath}`,
            patientViewRequest('p1', { patient: PATIENT }),
          ).then((r) => statuses.push(r.status)),
        ),
      );
      const [res, ms] = await timed(async () =>
        postJson(
          `${s.server.url}${hookPath}`,
          patientViewRequest('p1', { patient: PATIENT }),
          await signed(hookPath),
        ),
      );
      statuses.push(res.status);
      maxMs = Math.max(maxMs, ms);
    }
    const feedback = await postJson(
      `${s.server.url}${hookPath}/feedback`,
      {
        feedback: [
          {
            card: crypto.randomUUID(),
            outcome: 'accepted',
            outcomeTimestamp: FIXED_NOW.toISOString(),
          },
        ],
      },
      await signed(`${hookPath}/feedback`),
    );
    feedbackStatuses.push(feedback.status);
    store.failing = false;
    await s.writer.flush();
    const range = { from: new Date(0), to: new Date(Date.now() + 3600_000) };
    const report = await reportFromStore(store, range);
    return {
      fault: 'storage down while 250 token-less calls flood in',
      statuses,
      maxMs: Math.round(maxMs),
      logged: loggedSince(s.logger.lines, logFrom),
      notes: [],
      // 10 genuine hook rows and 1 feedback must all be stored.
      lost: 10 - store.audit.length + (1 - store.feedback.length),
      droppedCounted: s.writer.stats().dropped,
      refusedCounted: report.refused.total,
      reportedErrors: report.overall.errors,
      feedbackStatuses,
    };
  } finally {
    await s.server.close();
  }
}
