/**
 * The patient-facing page end to end in real Chromium: a portal launches it (SMART EHR launch with
 * PKCE and `openid fhirUser` through the mock authorization server) or the patient signs in
 * standalone; the page shows the plain-language sections, passes axe (WCAG 2.2 AA) and carries no
 * clinician-only wording. Screenshots of three very different patients, phone and desktop, go to
 * test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe';
import { launchChromium, requireChromium } from './support/chromium';
import { PATIENTS } from './support/fixtures';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { postJson } from './support/server';
import { viteBuild } from './support/vite-build';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
const BUILD_DIR = fileURLToPath(new URL('../test-artifacts/patient-page-build', import.meta.url));

/** Three very different fixture patients: a child, an older adult with many conditions, a healthy young adult. */
const SHOWN = {
  child: '46d8cf9a-63e3-43bc-1241-3a01f198fe87',
  elderly: 'b27685a2-0ccd-30cd-7c66-495ed97041fd',
  young: 'd5d42b99-0256-5ee0-e4b8-3b6237a806d5',
} as const;

const SECTIONS = [
  'Your health conditions',
  'Your medicines',
  'Your allergies',
  'Your recent test results',
  'Things to ask your care team about',
];

const availability = requireChromium('patient page');

describe.skipIf(!availability.ok)('patient page in Chromium', () => {
  let h: PanelHarness;
  const browsers: BrowserContext[] = [];

  beforeAll(async () => {
    viteBuild(['--outDir', BUILD_DIR]);
    h = await startPanelHarness({ panelDir: BUILD_DIR });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await h.close();
  });

  async function open(width: number): Promise<Page> {
    const browser = await launchChromium({ width, height: 844 });
    browsers.push(browser);
    return browser.pages()[0] ?? (await browser.newPage());
  }

  /** The portal launches the page for its signed-in patient. */
  async function portalLaunch(page: Page, patient: string): Promise<void> {
    const launch = await postJson(`${h.ehr.url}/auth/launch`, {
      patient,
      user: `Patient/${patient}`,
    });
    const { launch: id, iss } = launch.body as { launch: string; iss: string };
    await page.goto(
      `${h.service.url}/panel/patient-launch.html?iss=${encodeURIComponent(iss)}&launch=${id}`,
    );
    await page.waitForURL(/\/panel\/patient\.html/);
    await page
      .getByRole('heading', { name: 'Your health conditions' })
      .waitFor({ timeout: 15_000 });
  }

  it.each(Object.entries(SHOWN))(
    'a portal launch shows %s’s record in plain words, accessible on a phone and a desktop',
    async (name, patient) => {
      for (const width of [390, 1280]) {
        const page = await open(width);
        await portalLaunch(page, patient);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          'Your health record in plain words',
        );
        for (const section of SECTIONS) {
          await expect(page.getByRole('region', { name: section }).count()).resolves.toBe(1);
        }
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text).not.toMatch(/\b(possible|undiagnosed|differential|stop taking)\b/i);
        // Statements say where they come from, in words.
        expect(await page.locator('.source').count()).toBeGreaterThan(0);
        // The phone layout never scrolls sideways.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `${ARTIFACTS}/patient-page-${name}-${String(width)}.png`,
          fullPage: true,
        });
        // Every "where this comes from" open, so that their contents are checked too.
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        expect(await axeViolations(page)).toEqual([]);
      }
    },
    60_000,
  );

  it('a standalone launch lets the patient sign in and see their own record', async () => {
    const page = await open(390);
    await page.goto(
      `${h.service.url}/panel/patient-launch.html?iss=${encodeURIComponent(h.fhirBase)}`,
    );
    // The mock portal's sign-in: the patient picks who they are.
    await page.locator(`a[href*="patient_pick=${PATIENTS.smallHypertension}"]`).click();
    await page.waitForURL(/\/panel\/patient\.html/);
    const conditions = page.getByRole('region', { name: 'Your health conditions' });
    await conditions.getByRole('heading', { name: /High blood pressure/ }).waitFor({
      timeout: 15_000,
    });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Your health record in plain words',
    );
  }, 60_000);
});
