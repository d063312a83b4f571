/**
 * End to end in real Chromium: the EHR launches the panel for a fixture patient (SMART EHR launch
 * with PKCE through the mock authorization server), the panel shows the synopsis, and a click on
 * evidence shows the cited resource read from the FHIR server. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, requireChromium } from './support/chromium';
import { PATIENTS } from './support/fixtures';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { postJson } from './support/server';
import { viteBuild } from './support/vite-build';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
const PANEL_DIR = fileURLToPath(new URL('../test-artifacts/panel-build', import.meta.url));

const availability = requireChromium('panel');

describe.skipIf(!availability.ok)('SMART panel in Chromium', () => {
  let h: PanelHarness;
  let browser: BrowserContext;

  beforeAll(async () => {
    // The panel is built from source for this test, into its own folder, as `npm start` would.
    // A child process, so that the build is a production one (Vitest sets NODE_ENV=test).
    viteBuild(['--outDir', PANEL_DIR]);
    h = await startPanelHarness({ panelDir: PANEL_DIR });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await h.close();
  });

  async function launchPanel(width: number, height: number, patient: string, harness = h) {
    browser = await launchChromium({ width, height });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const launch = await postJson(`${harness.ehr.url}/auth/launch`, { patient });
    const { launch: id, iss } = launch.body as { launch: string; iss: string };
    await page.goto(
      `${harness.service.url}/panel/launch.html?iss=${encodeURIComponent(iss)}&launch=${id}`,
    );
    return page;
  }

  it('EHR launch shows the one-liner and the differential; evidence opens the resource', async () => {
    const page = await launchPanel(420, 900, PATIENTS.withDifferential);
    await page.waitForURL(/\/panel\/index\.html/);
    await page.waitForLoadState('domcontentloaded');
    const started = await page.evaluate(() => performance.timeOrigin);
    const summary = page.getByLabel('Summary', { exact: true });
    await summary.waitFor({ timeout: 15_000 });
    const onScreenMs = Date.now() - started;
    expect((await summary.textContent())?.length).toBeGreaterThan(10);
    const differential = page.getByRole('region', { name: /differential/i });
    await differential.waitFor();
    expect(await differential.getByRole('listitem').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/panel-420.png`, fullPage: true });

    await differential
      .getByRole('button', { name: /^show source/i })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('dl.resource').waitFor({ timeout: 10_000 });
    expect(await dialog.locator('dt').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/panel-420-evidence.png` });
    console.info(`synopsis on screen ${onScreenMs.toFixed(0)} ms after the panel page opened`);
    await browser.close();
  });

  it('fits a full window', async () => {
    const page = await launchPanel(1280, 900, PATIENTS.smallHypertension);
    await page.getByLabel('Summary', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: /differential/i }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/panel-1280.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);
  });

  it("explains a refusal in its own words and shows the service's message", async () => {
    // One panel request a minute per token: the reload (same session, same token) is refused.
    const limited = await startPanelHarness({ panelDir: PANEL_DIR, panelRateLimitPerMinute: 1 });
    try {
      const page = await launchPanel(420, 700, PATIENTS.smallHypertension, limited);
      await page.getByLabel('Summary', { exact: true }).waitFor({ timeout: 15_000 });
      await page.reload();
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.textContent()).toMatch(/Too many requests to the synopsis service/);
      expect(await alert.textContent()).toMatch(
        /The service said: Too many panel requests for this access token \(limit 1 per minute\)/,
      );
      await page.screenshot({ path: `${ARTIFACTS}/panel-rate-limited.png` });
    } finally {
      await browser.close();
      await limited.close();
    }
  });
});
