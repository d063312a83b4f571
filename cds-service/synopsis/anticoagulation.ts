/**
 * Warfarin monitoring (kb/anticoagulation.ts): an INR within the monitoring interval, and the
 * latest recent INR against the target range, graded by what it calls for today.
 */
import type { Alert } from '../contract/synopsis';
import { drugList, type EngineContext } from './context';
import { day, DAY_MS, joinList, monthsBetween, pointValue } from './format';
import {
  APIXABAN_AF_DOSE as A,
  COCKCROFT_GAULT as CG,
  DOAC_AF_DOSES,
  DOAC_RENAL_ADVICE,
  type DoacAfDose,
  WARFARIN_INR as W,
} from './kb/anticoagulation';
import { recentLatest, strengthMg } from './context';
import { LAB_BY_ID } from './kb/labs';

/**
 * The anticoagulation alerts, and whether a DOAC's clearance is below its label's minimum (the
 * eGFR rule that says the same less precisely then stays quiet).
 */
export function buildAnticoagulationAlerts(ctx: EngineContext): {
  alerts: Alert[];
  doacBelowMinimumClearance: boolean;
} {
  const doac = doacRenalDoses(ctx);
  return {
    alerts: [...warfarinAlerts(ctx), ...apixabanDose(ctx), ...doac.alerts],
    doacBelowMinimumClearance: doac.belowMinimum,
  };
}

interface CreatinineClearance {
  mlMin: number;
  /** How it was computed, in words, and the results it rests on. */
  basis: string;
  evidence: string[];
}

/** Cockcroft-Gault creatinine clearance from the record; undefined without recent inputs. */
function creatinineClearance(ctx: EngineContext): CreatinineClearance | undefined {
  const { ageYears: age, sex } = ctx.record.patient;
  if (age === undefined || age < CG.minAgeYears || (sex !== 'female' && sex !== 'male')) {
    return undefined;
  }
  const weight = recentLatest(ctx, 'weight', CG.lookBackDays);
  const creatinine = recentLatest(ctx, 'creatinine', CG.lookBackDays);
  const weightDef = LAB_BY_ID.get('weight');
  const creatinineDef = LAB_BY_ID.get('creatinine');
  if (!weight || !creatinine || !weightDef || !creatinineDef || creatinine.value <= 0) {
    return undefined;
  }
  const mlMin =
    (((CG.ageFrom - age) * weight.value) / (CG.creatinineFactor * creatinine.value)) *
    (sex === 'female' ? CG.femaleFactor : 1);
  return {
    mlMin,
    basis: `Cockcroft-Gault: age ${String(age)}, ${pointValue(weightDef, weight)} on ${day(weight.iso)}, creatinine ${pointValue(creatinineDef, creatinine)} on ${day(creatinine.iso)}`,
    evidence: [weight.reference, creatinine.reference],
  };
}

/** A DOAC in atrial fibrillation at a dose its label does not give for this creatinine clearance. */
function doacRenalDoses(ctx: EngineContext): { alerts: Alert[]; belowMinimum: boolean } {
  const indication = ctx.activeConditions.get(A.indication)?.[0];
  if (!indication) return { alerts: [], belowMinimum: false };
  const out: Alert[] = [];
  let belowMinimum = false;
  let crcl: CreatinineClearance | undefined | null = null;
  for (const rule of DOAC_AF_DOSES) {
    for (const m of ctx.activeMeds) {
      const mg = strengthMg(m.concept, rule.ingredient);
      if (mg === undefined) continue;
      // Another regimen (rivaroxaban 15 mg twice daily for a new clot) is not the AF dose.
      if (m.dose?.perDay !== undefined && m.dose.perDay !== rule.perDay) continue;
      if (crcl === null) crcl = creatinineClearance(ctx);
      if (!crcl) continue;
      const withInhibitor = rule.reducedWith?.ingredients.find((i) =>
        [...ctx.activeIngredients.values()].some((list) => list.includes(i)),
      );
      const alert = doacDoseAlert(rule, mg, crcl, withInhibitor);
      if (!alert) continue;
      belowMinimum ||= crcl.mlMin < rule.minCrCl;
      out.push({
        id: `doac-dose-${rule.ingredient}-${alert.kind}`,
        severity: 'warning',
        category: 'medication-safety',
        text: `${m.concept.text} in atrial fibrillation with creatinine clearance ${String(Math.round(crcl.mlMin))} mL/min (${crcl.basis}): ${alert.text}`,
        evidence: [m.reference, ...crcl.evidence, indication.reference].map((reference) => ({
          reference,
        })),
        suggestedAction: alert.action,
        // The advice when the clearance rules the drug out is the AF guideline's, not the label's.
        source: `${rule.source}; ${CG.source}${alert.kind === 'avoid' ? `; ${DOAC_RENAL_ADVICE.source}` : ''}`,
      });
    }
  }
  return { alerts: out, belowMinimum };
}

