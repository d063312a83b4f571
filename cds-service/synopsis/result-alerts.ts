/**
 * Alerts from results: critical values, acute kidney injury, eGFR decline, and problems not at
 * their guideline goal (HbA1c, blood pressure), plus unintended weight loss.
 */
import type { Alert } from '../contract/synopsis';
import type { EngineContext, LabPoint } from './context';
import { byDay, detectAki } from './findings';
import { day, DAY_MS, monthsBetween, pointValue } from './format';
import { ADULT_RANGES, LAB_BY_ID, LABS } from './kb/labs';
import { ageAt, flagValue } from './results';
import { computeTrend } from './trend';
import { RESULT_RULES } from './kb/result-rules';

const R = RESULT_RULES;

export function buildResultAlerts(ctx: EngineContext): Alert[] {
  const alerts: Alert[] = [];
  const within = (p: LabPoint | undefined, days: number): p is LabPoint =>
    p !== undefined && ctx.nowMs - p.ms <= days * DAY_MS;
  const latestOf = (id: string): LabPoint | undefined => {
    const ps = ctx.series.get(id);
    return ps?.[ps.length - 1];
  };
  const sex = ctx.record.patient.sex;

  for (const lab of LABS) {
    const p = latestOf(lab.id);
    if (!within(p, R.critical.lookBackDays) || !lab.critical) continue;
    const flag = flagValue(lab, p.value, sex, ageAt(ctx, p));
    if (flag !== 'critical-low' && flag !== 'critical-high') continue;
    alerts.push({
      id: `critical-${lab.id}`,
      severity: 'critical',
      category: 'result',
      text: `Critical ${lab.name}: ${pointValue(lab, p)} on ${day(p.iso)} (${flag === 'critical-low' ? 'below' : 'above'} the critical limit).`,
      evidence: [{ reference: p.reference }],
      suggestedAction: `Confirm the ${lab.name} result and act on it today.`,
      source: lab.critical.source,
    });
  }

  // detectAki reads only rises within the rule's look-back.
  const aki = detectAki(ctx);
  if (aki) {
    alerts.push({
      id: 'aki',
      severity: 'critical',
      category: 'trend',
      text: `Possible acute kidney injury: ${aki.text}.`,
      evidence: aki.evidence.map((reference) => ({ reference })),
      suggestedAction: 'Repeat creatinine, assess volume status and stop nephrotoxic drugs.',
      source: R.aki.source,
    });
  }

  // One eGFR a day, the lowest (the safer reading of a kidney function).
  const egfr = byDay(ctx.series.get('egfr') ?? [], (a, b) => (b.value < a.value ? b : a));
  const egfrLab = LAB_BY_ID.get('egfr');
  const decline = R.egfrDecline;
  const egfrTrend = computeTrend(egfr, 0, decline.windowYears, Infinity);
  const egfrLast = egfr[egfr.length - 1];
  if (
    egfrLab &&
    within(egfrLast, decline.lookBackDays) &&
    egfr.length >= decline.minResults &&
    (egfrTrend.windowDays ?? 0) >= decline.minSpanDays &&
    egfrTrend.slopePerYear !== undefined &&
    egfrTrend.slopePerYear < decline.slopePerYear
  ) {
    const window = egfr.filter((p) => egfrLast.ms - p.ms <= (egfrTrend.windowDays ?? 0) * DAY_MS);
    const first = window[0] ?? egfrLast;
    alerts.push({
      id: 'egfr-decline',
      severity: 'warning',
      category: 'trend',
      text: `eGFR falling ${Math.abs(egfrTrend.slopePerYear).toFixed(1)} mL/min/1.73m2 per year: ${pointValue(egfrLab, first)} (${day(first.iso)}) to ${pointValue(egfrLab, egfrLast)} (${day(egfrLast.iso)}).`,
      evidence: [...new Set([first.reference, egfrLast.reference])].map((reference) => ({
        reference,
      })),
      suggestedAction:
        'Rapid CKD progression: review causes, RAAS blockade and SGLT2 inhibitor; consider nephrology referral.',
      source: R.egfrDecline.source,
    });
  }

  const diabetes = ctx.activeConditions.get('diabetes');
  const a1c = latestOf('hba1c');
  const a1cLab = LAB_BY_ID.get('hba1c');
  const goal = R.diabetesAboveGoal;
  if (diabetes && within(a1c, goal.lookBackDays) && a1cLab && a1c.value >= goal.goal) {
    const trend = computeTrend(ctx.series.get('hba1c') ?? [], a1cLab.trendMinPerYear);
    const rising = trend.direction === 'rising' ? ', rising' : '';
    const age =
      ctx.nowMs - a1c.ms > goal.ageShownAfterDays * DAY_MS
        ? `, ${String(monthsBetween(a1c.ms, ctx.nowMs))} months ago`
        : '';
    alerts.push({
      id: 'diabetes-above-goal',
      severity: a1c.value >= goal.warningAt ? 'warning' : 'info',
      category: 'trend',
      text: `Diabetes above goal: HbA1c ${pointValue(a1cLab, a1c)} on ${day(a1c.iso)}${age}${rising} (goal < ${String(goal.goal)}% for most adults).`,
      evidence: [
        { reference: a1c.reference },
        ...diabetes.slice(0, 1).map((c) => ({ reference: c.reference })),
      ],
      suggestedAction:
        'Review adherence and intensify glucose-lowering therapy; consider a GLP-1 RA or SGLT2 inhibitor.',
      source: goal.source,
    });
  }

  const htn = ctx.activeConditions.get('hypertension');
  const bp = recentBp(ctx);
  // The target is the adult guideline's; children's blood pressure is judged by percentiles.
  const adult =
    (ctx.record.patient.ageYears ?? ADULT_RANGES.minAgeYears) >= ADULT_RANGES.minAgeYears;
  const target = R.bloodPressureAboveTarget;
  if (htn && bp && adult && (bp.sbp >= target.systolic || bp.dbp >= target.diastolic)) {
    const warning = bp.sbp >= target.warningSystolic || bp.dbp >= target.warningDiastolic;
    alerts.push({
      id: 'hypertension-uncontrolled',
      severity: warning ? 'warning' : 'info',
      category: 'trend',
      text: `Blood pressure above target: mean ${Math.round(bp.sbp)}/${Math.round(bp.dbp)} mmHg over the last ${bp.count} readings (target < ${String(target.systolic)}/${String(target.diastolic)}).`,
      evidence: [...bp.references, ...htn.slice(0, 1).map((c) => c.reference)].map((reference) => ({
        reference,
      })),
      suggestedAction: 'Confirm with home readings; adjust antihypertensive therapy.',
      source: target.source,
    });
  }

  const weightLoss = weightChange(ctx);
  if (weightLoss) alerts.push(weightLoss);
  return alerts;
}

