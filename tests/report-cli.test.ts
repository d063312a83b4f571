/** `npm run report` against a real embedded store (PGlite in a temporary DATA_DIR). */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovernanceReport } from '../cds-service/governance/report';
import { openStore } from '../cds-service/store/open-store';
import { auditRow, feedbackRow } from '../cds-service/store/test-rows';

const run = promisify(execFile);
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'report-'));
  const store = await openStore({ databaseUrl: undefined, dataDir });
  const row = auditRow({ time: '2026-03-05T10:00:00.000Z', latencyMs: 80 });
  await store.insertAudit(row);
  await store.insertAudit(
    auditRow({ time: '2026-03-05T11:00:00.000Z', latencyMs: 20, outcome: 'shadow' }),
  );
  await store.insertFeedback([
    feedbackRow({
      cardId: row.cards[1]?.uuid ?? null,
      outcome: 'overridden',
      overrideReasonCode: 'not-relevant',
      receivedAt: '2026-03-05T10:05:00.000Z',
    }),
    // Stored, but kept out of the rates: a card never issued, a reason never offered.
    feedbackRow({ cardId: 'not-a-card-we-issued', receivedAt: '2026-03-05T10:06:00.000Z' }),
    feedbackRow({
      cardId: row.cards[0]?.uuid ?? null,
      outcome: 'overridden',
      overrideReasonCode: 'made-up',
      overrideReasonSystem: 'https://ehr-synopsis.example.org/CodeSystem/override-reason',
      receivedAt: '2026-03-05T10:07:00.000Z',
    }),
  ]);
  await store.close();
}, 60_000);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const report = (...args: string[]) =>
  run('npx', ['tsx', 'scripts/report.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    timeout: 60_000,
  });

describe('npm run report', () => {
  it('prints JSON figures for the range', async () => {
    const { stdout } = await report('--from', '2026-03-01', '--to', '2026-04-01', '--json');
    const r = JSON.parse(stdout) as GovernanceReport;
    expect(r.overall).toMatchObject({ calls: 2, shadowCalls: 1, latencyMs: { p50: 20, p95: 80 } });
    expect(r.overall.responses).toMatchObject({
      feedback: 1,
      accepted: 0,
      overridden: 1,
      overrideRate: 1,
      overrideReasons: { 'not-relevant': 1 },
      marked: { unknownCard: 1, reasonNotOffered: 1 },
    });
  }, 60_000);

  it('prints readable tables', async () => {
    const { stdout } = await report('--from', '2026-03-01', '--to', '2026-04-01');
    expect(stdout).toContain('Governance report 2026-03-01');
    expect(stdout).toMatch(/\| all\s+\| 2\s+\| 0\s+\| 1 /);
    expect(stdout).toContain('Override reasons: not-relevant 1');
    expect(stdout).toContain(
      'Feedback kept out of the rates: 1 for a card the service never issued, 1 with an override reason the cards did not offer',
    );
  }, 60_000);

  it('says what is wrong with a bad date', async () => {
    const err = (await report('--from', 'last-week').catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain("'from' must be an ISO date");
  }, 60_000);
});
