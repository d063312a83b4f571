/** Quality measures over one synopsis: completeness and grounding. Pure functions. */
import type { Synopsis } from '../../cds-service/contract/synopsis';
import type { PatientRecord } from '../../cds-service/fhir/facts';

export interface Tally {
  ok: number;
  total: number;
}

export const ratio = (t: Tally): number => (t.total === 0 ? 1 : t.ok / t.total);
export const add = (a: Tally, b: Tally): Tally => ({ ok: a.ok + b.ok, total: a.total + b.total });

/** Every reference a synopsis cites: `evidence[].reference` and result points' `reference`. */
export function citedReferences(synopsis: Synopsis): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string | undefined): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (
          k === 'reference' &&
          typeof x === 'string' &&
          (key === 'evidence' || key === 'points' || key === 'latest')
        ) {
          out.push(x);
        } else walk(x, k);
      }
    }
  };
  walk(synopsis, undefined);
  return out;
}

/** Cited references that resolve to a resource of the record. */
export function grounding(synopsis: Synopsis, record: PatientRecord): Tally {
  const refs = citedReferences(synopsis);
  return { ok: refs.filter((r) => record.resources.has(r)).length, total: refs.length };
}

/**
 * Active Conditions, active medication orders/statements and allergy entries of the record that
 * the synopsis shows (cites as evidence of a problem, medication or allergy).
 */
export function completeness(synopsis: Synopsis, record: PatientRecord): Tally {
  const shown = new Set<string>([
    ...synopsis.problems.flatMap((p) => p.evidence.map((e) => e.reference)),
    ...synopsis.medications.flatMap((m) => m.evidence.map((e) => e.reference)),
    ...synopsis.allergies.evidence.map((e) => e.reference),
  ]);
  const active = new Set(['active', 'recurrence', 'relapse']);
  const expected = [
    ...record.conditions
      .filter((c) => c.clinicalStatus === undefined || active.has(c.clinicalStatus))
      .map((c) => c.reference),
    ...record.medications.filter((m) => m.active).map((m) => m.reference),
    ...record.allergies.filter((a) => a.active).map((a) => a.reference),
  ];
  return { ok: expected.filter((r) => shown.has(r)).length, total: expected.length };
}

/**
 * 1-based rank of a condition in the differential, or undefined when absent. Candidates in
 * `alsoTrue` are not counted as ranked above it: they are other right answers (a listed condition
 * that hiding removed too, because one Condition codes both), not errors.
 */
export function rankOf(
  synopsis: Synopsis,
  conditionId: string,
  alsoTrue: ReadonlySet<string> = new Set(),
): number | undefined {
  const ranked = synopsis.differential.filter((d) => d.id === conditionId || !alsoTrue.has(d.id));
  const i = ranked.findIndex((d) => d.id === conditionId);
  return i < 0 ? undefined : i + 1;
}
