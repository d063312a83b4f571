/**
 * The minimal chart an EHR shows around CDS cards: banner, problem list, recent results,
 * medications and allergies. Pure: a normalised record in, plain display data out.
 */
import { SYSTEMS, type Concept } from '../../cds-service/fhir/codes';
import { withoutTrailing } from '../../cds-service/text';
import type { ObservationFact, Sex } from '../../cds-service/fhir/facts';
import type { PatientRecord } from '../../cds-service/fhir/facts';
import type { Quantity } from '../../cds-service/fhir/units';
import { LABS } from '../../cds-service/synopsis/kb/labs';
import type { Band } from '../../cds-service/synopsis/kb/types';
import type { Chart, ChartResult, PatientListItem } from './contract';

const MAIN_PROBLEMS = 3;
const RECENT_RESULTS = 12;
/** SNOMED CT semantic tags of conditions that are not problems a clinician would list. */
const NOT_A_PROBLEM = /\((finding|situation|person|social concept|regime\/therapy)\)$/i;
const FLAGS = new Set(['HH', 'LL', 'H', 'L', 'A', 'AA']);

const DISORDER_TAG = /\(disorder\)$/i;
const display = (text: string): string => withoutTrailing(text, DISORDER_TAG);

function activeProblems(record: PatientRecord): { text: string; onset: string | null }[] {
  const seen = new Set<string>();
  return record.conditions
    .filter(
      (c) =>
        c.clinicalStatus === 'active' &&
        c.verificationStatus !== 'entered-in-error' &&
        c.verificationStatus !== 'refuted' &&
        !NOT_A_PROBLEM.test(c.concept.text),
    )
    .sort((a, b) => (b.onsetMs ?? 0) - (a.onsetMs ?? 0))
    .map((c) => ({ text: display(c.concept.text), onset: c.onset?.slice(0, 10) ?? null }))
    .filter((p) => !seen.has(p.text) && Boolean(seen.add(p.text)));
}

export function patientListItem(record: PatientRecord, name: string): PatientListItem {
  return {
    id: record.patient.id,
    name,
    birthDate: record.patient.birthDate ?? null,
    ageYears: record.patient.ageYears ?? null,
    sex: record.patient.sex,
    problems: activeProblems(record)
      .slice(0, MAIN_PROBLEMS)
      .map((p) => p.text),
    resourceCount: record.resources.size,
  };
}

const round = (n: number): string => String(Math.round(n * 10) / 10);
/** UCUM codes as people read them: `mm[Hg]` as mmHg, annotations such as `{score}` dropped. */
const unitText = (u: string): string => {
  const text = u.replace(/\{[^{}]*\}/g, '').replace(/[[\]]/g, '');
  return text && text !== '1' ? ` ${text}` : '';
};
const loincOf = (concept: Concept): string[] =>
  concept.coding.filter((c) => c.system === SYSTEMS.loinc).map((c) => c.code);

// Systolic before diastolic, as blood pressure is written.
const COMPONENT_ORDER = ['8480-6', '8462-4'];
const componentRank = (concept: Concept): number => {
  const i = COMPONENT_ORDER.findIndex((code) => loincOf(concept).includes(code));
  return i === -1 ? COMPONENT_ORDER.length : i;
};

function valueOf(o: ObservationFact): string | undefined {
  if (o.quantity) return `${round(o.quantity.value)}${unitText(o.quantity.unit)}`;
  const parts = o.components
    .filter((c) => c.quantity)
    .sort((a, b) => componentRank(a.concept) - componentRank(b.concept))
    .flatMap((c) => (c.quantity ? [c.quantity] : []));
  // Blood pressure and similar panels: the component values side by side (120/80 mmHg).
  if (parts.length > 0) {
    const units = new Set(parts.map((p) => p.unit));
    const joined = parts.map((p) => round(p.value)).join('/');
    return units.size === 1 ? `${joined}${unitText(parts[0]?.unit ?? '')}` : joined;
  }
  return o.valueConcept?.text;
}

/**
 * The laboratory's reference interval for a value: a mock lab has none of its own, so it takes
 * the adult intervals of the project's knowledge base (each names its source), same unit only.
 */
function referenceBand(concept: Concept, quantity: Quantity, sex: Sex): Band | undefined {
  const codes = loincOf(concept);
  const lab = LABS.find(
    (l) => l.range && l.unit === quantity.unit && l.loinc.some((c) => codes.includes(c)),
  );
  if (!lab?.range) return undefined;
  const bySex = sex === 'female' ? lab.range.female : sex === 'male' ? lab.range.male : undefined;
  return bySex ?? lab.range;
}

const outside = (value: number, band: Band | undefined): string | null =>
  band?.high !== undefined && value > band.high
    ? 'H'
    : band?.low !== undefined && value < band.low
      ? 'L'
      : null;

function flagOf(o: ObservationFact, sex: Sex): string | null {
  const coded = o.interpretation.find((i) => FLAGS.has(i));
  if (coded) return coded;
  if (o.quantity) {
    return outside(o.quantity.value, o.referenceRange ?? referenceBand(o.concept, o.quantity, sex));
  }
  const flags = o.components.flatMap((c) =>
    c.quantity ? [outside(c.quantity.value, referenceBand(c.concept, c.quantity, sex))] : [],
  );
  return flags.find((f) => f !== null) ?? null;
}

/** The newest value of each lab and vital sign, newest first. */
function recentResults(record: PatientRecord): ChartResult[] {
  const newest = new Map<string, ObservationFact>();
  for (const o of record.observations) {
    if (!o.categories.some((c) => c === 'laboratory' || c === 'vital-signs')) continue;
    if (o.status === 'entered-in-error' || !o.time) continue;
    const seen = newest.get(o.concept.text);
    if (!seen?.time || seen.time.ms < o.time.ms) newest.set(o.concept.text, o);
  }
  return [...newest.values()]
    .sort((a, b) => (b.time?.ms ?? 0) - (a.time?.ms ?? 0))
    .flatMap((o) => {
      const value = valueOf(o);
      if (value === undefined) return [];
      return [
        {
          text: o.concept.text,
          value,
          flag: flagOf(o, record.patient.sex),
          date: o.time?.iso.slice(0, 10) ?? null,
        },
      ];
    })
    .slice(0, RECENT_RESULTS);
}

export function buildChart(record: PatientRecord, name: string): Chart {
  return {
    patient: patientListItem(record, name),
    problems: activeProblems(record),
    results: recentResults(record),
    medications: [
      ...new Set(record.medications.filter((m) => m.active).map((m) => m.concept.text)),
    ],
    allergies: record.allergies
      .filter((a) => a.active && !a.noKnownAllergy)
      .map((a) => display(a.concept.text)),
  };
}
