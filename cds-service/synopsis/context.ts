/**
 * The engine's working view of a record, built once per synopsis: lab series in knowledge-base
 * units, active medications with their drug classes, and the conditions on the problem list mapped
 * to knowledge-base conditions. Every rule family reads this instead of re-scanning the record.
 */
import { CURRENT_PROBLEM_STATUSES } from '../contract/synopsis';
import { escapeRegExp, wholeWords } from '../text';
import {
  codingKey,
  hasCode,
  icd10Code,
  perConcept,
  SYSTEMS,
  type Code,
  type Concept,
} from '../fhir/codes';
import type { ConditionFact, MedicationFact, ObservationFact, PatientRecord } from '../fhir/facts';
import { convertUnit, type Comparator, type Quantity } from '../fhir/units';
import { CONDITIONS } from './kb/conditions';
import { DRUG_CLASSES, LOCAL_DOSE_FORMS } from './kb/drug-classes';
import { addComputedEgfr } from './egfr';
import { addComputedBmiPercentiles } from './bmi-for-age';
import { LAB_BY_LOINC } from './kb/labs';
import type { ConditionDef, LabDef } from './kb/types';
import { RXNORM_NAMES, valueSet } from './kb/value-sets';
import { brandIngredients } from './kb/brand-names';
import { EPISODES } from './kb/episodes';
import { PACK_YEARS, QUIT_DATE, SMOKING_STATUS } from './kb/smoking';
import { DAY_MS } from './format';

export interface LabPoint {
  /**
   * The value rules compare. For a censored result (`<15`, `>60`) it lies just inside the bound,
   * so that every threshold comparison answers as the bound says: `<15` is below 15 and below 30,
   * and not known to be below 10.
   */
  value: number;
  /** A censored result: the laboratory reported only a bound, `bound` in the series' unit. */
  censored?: { comparator: Comparator; bound: number };
  ms: number;
  iso: string;
  reference: string;
  /** How a value the record did not report was derived ("computed from creatinine, ..."). */
  derivation?: string;
}

export type SmokingStatus = 'current' | 'former' | 'never';

export interface EngineContext {
  record: PatientRecord;
  nowMs: number;
  /** Lab id -> points, oldest first, in the knowledge-base unit. */
  series: ReadonlyMap<string, LabPoint[]>;
  activeMeds: MedicationFact[];
  /** Medication reference -> knowledge-base drug-class ids. */
  medClasses: ReadonlyMap<string, readonly string[]>;
  /** Drug class id -> active medications of that class. */
  activeClasses: ReadonlyMap<string, MedicationFact[]>;
  /** Medication reference -> knowledge-base ingredients it names (active medications). */
  activeIngredients: ReadonlyMap<string, readonly string[]>;
  /** Knowledge-base condition id -> active (or recurring) Conditions of the record. */
  activeConditions: ReadonlyMap<string, ConditionFact[]>;
  /** Knowledge-base condition id -> any Condition of the record, whatever its status. */
  anyConditions: ReadonlyMap<string, ConditionFact[]>;
  smoking: { status: SmokingStatus; reference: string } | undefined;
  /**
   * Tobacco history beyond the latest status: the last smoking on record (the newest
   * smoking-status Observation that says "smoking", or a later quit date, `quit`) and the newest
   * pack-years.
   */
  tobacco: {
    lastSmoking?: { ms: number; iso: string; reference: string; quit?: boolean };
    packYears?: { value: number; reference: string };
  };
  /** Notes for `dataQuality`, added to the normaliser's. */
  notes: string[];
}

export const ACTIVE_CONDITION = CURRENT_PROBLEM_STATUSES;

const CONDITION_BY_CODE = new Map<string, ConditionDef[]>();
for (const def of CONDITIONS) {
  const codes = [...def.codes, ...(def.valueSets ?? []).flatMap((oid) => valueSet(oid).codes)];
  for (const code of codes) {
    const key = codingKey(code);
    const defs = CONDITION_BY_CODE.get(key) ?? [];
    if (!defs.includes(def)) CONDITION_BY_CODE.set(key, [...defs, def]);
  }
}

/** Knowledge-base conditions a coded concept means, over all its codings. */
export function conditionsOf(concept: {
  coding: readonly { system: string; code: string }[];
}): ConditionDef[] {
  const found = new Set<ConditionDef>();
  for (const c of concept.coding) {
    for (const def of CONDITION_BY_CODE.get(codingKey(c)) ?? []) found.add(def);
    // ICD-10 under any of the URIs EHRs use, with or without its dot, reads as ICD-10-CM.
    const icd = icd10Code(c);
    if (icd !== undefined) {
      for (const def of CONDITIONS) {
        if (def.icd10Prefixes?.some((p) => icd.startsWith(p))) found.add(def);
      }
    }
  }
  return [...found];
}

