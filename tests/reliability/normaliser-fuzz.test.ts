import { describe, expect, it } from 'vitest';
import { fuzzNormaliser } from './normaliser-fuzz';

describe('FHIR normaliser and engine under mutated records', () => {
  it('never throw, keep the Synopsis contract, and cite only resources of the record', () => {
    const outcome = fuzzNormaliser(300);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.inputs).toBe(300);
  });
});
