import { describe, expect, it } from 'vitest';
import { createRateLimiter, RateLimitError } from './rate-limit';

function limiter(perMinute: number, maxKeys?: number) {
  let t = 0;
  const l = createRateLimiter({
    perMinute,
    what: 'calls',
    now: () => t,
    ...(maxKeys ? { maxKeys } : {}),
  });
  return {
    take: (k: string) => {
      l.take(k);
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const refusal = (f: () => void): RateLimitError => {
  try {
    f();
  } catch (err) {
    if (err instanceof RateLimitError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('rate limiter', () => {
  it('lets a burst of the per-minute budget through, then refuses with 429 and a Retry-After', () => {
    const l = limiter(60);
    for (let i = 0; i < 60; i++) l.take('a');
    const err = refusal(() => {
      l.take('a');
    });
    expect(err.status).toBe(429);
    expect(err.retryAfterSeconds).toBe(1);
    expect(err.message).toMatch(/limit 60 per minute/);
  });

  it('keeps each key to its own budget', () => {
    const l = limiter(2);
    l.take('a');
    l.take('a');
    expect(() => {
      l.take('a');
    }).toThrow(RateLimitError);
    expect(() => {
      l.take('b');
    }).not.toThrow();
  });

  it('refills at the configured rate, and the Retry-After is honest', () => {
    const l = limiter(6); // one every 10 s
    for (let i = 0; i < 6; i++) l.take('a');
    const err = refusal(() => {
      l.take('a');
    });
    expect(err.retryAfterSeconds).toBe(10);
    l.advance(9_000);
    expect(() => {
      l.take('a');
    }).toThrow(RateLimitError);
    l.advance(1_001);
    expect(() => {
      l.take('a');
    }).not.toThrow();
  });

  it('still refuses the newest caller after forgetting idle ones at the key bound', () => {
    const l = limiter(1, 100);
    for (let i = 0; i < 1000; i++) l.take(`k${i}`);
    // The newest caller is still remembered and refused; the memory did not grow past the bound.
    expect(() => {
      l.take('k999');
    }).toThrow(RateLimitError);
  });
});
