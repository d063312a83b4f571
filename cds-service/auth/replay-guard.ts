/**
 * Remembers each JWT `jti` until its token expires, so that a captured token cannot be sent twice
 * (CDS Hooks 2.0: the service should refuse a reused `jti`). In process by default; in Redis when
 * several replicas serve, so a token replayed to another replica is refused too.
 */
import type { Redis } from 'ioredis';
import { sha256 } from '../hash';
import type { GovernanceStore } from '../store/records';

export interface ReplayGuard {
  /** True the first time `key` is seen before `expiresAt` (epoch seconds); false on a replay. */
  firstUse(key: string, expiresAt: number, nowSeconds: number): Promise<boolean>;
}

export function createMemoryReplayGuard(maxEntries = 100_000): ReplayGuard {
  const seen = new Map<string, number>();
  const prune = (nowSeconds: number): void => {
    for (const [k, expires] of seen) if (expires <= nowSeconds) seen.delete(k);
  };
  return {
    firstUse(key, expiresAt, nowSeconds) {
      const known = seen.get(key);
      if (known !== undefined && known > nowSeconds) return Promise.resolve(false);
      if (seen.size >= maxEntries) prune(nowSeconds);
      // Still full of live tokens: drop the oldest. A bounded guard beats unbounded memory.
      if (seen.size >= maxEntries) {
        const oldest = seen.keys().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      seen.set(key, expiresAt);
      return Promise.resolve(true);
    },
  };
}

/**
 * A shared guard (Redis, the governance store) backed by this process's memory: while the shared
 * one is unreachable, replays to this replica are still refused and hook calls are not refused
 * wholesale; every id is also remembered locally, so a replay during a later outage is caught.
 */
function sharedWithFallback(shared: ReplayGuard, fallback: ReplayGuard): ReplayGuard {
  return {
    async firstUse(key, expiresAt, nowSeconds) {
      let first: boolean;
      try {
        first = await shared.firstUse(key, expiresAt, nowSeconds);
      } catch {
        return fallback.firstUse(key, expiresAt, nowSeconds);
      }
      await fallback.firstUse(key, expiresAt, nowSeconds);
      return first;
    },
  };
}

/** `SET NX` with the token's remaining lifetime: atomic across every replica sharing the Redis. */
export function createRedisReplayGuard(
  redis: Redis,
  fallback = createMemoryReplayGuard(),
): ReplayGuard {
  return sharedWithFallback(
    {
      async firstUse(key, expiresAt, nowSeconds) {
        const ttl = Math.max(1, Math.ceil(expiresAt - nowSeconds));
        return (await redis.set(`jti:${key}`, '1', 'EX', ttl, 'NX')) === 'OK';
      },
    },
    fallback,
  );
}

/**
 * The guard without Redis: used ids kept in the governance store (PGlite or PostgreSQL), so that
 * a restart, or a second replica on the same database, still refuses a replayed token.
 */
export function createStoreReplayGuard(
  store: Pick<GovernanceStore, 'firstTokenUse'>,
  fallback = createMemoryReplayGuard(),
): ReplayGuard {
  return sharedWithFallback(
    {
      // Hashed: ids are the caller's text, of any length.
      firstUse: (key, expiresAt) => store.firstTokenUse(sha256(key), new Date(expiresAt * 1000)),
    },
    fallback,
  );
}
