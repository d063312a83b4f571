/**
 * Scale-out: two service replicas sharing a real Redis. The synopsis one replica computed at hook
 * time is found by the other, as the panel (possibly routed to another replica) needs.
 * Needs TEST_REDIS_URL (.ci/run starts redis-server on 127.0.0.1 and sets it).
 */
import { isCi } from './support/environment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisReplayGuard } from '../cds-service/auth/replay-guard';
import { createRedisSynopsisCache, type RedisCache } from '../cds-service/cache/redis-cache';
import { synopsisCacheKey } from '../cds-service/cache/synopsis-cache';
import { composeService } from '../cds-service/compose';
import { defaultConfig, normaliseBaseUrl } from '../cds-service/config';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { createMemoryLogger } from '../cds-service/log';
import type { ModelProvider } from '../cds-service/providers/provider';
import { createMemoryStore } from '../cds-service/store/memory-store';
import {
  FIXED_NOW,
  PATIENTS,
  patientViewRequest,
  startHarness,
  trustingFhirServer,
  type Harness,
} from './support/fixtures';
import { getJson, postJson, startServer, type RunningServer } from './support/server';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl && isCi()) {
  throw new Error('TEST_REDIS_URL is not set in CI: .ci/run must start redis-server and set it.');
}

describe.skipIf(!redisUrl)('two replicas on one Redis', () => {
  let h: Harness;
  const replicas: {
    server: RunningServer;
    cache: RedisCache;
    store: ReturnType<typeof createMemoryStore>;
    provider: ModelProvider;
  }[] = [];
  beforeAll(async () => {
    h = await startHarness();
    for (let i = 0; i < 2; i++) {
      const cache = createRedisSynopsisCache(redisUrl ?? '', createMemoryLogger());
      const store = createMemoryStore();
      // Auth off: the FHIR servers of all configured clients are allowed.
      const clients = trustingFhirServer(h.fhirBase);
      const { app, provider } = composeService(defaultConfig({ clients }), createMemoryLogger(), {
        now: () => FIXED_NOW,
        cache,
        store,
      });
      replicas.push({ server: await startServer(app), cache, store, provider });
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.flatMap((r) => [r.server.close(), r.cache.close()]));
    await h.close();
  });

  it('serves on replica B the synopsis replica A computed at hook time', async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error('replicas not started');
    const request = {
      ...patientViewRequest(PATIENTS.largeDiabetic, await h.prefetchFor(PATIENTS.largeDiabetic)),
      fhirServer: h.fhirBase,
    };
    const res = await postJson(`${a.server.url}/cds-services/patient-synopsis`, request);
    expect(res.status).toBe(200);
    expect(HookResponse.parse(res.body).cards.length).toBeGreaterThan(0);

    await new Promise((r) => setTimeout(r, 50)); // the audit write is in the background
    const audit = a.store.audit.at(-1);
    const key = synopsisCacheKey({
      tenant: undefined,
      fhirServer: normaliseBaseUrl(h.fhirBase),
      patientId: PATIENTS.largeDiabetic,
      recordHash: audit?.inputHash ?? '',
      model: a.provider.info,
    });
    const seenByB = await b.cache.get(key);
    expect(seenByB?.patient.reference).toBe(`Patient/${PATIENTS.largeDiabetic}`);
    expect(seenByB?.generatedAt).toBe(FIXED_NOW.toISOString());
  });

  it('refuses on replica B a JWT id first used on replica A', async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error('replicas not started');
    const guardA = createRedisReplayGuard(a.cache.client);
    const guardB = createRedisReplayGuard(b.cache.client);
    const key = `https://ehr.example.org|${crypto.randomUUID()}`;
    const now = Date.now() / 1000;
    expect(await guardA.firstUse(key, now + 60, now)).toBe(true);
    expect(await guardB.firstUse(key, now + 60, now)).toBe(false);
  });

  it('treats a corrupted or foreign cache value as a miss, not an error', async () => {
    const [a] = replicas;
    if (!a) throw new Error('replicas not started');
    await a.cache.client.set('synopsis:corrupt', '{"schemaVersion": "2", "trunc');
    await a.cache.client.set('synopsis:foreign', JSON.stringify({ schemaVersion: '0' }));
    await expect(a.cache.get('synopsis:corrupt')).resolves.toBeUndefined();
    await expect(a.cache.get('synopsis:foreign')).resolves.toBeUndefined();
  });

  it('reports Redis in readiness', async () => {
    const [, b] = replicas;
    const ready = await getJson(`${b?.server.url ?? ''}/readyz`);
    expect(ready.body).toMatchObject({ checks: { cache: true } });
  });
});
