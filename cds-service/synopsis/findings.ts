/**
 * Evaluates knowledge-base findings against a record. A finding is present or not; when present it
 * names the resources it rests on and says what was seen, with values and dates.
 */
import type { Sex } from '../fhir/facts';
import type { EngineContext, LabPoint } from './context';
import { day, DAY_MS, formatValue, joinList, pointValue } from './format';
import { LAB_BY_ID } from './kb/labs';
import { RESULT_RULES } from './kb/result-rules';

const AKI = RESULT_RULES.aki;
import type { FindingDef } from './kb/types';

export interface FindingResult {
  text: string;
  evidence: string[];
}

const compare = (op: '>=' | '<=' | '>' | '<', a: number, b: number): boolean =>
  op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : a < b;

/**
 * Results taken on separate days, from a series in time order: one per day, `keep` choosing
 * between two of the same day (by default the later one).
 */
export function byDay(
  points: readonly LabPoint[],
  keep: (earlier: LabPoint, later: LabPoint) => LabPoint = (_earlier, later) => later,
): LabPoint[] {
  const out: LabPoint[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && day(last.iso) === day(p.iso)) out[out.length - 1] = keep(last, p);
    else out.push(p);
  }
  return out;
}

export interface FindingOptions {
  /**
   * The condition is a state of the latest results (anaemia, hyperkalaemia): a lab finding
   * counts only while the newest result still meets it.
   */
  latestMustMeet?: boolean;
}

export function evaluateFinding(
  def: FindingDef,
  ctx: EngineContext,
  options: FindingOptions = {},
): FindingResult | undefined {
  const { patient } = ctx.record;
  switch (def.kind) {
    case 'lab':
      return evaluateLab(def, ctx, patient.sex, options);
    case 'drug': {
      const meds = def.classes.flatMap((c) => ctx.activeClasses.get(c) ?? []);
      if (meds.length === 0) return undefined;
      const unique = [...new Map(meds.map((m) => [m.reference, m])).values()];
      const names = [...new Set(unique.map((m) => m.concept.text))];
      return {
        text: `on ${joinList(names.slice(0, 3))}`,
        evidence: unique.map((m) => m.reference),
      };
    }
    case 'age': {
      const age = patient.ageYears;
      if (age === undefined) return undefined;
      if ((def.min !== undefined && age < def.min) || (def.max !== undefined && age >= def.max)) {
        return undefined;
      }
      return { text: `age ${age}`, evidence: [patient.reference] };
    }
    case 'sex':
      return patient.sex === def.sex
        ? { text: `${def.sex} sex`, evidence: [patient.reference] }
        : undefined;
    case 'condition': {
      const found = def.conditions.flatMap((c) => ctx.activeConditions.get(c) ?? []);
      const first = found[0];
      return first
        ? {
            text: `${first.concept.text} on the problem list`,
            evidence: found.map((c) => c.reference),
          }
        : undefined;
    }
    case 'smoking': {
      const s = ctx.smoking;
      if (!s || s.status === 'never' || (def.status === 'current' && s.status !== 'current')) {
        return undefined;
      }
      return { text: `smoking status: ${s.status} smoker`, evidence: [s.reference] };
    }
    case 'aki':
      return detectAki(ctx);
  }
}

function evaluateLab(
  def: Extract<FindingDef, { kind: 'lab' }>,
  ctx: EngineContext,
  sex: Sex,
  options: FindingOptions,
): FindingResult | undefined {
  const lab = LAB_BY_ID.get(def.lab);
  const points = ctx.series.get(def.lab);
  if (!lab || !points || points.length === 0) return undefined;
  const threshold = def.valueBySex?.[sex] ?? def.value;
  const meets = (v: number): boolean => compare(def.op, v, threshold);
  const newest = points[points.length - 1];
  if (options.latestMustMeet && newest && !meets(newest.value)) return undefined;
  // Values listed together say how they were derived once, after the list, not after each one.
  const show = (ps: readonly LabPoint[]): string => {
    const derived = ps.find((p) => p.derivation)?.derivation;
    const values = joinList(
      ps.map(
        (p) =>
          `${pointValue(lab, { value: p.value, ...(p.censored ? { censored: p.censored } : {}) })} (${day(p.iso)})`,
      ),
    );
    return derived === undefined ? values : `${values}, ${derived}`;
  };
  switch (def.mode) {
    case 'latest': {
      const p = points[points.length - 1];
      if (!p || !meets(p.value)) return undefined;
      return { text: `${lab.name} ${show([p])}`, evidence: [p.reference] };
    }
    case 'mean-recent': {
      const recent = byDay(points).slice(-3);
      if (recent.length < 2) return undefined;
      const mean = recent.reduce((s, p) => s + p.value, 0) / recent.length;
      if (!meets(mean)) return undefined;
      return {
        text: `mean ${lab.name} ${formatValue(lab, mean)} over the last ${recent.length} readings (${day(recent[0]?.iso ?? '')} to ${day(recent[recent.length - 1]?.iso ?? '')})`,
        evidence: recent.map((p) => p.reference),
      };
    }
    case 'count': {
      const hits = byDay(points).filter((p) => meets(p.value));
      const need = def.count ?? 1;
      if (hits.length < need) return undefined;
      const first = hits[0];
      const last = hits[hits.length - 1];
      if (!first || !last) return undefined;
      if (def.minSpanDays !== undefined && last.ms - first.ms < def.minSpanDays * DAY_MS) {
        return undefined;
      }
      const shown = need === 1 ? [last] : hits.length <= 3 ? hits : [first, last];
      const more = hits.length > shown.length ? ` (${hits.length} results)` : '';
      return {
        text: `${lab.name} ${show(shown)}${more}`,
        evidence: hits.slice(-5).map((p) => p.reference),
      };
    }
    case 'all': {
      if (points.length < (def.count ?? 1) || !points.every((p) => meets(p.value)))
        return undefined;
      const last = points[points.length - 1];
      if (!last) return undefined;
      const n = points.length;
      return {
        text: `${lab.name} ${show([last])}${n > 1 ? `, in range on all ${n} results` : ''}`,
        evidence: points.slice(-3).map((p) => p.reference),
      };
    }
  }
}

/**
 * KDIGO 2012 AKI: creatinine +0.3 mg/dL within 48 h, or 1.5x the lowest value of the prior 7 days,
 * the later result within the rule's look-back.
 */
export function detectAki(ctx: EngineContext): FindingResult | undefined {
  const points = ctx.series.get('creatinine') ?? [];
  const lab = LAB_BY_ID.get('creatinine');
  if (!lab) return undefined;
  for (let i = points.length - 1; i > 0; i--) {
    const p = points[i];
    if (!p) continue;
    // An acute injury is a finding only while recent: a rise years ago is history.
    if (ctx.nowMs - p.ms > AKI.lookBackDays * DAY_MS) break;
    for (let j = i - 1; j >= 0; j--) {
      const q = points[j];
      if (!q) continue;
      const gap = p.ms - q.ms;
      if (gap > AKI.relativeWithinDays * DAY_MS) break;
      const rise = p.value - q.value;
      const absolute = gap <= AKI.absoluteWithinDays * DAY_MS && rise >= AKI.absoluteRise;
      if (absolute || p.value >= AKI.relativeRise * q.value) {
        return {
          text: `creatinine ${formatValue(lab, q.value)} (${day(q.iso)}) to ${formatValue(lab, p.value)} (${day(p.iso)})`,
          evidence: [q.reference, p.reference],
        };
      }
    }
  }
  return undefined;
}
