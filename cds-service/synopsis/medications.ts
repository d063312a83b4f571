/** The medication list: active orders and statements, one entry per drug, with drug classes. */
import type { Medication } from '../contract/synopsis';
import { conceptOut, groupByConcept } from '../fhir/codes';
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
    out.push({
      text: `${latest.concept.text}${dosage ? `, ${dosage}` : ''}${since ? ` (since ${day(since)})` : ''}`,
      evidence: list.map((m) => ({ reference: m.reference })),
      concept: conceptOut(latest.concept),
      status: latest.status,
      ...(dosage ? { dosage } : {}),
      ...(since ? { since } : {}),
      classes: [...(ctx.medClasses.get(latest.reference) ?? [])],
    });
  }
  return out.sort((a, b) => a.text.localeCompare(b.text));
}
