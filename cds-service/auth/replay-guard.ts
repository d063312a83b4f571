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
 * `SET NX` with the token's remaining lifetime: atomic across every replica sharing the Redis.
 * While Redis is unreachable the replica falls back to its own memory: replays to the same
 * replica are still refused, and hook calls are not refused wholesale because a cache is down.
 */
export function createRedisReplayGuard(
  redis: Redis,
  fallback = createMemoryReplayGuard(),
): ReplayGuard {
  return {
    async firstUse(key, expiresAt, nowSeconds) {
      const ttl = Math.max(1, Math.ceil(expiresAt - nowSeconds));
      let answer: string | null;
      try {
        answer = await redis.set(`jti:${key}`, '1', 'EX', ttl, 'NX');
      } catch {
        return fallback.firstUse(key, expiresAt, nowSeconds);
      }
      // Also remembered locally, so that a replay during a later outage is still caught here.
      await fallback.firstUse(key, expiresAt, nowSeconds);
      return answer === 'OK';
    },
  };
}

/**
 * The guard without Redis: used ids kept in the governance store (PGlite or PostgreSQL), so that
 * a restart, or a second replica on the same database, still refuses a replayed token. While the
 * store is unreachable the process's own memory stands in, as with Redis.
 */
export function createStoreReplayGuard(
  store: Pick<GovernanceStore, 'firstTokenUse'>,
  fallback = createMemoryReplayGuard(),
): ReplayGuard {
  return {
    async firstUse(key, expiresAt, nowSeconds) {
      let first: boolean;
      try {
        // Hashed: ids are the caller's text, of any length.
        first = await store.firstTokenUse(sha256(key), new Date(expiresAt * 1000));
      } catch {
        return fallback.firstUse(key, expiresAt, nowSeconds);
      }
      await fallback.firstUse(key, expiresAt, nowSeconds);
      return first;
    },
  };
}
