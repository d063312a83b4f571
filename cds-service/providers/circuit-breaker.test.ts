import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, type BreakerState } from './circuit-breaker';

function breaker() {
  let t = 0;
  const changes: BreakerState[] = [];
  const b = createCircuitBreaker({
    failureThreshold: 3,
    cooldownMs: 1000,
    now: () => t,
    onChange: (s) => changes.push(s),
  });
  return { b, changes, advance: (ms: number) => (t += ms) };
}

describe('circuit breaker', () => {
  it('opens after consecutive failures, and a success in between resets the count', () => {
    const { b } = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state()).toBe('closed');
    b.failure();
    expect(b.state()).toBe('open');
    expect(b.allow()).toBe(false);
  });

  it('lets one trial call through after the cool-down; its success closes the circuit', () => {
    const { b, changes, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(999);
    expect(b.allow()).toBe(false);
    advance(1);
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false); // only one trial at a time
    b.success();
    expect(b.allow()).toBe(true);
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the trial call fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    advance(1000);
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state()).toBe('open');
    expect(b.allow()).toBe(false);
  });
});
