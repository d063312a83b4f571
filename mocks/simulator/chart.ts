/**
 * The minimal chart an EHR shows around CDS cards: banner, problem list, recent results,
 * medications and allergies. The mock EHR reads its own stored FHIR resources here, with a small
 * reader of its own: the simulator checks the service end to end, so its chart must not see the
 * record through the service's normaliser or knowledge base. Pure: resources in, display data out.
 */
import { isObject, type StoredResource } from '../fhir-server/store';
import type { Chart, ChartResult, PatientListItem } from './contract';
import { LAB_INTERVALS } from './lab-reference';

const MAIN_PROBLEMS = 3;
const RECENT_RESULTS = 12;
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
/** SNOMED CT semantic tags of conditions that are not problems a clinician would list. */
const NOT_A_PROBLEM = /\((finding|situation|person|social concept|regime\/therapy)\)$/i;
const DISORDER_TAG = ' (disorder)';
const FLAGS = new Set(['HH', 'LL', 'H', 'L', 'A', 'AA']);
/** SNOMED CT statements that a patient has no known allergy of some kind. */
const NO_KNOWN_ALLERGY = new Set(['716186003', '409137002', '428607008', '429625007']);

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const codings = (concept: unknown): Json[] => (isObject(concept) ? list(concept.coding) : []);
const codesIn = (concept: unknown, system: string): string[] =>
  codings(concept).flatMap((c) => (c.system === system && str(c.code) ? [String(c.code)] : []));
const textOf = (concept: unknown): string | undefined =>
  (isObject(concept) ? str(concept.text) : undefined) ??
  codings(concept)
    .map((c) => str(c.display))
    .find(Boolean);
/** A status CodeableConcept's code (`active`, `resolved`...), from any of its codings. */
const statusOf = (concept: unknown): string | undefined =>
  codings(concept)
    .map((c) => str(c.code))
    .find(Boolean);
const display = (text: string): string =>
  text.toLowerCase().endsWith(DISORDER_TAG) ? text.slice(0, -DISORDER_TAG.length) : text;
const dateOf = (r: Json, ...fields: string[]): string | undefined => {
  for (const f of fields) {
    const v = r[f];
    const d = str(v) ?? (isObject(v) ? str(v.start) : undefined);
    if (d) return d;
  }
  return undefined;
};

interface PatientView {
  patient: StoredResource;
  byType: Map<string, StoredResource[]>;
  byReference: Map<string, StoredResource>;
  now: Date;
}

function view(resources: readonly StoredResource[], now: Date): PatientView {
  const patient = resources.find((r) => r.resourceType === 'Patient');
  if (!patient) throw new Error('a chart needs the Patient');
  const byType = new Map<string, StoredResource[]>();
  const byReference = new Map<string, StoredResource>();
  for (const r of resources) {
    byType.set(r.resourceType, [...(byType.get(r.resourceType) ?? []), r]);
    byReference.set(`${r.resourceType}/${r.id}`, r);
  }
  return { patient, byType, byReference, now };
}

const sexOf = (patient: Json): string => str(patient.gender) ?? 'unknown';

