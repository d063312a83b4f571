/** Medication-safety alerts: renal dosing, interacting pairs, duplicate therapy, drug-allergy. */
import type { Alert } from '../contract/synopsis';
import type { MedicationFact } from '../fhir/facts';
import type { EngineContext } from './context';
import { day, DAY_MS, pointValue } from './format';
import { LAB_BY_ID } from './kb/labs';
import {
  ALLERGY_RULES,
  DUPLICATE_CLASSES,
  INTERACTIONS,
  RENAL_LOOKBACK_SOURCE,
  RENAL_RULES,
  type AllergyRule,
} from './kb/medication-safety';

const refs = (xs: readonly string[]): { reference: string }[] =>
  [...new Set(xs)].map((reference) => ({ reference }));
const names = (ms: readonly MedicationFact[]): string =>
  [...new Set(ms.map((m) => m.concept.text))].join(', ');

export function buildMedicationAlerts(ctx: EngineContext): Alert[] {
  return [...renal(ctx), ...interactions(ctx), ...duplicates(ctx), ...allergies(ctx)];
}

function renal(ctx: EngineContext): Alert[] {
  const egfr = ctx.series.get('egfr') ?? [];
  const latest = egfr[egfr.length - 1];
  const lab = LAB_BY_ID.get('egfr');
  if (!latest || !lab) return [];
  const out: Alert[] = [];
  const done = new Set<string>();
  // Rules are listed most severe first within a class: one alert per class.
  for (const rule of RENAL_RULES) {
    if (done.has(rule.drugClass) || latest.value >= rule.egfrBelow) continue;
    const meds = ctx.activeClasses.get(rule.drugClass);
    if (!meds?.length) continue;
    done.add(rule.drugClass);
    if (ctx.nowMs - latest.ms > rule.lookBackDays * DAY_MS) {
      // Too old to stand for today's kidney function: named as stale, with a recheck.
      out.push({
        id: `renal-stale-${rule.drugClass}`,
        severity: 'info',
        category: 'medication-safety',
        text: `${names(meds)}: the latest eGFR, ${pointValue(lab, latest)} on ${day(latest.iso)}, is over ${String(Math.round(rule.lookBackDays / 30.44))} months old; recheck kidney function before relying on it.`,
        evidence: refs([...meds.map((m) => m.reference), latest.reference]),
        suggestedAction: 'Recheck creatinine and eGFR.',
        source: RENAL_LOOKBACK_SOURCE,
      });
      continue;
    }
    out.push({
      id: `renal-${rule.id}`,
      severity: rule.severity,
      category: 'medication-safety',
      text: `${names(meds)} with eGFR ${pointValue(lab, latest)} (${day(latest.iso)}): ${rule.advice}`,
      evidence: refs([...meds.map((m) => m.reference), latest.reference]),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  return out;
}

function interactions(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const rule of INTERACTIONS) {
    const picked: MedicationFact[] = [];
    for (const group of rule.groups) {
      const candidates = group
        .flatMap((c) => ctx.activeClasses.get(c) ?? [])
        .filter((m) => !picked.some((p) => p.reference === m.reference));
      const first = candidates[0];
      if (!first) break;
      picked.push(first);
    }
    if (picked.length !== rule.groups.length) continue;
    out.push({
      id: `interaction-${rule.id}`,
      severity: rule.severity,
      category: 'medication-safety',
      text: `${rule.text} (${names(picked)})`,
      evidence: refs(picked.map((m) => m.reference)),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  return out;
}

function duplicates(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const { drugClass, source } of DUPLICATE_CLASSES) {
    const meds = ctx.activeClasses.get(drugClass) ?? [];
    const drugs = new Map(meds.map((m) => [m.concept.coding[0]?.code ?? m.concept.text, m]));
    if (drugs.size < 2) continue;
    const list = [...drugs.values()];
    out.push({
      id: `duplicate-${drugClass}`,
      severity: 'warning',
      category: 'medication-safety',
      text: `Possible duplicate therapy, two active ${drugClass.replace('-', ' ')} orders: ${names(list)}.`,
      evidence: refs(meds.map((m) => m.reference)),
      suggestedAction: 'Confirm both are intended; stop one if not.',
      source,
    });
  }
  return out;
}

function matchesAllergy(
  rule: AllergyRule,
  concept: { coding: { system: string; code: string }[]; text: string },
): boolean {
  if (
    rule.codes.some((c) => concept.coding.some((x) => x.system === c.system && x.code === c.code))
  ) {
    return true;
  }
  const text = concept.text.toLowerCase();
  return rule.terms.some((t) => new RegExp(`\\b${t}\\b`).test(text));
}

function allergies(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const allergy of ctx.record.allergies) {
    if (!allergy.active || allergy.noKnownAllergy) continue;
    for (const rule of ALLERGY_RULES) {
      if (!matchesAllergy(rule, allergy.concept)) continue;
      const meds = rule.drugClasses.flatMap((c) => ctx.activeClasses.get(c) ?? []);
      if (meds.length === 0) continue;
      out.push({
        id: `allergy-${rule.id}-${allergy.reference.split('/')[1] ?? ''}`.slice(0, 80),
        severity: rule.severity,
        category: 'medication-safety',
        text: `${names(meds)} ordered despite a recorded allergy to ${allergy.concept.text}.`,
        evidence: refs([allergy.reference, ...meds.map((m) => m.reference)]),
        suggestedAction: rule.advice,
        source: rule.source,
      });
    }
  }
  return out;
}
