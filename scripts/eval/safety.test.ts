import { describe, expect, it } from 'vitest';
import { medication } from '../../cds-service/synopsis/test-records';
import { runSafetySuite, SAFETY_CASES } from './safety';

describe('safety suite', () => {
  it('raises every flag on its positive and none on its control', () => {
    for (const f of runSafetySuite()) {
      expect(f.missed, f.family).toEqual([]);
      expect(f.falselyFlagged, f.family).toEqual([]);
    }
    expect(SAFETY_CASES.length).toBeGreaterThanOrEqual(14);
  });

  it('reports a missed flag and a false flag by name', () => {
    const [family] = runSafetySuite([
      {
        family: 'test',
        name: 'never raised',
        expect: 'no-such-alert',
        flag: () => [medication('lisinopril 10 MG Oral Tablet')],
        control: () => [],
      },
      {
        family: 'test',
        name: 'raised on the control too',
        expect: 'warfarin-no-inr',
        flag: () => [medication('warfarin sodium 5 MG Oral Tablet')],
        control: () => [medication('warfarin sodium 5 MG Oral Tablet')],
      },
    ]);
    expect(family).toMatchObject({
      cases: 2,
      raised: 1,
      falseFlags: 1,
      missed: ['never raised'],
      falselyFlagged: ['raised on the control too'],
    });
  });
});
