import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import {
  createMemoryReplayGuard,
  createRedisReplayGuard,
  createStoreReplayGuard,
} from './replay-guard';

describe('replay guard', () => {
  it('refuses a jti seen before it expires, and forgets it after', async () => {
    const guard = createMemoryReplayGuard();
    expect(await guard.firstUse('iss|a', 100, 50)).toBe(true);
    expect(await guard.firstUse('iss|a', 100, 60)).toBe(false);
    expect(await guard.firstUse('iss|a', 200, 101)).toBe(true);
  });

  it('stays bounded: beyond its size it forgets the oldest live entries', async () => {
    const guard = createMemoryReplayGuard(2);
    for (const k of ['a', 'b', 'c']) expect(await guard.firstUse(k, 100, 0)).toBe(true);
    expect(await guard.firstUse('a', 100, 0)).toBe(true);
    expect(await guard.firstUse('c', 100, 0)).toBe(false);
  });

  describe('on Redis that cannot be reached', () => {
    // Port 1 on loopback: nothing listens, connections are refused at once.
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on('error', () => undefined);
    afterAll(() => {
      dead.disconnect();
    });

    it('falls back to the replica’s memory instead of refusing every call', async () => {
      const guard = createRedisReplayGuard(dead);
      expect(await guard.firstUse('iss|x', 100, 0)).toBe(true);
      expect(await guard.firstUse('iss|x', 100, 0)).toBe(false);
    });
  });

  describe('kept in the governance store', () => {
    it('refuses a replay the store saw, and falls back to memory while the store is down', async () => {
      const store = createMemoryStore();
      const guard = createStoreReplayGuard(store);
      const soon = Date.now() / 1000 + 60;
      expect(await guard.firstUse('iss|a', soon, Date.now() / 1000)).toBe(true);
      // Another replica (its own memory) on the same store refuses it too.
      expect(await createStoreReplayGuard(store).firstUse('iss|a', soon, Date.now() / 1000)).toBe(
        false,
      );
      store.failing = true;
      expect(await guard.firstUse('iss|b', soon, Date.now() / 1000)).toBe(true);
      expect(await guard.firstUse('iss|b', soon, Date.now() / 1000)).toBe(false);
    });
  });
});
