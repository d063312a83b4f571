/** Results: one series per lab, vital sign or score, with reference range, flags and trend. */
import type { ResultFlag, ResultPoint, ResultSeries } from '../contract/synopsis';
import type { Sex } from '../fhir/facts';
import { SYSTEMS } from '../fhir/codes';
import type { EngineContext, LabPoint } from './context';
import { day, pointValue } from './format';
import { ADULT_RANGES, LABS } from './kb/labs';
import { ageInYears } from '../fhir/record';
import type { Band, LabDef } from './kb/types';
import { computeTrend } from './trend';

const MAX_POINTS = 50;

/** The reference band for this patient's sex, if the range has one. */
export function rangeFor(lab: LabDef, sex: Sex): Band | undefined {
  const r = lab.range;
  if (!r) return undefined;
  const bySex = sex === 'female' ? r.female : sex === 'male' ? r.male : undefined;
  if (bySex) return bySex;
  if (r.female && r.male) {
    // Sex unknown: flag only outside both sexes' limits.
    const low = Math.min(r.female.low ?? Infinity, r.male.low ?? Infinity);
    const high = Math.max(r.female.high ?? -Infinity, r.male.high ?? -Infinity);
    return {
      ...(Number.isFinite(low) ? { low } : {}),
      ...(Number.isFinite(high) ? { high } : {}),
    };
  }
  return {
    ...(r.low === undefined ? {} : { low: r.low }),
    ...(r.high === undefined ? {} : { high: r.high }),
  };
}

/**
 * The flag of a value by the knowledge base's (adult) range and critical limits; `unknown` for a
 * child (age at the time of the result under 18), whom adult limits do not fit.
 */
export function flagValue(
  lab: LabDef,
  value: number,
  sex: Sex,
  ageYears: number | undefined,
): ResultFlag {
  if (!rangeApplies(lab, ageYears)) return 'unknown';
  // Critical limits hold where the range does (adults; blood pressure from 13, as AAP 2017).
  const c = lab.critical;
  if (c?.low !== undefined && value < c.low) return 'critical-low';
  if (c?.high !== undefined && value >= c.high) return 'critical-high';
  const band = rangeFor(lab, sex);
  if (!band) return 'unknown';
  if (band.low !== undefined && value < band.low) return 'low';
  if (band.high !== undefined && value > band.high) return 'high';
  return 'normal';
}

/** Under the age the knowledge base's ranges are for; an unknown age is taken as an adult's. */
const isChild = (ageYears: number | undefined): boolean =>
  ageYears !== undefined && ageYears < ADULT_RANGES.minAgeYears;

/** Why a result is shown without a judgement. */
function notJudged(lab: LabDef): string {
  const ages = lab.range?.ages;
  if (!ages) return ADULT_RANGES.statement;
  const span =
    ages.max === undefined
      ? `from age ${String(ages.min)}`
      : `from ${String(ages.min)} to ${String(ages.max)} years`;
  return `The knowledge base judges it ${span} only: not judged.`;
}

/**
 * Whether the lab's range (and adult critical limits) judge a result taken at this age: adults,
 * unless the range names its own ages (BMI-for-age, 2 to 20).
 */
function rangeApplies(lab: LabDef, ageYears: number | undefined): boolean {
  const ages = lab.range?.ages;
  if (!ages) return !isChild(ageYears);
  return (
    ageYears !== undefined &&
    ageYears >= ages.min &&
    (ages.max === undefined || ageYears < ages.max)
  );
}

/** The patient's age in whole years when a result was taken. */
export function ageAt(ctx: EngineContext, p: { ms: number }): number | undefined {
  const { birthDate } = ctx.record.patient;
  return birthDate === undefined ? undefined : ageInYears(birthDate, new Date(p.ms));
}

export function buildResults(ctx: EngineContext): ResultSeries[] {
  const sex = ctx.record.patient.sex;
  const out: ResultSeries[] = [];
  for (const lab of LABS) {
    const points = ctx.series.get(lab.id);
    if (!points?.length) continue;
    const shown: ResultPoint[] = points
      .slice(-MAX_POINTS)
      .map((p) => toPoint(lab, p, sex, ageAt(ctx, p)));
    const latest = shown[shown.length - 1];
    if (!latest) continue;
    // The series' own newest point: it says how its value was derived, if it was.
    const newest = points[points.length - 1];
    const child = newest !== undefined && !rangeApplies(lab, ageAt(ctx, newest));
    const trend = computeTrend(points, lab.trendMinPerYear);
    const band = rangeFor(lab, sex);
    const abnormal = latest.flag !== 'normal' && latest.flag !== 'unknown';
    const trendText =
      trend.direction === 'insufficient-data'
        ? ''
        : `, ${trend.direction} over ${Math.round((trend.windowDays ?? 0) / 30.44)} months`;
    out.push({
      id: lab.id,
      kind: lab.kind,
      concept: {
        coding: lab.loinc.slice(0, 1).map((code) => ({ system: SYSTEMS.loinc, code })),
        text: lab.name,
      },
      unit: lab.unit,
      points: shown,
      ...(lab.range && !child
        ? {
            referenceRange: {
              ...(band?.low === undefined ? {} : { low: band.low }),
              ...(band?.high === undefined ? {} : { high: band.high }),
              text: lab.range.text,
              source: lab.range.source,
            },
          }
        : {}),
      abnormal,
      latest,
      trend,
      text: `${lab.name} ${pointValue(lab, newest ?? latest)} on ${day(latest.time)}${abnormal ? ` (${latest.flag.replace('-', ' ')})` : ''}${trendText}.${child && (lab.range || lab.critical) ? ` ${notJudged(lab)}` : ''}`,
      evidence: [{ reference: latest.reference }],
    });
  }
  return out;
}

function toPoint(lab: LabDef, p: LabPoint, sex: Sex, ageYears: number | undefined): ResultPoint {
  const factor = 10 ** lab.decimals;
  return {
    value: Math.round((p.censored?.bound ?? p.value) * factor) / factor,
    ...(p.censored ? { comparator: p.censored.comparator } : {}),
    time: p.iso,
    reference: p.reference,
    flag: flagValue(lab, p.value, sex, ageYears),
  };
}