function doacDoseAlert(
  rule: DoacAfDose,
  mg: number,
  crcl: CreatinineClearance,
  withInhibitor: string | undefined,
): { kind: 'high' | 'low' | 'avoid'; text: string; action: string } | undefined {
  const name = rule.ingredient;
  if (crcl.mlMin < rule.minCrCl) {
    return {
      kind: 'avoid',
      text: `the label gives no ${name} dose below ${String(rule.minCrCl)} mL/min.`,
      action: DOAC_RENAL_ADVICE.belowMinCrCl,
    };
  }
  if (rule.maxCrCl !== undefined && crcl.mlMin > rule.maxCrCl) {
    return {
      kind: 'avoid',
      text: `the label says not to use ${name} above ${String(rule.maxCrCl)} mL/min${rule.aboveMaxCrClBecause ? ` (${rule.aboveMaxCrClBecause})` : ''}.`,
      action: DOAC_RENAL_ADVICE.aboveMaxCrCl,
    };
  }
  const reducedForInhibitor =
    withInhibitor !== undefined &&
    rule.reducedWith !== undefined &&
    crcl.mlMin <= rule.reducedWith.crclAtMost;
  const full = crcl.mlMin > rule.fullDoseAboveCrCl && !reducedForInhibitor;
  const dose = (n: number) => `${String(n)} mg ${rule.frequency}`;
  if (!full && mg > rule.reducedMg) {
    return {
      kind: 'high',
      text: `the label dose is ${dose(rule.reducedMg)}${reducedForInhibitor ? ` with ${withInhibitor}` : ''}.`,
      action: `Lower ${name} to ${dose(rule.reducedMg)}.`,
    };
  }
  if (full && mg < rule.fullMg) {
    return {
      kind: 'low',
      text: `the label dose is ${dose(rule.fullMg)}; a lower dose raises the risk of stroke.`,
      action: `Raise ${name} to ${dose(rule.fullMg)} unless another reason is documented.`,
    };
  }
  return undefined;
}

/** Apixaban in atrial fibrillation against the label's dose-reduction criteria. */
function apixabanDose(ctx: EngineContext): Alert[] {
  const indication = ctx.activeConditions.get(A.indication)?.[0];
  if (!indication) return [];
  const orders = ctx.activeMeds
    .map((m) => ({ m, mg: strengthMg(m.concept, A.ingredient) }))
    .flatMap((o) => (o.mg === undefined ? [] : [{ m: o.m, mg: o.mg }]));
  if (orders.length === 0) return [];
  const met: string[] = [];
  const evidence: string[] = [];
  const age = ctx.record.patient.ageYears;
  for (const c of A.criteria) {
    if ('minAge' in c) {
      if (age !== undefined && age >= c.minAge) met.push(c.label);
      continue;
    }
    const latest = recentLatest(ctx, c.lab, A.lookBackDays);
    if (!latest) continue;
    const meets = 'atMost' in c ? latest.value <= c.atMost : latest.value >= c.atLeast;
    if (meets) {
      met.push(c.label);
      evidence.push(latest.reference);
    }
  }
  const reduce = met.length >= A.reduceWhenAtLeast;
  const out: Alert[] = [];
  for (const { m, mg } of orders) {
    const high = reduce && mg > A.reducedMg;
    const low = !reduce && mg < A.fullMg;
    if (!high && !low) continue;
    out.push({
      id: high ? 'apixaban-dose-high' : 'apixaban-dose-low',
      severity: 'warning',
      category: 'medication-safety',
      text: high
        ? `${m.concept.text} in atrial fibrillation with ${met.join(' and ')}: the label dose is ${String(A.reducedMg)} mg twice daily.`
        : `${m.concept.text} in atrial fibrillation with ${met.length === 0 ? 'no dose-reduction criterion' : `only ${met.join(', ')}`}: the label dose is ${String(A.fullMg)} mg twice daily (reduce only with ${String(A.reduceWhenAtLeast)} of ${joinList(A.criteria.map((c) => c.label))}).`,
      evidence: [m.reference, ...evidence, indication.reference].map((reference) => ({
        reference,
      })),
      suggestedAction: high
        ? `Lower apixaban to ${String(A.reducedMg)} mg twice daily.`
        : `Raise apixaban to ${String(A.fullMg)} mg twice daily unless another reason is documented.`,
      source: A.source,
    });
  }
  return out;
}