const EPISODE_CODES: ReadonlySet<string> = new Set(
  [...EPISODES.codes, ...EPISODES.valueSets.flatMap((oid) => valueSet(oid).codes)].map(codingKey),
);

/**
 * A condition that ends by itself (pregnancy, an acute infection: kb/episodes.ts), not a chronic
 * condition the knowledge base knows, recorded longer ago than an episode lasts. Whatever its
 * clinical status says, it is history.
 */
export function isEndedEpisode(c: ConditionFact, nowMs: number): boolean {
  if (c.onsetMs === undefined || nowMs - c.onsetMs <= EPISODES.historyAfterDays * DAY_MS) {
    return false;
  }
  if (conditionsOf(c.concept).some((d) => d.chronic)) return false;
  return c.concept.coding.some((code) => {
    if (EPISODE_CODES.has(codingKey(code))) return true;
    const icd = icd10Code(code);
    return icd !== undefined && EPISODES.icd10Prefixes.some((p) => icd.startsWith(p));
  });
}

const CLASS_PATTERNS = DRUG_CLASSES.map((c) => ({
  id: c.id,
  codes: new Set(c.rxnorm ?? []),
  pattern: new RegExp(`\\b(${c.ingredients.map(escapeRegExp).join('|')})\\b`, 'i'),
  systemicOnly: c.systemicOnly === true,
}));
const LOCAL_FORM = wholeWords(LOCAL_DOSE_FORMS);

const ALLERGEN_PATTERNS = DRUG_CLASSES.filter((c) => c.allergenTerms?.length).map((c) => ({
  id: c.id,
  pattern: new RegExp(`\\b(${(c.allergenTerms ?? []).map(escapeRegExp).join('|')})\\b`, 'i'),
}));

/**
 * The names a medication concept goes by: its text, RxNorm displays, known RxNorm names, and the
 * ingredients of a brand it is named by (kb/brand-names.ts).
 */
const drugNames = perConcept((concept: Concept): { rx: Code[]; texts: string } => {
  const rx = concept.coding.filter((c) => c.system === SYSTEMS.rxnorm);
  // The RxNorm name of a known code counts too: a coding may come with no display, or a local one.
  const names = [
    concept.text,
    ...rx.flatMap((c) => [c.display ?? '', RXNORM_NAMES.get(c.code) ?? '']),
  ];
  const brands = brandIngredients(names.join(' | '));
  return { rx, texts: [...names, ...brands].join(' | ') };
});

/** Drug classes of a medication concept: RxNorm codes first, else ingredient names in its text. */
export function drugClassesOf(concept: Concept): string[] {
  const { rx, texts } = drugNames(concept);
  const local = LOCAL_FORM.test(texts);
  return CLASS_PATTERNS.filter(
    (p) =>
      (rx.some((c) => p.codes.has(c.code)) || p.pattern.test(texts)) && !(p.systemicOnly && local),
  ).map((p) => p.id);
}

/**
 * Drug classes an allergy is to: those of its ingredients, as for a medication, and classes named
 * as a whole ("Penicillins", "Sulfa drugs").
 */
export function allergenClassesOf(concept: Concept): string[] {
  const classes = new Set(drugClassesOf(concept));
  const text = concept.text.toLowerCase();
  for (const p of ALLERGEN_PATTERNS) if (p.pattern.test(text)) classes.add(p.id);
  return [...classes];
}

const INGREDIENT_PATTERN = new RegExp(
  `\\b(${[...new Set(DRUG_CLASSES.flatMap((c) => c.ingredients))].map(escapeRegExp).join('|')})\\b`,
  'gi',
);

const MG = /(\d{1,6}(?:\.\d{1,6})?) ?mg\b/i;

/**
 * The strength in mg of one ingredient of a product, from its name ("ezetimibe 10 MG /
 * simvastatin 40 MG Oral Tablet" -> 40 for simvastatin); undefined when no name gives it.
 */
