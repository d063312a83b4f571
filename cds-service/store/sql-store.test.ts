/**
 * The storage suite, run on every backend: embedded PGlite always, and a real PostgreSQL when
 * TEST_DATABASE_URL is set (.ci/run sets it when a server listens on 127.0.0.1:5432).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReport } from '../governance/report';
import { migrate, MIGRATIONS } from './migrations';
import { RowRejectedError, type GovernanceStore } from './records';
import { auditRow, feedbackRow } from './test-rows';
import { openPglite, openPostgres, type SqlClient } from './sql-client';
import { createSqlStore } from './sql-store';

const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const backends: [string, () => Promise<SqlClient>, string | undefined][] = [
  ['PGlite', () => openPglite(undefined), undefined],
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) backends.push(['PostgreSQL', () => openPostgres(pgUrl, schema), schema]);

const MARCH = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

describe.each(backends)('governance store on %s', (_name, open, ownSchema) => {
  let client: SqlClient;
  let store: GovernanceStore;
  beforeAll(async () => {
    client = await open();
    store = await createSqlStore(client);
  }, 60_000);
  afterAll(async () => {
    if (ownSchema) await client.exec(`DROP SCHEMA ${ownSchema} CASCADE`);
    await store.close();
  });

  it.each([
    ['a NUL character in text', { userComment: 'a\u0000b' }],
    ['a year the database cannot hold', { outcomeTimestamp: '0000-01-01T00:00:00Z' }],
    ['a UTC offset beyond 14 hours', { outcomeTimestamp: '2026-03-01T10:00:00+23:00' }],
  ])('refuses a row with %s as RowRejectedError, not as a failure to retry', async (_n, over) => {
    await expect(store.insertFeedback([feedbackRow(over)])).rejects.toBeInstanceOf(
      RowRejectedError,
    );
  });

  it('applies every migration once and records it', async () => {
    expect(await migrate(client)).toEqual([]); // already applied by createSqlStore
    const versions = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('round-trips audit rows, in time order, within the range only', async () => {
    const a = auditRow({ time: '2026-03-02T09:00:00.000Z' });
    const b = auditRow({ time: '2026-03-01T09:00:00.000Z', outcome: 'shadow' });
    const outside = auditRow({ time: '2026-04-02T09:00:00.000Z' });
    for (const r of [a, b, outside]) await store.insertAudit(r);
    const listed = await store.listAudit(MARCH);
    expect(listed.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(listed[1]).toEqual(a);
  });

  it('ignores a retried insert of the same row', async () => {
    const row = auditRow({ time: '2026-03-20T00:00:00.000Z' });
    await store.insertAudit(row);
    await store.insertAudit(row);
    const day = { from: new Date('2026-03-20T00:00:00Z'), to: new Date('2026-03-21T00:00:00Z') };
    expect(await store.listAudit(day)).toHaveLength(1);
  });

  it('round-trips feedback from CDS Hooks and from the panel', async () => {
    const hook = feedbackRow({
      outcome: 'overridden',
      cardId: 'card-1',
      overrideReasonCode: 'not-relevant',
      overrideReasonSystem: 'https://x',
      userComment: 'n/a',
    });
    const panel = feedbackRow({
      source: 'panel',
      serviceId: 'panel',
      targetKind: 'differential',
      targetId: 'ckd',
      outcome: 'disagree',
      modelVersion: '1.0.0',
      receivedAt: '2026-03-03T00:00:00.000Z',
    });
    await store.insertFeedback([hook, panel]);
    await store.insertFeedback([hook]);
    const listed = await store.listFeedback(MARCH);
    expect(listed.filter((f) => f.id === hook.id || f.id === panel.id)).toEqual([hook, panel]);
  });

  it('round-trips safety reports, in time order, within the range only, once per id', async () => {
    const report = (receivedAt: string) => ({
      id: randomUUID(),
      receivedAt,
      targetKind: 'alert',
      targetId: 'interaction-warfarin-tmp-smx',
      category: 'unsafe-suggestion',
      description: 'Suggested a dose the label does not allow.',
      modelName: 'ehr-synopsis clinical engine',
      modelVersion: '1.0.0',
    });
    const later = report('2026-03-05T10:00:00.000Z');
    const earlier = report('2026-03-02T10:00:00.000Z');
    for (const r of [later, earlier, later, report('2026-04-05T10:00:00.000Z')])
      await store.insertSafetyReport(r);
    expect(await store.listSafetyReports(MARCH)).toEqual([earlier, later]);
  });

  it('adds refused-call counts of the same minute, route and reason together', async () => {
    const minute = '2026-03-05T10:00:00.000Z';
    await store.addRefused([
      { minute, route: 'hook', reason: 'unauthorized', count: 3 },
      { minute, route: 'panel', reason: 'unauthorized', count: 1 },
    ]);
    await store.addRefused([{ minute, route: 'hook', reason: 'unauthorized', count: 2 }]);
    expect(await store.listRefused(MARCH)).toEqual([
      { minute, route: 'hook', reason: 'unauthorized', count: 5 },
      { minute, route: 'panel', reason: 'unauthorized', count: 1 },
    ]);
  });

  it('remembers a token id until it expires: a replay is refused, an expired id may return', async () => {
    const key = `iss|${randomUUID()}`;
    const soon = new Date(Date.now() + 60_000);
    expect(await store.firstTokenUse(key, soon)).toBe(true);
    expect(await store.firstTokenUse(key, soon)).toBe(false);
    const expired = `iss|${randomUUID()}`;
    expect(await store.firstTokenUse(expired, new Date(Date.now() - 1000))).toBe(true);
    expect(await store.firstTokenUse(expired, soon)).toBe(true);
  });

  it('feeds a report with latency percentiles and response rates', async () => {
    const day = { from: new Date('2026-03-10T00:00:00Z'), to: new Date('2026-03-11T00:00:00Z') };
    const calls = [10, 20, 30, 40, 100].map((latencyMs, i) =>
      auditRow({
        latencyMs,
        time: `2026-03-10T0${String(i)}:00:00.000Z`,
        modelVersion: i < 3 ? '1.0.0' : '1.1.0',
      }),
    );
    for (const c of calls) await store.insertAudit(c);
    const first = calls[0]?.cards[1]?.uuid ?? '';
    const last = calls[4]?.cards[1]?.uuid ?? '';
    await store.insertFeedback([
      feedbackRow({ cardId: first, outcome: 'accepted', receivedAt: '2026-03-10T05:00:00.000Z' }),
      feedbackRow({
        cardId: last,
        outcome: 'overridden',
        overrideReasonCode: 'already-addressed',
        receivedAt: '2026-03-10T06:00:00.000Z',
      }),
    ]);
    const report = computeReport(await store.listAudit(day), await store.listFeedback(day), day);
    expect(report.overall.calls).toBe(5);
    expect(report.overall.latencyMs).toEqual({ p50: 30, p95: 100, p99: 100 });
    expect(report.overall.cardsByKind).toEqual({ summary: 5, alert: 5 });
    expect(report.overall.responses).toMatchObject({
      accepted: 1,
      overridden: 1,
      acceptanceRate: 0.5,
      overrideReasons: { 'already-addressed': 1 },
    });
    expect(report.byModelVersion['1.0.0']?.responses.accepted).toBe(1);
    expect(report.byModelVersion['1.1.0']?.responses.overridden).toBe(1);
    expect(report.byIssuer['https://ehr.example.org']?.calls).toBe(5);
  });
});

describe.runIf(pgUrl)('replicas starting together on an empty PostgreSQL database', () => {
  const fresh = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const clients: SqlClient[] = [];
  afterAll(async () => {
    await clients[0]?.exec(`DROP SCHEMA IF EXISTS ${fresh} CASCADE`);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('both start, and each migration is applied once', async () => {
    for (let i = 0; i < 4; i++) clients.push(await openPostgres(pgUrl ?? '', fresh));
    const stores = await Promise.all(clients.map((c) => createSqlStore(c)));
    expect(stores).toHaveLength(4);
    const rows = await clients[0]?.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows?.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
