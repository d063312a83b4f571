/**
 * The synopsis cache in Redis, shared by every replica: the panel opened on one replica finds the
 * synopsis another replica computed at hook time. Keys are hashes; values expire.
 */
import { Redis } from 'ioredis';
import { Synopsis } from '../contract/synopsis';
import type { Logger } from '../log';
import type { SynopsisCache } from './synopsis-cache';

export interface RedisCache extends SynopsisCache {
  /** The connection, shared with other Redis users of the service (the JWT replay guard). */
  readonly client: Redis;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function createRedisSynopsisCache(
  url: string,
  logger: Logger,
  ttlSeconds = 15 * 60,
): RedisCache {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    enableOfflineQueue: false,
  });
  let warned = false;
  redis.on('error', () => {
    // ioredis reconnects by itself; say so once per outage, not once per retry.
    if (!warned) logger.warn('redis unavailable; synopsis cache misses until it returns');
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  return {
    client: redis,
    async get(key) {
      const raw = await redis.get(key);
      if (raw === null) return undefined;
      // A value that is not a valid synopsis (another version, corruption) is a miss, not an error.
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const parsed = Synopsis.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
    async set(key, synopsis) {
      await redis.set(key, JSON.stringify(synopsis), 'EX', ttlSeconds);
    },
    async ping() {
      try {
        await redis.ping();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await redis.quit().catch(() => {
        redis.disconnect();
      });
    },
  };
}
