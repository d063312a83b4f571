/**
 * CDC 2000 growth charts, BMI-for-age (`growth-charts/bmi-for-age.json`, written by
 * `scripts/kb/import-growth-charts.ts`; its source is in `growth-charts/SOURCE.md`): the BMI
 * percentile of a child or teen aged 2 to 20 from the LMS parameters of their sex and age,
 * z = ((BMI / M)^L - 1) / (L x S), percentile = 100 x the standard normal distribution at z.
 */
import { z } from 'zod';
import data from './growth-charts/bmi-for-age.json';

const File = z.object({
  repository: z.string(),
  commit: z.string(),
  columns: z.tuple([
    z.literal('Sex'),
    z.literal('Agemos'),
    z.literal('L'),
    z.literal('M'),
    z.literal('S'),
    z.literal('P5'),
    z.literal('P85'),
    z.literal('P95'),
  ]),
  rows: z.array(
    z.tuple([
      z.number(),
      z.number(),
      z.number(),
      z.number(),
      z.number(),
      z.number(),
      z.number(),
      z.number(),
    ]),
  ),
});

const parsed = File.parse(data);

export interface LmsRow {
  ageMonths: number;
  L: number;
  M: number;
  S: number;
  /** The chart's own 5th, 85th and 95th percentile BMIs, kg/m2. */
  p5: number;
  p85: number;
  p95: number;
}

const bySex = (sex: number): LmsRow[] =>
  parsed.rows
    .filter((r) => r[0] === sex)
    .map(([, ageMonths, L, M, S, p5, p85, p95]) => ({ ageMonths, L, M, S, p5, p85, p95 }))
    .sort((a, b) => a.ageMonths - b.ageMonths);

export const BMI_FOR_AGE = {
  male: bySex(1),
  female: bySex(2),
  source: 'CDC 2000 BMI-for-age growth charts',
} as const;

/**
 * LMS parameters at an age in months, interpolated linearly between the chart's half-month rows;
 * undefined outside the chart (under 24 months, over 240.5).
 */
export function lmsAt(sex: 'female' | 'male', ageMonths: number): LmsRow | undefined {
  const rows = BMI_FOR_AGE[sex];
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last || ageMonths < first.ageMonths || ageMonths > last.ageMonths)
    return undefined;
  const i = rows.findIndex((r) => r.ageMonths >= ageMonths);
  const hi = rows[i];
  const lo = rows[i - 1] ?? hi;
  if (!hi || !lo) return undefined;
  if (hi.ageMonths === lo.ageMonths) return hi;
  const t = (ageMonths - lo.ageMonths) / (hi.ageMonths - lo.ageMonths);
  const mix = (a: number, b: number) => a + (b - a) * t;
  return {
    ageMonths,
    L: mix(lo.L, hi.L),
    M: mix(lo.M, hi.M),
    S: mix(lo.S, hi.S),
    p5: mix(lo.p5, hi.p5),
    p85: mix(lo.p85, hi.p85),
    p95: mix(lo.p95, hi.p95),
  };
}

/** The BMI-for-age percentile (0-100); undefined outside the chart's ages. */
export function bmiPercentile(
  bmi: number,
  sex: 'female' | 'male',
  ageMonths: number,
): number | undefined {
  const lms = lmsAt(sex, ageMonths);
  if (!lms || bmi <= 0) return undefined;
  const { L, M, S } = lms;
  const z = L === 0 ? Math.log(bmi / M) / S : ((bmi / M) ** L - 1) / (L * S);
  return 100 * normalCdf(z);
}

/**
 * The standard normal distribution function, by the complementary error function of Numerical
 * Recipes (Chebyshev fit, fractional error under 1.2e-7 everywhere).
 */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x / Math.SQRT2));
  const z = Math.abs(x / Math.SQRT2);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