function warfarinAlerts(ctx: EngineContext): Alert[] {
  const meds = ctx.activeClasses.get(W.drugClass);
  const lab = LAB_BY_ID.get(W.lab);
  if (!meds?.length || !lab) return [];
  const drugs = drugList(ctx, meds);
  const medRefs = meds.map((m) => ({ reference: m.reference }));
  const inrs = ctx.series.get(W.lab) ?? [];
  const latest = inrs[inrs.length - 1];
  const ageMs = latest ? ctx.nowMs - latest.ms : Infinity;

  if (!latest || ageMs > W.monitorWithinDays * DAY_MS) {
    const weeks = String(Math.round(W.monitorWithinDays / 7));
    return [
      {
        id: 'warfarin-no-inr',
        severity: 'warning',
        category: 'medication-safety',
        text: latest
          ? `${drugs} with no INR in the last ${weeks} weeks: the latest, ${pointValue(lab, latest)}, is from ${day(latest.iso)} (${String(monthsBetween(latest.ms, ctx.nowMs))} months ago).`
          : `${drugs} with no INR anywhere in the record.`,
        evidence: [...medRefs, ...(latest ? [{ reference: latest.reference }] : [])],
        suggestedAction: `Check an INR now; then at least every ${String(Math.round(W.usualIntervalDays / 7))} weeks, or up to ${weeks} when stable.`,
        source: W.source,
      },
    ];
  }
  if (ageMs > W.recentDays * DAY_MS) return [];
  const value = latest.value;
  const shown = `INR ${pointValue(lab, latest)} on ${day(latest.iso)}`;
  const evidence = [...medRefs, { reference: latest.reference }];
  const target = `target ${W.target.text}`;
  if (value > W.vitaminKAbove) {
    return [
      {
        id: 'warfarin-inr-critical',
        severity: 'critical',
        category: 'medication-safety',
        text: `${drugs} with ${shown}: far above the ${target}.`,
        evidence,
        suggestedAction:
          'Hold warfarin and give oral vitamin K; assess for bleeding today; recheck the INR.',
        source: W.source,
      },
    ];
  }
  if (value > W.holdAbove) {
    return [
      {
        id: 'warfarin-inr-high',
        severity: 'critical',
        category: 'medication-safety',
        text: `${drugs} with ${shown}: above the ${target}.`,
        evidence,
        suggestedAction:
          'Hold one or two doses or lower the dose, assess for bleeding, recheck the INR; look for an interacting drug.',
        source: W.source,
      },
    ];
  }
  if (value > W.target.high) {
    return [
      {
        id: 'warfarin-inr-above',
        severity: 'warning',
        category: 'medication-safety',
        text: `${drugs} with ${shown}: above the ${target}.`,
        evidence,
        suggestedAction: 'Lower or hold a dose and recheck the INR; look for an interacting drug.',
        source: W.source,
      },
    ];
  }
  if (value < W.target.low) {
    return [
      {
        id: 'warfarin-inr-below',
        severity: 'info',
        category: 'medication-safety',
        text: `${drugs} with ${shown}: below the ${target}.`,
        evidence,
        suggestedAction: 'Check adherence and interacting drugs; adjust the dose and recheck.',
        source: W.source,
      },
    ];
  }
  return [];
}
