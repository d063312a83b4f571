import { describe, expect, it } from 'vitest';
import { runSoak } from './soak';

/** The short form for every test run; `npm run reliability -- --soak 180` runs minutes. */
const SECONDS = 20;

describe('soak (short form)', () => {
  it('serves steady mixed traffic with no error, no data lost, no latency drift or leak', async () => {
    const r = await runSoak(SECONDS, 15);
    expect(r.requests).toBe(SECONDS * 15);
    expect(r.patients).toBeGreaterThan(10);
    expect(r.errors).toBe(0);
    expect(r.lost).toBe(0);
    // Generous bounds: other test files share the CPU; a leak or a slowing path would blow them.
    expect(r.lastWindowMedianMs).toBeLessThan(r.firstWindowMedianMs * 3 + 20);
    expect(r.heapMbEnd - r.heapMbStart).toBeLessThan(40);
  }, 90_000);
});