/** Age in whole years on `now`, counted by calendar (the birthday itself counts). */
function ageOf(patient: Json, now: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(patient.birthDate) ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const beforeBirthday =
    now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  return now.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

function activeProblems(v: PatientView): { text: string; onset: string | null }[] {
  const seen = new Set<string>();
  return (v.byType.get('Condition') ?? [])
    .filter((c) => {
      const verification = statusOf(c.verificationStatus);
      return (
        statusOf(c.clinicalStatus) === 'active' &&
        verification !== 'entered-in-error' &&
        verification !== 'refuted'
      );
    })
    .flatMap((c) => {
      const text = textOf(c.code);
      if (!text || NOT_A_PROBLEM.test(text)) return [];
      return [{ text: display(text), onset: dateOf(c, 'onsetDateTime', 'onsetPeriod') }];
    })
    .sort((a, b) => (b.onset ?? '').localeCompare(a.onset ?? ''))
    .map((p) => ({ text: p.text, onset: p.onset?.slice(0, 10) ?? null }))
    .filter((p) => !seen.has(p.text) && Boolean(seen.add(p.text)));
}

export function patientListItem(
  resources: readonly StoredResource[],
  name: string,
  now: Date,
): PatientListItem {
  return listItem(view(resources, now), name, resources.length);
}

function listItem(v: PatientView, name: string, resourceCount: number): PatientListItem {
  return {
    id: v.patient.id,
    name,
    birthDate: str(v.patient.birthDate) ?? null,
    ageYears: ageOf(v.patient, v.now),
    sex: sexOf(v.patient),
    problems: activeProblems(v)
      .slice(0, MAIN_PROBLEMS)
      .map((p) => p.text),
    resourceCount,
  };
}

interface Quantity {
  value: number;
  unit: string;
  /** The UCUM code, which the lab's intervals are keyed by. */
  code: string;
}

function quantityOf(v: unknown): Quantity | undefined {
  if (!isObject(v) || typeof v.value !== 'number') return undefined;
  const unit = str(v.unit) ?? str(v.code) ?? '';
  return { value: v.value, unit, code: str(v.code) ?? unit };
}

const round = (n: number): string => String(Math.round(n * 10) / 10);
/**
 * UCUM codes as people read them: `mm[Hg]` as mmHg, `10*3/uL` as 10^3/uL; an annotation that is
 * the whole denominator is read out (`mL/min/{1.73_m2}` as mL/min/1.73 m2), any other (`{score}`,
 * `{#}`) dropped.
 */
export const unitText = (u: string): string => {
  const text = u
    .replace(/\/\{([^{}]*)\}$/, (_m, note: string) => `/${note.replace(/_/g, ' ')}`)
    .replace(/\{[^{}]*\}/g, '')
    .replace(/[[\]]/g, '')
    .replace(/10\*(\d+)/g, '10^$1');
  return text && text !== '1' ? ` ${text}` : '';
};

/** The laboratory's flag for a value: its own interval for the test, by the patient's sex. */
function intervalFlag(concept: unknown, q: Quantity, sex: string): string | null {
  const codes = codesIn(concept, LOINC);
  const interval = LAB_INTERVALS.find(
    (i) => i.unit === q.code && i.loinc.some((c) => codes.includes(c)),
  );
  if (!interval) return null;
  const bySex = sex === 'female' ? interval.female : sex === 'male' ? interval.male : undefined;
  const low = bySex?.low ?? interval.low;
  const high = bySex?.high ?? interval.high;
  return high !== undefined && q.value > high
    ? 'H'
    : low !== undefined && q.value < low
      ? 'L'
      : null;
}

/** The flag the result carries, else its own reference range, else the laboratory's interval. */
function flagOf(o: Json, sex: string): string | null {
  const coded = list(o.interpretation)
    .flatMap(codings)
    .map((c) => str(c.code))
    .find((c) => c !== undefined && FLAGS.has(c));
  if (coded) return coded;
  const q = quantityOf(o.valueQuantity);
  if (q) {
    const range = list(o.referenceRange)[0];
    const low = quantityOf(range?.low)?.value;
    const high = quantityOf(range?.high)?.value;
    if (low !== undefined || high !== undefined) {
      return high !== undefined && q.value > high
        ? 'H'
        : low !== undefined && q.value < low
          ? 'L'
          : null;
    }
    return intervalFlag(o.code, q, sex);
  }
  const flags = list(o.component).map((c) => {
    const cq = quantityOf(c.valueQuantity);
    return cq ? intervalFlag(c.code, cq, sex) : null;
  });
  return flags.find((f) => f !== null) ?? null;
}

// Systolic before diastolic, as blood pressure is written.
const COMPONENT_ORDER = ['8480-6', '8462-4'];
const componentRank = (c: Json): number => {
  const codes = codesIn(c.code, LOINC);
  const i = COMPONENT_ORDER.findIndex((code) => codes.includes(code));
  return i === -1 ? COMPONENT_ORDER.length : i;
};

function valueOf(o: Json): string | undefined {
  const q = quantityOf(o.valueQuantity);
  if (q) return `${round(q.value)}${unitText(q.unit)}`;
  const parts = list(o.component)
    .sort((a, b) => componentRank(a) - componentRank(b))
    .flatMap((c) => {
      const cq = quantityOf(c.valueQuantity);
      return cq ? [cq] : [];
    });
  // Blood pressure and similar panels: the component values side by side (120/80 mmHg).
  if (parts.length > 0) {
    const units = new Set(parts.map((p) => p.unit));
    const joined = parts.map((p) => round(p.value)).join('/');
    return units.size === 1 ? `${joined}${unitText(parts[0]?.unit ?? '')}` : joined;
  }
  return textOf(o.valueCodeableConcept) ?? str(o.valueString);
}

/** The newest value of each lab and vital sign, newest first. */
function recentResults(v: PatientView): ChartResult[] {
  const newest = new Map<string, { o: Json; text: string; when: string }>();
  for (const o of v.byType.get('Observation') ?? []) {
    const categories = list(o.category)
      .flatMap(codings)
      .map((c) => c.code);
    if (!categories.some((c) => c === 'laboratory' || c === 'vital-signs')) continue;
    const when = dateOf(o, 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued');
    const text = textOf(o.code);
    if (o.status === 'entered-in-error' || !when || !text) continue;
    const seen = newest.get(text);
    if (!seen || Date.parse(seen.when) < Date.parse(when)) newest.set(text, { o, text, when });
  }
  const sex = sexOf(v.patient);
  return [...newest.values()]
    .sort((a, b) => Date.parse(b.when) - Date.parse(a.when))
    .flatMap(({ o, text, when }) => {
      const value = valueOf(o);
      return value === undefined
        ? []
        : [{ text, value, flag: flagOf(o, sex), date: when.slice(0, 10) }];
    })
    .slice(0, RECENT_RESULTS);
}

/** A request's or statement's drug name: its concept, or the Medication it references. */
function medicationName(m: Json, v: PatientView): string | undefined {
  const named = textOf(m.medicationCodeableConcept);
  if (named) return named;
  const ref = isObject(m.medicationReference) ? str(m.medicationReference.reference) : undefined;
  if (!ref) return undefined;
  const medication = ref.startsWith('#')
    ? list(m.contained).find((c) => c.id === ref.slice(1))
    : v.byReference.get(ref);
  return (
    textOf(medication?.code) ??
    (isObject(m.medicationReference) ? str(m.medicationReference.display) : undefined)
  );
}

function activeMedications(v: PatientView): string[] {
  const orders = [
    ...(v.byType.get('MedicationRequest') ?? []),
    ...(v.byType.get('MedicationStatement') ?? []),
  ].filter((m) => m.status === 'active');
  return [...new Set(orders.flatMap((m) => medicationName(m, v) ?? []))];
}

function activeAllergies(v: PatientView): string[] {
  return (v.byType.get('AllergyIntolerance') ?? []).flatMap((a) => {
    const clinical = statusOf(a.clinicalStatus);
    const verification = statusOf(a.verificationStatus);
    const noneKnown = codesIn(a.code, SNOMED).some((c) => NO_KNOWN_ALLERGY.has(c));
    const text = textOf(a.code);
    if (clinical !== undefined && clinical !== 'active') return [];
    if (verification === 'refuted' || verification === 'entered-in-error') return [];
    return noneKnown || !text ? [] : [display(text)];
  });
}

export function buildChart(resources: readonly StoredResource[], name: string, now: Date): Chart {
  const v = view(resources, now);
  return {
    patient: listItem(v, name, resources.length),
    problems: activeProblems(v),
    results: recentResults(v),
    medications: activeMedications(v),
    allergies: activeAllergies(v),
  };
}
