import { describe, expect, it } from 'vitest';
import { isPatient } from './patient';

describe('isPatient', () => {
  it('accepts only the Patient resource with the id asked for', () => {
    expect(isPatient({ resourceType: 'Patient', id: 'p1' }, 'p1')).toBe(true);
    expect(isPatient({ resourceType: 'Patient', id: 'p2' }, 'p1')).toBe(false);
    expect(isPatient({ resourceType: 'Person', id: 'p1' }, 'p1')).toBe(false);
    expect(isPatient({ resourceType: 'Bundle', entry: [] }, 'p1')).toBe(false);
    expect(isPatient(null, 'p1')).toBe(false);
    expect(isPatient('Patient/p1', 'p1')).toBe(false);
  });
});
