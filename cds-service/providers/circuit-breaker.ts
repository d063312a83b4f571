/**
 * A circuit breaker in front of the model API: after `failureThreshold` consecutive failures it
 * opens and calls go straight to the fallback for `cooldownMs`; then one trial call is let through
 * (half-open) and its outcome closes or re-opens it. Keeps a failing endpoint from costing every
 * hook call its whole time budget.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open, only the first caller gets true. */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): BreakerState;
}

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}

export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt = 0;
  let current: BreakerState = 'closed';
  let trialOut = false;
  const set = (next: BreakerState): void => {
    if (next === current) return;
    current = next;
    options.onChange?.(next);
  };
  const state = (): BreakerState => {
    if (current === 'open' && now() - openedAt >= options.cooldownMs) {
      trialOut = false;
      set('half-open');
    }
    return current;
  };
  return {
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialOut) return false;
      trialOut = true;
      return true;
    },
    success() {
      failures = 0;
      trialOut = false;
      set('closed');
    },
    failure() {
      failures++;
      trialOut = false;
      if (current === 'half-open' || failures >= options.failureThreshold) {
        openedAt = now();
        set('open');
      }
    },
    state,
  };
}
