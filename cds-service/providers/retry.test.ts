import { describe, expect, it } from 'vitest';
import { ModelCallError, parseRetryAfter, withRetry } from './retry';

/** A fake clock whose sleep advances time: the policy's waits are observed, not slept. */
function clock() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: (ms: number) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

const failing = (...errors: ModelCallError[]) => {
  let n = 0;
  return () => {
    const e = errors[n++];
    return e ? Promise.reject(e) : Promise.resolve('ok');
  };
};

const base = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 };

describe('withRetry', () => {
  it('retries 429 and 5xx with exponential backoff until one succeeds', async () => {
    const c = clock();
    const result = await withRetry(
      failing(
        new ModelCallError('http', 503),
        new ModelCallError('http', 429),
        new ModelCallError('network'),
      ),
      { ...base, deadline: 60_000, now: c.now, sleep: c.sleep },
    );
    expect(result).toBe('ok');
    expect(c.waits).toEqual([100, 200, 400]);
  });

  it('waits exactly what Retry-After says', async () => {
    const c = clock();
    await withRetry(failing(new ModelCallError('http', 429, 2500)), {
      ...base,
      deadline: 60_000,
      now: c.now,
      sleep: c.sleep,
    });
    expect(c.waits).toEqual([2500]);
  });

  it.each([
    ['a 400', new ModelCallError('http', 400)],
    ['a 401', new ModelCallError('http', 401)],
    ['a timeout', new ModelCallError('timeout')],
  ])('does not retry %s', async (_name, error) => {
    const c = clock();
    await expect(
      withRetry(failing(error), { ...base, deadline: 60_000, now: c.now, sleep: c.sleep }),
    ).rejects.toBe(error);
    expect(c.waits).toEqual([]);
  });

  it('gives up rather than wait past the deadline', async () => {
    const c = clock();
    const error = new ModelCallError('http', 429, 5000);
    await expect(
      withRetry(failing(error), { ...base, deadline: 3000, now: c.now, sleep: c.sleep }),
    ).rejects.toBe(error);
    expect(c.waits).toEqual([]);
  });

  it('stops after maxRetries', async () => {
    const c = clock();
    const errors = [1, 2, 3, 4, 5].map(() => new ModelCallError('http', 500));
    await expect(
      withRetry(failing(...errors), {
        ...base,
        maxRetries: 2,
        deadline: 60_000,
        now: c.now,
        sleep: c.sleep,
      }),
    ).rejects.toBe(errors[2]);
    expect(c.waits).toHaveLength(2);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-07-01T12:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['Tue, 01 Jul 2025 12:00:10 GMT', 10_000],
    ['Tue, 01 Jul 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j -> %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
