/** The medication list: active orders and statements, one entry per drug, with drug classes. */
import type { Medication } from '../contract/synopsis';
import { conceptOut, groupByConcept, type Concept } from '../fhir/codes';
import type { MedicationFact } from '../fhir/facts';
import type { EngineContext } from './context';
import { day } from './format';

export function buildMedications(ctx: EngineContext): Medication[] {
  const out: Medication[] = [];
  for (const list of groupByConcept(ctx.activeMeds, (m) => m.concept)) {
    const latest = list[list.length - 1];
    const first = list[0];
    if (!latest || !first) continue;
    const dosage = [...list].reverse().find((m) => m.dosageText)?.dosageText;
    const since = first.time?.iso;
    const reason = reasonOf(list, ctx);
    out.push({
      text: `${latest.concept.text}${dosage ? `, ${dosage}` : ''}${since ? ` (since ${day(since)})` : ''}`,
      evidence: list.map((m) => ({ reference: m.reference })),
      concept: conceptOut(latest.concept),
      status: latest.status,
      ...(dosage ? { dosage } : {}),
      ...(since ? { since } : {}),
      classes: [...(ctx.medClasses.get(latest.reference) ?? [])],
      ...(reason ? { reason: conceptOut(reason) } : {}),
    });
  }
  return out.sort((a, b) => a.text.localeCompare(b.text));
}

/** The newest order's stated reason: a code it gives, else the record's condition it references. */
function reasonOf(list: readonly MedicationFact[], ctx: EngineContext): Concept | undefined {
  for (const m of [...list].reverse()) {
    const coded = m.reasonCodes[0];
    if (coded) return coded;
    for (const ref of m.reasonReferences) {
      const condition = ctx.record.conditions.find((c) => c.reference === ref);
      if (condition) return condition.concept;
    }
  }
  return undefined;
}
