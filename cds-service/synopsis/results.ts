/** Results: one series per lab, vital sign or score, with reference range, flags and trend. */
import type { ResultFlag, ResultPoint, ResultSeries } from '../contract/synopsis';
import type { Sex } from '../fhir/facts';
import { SYSTEMS } from '../fhir/codes';
import type { EngineContext, LabPoint } from './context';
import { day, pointValue } from './format';
import { LABS } from './kb/labs';
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

export function flagValue(lab: LabDef, value: number, sex: Sex): ResultFlag {
  const c = lab.critical;
  if (c?.low !== undefined && value < c.low) return 'critical-low';
  if (c?.high !== undefined && value >= c.high) return 'critical-high';
  const band = rangeFor(lab, sex);
  if (!band) return 'unknown';
  if (band.low !== undefined && value < band.low) return 'low';
  if (band.high !== undefined && value > band.high) return 'high';
  return 'normal';
}

export function buildResults(ctx: EngineContext): ResultSeries[] {
  const sex = ctx.record.patient.sex;
  const out: ResultSeries[] = [];
  for (const lab of LABS) {
    const points = ctx.series.get(lab.id);
    if (!points?.length) continue;
    const shown: ResultPoint[] = points.slice(-MAX_POINTS).map((p) => toPoint(lab, p, sex));
    const latest = shown[shown.length - 1];
    if (!latest) continue;
    // The series' own newest point: it says how its value was derived, if it was.
    const newest = points[points.length - 1];
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
      ...(lab.range
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
      text: `${lab.name} ${pointValue(lab, newest ?? latest)} on ${day(latest.time)}${abnormal ? ` (${latest.flag.replace('-', ' ')})` : ''}${trendText}.`,
      evidence: [{ reference: latest.reference }],
    });
  }
  return out;
}

function toPoint(lab: LabDef, p: LabPoint, sex: Sex): ResultPoint {
  const factor = 10 ** lab.decimals;
  return {
    value: Math.round((p.censored?.bound ?? p.value) * factor) / factor,
    ...(p.censored ? { comparator: p.censored.comparator } : {}),
    time: p.iso,
    reference: p.reference,
    flag: flagValue(lab, p.value, sex),
  };
}
