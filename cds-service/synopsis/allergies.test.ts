import { describe, expect, it } from 'vitest';
import { buildAllergies } from './allergies';
import { buildContext } from './context';
import { allergy, NOW, record } from './test-records';

const allergiesOf = (...resources: Parameters<typeof record>) =>
  buildAllergies(buildContext(record(...resources), NOW));

describe('allergies', () => {
  it('lists recorded allergies with their evidence', () => {
    const a = allergy('762952008', 'Peanut (substance)', { criticality: 'high' });
    const out = allergiesOf(a);
    expect(out.state).toBe('recorded');
    expect(out.items[0]?.text).toBe('Peanut, high criticality');
    expect(out.evidence).toEqual([{ reference: `AllergyIntolerance/${a.id}` }]);
  });

  it('says "no known allergies" only when the record says so', () => {
    const nka = allergy('716186003', 'No known allergy');
    expect(allergiesOf(nka)).toMatchObject({ state: 'no-known-allergies', items: [] });
  });

  it('says "not recorded" when the record is silent, citing the patient', () => {
    const out = allergiesOf();
    expect(out.state).toBe('not-recorded');
    expect(out.evidence).toEqual([{ reference: 'Patient/p1' }]);
  });
});
