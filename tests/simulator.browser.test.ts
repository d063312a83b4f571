/**
 * The demo's front door in real Chromium: the EHR simulator page. Pick a patient, the chart and
 * the cards appear; accept a third-party suggestion (the order lands in the FHIR server, the
 * service gets `accepted` feedback); dismiss a card of ours with a reason (our service stores the
 * `overridden` feedback); open the SMART link and the panel shows this patient's synopsis beside
 * the chart. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium } from './support/chromium';
import { PATIENTS } from './support/fixtures';
import { startSimulatorHarness, type SimulatorHarness } from './support/simulator-harness';
import { startThirdPartyCds, type ThirdPartyCds } from './support/third-party-cds';
import { viteBuild } from './support/vite-build';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts', import.meta.url));
// Own build folders: other browser tests build the panel in parallel.
const PANEL_DIR = fileURLToPath(
  new URL('../test-artifacts/simulator-panel-build', import.meta.url),
);
const PAGE_DIR = fileURLToPath(new URL('../test-artifacts/simulator-page-build', import.meta.url));

const availability = requireChromium('simulator');

describe.skipIf(!availability.ok)('EHR simulator in Chromium', () => {
  let h: SimulatorHarness;
  let third: ThirdPartyCds;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    viteBuild(['--outDir', PANEL_DIR]);
    viteBuild(['--config', 'mocks/simulator/vite.config.ts', '--outDir', PAGE_DIR]);
    h = await startSimulatorHarness({ pageDir: PAGE_DIR, panelDir: PANEL_DIR });
    third = await startThirdPartyCds(() => h.ehr.url);
    await h.simulator.services.register(third.server.url);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium({ width: 1440, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await browser.close();
    await third.close();
    await h.close();
  });

  it('opens a chart and shows the cards of every service, with sanitised detail', async () => {
    await page.goto(`${h.ehr.url}/`);
    await page.getByRole('button', { name: /Josue Sipes/ }).click();
    await page.getByRole('banner', { name: 'Patient banner' }).getByText('Josue Sipes').waitFor();
    const cards = page.getByRole('article');
    await page.getByRole('article', { name: /Hemoglobin A1c is due/ }).waitFor({ timeout: 15_000 });
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    await expect
      .poll(() => page.locator('.call-time').allTextContents())
      .toEqual([expect.stringMatching(/^\d+ ms/), expect.stringMatching(/^\d+ ms/)]);

    // The third party's markdown tried to run script: nothing of it survives.
    const detail = page
      .getByRole('article', { name: /Hemoglobin A1c is due/ })
      .locator('.card-detail');
    expect(await detail.locator('script').count()).toBe(0);
    expect(await detail.locator('strong').textContent()).toBe('HbA1c');
    expect(await detail.getByRole('link', { name: 'bad' }).count()).toBe(0);
    expect(await detail.getByRole('link', { name: 'guideline' }).getAttribute('rel')).toContain(
      'noopener',
    );
    expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/simulator-chart.png`, fullPage: true });
  });

  it('accepting a suggestion writes the order to the FHIR server and sends accepted feedback', async () => {
    const card = page.getByRole('article', { name: /Hemoglobin A1c is due/ });
    await card.getByRole('button', { name: 'Order HbA1c' }).click();
    const status = card.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/Created ServiceRequest\/[\w-]+/);
    const reference = /ServiceRequest\/[\w-]+/.exec((await status.textContent()) ?? '')?.[0];
    expect(await card.getByRole('button', { name: 'Order HbA1c' }).isDisabled()).toBe(true);
    const token = h.smart.issueToken({
      clientId: 'test',
      scopes: ['patient/*.rs'],
      patient: PATIENTS.largeDiabetic,
      aud: h.fhirBase,
    }).accessToken;
    const read = await fetch(`${h.fhirBase}/${reference ?? ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    const sent = third.feedback.at(-1) as {
      feedback: { outcome: string; acceptedSuggestions: { id: string }[] }[];
    };
    expect(sent.feedback[0]?.outcome).toBe('accepted');
    expect(sent.feedback[0]?.acceptedSuggestions[0]?.id.length).toBeGreaterThan(0);
  });

  it('dismissing a card with a reason stores overridden feedback in the service', async () => {
    // The metformin warning: ours, and offered override reasons like every card of ours.
    const card = page.getByRole('article', { name: /^Warning: Metformin with eGFR/ });
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await card.getByRole('combobox', { name: 'Reason for dismissing' }).selectOption({
      label: 'Already addressed',
    });
    await card.getByRole('textbox', { name: 'Comment' }).fill('dose reviewed today');
    await card.getByRole('button', { name: 'Confirm dismiss' }).click();
    await card.waitFor({ state: 'hidden' });
    await h.flush();
    expect(h.store.feedback.at(-1)).toMatchObject({
      source: 'cds-hooks',
      outcome: 'overridden',
      overrideReasonCode: 'already-addressed',
      userComment: 'dose reviewed today',
      issuer: h.ehr.url,
    });
  });

  it.each([1024, 1280])(
    'lays the chart out without overlap at %i px: results keep their flag and date columns',
    async (width) => {
      await page.setViewportSize({ width, height: 900 });
      try {
        const results = page.locator('table.results');
        await results.waitFor();
        const table = await results.boundingBox();
        const cds = await page.locator('.cds').boundingBox();
        const date = await results.locator('td.date').first().boundingBox();
        expect(table && cds && date).toBeTruthy();
        if (!table || !cds || !date) return;
        // The table ends before the decision-support column begins, and its last column shows.
        expect(table.x + table.width).toBeLessThanOrEqual(cds.x);
        expect(date.x + date.width).toBeLessThanOrEqual(cds.x);
        await page.screenshot({ path: `${ARTIFACTS}/simulator-${String(width)}.png` });
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    },
  );

  it('with selectionBehavior any, the other suggestions, the link and Dismiss stay usable after one is taken', async () => {
    const card = page.getByRole('article', { name: /^Info: 69-year-old male/ });
    const suggestions = card.locator(
      '.card-actions button.primary, .card-actions button.secondary',
    );
    expect(await suggestions.count()).toBeGreaterThanOrEqual(2);
    const first = suggestions.nth(0);
    const label = (await first.textContent()) ?? '';
    await first.click();
    await expect
      .poll(() => card.getByRole('status').textContent())
      .toMatch(/Created ServiceRequest/);
    expect(await card.getByRole('button', { name: label }).isDisabled()).toBe(true);
    expect(await suggestions.nth(1).isDisabled()).toBe(false);
    expect(await card.getByRole('button', { name: 'Open the full synopsis' }).isDisabled()).toBe(
      false,
    );
    expect(await card.getByRole('button', { name: 'Dismiss' }).isDisabled()).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${ARTIFACTS}/simulator-card-accepted.png` });
  });

  it('the SMART link launches the panel beside the chart for the same patient', async () => {
    // What the framed launch leaves in the console and the network: no fhirclient warning, no 404.
    const warnings: string[] = [];
    const missing: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(new URL(r.url()).pathname);
    });
    const card = page.getByRole('article', { name: /^Info: 69-year-old male/ });
    await card.getByRole('button', { name: 'Open the full synopsis' }).click();
    const frame = page.frameLocator('iframe[name="smart-app"]');
    const summary = frame.getByLabel('Summary', { exact: true });
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toMatch(/^69-year-old male/);
    await expect
      .poll(() => frame.getByRole('banner', { name: 'Patient' }).textContent())
      .toMatch(/^Josue Sipes/);
    expect(warnings.filter((w) => /completeInTarget/.test(w))).toEqual([]);
    expect(missing).toEqual([]);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: `${ARTIFACTS}/simulator-panel.png` });
  });

  /** Opens a chart and waits for the hook round to finish; our cards with their text. */
  async function ourCards(patient: RegExp) {
    await page.getByRole('button', { name: patient }).click();
    await page.getByRole('status').filter({ hasText: 'Calling the CDS services' }).waitFor({
      state: 'detached',
      timeout: 20_000,
    });
    const ours = page.getByRole('article').filter({ hasText: 'EHR Synopsis' });
    const out: { label: string; text: string }[] = [];
    for (const card of await ours.all())
      out.push({
        label: (await card.getAttribute('aria-label')) ?? '',
        text: (await card.textContent()) ?? '',
      });
    return out;
  }

  const RAW_ID =
    /\b(?:Condition|Observation|MedicationRequest|AllergyIntolerance|Patient)\/[\w-]{6,}/;

  it('reads well for four very different patients: warnings first, no raw ids, one count', async () => {
    await page.goto(`${h.ehr.url}/`);
    await page.getByRole('button', { name: /Josue Sipes/ }).waitFor();
    // Elderly, multimorbid: the warning before the summary; the summary counts what the panel counts.
    const elderly = await ourCards(/Eleanora Keeling/);
    expect(elderly.map((c) => c.label.split(':')[0])).toEqual(['Warning', 'Info', 'Info']);
    expect(elderly[1]?.label).toMatch(
      /^Info: 97-year-old female: malignant neoplasm of breast, diabetes/,
    );
    const count = /Active problems \((\d+)\)/.exec(elderly[1]?.text ?? '')?.[1];
    await page
      .getByRole('article', { name: /^Info: 97-year-old/ })
      .getByRole('button', { name: 'Open the full synopsis' })
      .click();
    const frame = page.frameLocator('iframe[name="smart-app"]');
    const active = frame.getByRole('region', { name: /Active problems/ });
    await active.waitFor({ timeout: 20_000 });
    expect(
      await active
        .getByLabel(/items$/)
        .first()
        .textContent(),
    ).toBe(count);
    await page.screenshot({ path: `${ARTIFACTS}/review-elderly.png` });
    await page.getByRole('button', { name: 'Close app' }).click();
    // Heart failure on many drugs: three warnings fill the three slots; no summary takes one.
    const hf = await ourCards(/Jenise Sandra McClure/);
    expect(hf.map((c) => c.label.split(':')[0])).toEqual(['Warning', 'Warning', 'Warning']);
    expect(hf.map((c) => c.label)).toContain(
      'Warning: ACE inhibitor with an ARB/ARNI: dual RAAS blockade. (lisinopril, losartan)',
    );
    await page.screenshot({ path: `${ARTIFACTS}/review-heart-failure.png`, fullPage: true });
    // A child: one summary card, no adult judgement.
    const child = await ourCards(/Bennie Raynor/);
    expect(child.map((c) => c.label)).toEqual([
      'Info: 12-year-old female: childhood asthma, perennial allergic rhinitis, atopic dermatitis',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/review-child.png`, fullPage: true });
    // Young and healthy: nothing to say, so no card of ours at all.
    expect(await ourCards(/Jon Ledner/)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/review-young-healthy.png`, fullPage: true });
    for (const c of [...elderly, ...hf, ...child]) expect(c.text).not.toMatch(RAW_ID);
  }, 90_000);

  it('says first when the record could not be read in full', async () => {
    // An EHR registration that prefetches only the Patient: the FHIR token it grants is narrowed
    // to that, so the service cannot read the rest of the record and must say so.
    const ours = h.simulator.services.list().find((s) => s.id === 'patient-synopsis');
    if (!ours) throw new Error('our service is not registered');
    const full = ours.prefetch;
    ours.prefetch = { patient: full.patient ?? 'Patient/{{context.patientId}}' };
    try {
      const cards = await ourCards(/Jenise Sandra McClure/);
      expect(cards[0]?.label).toMatch(
        /^Info: Record incomplete: [a-z]+, [a-z]+ and \d+ more could not be read\. 78-year-old female/,
      );
      await page.screenshot({ path: `${ARTIFACTS}/review-incomplete.png`, fullPage: true });
    } finally {
      ours.prefetch = full;
    }
  }, 60_000);

  it('shows the hook request and response JSON, with the access token redacted', async () => {
    await page.getByRole('button', { name: 'Services & debug' }).click();
    await page.getByRole('button', { name: 'Expand all' }).click();
    const request = page.getByLabel('Hook request JSON').first();
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('"access_token": "[redacted]"');
    expect(text).toContain('"hook": "patient-view"');
    expect(await page.getByRole('table').first().textContent()).toContain('Order helper');
    await page.screenshot({ path: `${ARTIFACTS}/simulator-debug.png` });
    expect(problems).toEqual([]);
  });
});
