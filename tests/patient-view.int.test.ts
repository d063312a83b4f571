import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryResponse, HookResponse } from '../cds-service/contract/cds-hooks';
import { patientViewRequest, PATIENTS, startHarness, type Harness } from './support/fixtures';
import { getJson, postJson } from './support/server';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('patient-view end to end: mock EHR prefetch -> CDS service -> cards', () => {
  it('discovery lists the patient-view service with prefetch templates', async () => {
    const { status, body } = await getJson(`${h.service.url}/cds-services`);
    expect(status).toBe(200);
    const discovery = DiscoveryResponse.parse(body);
    const service = discovery.services.find((s) => s.hook === 'patient-view');
    expect(service?.prefetch?.patient).toBe('Patient/{{context.patientId}}');
    expect(
      Object.values(service?.prefetch ?? {}).every((t) => t.includes('{{context.patientId}}')),
    ).toBe(true);
  });

  it('answers a fixture patient with a valid card naming age, sex and active problems', async () => {
    const { status, body } = await postJson(
      `${h.service.url}/cds-services/patient-synopsis`,
      patientViewRequest(
        PATIENTS.smallHypertension,
        await h.prefetchFor(PATIENTS.smallHypertension),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    const response = HookResponse.parse(body);
    expect(response.cards.length).toBeGreaterThanOrEqual(1);
    const summary = response.cards[0];
    // Liz Conn: born 1986-11-28, female, active hypertension; "now" is fixed at 2025-07-01.
    expect(summary?.summary).toMatch(/^38-year-old female: hypertension$/);
    expect(summary?.indicator).toBe('info');
  });

  it("links every card's source to a page of the decision support's source attributes", async () => {
    const { body } = await postJson(
      `${h.service.url}/cds-services/patient-synopsis`,
      patientViewRequest(PATIENTS.largeDiabetic, await h.prefetchFor(PATIENTS.largeDiabetic)),
    );
    const { cards } = HookResponse.parse(body);
    const urls = new Set(cards.map((c) => c.source.url));
    expect(urls.size).toBe(1);
    const url = [...urls][0] ?? '';
    expect(url.startsWith(h.service.url)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const attribute of [
      'Intended use',
      'Cautioned out-of-scope use',
      'Input data',
      'Known limitations',
    ]) {
      expect(html).toContain(attribute);
    }
  });

  it('answers every fixture patient with schema-valid cards', async () => {
    for (const id of h.patientIds) {
      const { status, body } = await postJson(
        `${h.service.url}/cds-services/patient-synopsis`,
        patientViewRequest(id, await h.prefetchFor(id)),
      );
      expect(status, `patient ${id}`).toBe(200);
      const { cards } = HookResponse.parse(body);
      expect(cards.length).toBeLessThanOrEqual(3);
      // A patient with problems always gets something; one with nothing to say may get no card.
      if (id === PATIENTS.smallHypertension || id === PATIENTS.largeDiabetic)
        expect(cards.length, `patient ${id}`).toBeGreaterThanOrEqual(1);
    }
  });
});
