/**
 * Record surgery for hide-and-recover: remove a condition and every path that leaks it, remove
 * medications (labs-only tier), or cut the record at a date. Works on raw Bundles (JSON) and
 * returns new ones; the input is never modified.
 */
import { readConcept } from '../../cds-service/fhir/codes';
import { conditionsOf } from '../../cds-service/synopsis/context';
import type { ConditionDef } from '../../cds-service/synopsis/kb/types';
import type { BundleJson, Entry, Json, JsonObject } from './json';
import { collectStrings, leakTerms } from './leaks';

const isObj = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const typeOf = (e: Entry): string => text(e.resource.resourceType);

function matchesDef(concept: Json | undefined, def: ConditionDef): boolean {
  const c = readConcept(concept);
  return c !== undefined && conditionsOf(c).some((d) => d.id === def.id);
}

/** Does this value (deeply) refer to one of `refs`, or carry a code of the condition? */
function mentions(v: Json | undefined, refs: ReadonlySet<string>, def: ConditionDef): boolean {
  if (Array.isArray(v)) return v.some((x) => mentions(x, refs, def));
  if (!isObj(v)) return false;
  if (typeof v.reference === 'string' && refs.has(v.reference)) return true;
  if ((Array.isArray(v.coding) || typeof v.system === 'string') && matchesDef(v, def)) return true;
  return Object.values(v).some((x) => mentions(x, refs, def));
}

/** Removes array elements and fields that mention the condition; returns the scrubbed copy. */
function scrub(v: Json, refs: ReadonlySet<string>, def: ConditionDef): Json {
  if (Array.isArray(v)) {
    return v.filter((x) => !mentions(x, refs, def)).map((x) => scrub(x, refs, def));
  }
  if (!isObj(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (!Array.isArray(x) && mentions(x, refs, def)) continue;
    out[k] = scrub(x, refs, def);
  }
  return out;
}

/** Free-text fields that can name a diagnosis in prose: dropped from every resource. */
const PROSE_FIELDS = new Set([
  'text',
  'note',
  'conclusion',
  'conclusionCode',
  'presentedForm',
  'description',
  'title',
]);
/** Resource types that are notes or plans written around diagnoses: dropped whole when they mention it. */
const NOTE_TYPES = new Set(['DocumentReference']);

export function hideCondition(bundle: BundleJson, def: ConditionDef): BundleJson {
  const removed = new Set<string>();
  const kept: Entry[] = [];
  for (const e of bundle.entry) {
    const r = e.resource;
    if (typeOf(e) === 'Condition' && matchesDef(r.code, def)) {
      removed.add(`Condition/${text(r.id)}`);
      if (e.fullUrl) removed.add(e.fullUrl);
      continue;
    }
    kept.push(e);
  }
  const terms = leakTerms(def);
  const entry: Entry[] = [];
  for (const e of kept) {
    if (NOTE_TYPES.has(typeOf(e))) continue;
    if ((typeOf(e) === 'CarePlan' || typeOf(e) === 'Goal') && mentions(e.resource, removed, def))
      continue;
    const r: JsonObject = Object.fromEntries(
      Object.entries(e.resource).filter(([k]) => !PROSE_FIELDS.has(k)),
    );
    const scrubbed = scrub(r, removed, def);
    // What still names the condition after scrubbing ("Asthma screening", "Heart failure tracking
    // panel", claims for them) would tell the answer: removed whole.
    if (!isObj(scrubbed) || (typeOf(e) !== 'Patient' && namesCondition(scrubbed, terms))) continue;
    entry.push({ ...e, resource: scrubbed });
  }
  return { ...bundle, entry };
}

function namesCondition(r: JsonObject, terms: readonly string[]): boolean {
  const texts: string[] = [];
  collectStrings(r, texts);
  return texts.some((t) => {
    const lower = t.toLowerCase();
    return terms.some((term) => lower.includes(term));
  });
}

const MEDICATION_TYPES = new Set([
  'MedicationRequest',
  'MedicationStatement',
  'MedicationAdministration',
  'MedicationDispense',
  'Medication',
]);

/** The labs-only tier: no medication resources of any kind. */
export function withoutMedications(bundle: BundleJson): BundleJson {
  return { ...bundle, entry: bundle.entry.filter((e) => !MEDICATION_TYPES.has(typeOf(e))) };
}

const DATE_FIELDS = [
  'effectiveDateTime',
  'effectivePeriod',
  'effectiveInstant',
  'issued',
  'authoredOn',
  'onsetDateTime',
  'onsetPeriod',
  'recordedDate',
  'period',
  'performedDateTime',
  'performedPeriod',
  'occurrenceDateTime',
  'date',
  'created',
  'billablePeriod',
  'dateAsserted',
  'recorded',
  'started',
];

/** The earliest date a resource carries, in epoch ms, or undefined for undated resources. */
export function resourceTime(r: JsonObject): number | undefined {
  let best: number | undefined;
  for (const f of DATE_FIELDS) {
    const v = r[f];
    const s =
      typeof v === 'string' ? v : isObj(v) && typeof v.start === 'string' ? v.start : undefined;
    const ms = s ? Date.parse(s) : NaN;
    if (!Number.isNaN(ms) && (best === undefined || ms < best)) best = ms;
  }
  return best;
}

/** Results: what the clinician reads before writing a diagnosis, unlike the orders that follow it. */
const RESULT_TYPES = new Set(['Observation', 'DiagnosticReport']);

/**
 * The record as it stood at `ms`: dated resources from then on are removed. With `diagnosedAt`,
 * the results of the encounter that recorded the diagnosis stay (those of its encounters, or dated
 * exactly `ms` when they name none): its author had them in hand. The orders made there do not.
 */
export function cutAt(
  bundle: BundleJson,
  ms: number,
  diagnosedAt?: { encounters: ReadonlySet<string> },
): BundleJson {
  return {
    ...bundle,
    entry: bundle.entry.filter((e) => {
      const t = resourceTime(e.resource);
      if (t === undefined || t < ms) return true;
      if (!diagnosedAt || !RESULT_TYPES.has(typeOf(e))) return false;
      const encounter = e.resource.encounter;
      const ref = isObj(encounter) ? text(encounter.reference) : '';
      return ref ? diagnosedAt.encounters.has(ref) : t === ms;
    }),
  };
}

/** References of the encounters at which the condition was first recorded. */
export function diagnosingEncounters(bundle: BundleJson, def: ConditionDef): Set<string> {
  const onset = onsetOf(bundle, def);
  const out = new Set<string>();
  for (const e of bundle.entry) {
    if (typeOf(e) !== 'Condition' || !matchesDef(e.resource.code, def)) continue;
    if (resourceTime(e.resource) !== onset) continue;
    const encounter = e.resource.encounter;
    const ref = isObj(encounter) ? text(encounter.reference) : '';
    if (ref) out.add(ref);
  }
  return out;
}

/** Earliest onset of the condition in the bundle. */
export function onsetOf(bundle: BundleJson, def: ConditionDef): number | undefined {
  let best: number | undefined;
  for (const e of bundle.entry) {
    if (typeOf(e) !== 'Condition' || !matchesDef(e.resource.code, def)) continue;
    const t = resourceTime(e.resource);
    if (t !== undefined && (best === undefined || t < best)) best = t;
  }
  return best;
}
