/**
 * The synopsis computed at hook time, kept so that the panel opening seconds later shows the same
 * synopsis without recomputing it. In process by default; shared (Redis) when configured.
 */
import { createHash } from 'node:crypto';
import type { ModelInfo, Synopsis } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import { sha256 } from '../hash';

export interface SynopsisCache {
  get(key: string): Promise<Synopsis | undefined>;
  set(key: string, synopsis: Synopsis): Promise<void>;
}

export interface CacheKeyParts {
  /**
   * The verified EHR issuer the synopsis was computed for (undefined only with CDS_AUTH=off):
   * one tenant never reads what another's call put in the cache.
   */
  tenant: string | undefined;
  /** A FHIR server on that issuer's allowlist, normalised. */
  fhirServer: string;
  patientId: string;
  recordHash: string;
  /** Which model wrote it: provider, name and version (switching any of them is a miss). */
  model: Pick<ModelInfo, 'provider' | 'name' | 'version'>;
}

/** Hashed so that the key itself carries no identifier into a shared cache. */
export const synopsisCacheKey = (p: CacheKeyParts): string =>
  `synopsis:${sha256(
    JSON.stringify([
      p.tenant ?? null,
      p.fhirServer,
      p.patientId,
      p.recordHash,
      p.model.provider,
      p.model.name,
      p.model.version,
    ]),
  )}`;

/** Hashes already computed, per record (records are not changed once normalised). */
const hashes = new WeakMap<ReadonlyMap<string, unknown>, string>();

/**
 * A hash of everything the normaliser read (the resources kept, the `fullUrl`s that resolved
 * references, the resources it skipped), independent of order: equal input, equal hash; an input
 * that could change a fact, a different one. Computed once per record: the model's cache key and
 * the audit row of the same call share it.
 */
export function recordHash(record: Pick<PatientRecord, 'resources' | 'input'>): string {
  const { resources, input } = record;
  const known = hashes.get(resources);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const key of [...resources.keys()].sort()) {
    hash.update(key);
    hash.update(JSON.stringify(resources.get(key)));
  }
  // Separators that cannot occur in JSON text keep the three parts apart.
  hash.update('\u0000fullUrls');
  for (const [from, to] of [...input.fullUrls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    hash.update(`${from}\u0001${to}\u0001`);
  hash.update('\u0000skipped');
  for (const json of input.skipped.map((r) => JSON.stringify(r)).sort()) hash.update(json);
  const digest = hash.digest('hex');
  hashes.set(resources, digest);
  return digest;
}

export interface MemoryCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

/** A bounded LRU with expiry. Map iteration order is insertion order, which gives LRU cheaply. */
export function createMemorySynopsisCache(options: MemoryCacheOptions = {}): SynopsisCache {
  const maxEntries = options.maxEntries ?? 1000;
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { synopsis: Synopsis; expires: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return Promise.resolve(undefined);
      entries.delete(key);
      if (hit.expires <= now()) return Promise.resolve(undefined);
      entries.set(key, hit);
      return Promise.resolve(hit.synopsis);
    },
    set(key, synopsis) {
      entries.delete(key);
      entries.set(key, { synopsis, expires: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      return Promise.resolve();
    },
  };
}
