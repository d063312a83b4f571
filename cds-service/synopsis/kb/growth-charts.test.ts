import { describe, expect, it } from 'vitest';
import { BMI_FOR_AGE, bmiPercentile, lmsAt, normalCdf } from './growth-charts';

describe('standard normal distribution', () => {
  it.each([
    [0, 0.5],
    [1.644854, 0.95],
    [1.036433, 0.85],
    [-1.959964, 0.025],
    [3, 0.99865],
  ])('at %f is %f', (x, p) => {
    expect(normalCdf(x)).toBeCloseTo(p, 5);
  });
});

describe('BMI-for-age percentiles (CDC 2000)', () => {
  it('holds both sexes from 24 to 240.5 months', () => {
    for (const rows of [BMI_FOR_AGE.male, BMI_FOR_AGE.female]) {
      expect(rows).toHaveLength(219);
      expect(rows[0]?.ageMonths).toBe(24);
      expect(rows.at(-1)?.ageMonths).toBe(240.5);
    }
  });

  it("gives back the chart's own 5th, 85th and 95th percentiles at every tabulated age", () => {
    for (const sex of ['male', 'female'] as const) {
      for (const row of BMI_FOR_AGE[sex]) {
        expect(bmiPercentile(row.p5, sex, row.ageMonths)).toBeCloseTo(5, 1);
        expect(bmiPercentile(row.p85, sex, row.ageMonths)).toBeCloseTo(85, 1);
        expect(bmiPercentile(row.p95, sex, row.ageMonths)).toBeCloseTo(95, 1);
      }
    }
  });

  it('interpolates between half-month rows and has no answer outside 2 to 20 years', () => {
    const a = lmsAt('female', 120.5);
    const b = lmsAt('female', 121.5);
    const mid = lmsAt('female', 121);
    expect(mid?.M).toBeCloseTo(((a?.M ?? 0) + (b?.M ?? 0)) / 2, 8);
    expect(bmiPercentile(17, 'male', 23)).toBeUndefined();
    expect(bmiPercentile(17, 'male', 241)).toBeUndefined();
  });

  it('reads a BMI of 17 at 8 years as ordinary, 21 as obesity (above the 95th)', () => {
    expect(bmiPercentile(17, 'female', 96.5)).toBeGreaterThan(50);
    expect(bmiPercentile(17, 'female', 96.5)).toBeLessThan(85);
    expect(bmiPercentile(21, 'female', 96.5)).toBeGreaterThan(95);
  });
});