function recentBp(
  ctx: EngineContext,
): { sbp: number; dbp: number; count: number; references: string[] } | undefined {
  const rule = R.bloodPressureAboveTarget;
  const sbp = (ctx.series.get('sbp') ?? []).slice(-rule.readings);
  const dbp = (ctx.series.get('dbp') ?? []).slice(-rule.readings);
  if (sbp.length < rule.minReadings || dbp.length < rule.minReadings) return undefined;
  const last = sbp[sbp.length - 1];
  if (!last || ctx.nowMs - last.ms > rule.lookBackDays * DAY_MS) return undefined;
  const mean = (ps: LabPoint[]): number => ps.reduce((s, p) => s + p.value, 0) / ps.length;
  return {
    sbp: mean(sbp),
    dbp: mean(dbp),
    count: sbp.length,
    references: [...new Set(sbp.map((p) => p.reference))],
  };
}

/** Loss of 5% or more of body weight within 6-12 months. */
function weightChange(ctx: EngineContext): Alert | undefined {
  const rule = R.weightLoss;
  const weights = ctx.series.get('weight') ?? [];
  const last = weights[weights.length - 1];
  const lab = LAB_BY_ID.get('weight');
  if (!last || !lab || ctx.nowMs - last.ms > rule.lookBackDays * DAY_MS) return undefined;
  if ((ctx.record.patient.ageYears ?? 0) < rule.minAgeYears) return undefined;
  const earlier = weights.filter(
    (p) => last.ms - p.ms >= rule.fromDays * DAY_MS && last.ms - p.ms <= rule.toDays * DAY_MS,
  );
  const heaviest = earlier.reduce<LabPoint | undefined>(
    (m, p) => (!m || p.value > m.value ? p : m),
    undefined,
  );
  if (!heaviest || (heaviest.value - last.value) / heaviest.value < rule.fraction) return undefined;
  const pct = Math.round(((heaviest.value - last.value) / heaviest.value) * 100);
  return {
    id: 'weight-loss',
    severity: 'warning',
    category: 'trend',
    text: `Weight down ${pct}%: ${pointValue(lab, heaviest)} (${day(heaviest.iso)}) to ${pointValue(lab, last)} (${day(last.iso)}).`,
    evidence: [{ reference: heaviest.reference }, { reference: last.reference }],
    suggestedAction: 'If unintended, evaluate for unintentional weight loss.',
    source: rule.source,
  };
}
