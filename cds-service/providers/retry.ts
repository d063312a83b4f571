/**
 * Retries for calls to the model API: on 429 and 5xx (and network errors), with exponential
 * backoff and jitter, honouring `Retry-After` (RFC 9110 section 10.2.3: seconds or an HTTP date).
 * A wait that would pass the deadline is not started: the caller falls back instead.
 */

/** A failed model call, as the retry policy and the circuit breaker see it. */
export class ModelCallError extends Error {
  constructor(
    readonly kind: 'http' | 'network' | 'timeout',
    readonly status?: number,
    /** Parsed `Retry-After` in ms, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(kind === 'http' ? `model API answered ${String(status)}` : `model API ${kind} error`);
    this.name = 'ModelCallError';
  }

  get retryable(): boolean {
    if (this.kind === 'network') return true;
    if (this.kind === 'timeout') return false;
    return this.status === 429 || this.status === 408 || (this.status ?? 0) >= 500;
  }
}

export interface RetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch ms after which no attempt or wait starts. */
  deadline: number;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ModelCallError) || !err.retryable || n >= options.maxRetries) throw err;
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** n);
      // Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"), unless told.
      const wait = err.retryAfterMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
      if (now() + wait >= options.deadline) throw err;
      await sleep(wait, options.signal);
    }
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ModelCallError('timeout'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ModelCallError('timeout'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
