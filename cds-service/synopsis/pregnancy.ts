/**
 * A current pregnancy (kb/pregnancy.ts) and the drugs to avoid in it: each active order of a
 * teratogen class is an alert citing the pregnancy record it rests on.
 */
import type { Alert } from '../contract/synopsis';
import { codingKey, SYSTEMS } from '../fhir/codes';
import { ACTIVE_CONDITION, drugList, type EngineContext } from './context';
import { day, DAY_MS } from './format';
import { PREGNANCY, TERATOGENS } from './kb/pregnancy';
import { valueSet } from './kb/value-sets';

const PREGNANCY_CODES: ReadonlySet<string> = new Set(
  PREGNANCY.valueSets.flatMap((oid) => valueSet(oid).codes).map(codingKey),
);
const PREGNANT: ReadonlySet<string> = new Set(PREGNANCY.status.pregnant);
const NOT_PREGNANT: ReadonlySet<string> = new Set(PREGNANCY.status.notPregnant);

export interface PregnancyEvidence {
  reference: string;
  iso: string;
}

/** The most recent record of a current pregnancy, unless a later one says "not pregnant". */
export function currentPregnancy(ctx: EngineContext): PregnancyEvidence | undefined {
  if (ctx.record.patient.sex === 'male') return undefined;
  const since = ctx.nowMs - PREGNANCY.currentWithinDays * DAY_MS;
  let pregnant: (PregnancyEvidence & { ms: number }) | undefined;
  let notPregnantMs = -Infinity;
  for (const c of ctx.record.conditions) {
    const active = c.clinicalStatus === undefined || ACTIVE_CONDITION.has(c.clinicalStatus);
    if (!active || c.onsetMs === undefined || c.onsetMs < since) continue;
    if (!c.concept.coding.some((x) => PREGNANCY_CODES.has(codingKey(x)))) continue;
    if (!pregnant || c.onsetMs > pregnant.ms) {
      pregnant = { reference: c.reference, iso: new Date(c.onsetMs).toISOString(), ms: c.onsetMs };
    }
  }
  for (const o of ctx.record.observations) {
    if (!o.time || o.time.ms < since) continue;
    const isStatus = o.concept.coding.some(
      (c) => c.system === SYSTEMS.loinc && c.code === PREGNANCY.status.loinc,
    );
    if (!isStatus) continue;
    const answers = (o.valueConcept?.coding ?? []).filter(
      (c) => c.system === PREGNANCY.status.system,
    );
    if (answers.some((c) => NOT_PREGNANT.has(c.code))) {
      notPregnantMs = Math.max(notPregnantMs, o.time.ms);
    } else if (
      answers.some((c) => PREGNANT.has(c.code)) &&
      (!pregnant || o.time.ms > pregnant.ms)
    ) {
      pregnant = { reference: o.reference, iso: o.time.iso, ms: o.time.ms };
    }
  }
  return pregnant && pregnant.ms > notPregnantMs ? pregnant : undefined;
}

export function buildPregnancyAlerts(ctx: EngineContext): Alert[] {
  const taken = TERATOGENS.map((rule) => ({
    rule,
    meds: [...new Set(rule.drugClasses.flatMap((c) => ctx.activeClasses.get(c) ?? []))],
  })).filter((t) => t.meds.length > 0);
  // The pregnancy is looked for only when a teratogen is taken.
  const pregnancy = taken.length > 0 ? currentPregnancy(ctx) : undefined;
  if (!pregnancy) return [];
  return taken.map(({ rule, meds }) => ({
    id: `pregnancy-${rule.id}`,
    severity: rule.severity,
    category: 'medication-safety',
    text: `${drugList(ctx, meds)} during a pregnancy recorded on ${day(pregnancy.iso)}.`,
    evidence: [...meds.map((m) => m.reference), pregnancy.reference].map((reference) => ({
      reference,
    })),
    suggestedAction: rule.advice,
    source: `${rule.source}; ${PREGNANCY.source}`,
  }));
}
