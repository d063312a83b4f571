/**
 * Issue: record text (a problem or drug name, the one-liner) reached card `summary` and `detail`
 * unescaped, so `Diabetes [verify identity here](https://evil.example/login)` became a link and
 * `Hypertension\n\n# URGENT` a heading in an EHR's markdown renderer; on the LLM path a model
 * one-liner with headings, bold and `//host` links passed grounding. Replayed over HTTP: every
 * card is rendered with marked, with and without DOMPurify, and holds only the service's markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { composeService } from '../../cds-service/compose';
import { defaultConfig } from '../../cds-service/config';
import { HookResponse, type Card } from '../../cds-service/contract/cds-hooks';
import { SYSTEMS } from '../../cds-service/fhir/codes';
import { createMemoryLogger } from '../../cds-service/log';
import { createMockModelServer, type MockModelServer } from '../../mocks/model-server/model-server';
import { FIXED_NOW } from '../support/fixtures';
import { INJECTION_CORPUS, renderMarkup, SERVICE_ELEMENTS } from '../support/injection-corpus';
import { mockModelConfig } from '../support/mock-model';
import { postJson, startServer, type RunningServer } from '../support/server';

const PATIENT = 'injection-1';
const subject = { reference: `Patient/${PATIENT}` };

/**
 * A record whose problem names and drug name carry the injection string. `variant` changes the
 * record (a resource id), so that the model's answer cache does not answer for an earlier test.
 */
function prefetchWith(text: string, variant = '') {
  const entry = [
    {
      resource: {
        resourceType: 'Condition',
        id: 'dm',
        subject,
        clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: 'active' }] },
        code: { coding: [{ system: SYSTEMS.snomed, code: '44054006', display: text }], text },
      },
    },
    {
      resource: {
        resourceType: 'Condition',
        id: `other${variant}`,
        subject,
        clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: 'active' }] },
        code: { text },
      },
    },
    {
      resource: {
        resourceType: 'MedicationRequest',
        id: 'med',
        status: 'active',
        intent: 'order',
        subject,
        authoredOn: '2025-01-01',
        medicationCodeableConcept: { text },
      },
    },
  ];
  // Every key of the template is sent (empty but for one Bundle of everything), so the record is
  // complete and the card's summary is the one-liner itself.
  const empty = Object.fromEntries(
    Object.keys(PATIENT_VIEW_PREFETCH).map((key) => [
      key,
      { resourceType: 'Bundle', type: 'searchset', entry: [] },
    ]),
  );
  return {
    ...empty,
    patient: { resourceType: 'Patient', id: PATIENT, gender: 'female', birthDate: '1960-02-01' },
    everything: { resourceType: 'Bundle', type: 'collection', entry },
  };
}

const hook = (prefetch: unknown) => ({
  hook: 'patient-view',
  hookInstance: crypto.randomUUID(),
  context: { userId: 'Practitioner/example', patientId: PATIENT },
  prefetch,
});

/** What must hold for every card, whatever text went in. */
function expectOnlyServiceMarkup(cards: Card[], what: string) {
  expect(cards.length, what).toBeGreaterThan(0);
  for (const card of cards) {
    // `summary` is plain text: one line, no tag, nothing a renderer would link.
    expect(card.summary, what).not.toMatch(/[\r\n]|<[a-z/!]|https?:|\/\/|www\./i);
    for (const label of card.suggestions?.map((s) => s.label) ?? []) {
      expect(label, what).not.toMatch(/[\r\n]|<[a-z/!]|https?:|\/\/|www\./i);
    }
    for (const sanitise of [false, true]) {
      const { elements, urls } = renderMarkup(card.detail ?? '', sanitise);
      const foreign = [...elements].filter((e) => !SERVICE_ELEMENTS.has(e));
      expect(foreign, `${what} (sanitiser ${String(sanitise)}): ${card.detail ?? ''}`).toEqual([]);
      expect(urls, what).toEqual([]);
    }
  }
}

describe('record text in cards (embedded engine)', () => {
  let service: RunningServer;
  beforeAll(async () => {
    const { app } = composeService(defaultConfig(), createMemoryLogger(), {
      now: () => FIXED_NOW,
    });
    service = await startServer(app);
  });
  afterAll(() => service.close());

  it.each(INJECTION_CORPUS.map((s) => [s]))(
    '%j yields only the service’s own markup',
    async (s) => {
      const res = await postJson(
        `${service.url}/cds-services/patient-synopsis`,
        hook(prefetchWith(s)),
      );
      expect(res.status).toBe(200);
      const { cards } = HookResponse.parse(res.body);
      expectOnlyServiceMarkup(cards, s);
      // Raw HTML never reaches the card JSON, escaped or not.
      expect(JSON.stringify(cards)).not.toMatch(/<(img|script|a |b |!--)/i);
    },
  );
});

describe('model-written text in cards (LLM provider)', () => {
  let mock: MockModelServer;
  let model: RunningServer;
  let service: RunningServer;
  beforeAll(async () => {
    mock = createMockModelServer();
    model = await startServer(mock.app);
    const config = defaultConfig({
      model: mockModelConfig(model.url, { hookBudgetMs: 5000, maxRetries: 0 }),
    });
    const { app } = composeService(config, createMemoryLogger(), { now: () => FIXED_NOW });
    service = await startServer(app);
  });
  afterAll(async () => {
    await Promise.all([service.close(), model.close()]);
  });

  const oneLiner = (text: string) => {
    mock.script({
      kind: 'answer',
      build: (facts) => ({
        oneLiner: { text, evidence: [{ reference: facts.patient.ref }] },
        differential: [],
      }),
    });
  };

  it('a one-liner with headings, bold and strike-through reaches the card as plain text', async () => {
    oneLiner('# Summary\n**Adult** with ~~no~~ __known__ `diabetes` _today_');
    const res = await postJson(
      `${service.url}/cds-services/patient-synopsis`,
      hook(prefetchWith('Type 2 diabetes mellitus')),
    );
    expect(res.status).toBe(200);
    const { cards } = HookResponse.parse(res.body);
    expect(mock.received).toHaveLength(1);
    const summary = cards.find((c) => c.summary.includes('Summary'));
    expect(summary?.summary).toBe('Summary Adult with no known diabetes _today_');
    expectOnlyServiceMarkup(cards, 'model one-liner');
  });

  it.each([
    '[diabetes](//evil.example/login) follow-up',
    'see //evil.example/login for details',
    'see www.evil.example',
    '<b>Adult</b> with diabetes',
  ])('a one-liner with a link or HTML (%j) is dropped: the engine’s stands', async (text) => {
    oneLiner(text);
    const res = await postJson(
      `${service.url}/cds-services/patient-synopsis`,
      hook(prefetchWith('Type 2 diabetes mellitus', String(text.length))),
    );
    const { cards } = HookResponse.parse(res.body);
    expect(cards.some((c) => c.summary.startsWith('65-year-old female'))).toBe(true);
    expectOnlyServiceMarkup(cards, text);
  });
});
