/**
 * Shapes of the knowledge base. The knowledge base is data: typed modules with no logic, each item
 * naming its clinical source (guideline and year). Thresholds come from published guidelines, never
 * from the synthetic-data generator that made the fixtures.
 */
import type { Sex } from '../../fhir/facts';

export interface Coded {
  system: string;
  code: string;
  display: string;
}

export interface Band {
  low?: number;
  high?: number;
}

export interface LabDef {
  id: string;
  /** Short display name, e.g. "HbA1c". */
  name: string;
  kind: 'lab' | 'vital' | 'score';
  /** LOINC codes that measure it; for blood pressure, the component codes. */
  loinc: readonly string[];
  /** Canonical UCUM unit the series is expressed in. */
  unit: string;
  /** Analyte-specific conversions into `unit`: a multiplier, or [scale, offset]. */
  factors?: Readonly<Record<string, number | readonly [number, number]>>;
  decimals: number;
  /** Values outside are impossible (entry errors): skipped and reported as data quality. */
  plausible: readonly [number, number];
  range?: Band & {
    female?: Band;
    male?: Band;
    text: string;
    source: string;
    /**
     * The ages (years, from `min` up to but not including `max`, if any) the range is for;
     * without it, adults (`ADULT_RANGES.minAgeYears` and over).
     */
    ages?: { min: number; max?: number };
  };
  critical?: Band & { source: string };
  /** Below this absolute change per year the trend is "stable". */
  trendMinPerYear: number;
}

export type LabMode =
  /** at least `count` results meet it, first and last `minSpanDays` apart */
  | 'count'
  /** the most recent result meets it */
  | 'latest'
  /** the mean of the most recent results (2-3, on separate days) meets it */
  | 'mean-recent'
  /** every result meets it (at least `count`) */
  | 'all';

export type FindingDef =
  | {
      kind: 'lab';
      lab: string;
      op: '>=' | '<=' | '>' | '<';
      value: number;
      /** Sex-specific threshold, e.g. haemoglobin. */
      valueBySex?: Partial<Record<Sex, number>>;
      mode: LabMode;
      count?: number;
      minSpanDays?: number;
    }
  | { kind: 'drug'; classes: readonly string[] }
  | { kind: 'age'; min?: number; max?: number }
  | { kind: 'sex'; sex: Sex }
  | { kind: 'condition'; conditions: readonly string[] }
  | { kind: 'smoking'; status: 'current' | 'ever' }
  | { kind: 'aki' };

export interface WeightedFinding {
  /**
   * Findings sharing a group count once: the strongest present one. Findings that measure the same
   * thing share one (eGFR and the creatinine it is computed from; PHQ-2, the first two PHQ-9 items;
   * LDL and total cholesterol): the score multiplies ratios as if findings were independent.
   */
  group: string;
  finding: FindingDef;
  /** Likelihood ratio when present (>1 supports, <1 argues against). */
  lr: number;
  /** Does not apply when the patient takes one of these classes (e.g. treated blood pressure). */
  unlessDrugs?: readonly string[];
  /**
   * Does not apply while one of these conditions is on the active problem list, because it accounts
   * for the finding ("explaining away"): a statin in a patient with coronary disease says nothing
   * about hyperlipidaemia. Names the guideline that makes the condition an indication.
   */
  explainedBy?: { conditions: readonly string[]; source: string };
  /** Plain-language statement of the finding, e.g. "HbA1c >= 6.5% on two occasions". */
  label: string;
  source: string;
}

/** A next step valid only in an age range (a risk calculator outside its validation cohort). */
export interface AgeBoundStep {
  step: string;
  minAge: number;
  maxAge: number;
  source: string;
}

export interface ConditionDef {
  id: string;
  name: string;
  /** Codes that mean the patient has it (SNOMED CT, ICD-10-CM), including subtypes. */
  codes: readonly Coded[];
  /**
   * VSAC value sets (OIDs, imported in `value-sets/`) whose every code means the patient has it:
   * the SNOMED CT descendants and ICD-10-CM codes a hand list misses.
   */
  valueSets?: readonly string[];
  /** ICD-10-CM code prefixes, e.g. "E11" for every type 2 diabetes code. */
  icd10Prefixes?: readonly string[];
  chronic: boolean;
  /**
   * Pre-test probability in the adult primary-care population. Absent for a condition the
   * differential never offers, known only from the problem list (the types of diabetes).
   */
  prior?: { value: number; source: string };
  minAge?: number;
  maxAge?: number;
  /** Not offered while one of these conditions is on the active problem list. */
  excludedBy?: readonly string[];
  /** Supporting (lr > 1) findings needed before it enters the differential. */
  minSupporting?: number;
  findings: readonly WeightedFinding[];
  nextSteps: readonly (string | AgeBoundStep)[];
  /** Labs summarised in the problem's notes (control and trend). */
  monitor?: readonly string[];
  /**
   * The condition is a state of the blood that comes and goes (anaemia, hyperkalaemia): a later
   * result on the normal side of a finding's threshold means it is not present now, whatever
   * earlier results showed.
   */
  stateOfLatestResults?: { source: string };
  /**
   * Next steps instead of `nextSteps` when one of `conditions` is on the record (secondary
   * prevention: no screening calculator after a myocardial infarction).
   */
  secondaryNextSteps?: { conditions: readonly string[]; steps: readonly string[]; source: string };
  /**
   * A condition recorded by stage (CKD G1-G5): the stage codes, mildest first. Several stages on
   * the problem list are one problem, shown at the most severe stage.
   */
  stages?: { codes: readonly (readonly Coded[])[]; source: string };
}

export interface DrugClass {
  id: string;
  name: string;
  /** Ingredient names matched as whole words in RxNorm displays or the medication text. */
  ingredients: readonly string[];
  /** RxNorm codes (ingredient or product) that belong to the class. */
  rxnorm?: readonly string[];
  /**
   * Words that name the whole class in an allergy list ("Penicillins", "Sulfa drugs", "NSAIDs"):
   * read only in allergies, never in medication orders.
   */
  allergenTerms?: readonly string[];
  /**
   * Only products taken systemically belong to the class: eye drops, ear drops and skin
   * preparations of its ingredients (erythromycin ointment) do not (LOCAL_DOSE_FORMS).
   */
  systemicOnly?: boolean;
  source: string;
}
