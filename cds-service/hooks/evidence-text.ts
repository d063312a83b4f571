/**
 * A card's evidence as a clinician reads it: the cited resources described from the synopsis that
 * cites them ("eGFR 38 mL/min/1.73m2 on 2025-06-01 (low)", "lisinopril 20 MG Oral Tablet, 1 tablet
 * daily (since 2022-04-15)"), never their ids. The ids stay in the synopsis and the panel.
 */
import type { Synopsis } from '../contract/synopsis';
import { unitText } from '../contract/unit-text';
import { day, formatValue } from '../synopsis/format';
import { LAB_BY_ID } from '../synopsis/kb/labs';

/** Reference -> what it says, for every resource the synopsis can describe. */
function describedResources(synopsis: Synopsis): Map<string, string> {
  const out = new Map<string, string>();
  for (const series of synopsis.results) {
    const lab = LAB_BY_ID.get(series.id);
    const unit = unitText(series.unit);
    for (const p of series.points) {
      const value = lab
        ? `${p.comparator ?? ''}${formatValue(lab, p.value)}`
        : `${p.comparator ?? ''}${String(p.value)} ${unit}`.trim();
      const flag =
        p.flag === 'normal' || p.flag === 'unknown' ? '' : ` (${p.flag.replace('-', ' ')})`;
      out.set(p.reference, `${series.concept.text} ${value} on ${day(p.time)}${flag}`);
    }
  }
  for (const m of synopsis.medications)
    for (const e of m.evidence) if (!out.has(e.reference)) out.set(e.reference, m.text);
  for (const p of synopsis.problems) {
    const text = `${p.text}${p.onset ? `, recorded ${day(p.onset)}` : ''}`;
    for (const e of p.evidence)
      if (e.reference.startsWith('Condition/') && !out.has(e.reference)) out.set(e.reference, text);
  }
  for (const a of synopsis.allergies.items) {
    const text = `Allergy: ${a.concept.text}${a.criticality === 'high' ? ' (high criticality)' : ''}`;
    for (const e of a.evidence) if (!out.has(e.reference)) out.set(e.reference, text);
  }
  return out;
}

const cache = new WeakMap<Synopsis, Map<string, string>>();

/**
 * The readable items for `references`, each said once, and how many others the synopsis cannot
 * describe (a procedure or an immunization that answered a rule): those are in the panel. The
 * Patient is never an item: age and sex are in the one-liner.
 */
export function evidenceItems(
  synopsis: Synopsis,
  references: readonly string[],
): { items: string[]; others: number } {
  let described = cache.get(synopsis);
  if (!described) {
    described = describedResources(synopsis);
    cache.set(synopsis, described);
  }
  const items: string[] = [];
  let others = 0;
  for (const ref of new Set(references)) {
    if (ref.startsWith('Patient/')) continue;
    const text = described.get(ref);
    if (text === undefined) others++;
    else if (!items.includes(text)) items.push(text);
  }
  return { items, others };
}
