/**
 * Alerts from results: critical values, acute kidney injury, eGFR decline, and problems not at
 * their guideline goal (HbA1c, blood pressure), plus unintended weight loss.
 */
import type { Alert } from '../contract/synopsis';
import type { EngineContext, LabPoint } from './context';
import { detectAki } from './findings';
import { day, DAY_MS, pointValue } from './format';
import { ADULT_RANGES, LAB_BY_ID, LABS } from './kb/labs';
import { ageAt, flagValue } from './results';
import { computeTrend } from './trend';

/** How recent a result must be to raise an alert: older ones are history, shown in results. */
const RECENT_DAYS = 90;

export function buildResultAlerts(ctx: EngineContext): Alert[] {
  const alerts: Alert[] = [];
  const recent = (p: LabPoint | undefined): p is LabPoint =>
    p !== undefined && ctx.nowMs - p.ms <= RECENT_DAYS * DAY_MS;
  const latestOf = (id: string): LabPoint | undefined => {
    const ps = ctx.series.get(id);
    return ps?.[ps.length - 1];
  };
  const sex = ctx.record.patient.sex;

  for (const lab of LABS) {
    const p = latestOf(lab.id);
    if (!recent(p) || !lab.critical) continue;
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

  const aki = detectAki(ctx);
  const akiLast = aki
    ? ctx.record.resources.get(aki.evidence[aki.evidence.length - 1] ?? '')
    : undefined;
  const creat = ctx.series.get('creatinine') ?? [];
  const akiPoint = creat.find((p) => p.reference === aki?.evidence[1]);
  if (aki && akiLast && recent(akiPoint)) {
    alerts.push({
      id: 'aki',
      severity: 'critical',
      category: 'trend',
      text: `Possible acute kidney injury: ${aki.text}.`,
      evidence: aki.evidence.map((reference) => ({ reference })),
      suggestedAction: 'Repeat creatinine, assess volume status and stop nephrotoxic drugs.',
      source: 'KDIGO Clinical Practice Guideline for Acute Kidney Injury, 2012',
    });
  }

  const egfr = ctx.series.get('egfr') ?? [];
  const egfrLab = LAB_BY_ID.get('egfr');
  const egfrTrend = computeTrend(egfr, 0, 3);
  const egfrLast = egfr[egfr.length - 1];
  if (
    egfrLab &&
    egfrLast &&
    egfr.length >= 3 &&
    egfrTrend.slopePerYear !== undefined &&
    egfrTrend.slopePerYear < -5
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
      source: 'KDIGO 2024 Clinical Practice Guideline for CKD (rapid progression > 5 per year)',
    });
  }

  const diabetes = ctx.activeConditions.get('diabetes');
  const a1c = latestOf('hba1c');
  const a1cLab = LAB_BY_ID.get('hba1c');
  if (diabetes && a1c && a1cLab && a1c.value >= 7) {
    const trend = computeTrend(ctx.series.get('hba1c') ?? [], a1cLab.trendMinPerYear);
    const rising = trend.direction === 'rising' ? ', rising' : '';
    alerts.push({
      id: 'diabetes-above-goal',
      severity: a1c.value >= 9 ? 'warning' : 'info',
      category: 'trend',
      text: `Diabetes above goal: HbA1c ${pointValue(a1cLab, a1c)} on ${day(a1c.iso)}${rising} (goal < 7% for most adults).`,
      evidence: [
        { reference: a1c.reference },
        ...diabetes.slice(0, 1).map((c) => ({ reference: c.reference })),
      ],
      suggestedAction:
        'Review adherence and intensify glucose-lowering therapy; consider a GLP-1 RA or SGLT2 inhibitor.',
      source: 'ADA Standards of Care in Diabetes 2025, sections 6 and 9',
    });
  }

  const htn = ctx.activeConditions.get('hypertension');
  const bp = recentBp(ctx);
  // The target is the adult guideline's; children's blood pressure is judged by percentiles.
  const adult =
    (ctx.record.patient.ageYears ?? ADULT_RANGES.minAgeYears) >= ADULT_RANGES.minAgeYears;
  if (htn && bp && adult && (bp.sbp >= 130 || bp.dbp >= 80)) {
    alerts.push({
      id: 'hypertension-uncontrolled',
      severity: bp.sbp >= 160 || bp.dbp >= 100 ? 'warning' : 'info',
      category: 'trend',
      text: `Blood pressure above target: mean ${Math.round(bp.sbp)}/${Math.round(bp.dbp)} mmHg over the last ${bp.count} readings (target < 130/80).`,
      evidence: [...bp.references, ...htn.slice(0, 1).map((c) => c.reference)].map((reference) => ({
        reference,
      })),
      suggestedAction: 'Confirm with home readings; adjust antihypertensive therapy.',
      source: 'ACC/AHA Guideline for High Blood Pressure in Adults, 2017',
    });
  }

  const weightLoss = weightChange(ctx);
  if (weightLoss) alerts.push(weightLoss);
  return alerts;
}

function recentBp(
  ctx: EngineContext,
): { sbp: number; dbp: number; count: number; references: string[] } | undefined {
  const sbp = (ctx.series.get('sbp') ?? []).slice(-3);
  const dbp = (ctx.series.get('dbp') ?? []).slice(-3);
  if (sbp.length < 2 || dbp.length < 2) return undefined;
  const last = sbp[sbp.length - 1];
  if (!last || ctx.nowMs - last.ms > 365 * DAY_MS) return undefined;
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
  const weights = ctx.series.get('weight') ?? [];
  const last = weights[weights.length - 1];
  const lab = LAB_BY_ID.get('weight');
  if (!last || !lab || ctx.nowMs - last.ms > 365 * DAY_MS) return undefined;
  if ((ctx.record.patient.ageYears ?? 0) < 18) return undefined;
  const earlier = weights.filter(
    (p) => last.ms - p.ms >= 150 * DAY_MS && last.ms - p.ms <= 365 * DAY_MS,
  );
  const heaviest = earlier.reduce<LabPoint | undefined>(
    (m, p) => (!m || p.value > m.value ? p : m),
    undefined,
  );
  if (!heaviest || (heaviest.value - last.value) / heaviest.value < 0.05) return undefined;
  const pct = Math.round(((heaviest.value - last.value) / heaviest.value) * 100);
  return {
    id: 'weight-loss',
    severity: 'warning',
    category: 'trend',
    text: `Weight down ${pct}%: ${pointValue(lab, heaviest)} (${day(heaviest.iso)}) to ${pointValue(lab, last)} (${day(last.iso)}).`,
    evidence: [{ reference: heaviest.reference }, { reference: last.reference }],
    suggestedAction: 'If unintended, evaluate for unintentional weight loss.',
    source: 'AAFP: Unintentional Weight Loss in Older Adults, 2014 (> 5% in 6-12 months)',
  };
}
