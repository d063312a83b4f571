/**
 * Per-caller rate limits (token bucket). Written here rather than taken from a middleware library
 * because the key that matters, the *verified* EHR issuer, is known only after the JWT check inside
 * the route: limiting on the unverified `iss` claim would let anyone with a forged token spend a
 * hospital's budget. Pure: the clock is passed in.
 */
import { ApiError } from '../errors';

export interface RateLimiter {
  /** Takes one request from `key`'s budget; throws a 429 `ApiError` with `retryAfterSeconds`. */
  take(key: string): void;
  /** Throws the same 429 when `key`'s budget is spent, without taking from it. */
  check(key: string): void;
}

export interface RateLimitOptions {
  /** Requests per minute per key; the bucket also holds this many, so a burst of it passes. */
  perMinute: number;
  /** What is limited, for the 429 message ("hook calls per EHR issuer"). */
  what: string;
  now?: () => number;
  /** Most keys remembered; full buckets are forgotten first (they carry no state). */
  maxKeys?: number;
}

export class RateLimitError extends ApiError {
  constructor(message: string, retryAfterSeconds: number) {
    super('too_many_requests', message, undefined, { retryAfterSeconds });
  }
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const level = (b: { tokens: number; at: number }, t: number): number =>
    Math.min(capacity, b.tokens + (t - b.at) * perMs);

  const prune = (t: number): void => {
    for (const [k, b] of buckets) if (level(b, t) >= capacity) buckets.delete(k);
    // Still full of busy callers: forget the oldest rather than grow without bound.
    while (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next();
      if (oldest.done) break;
      buckets.delete(oldest.value);
    }
  };

  const refuse = (tokens: number): never => {
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    throw new RateLimitError(
      `Too many ${options.what} (limit ${options.perMinute} per minute). Retry after ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  };

  return {
    take(key) {
      const t = now();
      const known = buckets.get(key);
      if (!known && buckets.size >= maxKeys) prune(t);
      const tokens = known ? level(known, t) : capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        refuse(tokens);
      }
      buckets.delete(key);
      buckets.set(key, { tokens: tokens - 1, at: t });
    },
    check(key) {
      const known = buckets.get(key);
      if (!known) return;
      const tokens = level(known, now());
      if (tokens < 1) refuse(tokens);
    },
  };
}

/** A limiter that never limits, for `0` (off) in the configuration. */
export const unlimited: RateLimiter = { take: () => undefined, check: () => undefined };
