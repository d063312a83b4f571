import { describe, expect, it, vi } from 'vitest';
import { recordHash } from './synopsis-cache';

describe('recordHash', () => {
  const a = { resourceType: 'Patient', id: 'p' };
  const b = { resourceType: 'Observation', id: 'o', valueQuantity: { value: 1 } };

  it('is the same for the same resources in any order, different for different data', () => {
    const one = recordHash(
      new Map<string, unknown>([
        ['Patient/p', a],
        ['Observation/o', b],
      ]),
    );
    const two = recordHash(
      new Map<string, unknown>([
        ['Observation/o', b],
        ['Patient/p', a],
      ]),
    );
    expect(one).toBe(two);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    const changed = { ...b, valueQuantity: { value: 2 } };
    expect(
      recordHash(
        new Map<string, unknown>([
          ['Patient/p', a],
          ['Observation/o', changed],
        ]),
      ),
    ).not.toBe(one);
  });

  it('hashes a record once however many callers ask (model cache key, audit row)', () => {
    const resources = new Map<string, unknown>([['Patient/p', a]]);
    const keys = vi.spyOn(resources, 'keys');
    const first = recordHash(resources);
    expect(recordHash(resources)).toBe(first);
    expect(keys).toHaveBeenCalledTimes(1);
  });
});
