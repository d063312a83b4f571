/**
 * The governance console end to end in real Chromium: sign in with the admin token, open each
 * page, and find the plots drawn from seeded audit and feedback rows (one bar per seeded day).
 * Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERRIDE_REASON_SYSTEM } from '../cds-service/contract/override-reasons';
import { auditRow, feedbackRow } from '../cds-service/store/test-rows';
import { axeViolations } from './support/axe';
import { launchChromium, requireChromium } from './support/chromium';
import { PATIENTS } from './support/fixtures';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { postJson } from './support/server';
import { viteBuild } from './support/vite-build';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
const BUILD_DIR = fileURLToPath(new URL('../test-artifacts/console-build', import.meta.url));
const ADMIN = 'console-test-admin-token-0123456789';
const DAY_MS = 86_400_000;
/** The console's default period. */
const DAYS = 14;

const availability = requireChromium('console');

describe.skipIf(!availability.ok)('governance console in Chromium', () => {
  let h: PanelHarness;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    viteBuild(['--outDir', BUILD_DIR]);
    h = await startPanelHarness({ panelDir: BUILD_DIR, adminToken: ADMIN });
    // Calls on each of the last DAYS days (noon UTC) from two models, each with one alert card
    // of the same rule; clinicians override all but two of them (a fatigue risk).
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const alert = () => ({
      uuid: crypto.randomUUID(),
      indicator: 'warning' as const,
      kind: 'alert' as const,
      rule: 'interaction-statin-cyp3a4',
    });
    let responses = 0;
    for (let d = 0; d < DAYS; d++) {
      const time = new Date(today - d * DAY_MS + 12 * 3600_000).toISOString();
      const calls = [
        auditRow({ time, latencyMs: 20 + d, cards: [alert()] }),
        auditRow({ time, latencyMs: 400, modelVersion: 'prompt-1+engine-1.0.0', cards: [alert()] }),
      ];
      h.store.audit.push(...calls);
      for (const call of calls) {
        const accepted = responses++ < 2;
        h.store.feedback.push(
          feedbackRow({
            receivedAt: time,
            cardId: call.cards[0]?.uuid ?? null,
            outcome: accepted ? 'accepted' : 'overridden',
            ...(accepted
              ? {}
              : {
                  overrideReasonCode: 'already-addressed',
                  overrideReasonSystem: OVERRIDE_REASON_SYSTEM,
                }),
          }),
        );
      }
    }
    // An EHR in shadow mode: cards computed, not shown.
    h.store.audit.push(
      auditRow({
        time: new Date(today).toISOString(),
        issuer: 'https://shadow-ehr.example',
        outcome: 'shadow',
        cards: [alert(), { ...alert(), rule: 'renal-metformin' }],
      }),
    );
    // A clinician's safety concern, sent through the panel API with the panel's SMART token.
    const reported = await postJson(
      `${h.service.url}/api/panel/safety-report`,
      {
        fhirServer: h.fhirBase,
        patientId: PATIENTS.smallHypertension,
        target: { kind: 'alert', id: 'interaction-statin-cyp3a4' },
        category: 'unsafe-suggestion',
        description: 'Asked to lower a dose already at the lowest strength.',
        model: { name: 'ehr-synopsis clinical engine', version: '1.0.0' },
      },
      { authorization: `Bearer ${h.tokenFor(PATIENTS.smallHypertension)}` },
    );
    expect(reported.status).toBe(201);
    // Feedback on a card the service never issued: stored, kept out of the rates, counted.
    h.store.feedback.push(
      feedbackRow({ receivedAt: new Date(today).toISOString(), cardId: 'never-issued' }),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium({ width: 1280, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await h.close();
  });

  const figure = (title: string) =>
    page.locator('figure', { has: page.locator('figcaption', { hasText: title }) });

  it('refuses the report without a session, and signs in with the admin token', async () => {
    const unsigned = await page.request.get(`${h.service.url}/admin/report`);
    expect(unsigned.status()).toBe(401);

    await page.goto(`${h.service.url}/admin/`);
    await page.getByLabel('Admin token').fill('not-the-token-at-all-0000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not the admin token/);
    await page.screenshot({ path: `${ARTIFACTS}/console-sign-in.png` });

    await page.getByLabel('Admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Traffic and latency' }).waitFor();
  });

  it('plots traffic and latency with one bar and one point per day', async () => {
    const calls = figure('Calls per day');
    await calls.locator('.recharts-bar-rectangle').first().waitFor();
    // The "calls" series: one bar per day of the period, each day seeded.
    const callBars = calls.locator('.recharts-bar').first().locator('.recharts-bar-rectangle');
    await expect(callBars.count()).resolves.toBe(DAYS);
    const latency = figure('Latency per day');
    // p50, p95 and p99: a point per day each.
    await expect(latency.locator('.recharts-line-dot').count()).resolves.toBe(DAYS * 3);
    await page.screenshot({ path: `${ARTIFACTS}/console-traffic.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows feedback and the model comparison from the same report', async () => {
    await page.getByRole('link', { name: 'Cards and feedback' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cards and feedback' }).waitFor();
    const reasons = figure('Override reasons');
    await expect(reasons.locator('.recharts-bar-rectangle').count()).resolves.toBe(1);
    const text = await page.locator('main').textContent();
    expect(text).toMatch(/Acceptance rate: 7\.1%/);
    const fatigue = page.getByRole('region', { name: 'Alert-fatigue risks' });
    await expect(fatigue.getByRole('listitem').textContent()).resolves.toMatch(
      /interaction-statin-cyp3a4: overridden 26 of 28/,
    );
    expect(text).toMatch(/kept out of the rates: 1 \(1 for a card the service never issued/);
    await page.screenshot({ path: `${ARTIFACTS}/console-feedback.png`, fullPage: true });

    await page.getByRole('link', { name: 'Shadow mode review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Shadow mode review' }).waitFor();
    await expect(
      figure('Would-be cards by rule').locator('.recharts-bar-rectangle').count(),
    ).resolves.toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/console-shadow.png`, fullPage: true });

    await page.getByRole('link', { name: 'Model comparison' }).click();
    await page.getByRole('heading', { level: 1, name: 'Model comparison' }).waitFor();
    // Two model versions seeded: two bars.
    await expect(
      figure('Calls by model version').locator('.recharts-bar-rectangle').count(),
    ).resolves.toBe(2);
    // One knowledge-base version seeded: one bar.
    await expect(
      figure('Calls by knowledge-base version').locator('.recharts-bar-rectangle').count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/console-models.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists safety reports from the panel, with a download', async () => {
    await page.getByRole('link', { name: 'Safety reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Safety reports' }).waitFor();
    const rows = page
      .getByRole('table', { name: /Safety reports, newest first/ })
      .locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(
      /Unsafe suggestion.*interaction-statin-cyp3a4.*lowest strength/,
    );
    await expect(
      figure('Safety reports by category').locator('.recharts-bar-rectangle').count(),
    ).resolves.toBe(1);
    const href = await page
      .getByRole('link', { name: 'Download them (JSON)' })
      .getAttribute('href');
    const download = await page.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(
      /attachment; filename="?safety-reports-/,
    );
    expect(((await download.json()) as { reports: unknown[] }).reports).toHaveLength(1);
    await page.screenshot({ path: `${ARTIFACTS}/console-safety.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs out: the report is refused again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    const after = await page.request.get(`${h.service.url}/admin/report`);
    expect(after.status()).toBe(401);
  });
});
