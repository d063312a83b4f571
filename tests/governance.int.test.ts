/**
 * Governance end to end over HTTP: audit trail, shadow mode per EHR, feedback linked to cards,
 * the admin report and AuditEvent export, readiness, and storage failing while serving.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../cds-service/compose';
import { defaultConfig, parseClients } from '../cds-service/config';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import type { GovernanceReport } from '../cds-service/governance/report';
import { createMemoryLogger } from '../cds-service/log';
import { createMemoryStore } from '../cds-service/store/memory-store';
import { createMockEhr } from '../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../mocks/ehr-identity';
import { loadFixtureStore } from '../mocks/fixtures';
import { FIXED_NOW, PATIENTS } from './support/fixtures';
import { getJson, postJson, startServer, type RunningServer } from './support/server';
import { runPrefetch } from '../mocks/prefetch';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';
import { ENGINE_INFO } from '../cds-service/synopsis/engine';

const ADMIN = 'admin-token-for-the-informatics-team';
const store = createMemoryStore();
let ehrLive: RunningServer;
let ehrShadow: RunningServer;
let service: RunningServer;
let live: EhrSigner;
let shadow: EhrSigner;
let writerFlush: () => Promise<void>;
let prefetch: Record<string, unknown>;

beforeAll(async () => {
  const fixtures = loadFixtureStore();
  const [liveKeys, shadowKeys] = await Promise.all([createEhrKeys(), createEhrKeys()]);
  ehrLive = await startServer(createMockEhr({ store: fixtures, keys: liveKeys }));
  ehrShadow = await startServer(createMockEhr({ store: fixtures, keys: shadowKeys }));
  live = liveKeys.signerFor(ehrLive.url);
  shadow = shadowKeys.signerFor(ehrShadow.url);
  const config = defaultConfig({
    auth: true,
    adminToken: ADMIN,
    clients: parseClients(
      [
        { iss: live.iss, jwksUrl: live.jwksUrl },
        { iss: shadow.iss, jwksUrl: shadow.jwksUrl, shadow: true },
      ],
      'test',
    ),
  });
  const composed = composeService(config, createMemoryLogger(), { now: () => FIXED_NOW, store });
  writerFlush = () => composed.writer.flush();
  service = await startServer(composed.app);
  prefetch = await runPrefetch(
    PATIENT_VIEW_PREFETCH,
    { patientId: PATIENTS.smallHypertension, userId: 'Practitioner/p9' },
    `${ehrLive.url}/fhir`,
  );
});
afterAll(async () => {
  await Promise.all([ehrLive.close(), ehrShadow.close(), service.close()]);
});

const hookUrl = () => `${service.url}/cds-services/patient-synopsis`;
const hook = async (signer: EhrSigner) =>
  postJson(
    hookUrl(),
    {
      hook: 'patient-view',
      hookInstance: crypto.randomUUID(),
      context: { userId: 'Practitioner/p9', patientId: PATIENTS.smallHypertension },
      prefetch,
    },
    { authorization: `Bearer ${await signer.sign(hookUrl())}` },
  );
const admin = (path: string, token = ADMIN) =>
  getJson(`${service.url}/admin/${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('governance', () => {
  it('audits every hook call with identifiers and hashes, and no clinical content', async () => {
    const res = await hook(live);
    expect(res.status).toBe(200);
    const { cards } = HookResponse.parse(res.body);
    await writerFlush();
    const row = store.audit.at(-1);
    expect(row).toMatchObject({
      kind: 'hook',
      issuer: live.iss,
      userId: 'Practitioner/p9',
      patientId: PATIENTS.smallHypertension,
      modelProvider: 'rules',
      status: 200,
      outcome: 'success',
    });
    expect(row?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.cards.map((c) => c.uuid)).toEqual(cards.map((c) => c.uuid));
    expect(JSON.stringify(row)).not.toMatch(/hypertension|1986-11-28/i);
  });

  it('runs an EHR in shadow mode: no cards returned, the would-be cards audited', async () => {
    const res = await hook(shadow);
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards).toEqual([]);
    await writerFlush();
    const row = store.audit.at(-1);
    expect(row?.outcome).toBe('shadow');
    expect(row?.cards.length).toBeGreaterThan(0);
  });

  it('links feedback to the card and reports acceptance per model and issuer', async () => {
    const res = await hook(live);
    const card = HookResponse.parse(res.body).cards[0];
    const url = `${hookUrl()}/feedback`;
    const fb = await postJson(
      url,
      {
        feedback: [
          { card: card?.uuid, outcome: 'accepted', outcomeTimestamp: new Date().toISOString() },
        ],
      },
      { authorization: `Bearer ${await live.sign(url)}` },
    );
    expect(fb.status).toBe(200);
    await writerFlush();
    const { status, body } = await admin('report');
    expect(status).toBe(200);
    const report = body as GovernanceReport;
    expect(report.overall.calls).toBe(3);
    expect(report.overall.shadowCalls).toBe(1);
    expect(report.overall.responses).toMatchObject({ accepted: 1, acceptanceRate: 1 });
    expect(report.byIssuer[live.iss]?.responses.accepted).toBe(1);
    expect(report.byIssuer[shadow.iss]?.shadowCalls).toBe(1);
    expect(report.overall.latencyMs.p50).toBeGreaterThan(0);
  });

  it('exports the audit trail as FHIR AuditEvents', async () => {
    const { status, body } = await admin('audit-events');
    expect(status).toBe(200);
    const bundle = body as {
      resourceType: string;
      entry: {
        resource: {
          resourceType: string;
          outcome: string;
          entity: { what: { reference?: string } }[];
        };
      }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.length).toBe(store.audit.length);
    expect(bundle.entry[0]?.resource).toMatchObject({ resourceType: 'AuditEvent', outcome: '0' });
    expect(bundle.entry[0]?.resource.entity[0]?.what.reference).toBe(
      `Patient/${PATIENTS.smallHypertension}`,
    );
  });

  it.each([
    ['no token', ''],
    ['a wrong token', 'x'.repeat(ADMIN.length)],
  ])('refuses the admin API with %s', async (_n, token) => {
    expect((await admin('report', token)).status).toBe(401);
  });

  it('exchanges the admin token for an HttpOnly, SameSite=Strict session the console uses', async () => {
    const signIn = (token: string) =>
      fetch(`${service.url}/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    expect((await signIn('x'.repeat(ADMIN.length))).status).toBe(401);
    const res = await signIn(ADMIN);
    expect(res.status).toBe(204);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^admin_session=\d{13}\.[\w-]{43}; /);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    const session = cookie.split(';')[0] ?? '';
    const withCookie = (value: string) =>
      getJson(`${service.url}/admin/report`, { headers: { cookie: value } });
    expect((await withCookie(session)).status).toBe(200);
    // A session cookie someone made up, or one signed for another token, is refused.
    const [expiry] = session.slice('admin_session='.length).split('.');
    expect((await withCookie(`admin_session=${expiry ?? ''}.${'A'.repeat(43)}`)).status).toBe(401);
    expect((await getJson(`${service.url}/admin/report`)).status).toBe(401);
    const out = await fetch(`${service.url}/admin/session`, { method: 'DELETE' });
    expect(out.headers.get('set-cookie')).toMatch(/admin_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('serves the live model card that every card links to', async () => {
    const res = await hook(live);
    const cards = HookResponse.parse(res.body).cards;
    expect(cards[0]?.source.url).toBe(`${service.url}/about/model-card`);
    const card = await getJson(`${service.url}/about/model-card.json`);
    expect(card.status).toBe(200);
    const body = card.body as {
      AppliedModelCard: { ReleaseInfo: { ReleaseVersion: string } };
      evaluation: { hideAndRecover: { traceable: { cases: number } } };
    };
    expect(body.AppliedModelCard.ReleaseInfo.ReleaseVersion).toContain(ENGINE_INFO.version);
    expect(body.evaluation.hideAndRecover.traceable.cases).toBeGreaterThan(0);
    const xml = await fetch(`${service.url}/about/model-card.xml`);
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    expect(await xml.text()).toMatch(
      /^<\?xml[^>]*>\n<AppliedModelCard xmlns="https:\/\/mc\.chai\.org\/v0\.2\/schema\.xsd">/,
    );
  });

  it('rejects a bad report range with 400', async () => {
    expect((await admin('report?from=yesterday')).status).toBe(400);
    expect((await admin('report?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    // A row per day: a range of millennia is refused, not built.
    expect((await admin('report?from=1970-01-01&to=9999-12-31')).status).toBe(400);
    expect((await admin('safety-reports?from=1970-01-01&to=9999-12-31')).status).toBe(400);
    expect((await admin('report?from=2025-01-01&to=2026-01-01')).status).toBe(200);
  });

  it('keeps answering while storage is down, says so in readiness, and loses no audit row', async () => {
    expect((await getJson(`${service.url}/readyz`)).status).toBe(200);
    const before = store.audit.length;
    store.failing = true;
    const res = await hook(live);
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards.length).toBeGreaterThan(0);
    const ready = await getJson(`${service.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ checks: { storage: false }, audit: { queued: 1 } });
    store.failing = false;
    await writerFlush();
    expect(store.audit.length).toBe(before + 1);
  });
});

describe('storage down at start', () => {
  it('exits with a clear error instead of serving without an audit trail', async () => {
    const run = promisify(execFile);
    const err = (await run('npx', ['tsx', 'cds-service/server.ts'], {
      env: {
        ...process.env,
        CDS_AUTH: 'off',
        PORT: '0',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      },
      timeout: 30_000,
    }).catch((e: unknown) => e)) as { code?: number; stderr?: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/Cannot open storage \(PostgreSQL at DATABASE_URL\)/);
  });
});
