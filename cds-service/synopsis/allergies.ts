/**
 * Allergies, with an explicit state: listed allergies, an explicit "no known allergies" entry, or
 * nothing recorded (which is not the same as none).
 */
import { conceptOut } from '../fhir/codes';
import type { AllergyItem, Allergies } from '../contract/synopsis';
import type { EngineContext } from './context';
import { withoutTrailing } from '../text';

/** SNOMED CT semantic tags of allergens that add nothing to the name. */
const SUBSTANCE_TAG = /\((?:substance|organism|product)\)$/;

const CRITICALITY = new Set(['low', 'high', 'unable-to-assess']);

export function buildAllergies(ctx: EngineContext): Allergies {
  const active = ctx.record.allergies.filter((a) => a.active);
  const real = active.filter((a) => !a.noKnownAllergy);
  const nka = active.filter((a) => a.noKnownAllergy);
  if (real.length > 0) {
    const items = real.map(toItem);
    return {
      state: 'recorded',
      text: `Allergies: ${items.map((i) => i.text).join('; ')}.`,
      evidence: real.map((a) => ({ reference: a.reference })),
      items,
    };
  }
  if (nka.length > 0) {
    return {
      state: 'no-known-allergies',
      text: 'No known allergies (recorded).',
      evidence: nka.map((a) => ({ reference: a.reference })),
      items: [],
    };
  }
  return {
    state: 'not-recorded',
    text: 'Allergies not recorded: the record has no allergy entries and no "no known allergies" statement.',
    evidence: [{ reference: ctx.record.patient.reference }],
    items: [],
  };
}

function toItem(a: EngineContext['record']['allergies'][number]): AllergyItem {
  const name = withoutTrailing(a.concept.text, SUBSTANCE_TAG);
  const reactions = a.reactions.flatMap((r) => r.manifestations.map((m) => m.text));
  const criticality = a.criticality && CRITICALITY.has(a.criticality) ? a.criticality : undefined;
  return {
    text: `${name}${reactions.length ? ` (${reactions.join(', ')})` : ''}${criticality === 'high' ? ', high criticality' : ''}`,
    evidence: [{ reference: a.reference }],
    concept: conceptOut(a.concept),
    ...(criticality ? { criticality: criticality as 'low' | 'high' | 'unable-to-assess' } : {}),
    category: a.categories,
    reactions,
    status: a.clinicalStatus ?? 'active',
  };
}
