/**
 * The patient-view hook with an LLM behind it, all over real HTTP on 127.0.0.1: the mock EHR
 * (prefetch), the mock model server, and the composed CDS service. A slow model never holds the
 * hook past its budget; its answer, when it comes, is cached for the panel.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemorySynopsisCache,
  recordHash,
  synopsisCacheKey,
} from '../cds-service/cache/synopsis-cache';
import { composeService } from '../cds-service/compose';
import { defaultConfig, normaliseBaseUrl, type ModelConfig } from '../cds-service/config';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { normalise } from '../cds-service/fhir/record';
import { createMemoryLogger } from '../cds-service/log';
import { createMockEhr } from '../mocks/ehr-app';
import { loadFixtureStore } from '../mocks/fixtures';
import { runPrefetch } from '../mocks/prefetch';
import { PATIENT_VIEW_PREFETCH } from '../cds-service/hooks/synopsis-pipeline';
import { GOOD_ANSWER_MARKER } from '../mocks/model-server/good-answer';
import { createMockModelServer, type MockModelServer } from '../mocks/model-server/model-server';
import { FIXED_NOW, PATIENTS, patientViewRequest, trustingFhirServer } from './support/fixtures';
import { mockModelConfig } from './support/mock-model';
import { postJson, startServer, type RunningServer } from './support/server';

const BUDGET_MS = 300;
/**
 * Parsing the 660 KB prefetch, normalising and HTTP on loopback, outside the provider's budget
 * (50-80 ms measured here); generous, because the test shares its machine and event loop.
 */
const MARGIN_MS = 500;

let ehr: RunningServer;
let fhirBase: string;
let mock: MockModelServer;
let model: RunningServer;
let prefetch: Record<string, unknown>;
let smallPrefetch: Record<string, unknown>;

beforeAll(async () => {
  ehr = await startServer(createMockEhr({ store: loadFixtureStore() }));
  fhirBase = `${ehr.url}/fhir`;
  mock = createMockModelServer();
  model = await startServer(mock.app);
  prefetch = await runPrefetch(
    PATIENT_VIEW_PREFETCH,
    { patientId: PATIENTS.largeDiabetic, userId: 'Practitioner/example' },
    fhirBase,
  );
  smallPrefetch = await runPrefetch(
    PATIENT_VIEW_PREFETCH,
    { patientId: PATIENTS.smallHypertension, userId: 'Practitioner/example' },
    fhirBase,
  );
});
afterAll(async () => {
  await Promise.all([ehr.close(), model.close()]);
});
beforeEach(() => {
  mock.reset();
});

async function startService(modelConfig: ModelConfig) {
  const cache = createMemorySynopsisCache();
  const logger = createMemoryLogger();
  const composed = composeService(
    defaultConfig({ model: modelConfig, clients: trustingFhirServer(fhirBase) }),
    logger,
    {
      now: () => FIXED_NOW,
      cache,
    },
  );
  const service = await startServer(composed.app);
  const key = synopsisCacheKey({
    tenant: undefined,
    fhirServer: normaliseBaseUrl(fhirBase),
    patientId: PATIENTS.largeDiabetic,
    recordHash: recordHash(normalise(prefetch, PATIENTS.largeDiabetic, FIXED_NOW)),
    model: composed.provider.info,
  });
  const fire = async (patientId: string = PATIENTS.largeDiabetic, data = prefetch) => {
    const started = Date.now();
    const { status, body } = await postJson(`${service.url}/cds-services/patient-synopsis`, {
      ...patientViewRequest(patientId, data),
      fhirServer: fhirBase,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    return { ms: Date.now() - started, response: HookResponse.parse(body) };
  };
  return { service, cache, key, fire, logs: logger.lines, provider: composed.provider };
}

const llm = (hookBudgetMs: number): ModelConfig =>
  mockModelConfig(model.url, { hookBudgetMs, maxRetries: 1 });

describe('patient-view with an LLM provider', () => {
  it("answers with the model's synopsis when it comes within the budget", async () => {
    const s = await startService(llm(3000));
    try {
      const { response } = await s.fire();
      // Safety alerts may come first; the summary card carries the model's one-liner.
      const summary = response.cards.find((c) => c.summary.startsWith(GOOD_ANSWER_MARKER));
      expect(summary).toBeDefined();
      expect(summary?.source.label).toContain('mock-gpt');
      expect((await s.cache.get(s.key))?.model.provider).toBe('openai-compatible');
    } finally {
      await s.service.close();
    }
  });

  it("answers a slow model's hook within its budget with the engine's cards, then caches the model's synopsis", async () => {
    const s = await startService(llm(BUDGET_MS));
    try {
      // A first call on another patient warms the process up, so the timing below is the budget's.
      await s.fire(PATIENTS.smallHypertension, smallPrefetch);
      mock.reset();
      mock.script({ kind: 'good', delayMs: 2500 });
      const { ms, response } = await s.fire();
      expect(ms).toBeLessThan(BUDGET_MS + MARGIN_MS);
      expect(response.cards.map((c) => c.summary).join(' ')).not.toContain(GOOD_ANSWER_MARKER);
      // The cache is written once the answer has gone (the record hash keys it).
      const fallback = await waitFor(() => s.cache.get(s.key), 2000);
      expect(fallback.model.provider).toBe('rules');
      expect(fallback.dataQuality.join(' ')).toContain("within this call's time budget");

      // The model's answer arrives later and replaces the fallback for the panel.
      const late = await waitFor(async () => {
        const hit = await s.cache.get(s.key);
        return hit?.model.provider === 'openai-compatible' ? hit : undefined;
      }, 5000);
      expect(late.oneLiner.text).toContain(GOOD_ANSWER_MARKER);
      expect(mock.received).toHaveLength(1);
    } finally {
      await s.service.close();
    }
  });

  it("answers with the engine's cards when the model fails, and never says why in the cards", async () => {
    mock.otherwise = { kind: 'status', status: 500 };
    const s = await startService(llm(3000));
    try {
      const { response } = await s.fire();
      expect(response.cards.map((c) => c.summary)).toContainEqual(
        expect.stringMatching(/^\d+-year-old male/),
      );
      expect(mock.received).toHaveLength(2); // one retry
      expect(s.logs.join('\n')).toContain('"kind":"http","status":500');
    } finally {
      await s.service.close();
    }
  });

  it('keeps the embedded engine as the default: no model call without configuration', async () => {
    const composed = composeService(defaultConfig(), createMemoryLogger(), {
      now: () => FIXED_NOW,
    });
    expect(composed.provider.info.provider).toBe('rules');
    const service = await startServer(composed.app);
    try {
      const { status } = await postJson(
        `${service.url}/cds-services/patient-synopsis`,
        patientViewRequest(PATIENTS.largeDiabetic, prefetch),
      );
      expect(status).toBe(200);
      expect(mock.received).toHaveLength(0);
    } finally {
      await service.close();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
