import { describe, expect, it, vi } from 'vitest';
import { recordHash } from './synopsis-cache';

describe('recordHash', () => {
  const a = { resourceType: 'Patient', id: 'p' };
  const b = { resourceType: 'Observation', id: 'o', valueQuantity: { value: 1 } };
  const record = (
    entries: [string, unknown][],
    input: { fullUrls?: [string, string][]; skipped?: Record<string, unknown>[] } = {},
  ) => ({
    resources: new Map(entries) as ReadonlyMap<string, Readonly<Record<string, unknown>>>,
    input: { fullUrls: new Map(input.fullUrls ?? []), skipped: input.skipped ?? [] },
  });

  it('is the same for the same resources in any order, different for different data', () => {
    const one = recordHash(
      record([
        ['Patient/p', a],
        ['Observation/o', b],
      ]),
    );
    const two = recordHash(
      record([
        ['Observation/o', b],
        ['Patient/p', a],
      ]),
    );
    expect(one).toBe(two);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    const changed = { ...b, valueQuantity: { value: 2 } };
    expect(
      recordHash(
        record([
          ['Patient/p', a],
          ['Observation/o', changed],
        ]),
      ),
    ).not.toBe(one);
  });

  it('covers how fullUrls resolve references and what was skipped, not only the resources kept', () => {
    const kept: [string, unknown][] = [
      ['Patient/p', a],
      ['Observation/o', b],
    ];
    const plain = recordHash(record(kept));
    const remapped = recordHash(record(kept, { fullUrls: [['urn:uuid:1', 'Patient/p']] }));
    const withSkipped = recordHash(
      record(kept, { skipped: [{ resourceType: 'Patient', id: 'not valid!' }] }),
    );
    expect(new Set([plain, remapped, withSkipped]).size).toBe(3);
  });

  it('hashes a record once however many callers ask (model cache key, audit row)', () => {
    const r = record([['Patient/p', a]]);
    const keys = vi.spyOn(r.resources, 'keys');
    const first = recordHash(r);
    expect(recordHash(r)).toBe(first);
    expect(keys).toHaveBeenCalledTimes(1);
  });
});