export function strengthMg(concept: Concept, ingredient: string): number | undefined {
  for (const part of drugNames(concept).texts.split(/[|/]/)) {
    if (!part.toLowerCase().includes(ingredient)) continue;
    const m = MG.exec(part);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return undefined;
}

/** The knowledge base's ingredients a medication (or allergy) concept names, lower case. */
export function ingredientsOf(concept: Concept): string[] {
  const { texts } = drugNames(concept);
  return [
    ...new Set([...texts.matchAll(INGREDIENT_PATTERN)].map((m) => (m[1] ?? '').toLowerCase())),
  ];
}

/**
 * Medications as a sentence names them: by their ingredients ("acetaminophen/hydrocodone",
 * "warfarin"), each drug once; a product whose ingredients the knowledge base does not know keeps
 * its text. The full product, strength and dose are in the card's evidence and the panel.
 */
export function drugList(
  ctx: Pick<EngineContext, 'activeIngredients'>,
  meds: readonly MedicationFact[],
): string {
  const names = meds.map((m) => {
    const ingredients = ctx.activeIngredients.get(m.reference) ?? ingredientsOf(m.concept);
    return ingredients.length ? ingredients.join('/') : m.concept.text;
  });
  return [...new Set(names)].join(', ');
}

const CURRENT_SMOKER: ReadonlySet<string> = new Set(SMOKING_STATUS.current);
const FORMER_SMOKER: ReadonlySet<string> = new Set(SMOKING_STATUS.former);
const NEVER_SMOKER: ReadonlySet<string> = new Set(SMOKING_STATUS.never);

export function buildContext(record: PatientRecord, now: Date): EngineContext {
  const notes: string[] = [];
  const noteOnce = (m: string): void => {
    if (!notes.includes(m)) notes.push(m);
  };
  const series = new Map<string, LabPoint[]>();
  let smoking: EngineContext['smoking'];
  const tobacco: EngineContext['tobacco'] = {};
  // Observations are in time order: the last one seen of each kind is the newest.
  for (const o of record.observations) {
    if (!o.time) continue;
    if (isSmokingStatus(o.concept)) {
      const status = smokingStatus(o.valueConcept);
      if (status) smoking = { status, reference: o.reference };
      if (status === 'current') {
        tobacco.lastSmoking = later(tobacco.lastSmoking, {
          ms: o.time.ms,
          iso: o.time.iso,
          reference: o.reference,
        });
      }
    }
    // A quit date is the last day of smoking; a later "smokes" status (smoking again) wins.
    if (o.valueTime && isQuitDate(o.concept) && o.valueTime.ms <= now.getTime()) {
      tobacco.lastSmoking = later(tobacco.lastSmoking, {
        ms: Math.min(endOfStatedPeriod(o.valueTime), now.getTime()),
        iso: o.valueTime.iso,
        reference: o.reference,
        quit: true,
      });
    }
    const packYears = packYearsOf(o);
    if (packYears !== undefined) tobacco.packYears = { value: packYears, reference: o.reference };
    addPoints(o, series, noteOnce);
  }
  for (const points of series.values()) {
    points.sort((a, b) => a.ms - b.ms);
    dedupe(points);
  }
  addComputedEgfr(series, record.patient, noteOnce);
  addComputedBmiPercentiles(series, record.patient);

  const activeMeds = record.medications.filter((m) => m.active);
  const medClasses = new Map<string, readonly string[]>();
  const activeClasses = new Map<string, MedicationFact[]>();
  for (const m of record.medications) {
    const classes = drugClassesOf(m.concept);
    medClasses.set(m.reference, classes);
    if (!m.active) continue;
    for (const c of classes) activeClasses.set(c, [...(activeClasses.get(c) ?? []), m]);
  }
  const activeIngredients = new Map<string, readonly string[]>(
    activeMeds.map((m) => [m.reference, ingredientsOf(m.concept)]),
  );

  const activeConditions = new Map<string, ConditionFact[]>();
  const anyConditions = new Map<string, ConditionFact[]>();
  for (const c of record.conditions) {
    const active =
      (c.clinicalStatus === undefined || ACTIVE_CONDITION.has(c.clinicalStatus)) &&
      !isEndedEpisode(c, now.getTime());
    for (const def of conditionsOf(c.concept)) {
      anyConditions.set(def.id, [...(anyConditions.get(def.id) ?? []), c]);
      if (active) activeConditions.set(def.id, [...(activeConditions.get(def.id) ?? []), c]);
    }
  }
  return {
    record,
    nowMs: now.getTime(),
    series,
    activeMeds,
    medClasses,
    activeIngredients,
    activeClasses,
    activeConditions,
    anyConditions,
    smoking,
    tobacco,
    notes,
  };
}

const SMOKING_CODES: ReadonlySet<string> = new Set([SMOKING_STATUS.loinc]);
const QUIT_DATE_CODES: ReadonlySet<string> = new Set([QUIT_DATE.loinc]);
const isQuitDate = perConcept((c) => hasCode(c, SYSTEMS.loinc, QUIT_DATE_CODES));

/**
 * The last moment of a date given only to the year or month: "quit in 2009" may mean December,
 * and reading it as 1 January could wrongly put someone past a screening window.
 */
function endOfStatedPeriod(t: { ms: number; iso: string }): number {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(t.iso);
  if (!m) return t.ms;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) : 12, 1) - 1;
}

