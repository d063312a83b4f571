import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBodyBudget, createNestingGauge } from './json-body';

/** Nesting depth of a parsed JSON value: each array or object is one level. */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (typeof v === 'object' && v !== null) return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

/** `bytes` cut at the given offsets. */
function chunksOf(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

describe('createNestingGauge', () => {
  it('agrees with the real depth of any JSON text, however it is cut into chunks', () => {
    const text = fc.oneof(
      fc.jsonValue({ maxDepth: 8 }).map((v) => JSON.stringify(v)),
      // Strings full of what the gauge must not count: brackets, quotes and backslashes.
      fc
        .array(fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a'), { maxLength: 40 })
        .map((cs) => JSON.stringify({ s: cs.join(''), t: [cs.join('')] })),
    );
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.nat({ max: 9 }),
        (json, cuts, limit) => {
          const gauge = createNestingGauge(limit);
          const accepted = chunksOf(Buffer.from(json), cuts).every((c) => gauge.take(c));
          expect(accepted).toBe(depthOf(JSON.parse(json)) <= limit);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses four million levels at the 65th', () => {
    const gauge = createNestingGauge(64);
    expect(gauge.take(Buffer.from('['.repeat(4_000_000)))).toBe(false);
  });
});

describe('createBodyBudget', () => {
  it('refuses what would pass the maximum, and gives back what is released', () => {
    const budget = createBodyBudget(100);
    expect(budget.reserve(60)).toBe(true);
    expect(budget.reserve(50)).toBe(false);
    budget.release(60);
    expect(budget.reserve(100)).toBe(true);
    expect(budget.stats()).toEqual({ held: 100, peak: 100, refused: 1 });
  });
});