type Dated = NonNullable<EngineContext['tobacco']['lastSmoking']>;
const later = (a: Dated | undefined, b: Dated): Dated => (a && a.ms > b.ms ? a : b);
const PACK_YEAR_CODES: ReadonlySet<string> = new Set([PACK_YEARS.snomed]);
const isSmokingStatus = perConcept((c) => hasCode(c, SYSTEMS.loinc, SMOKING_CODES));
const isPackYears = perConcept((c) => hasCode(c, SYSTEMS.snomed, PACK_YEAR_CODES));

/** Pack-years from an Observation coded for them, or from its pack-years component. */
function packYearsOf(o: ObservationFact): number | undefined {
  if (isPackYears(o.concept)) return o.quantity?.value;
  for (const c of o.components) {
    if (isPackYears(c.concept)) return c.quantity?.value;
  }
  return undefined;
}

function smokingStatus(value: Concept | undefined): SmokingStatus | undefined {
  for (const c of value?.coding ?? []) {
    if (c.system !== SYSTEMS.snomed) continue;
    if (CURRENT_SMOKER.has(c.code)) return 'current';
    if (FORMER_SMOKER.has(c.code)) return 'former';
    if (NEVER_SMOKER.has(c.code)) return 'never';
  }
  return undefined;
}

function addPoints(
  o: ObservationFact,
  series: Map<string, LabPoint[]>,
  note: (m: string) => void,
): void {
  const time = o.time;
  if (!time) return;
  const add = (lab: LabDef, quantity: Quantity | undefined): void => {
    if (!quantity) return;
    const value = convertUnit(quantity.value, quantity.unit, lab.unit, lab.factors);
    if (value === undefined) {
      note(`${lab.name} results in a unit the engine does not know were left out.`);
      return;
    }
    if (value < lab.plausible[0] || value > lab.plausible[1]) {
      note(`${lab.name} results outside the plausible range were left out.`);
      return;
    }
    const list = series.get(lab.id);
    const { comparator } = quantity;
    const point: LabPoint = comparator
      ? {
          value: insideBound(value, comparator),
          censored: { comparator, bound: value },
          ms: time.ms,
          iso: time.iso,
          reference: o.reference,
        }
      : { value, ms: time.ms, iso: time.iso, reference: o.reference };
    if (list) list.push(point);
    else series.set(lab.id, [point]);
  };
  // The observation's own value, then each component's (blood pressure).
  const own = labOf(o.concept);
  if (own) add(own, o.quantity);
  for (const part of o.components) {
    const lab = labOf(part.concept);
    if (lab) add(lab, part.quantity);
  }
}

/**
 * The newest result of a knowledge-base lab when it is at most `lookBackDays` old: the one value a
 * rule with a look-back window may act on. Undefined when there is none, or it is older.
 */
export function recentLatest(
  ctx: Pick<EngineContext, 'series' | 'nowMs'>,
  lab: string,
  lookBackDays: number,
): LabPoint | undefined {
  const points = ctx.series.get(lab);
  const latest = points?.[points.length - 1];
  return latest && ctx.nowMs - latest.ms <= lookBackDays * DAY_MS ? latest : undefined;
}

/** A value just inside a censored result's bound: `<15` compares as 15 minus a hair. */
function insideBound(bound: number, comparator: Comparator): number {
  const hair = Math.max(Math.abs(bound), 1) * 1e-9;
  if (comparator === '<') return bound - hair;
  if (comparator === '>') return bound + hair;
  return bound;
}

/** The knowledge-base lab a concept measures: its first LOINC coding the knowledge base knows. */
const labOf = perConcept((concept): LabDef | undefined => {
  for (const c of concept.coding) {
    if (c.system !== SYSTEMS.loinc) continue;
    const lab = LAB_BY_LOINC.get(c.code);
    if (lab) return lab;
  }
  return undefined;
});

/** The same value at the same instant twice (duplicated resources) counts once. */
function dedupe(points: LabPoint[]): void {
  let w = 0;
  for (let r = 0; r < points.length; r++) {
    const p = points[r];
    const prev = w > 0 ? points[w - 1] : undefined;
    if (!p) continue;
    if (prev && prev.ms === p.ms && prev.value === p.value) continue;
    points[w++] = p;
  }
  points.length = w;
}
