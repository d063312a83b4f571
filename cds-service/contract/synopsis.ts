/**
 * The `Synopsis`: the model's output contract, whichever model wrote it. Versioned; the client
 * imports it for types. Every statement carries `evidence`, references to resources of the record
 * it was made from: a statement whose evidence is missing from the record is a defect.
 */
import { RELATIVE_REFERENCE } from './fhir-primitives';
import { z } from 'zod';

/**
 * Version 2 adds `medications`, `allergies`, `results`, `careGaps` and `Alert.suggestedOrder`;
 * the version-1 fields keep their names and meaning.
 */
export const SYNOPSIS_SCHEMA_VERSION = '2';

export const Evidence = z.object({
  reference: z.string().regex(RELATIVE_REFERENCE, 'a relative reference Type/id'),
});
export type Evidence = z.infer<typeof Evidence>;

export const ConceptSchema = z.object({
  coding: z.array(
    z.object({ system: z.string(), code: z.string(), display: z.string().optional() }),
  ),
  text: z.string(),
});

const statement = { text: z.string().min(1), evidence: z.array(Evidence).min(1) };

export const Problem = z.object({
  ...statement,
  concept: ConceptSchema,
  status: z.enum([
    'active',
    'recurrence',
    'relapse',
    'inactive',
    'remission',
    'resolved',
    'unknown',
  ]),
  onset: z.string().optional(),
  notes: z.array(z.string()),
  /** `social`: SNOMED CT findings/situations such as employment; `problem` otherwise. */
  kind: z.enum(['problem', 'social']).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The clinical statuses of a problem that is current. */
export const CURRENT_PROBLEM_STATUSES: ReadonlySet<string> = new Set([
  'active',
  'recurrence',
  'relapse',
]);

/**
 * A problem the one-liner, the cards and the panel count as active: current and clinical. Social
 * context (employment, housing, education...) is shown apart, never in a card or the one-liner.
 */
export const isActiveClinicalProblem = (p: Pick<Problem, 'kind' | 'status'>): boolean =>
  p.kind !== 'social' && CURRENT_PROBLEM_STATUSES.has(p.status);

export const Severity = z.enum(['info', 'warning', 'critical']);

/** A test or procedure to order, e.g. LOINC 4548-4 (HbA1c): cards turn it into a ServiceRequest. */
export const SuggestedOrder = z.object({ concept: ConceptSchema });
export type SuggestedOrder = z.infer<typeof SuggestedOrder>;

export const Alert = z.object({
  ...statement,
  id: z.string().min(1),
  /**
   * The knowledge-base rule that raised it, where `id` names one instance of the rule (one per
   * allergy); otherwise `id` is the rule. Governance counts cards and feedback by rule.
   */
  rule: z.string().min(1).optional(),
  severity: Severity,
  /** What kind of rule raised it, for grouping in the panel. */
  category: z.enum(['result', 'trend', 'medication-safety', 'care-gap', 'differential']).optional(),
  suggestedAction: z.string().optional(),
  suggestedOrder: SuggestedOrder.optional(),
  /** The guideline (and year) the rule comes from. */
  source: z.string().optional(),
});
export type Alert = z.infer<typeof Alert>;

export const DifferentialItem = z.object({
  ...statement,
  id: z.string().min(1),
  concept: ConceptSchema,
  likelihood: z.enum(['high', 'moderate', 'low']),
  score: z.number(),
  listed: z.boolean(),
  findingsFor: z.array(z.object(statement)),
  findingsAgainst: z.array(z.object(statement)),
  nextSteps: z.array(z.string()),
  /** Guidelines (and years) behind the findings' thresholds and weights. */
  sources: z.array(z.string()).optional(),
});
export type DifferentialItem = z.infer<typeof DifferentialItem>;

export const Medication = z.object({
  ...statement,
  concept: ConceptSchema,
  status: z.string().min(1),
  dosage: z.string().optional(),
  /** First order or statement date seen for this drug. */
  since: z.string().optional(),
  /** Drug classes from the knowledge base, e.g. `statin`, `ace-inhibitor`. */
  classes: z.array(z.string()),
  /** What the record says it is for: its reason code, or the condition its reason references. */
  reason: ConceptSchema.optional(),
});
export type Medication = z.infer<typeof Medication>;

export const AllergyItem = z.object({
  ...statement,
  concept: ConceptSchema,
  criticality: z.enum(['low', 'high', 'unable-to-assess']).optional(),
  category: z.array(z.string()),
  reactions: z.array(z.string()),
  status: z.string().min(1),
});
export type AllergyItem = z.infer<typeof AllergyItem>;

/**
 * `recorded`: allergies are listed in `items`. `no-known-allergies`: the record says so explicitly.
 * `not-recorded`: the record says nothing either way (which is not the same as "none").
 */
export const Allergies = z.object({
  ...statement,
  state: z.enum(['recorded', 'no-known-allergies', 'not-recorded']),
  items: z.array(AllergyItem),
});
export type Allergies = z.infer<typeof Allergies>;

export const ResultFlag = z.enum([
  'normal',
  'low',
  'high',
  'critical-low',
  'critical-high',
  'unknown',
]);
export type ResultFlag = z.infer<typeof ResultFlag>;

export const ResultPoint = z.object({
  /** The reported value; for a censored result, its bound (`comparator` says which side). */
  value: z.number(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  time: z.string(),
  reference: Evidence.shape.reference,
  flag: ResultFlag,
});
export type ResultPoint = z.infer<typeof ResultPoint>;

export const ResultSeries = z.object({
  ...statement,
  id: z.string().min(1),
  kind: z.enum(['lab', 'vital', 'score']),
  concept: ConceptSchema,
  unit: z.string(),
  /** Oldest first; at most the most recent 50 points. */
  points: z.array(ResultPoint).min(1),
  referenceRange: z
    .object({
      low: z.number().optional(),
      high: z.number().optional(),
      text: z.string(),
      source: z.string(),
    })
    .optional(),
  abnormal: z.boolean(),
  latest: ResultPoint,
  trend: z.object({
    direction: z.enum(['rising', 'falling', 'stable', 'insufficient-data']),
    /** Least-squares slope in units per year over the trend window. */
    slopePerYear: z.number().optional(),
    /** Latest minus the first value of the trend window. */
    delta: z.number().optional(),
    windowDays: z.number().optional(),
  }),
});
export type ResultSeries = z.infer<typeof ResultSeries>;

export const CareGap = z.object({
  ...statement,
  id: z.string().min(1),
  /** Why it applies, e.g. "diabetes: HbA1c at least every 6 months". */
  reason: z.string().min(1),
  /** Last time it was done, when it ever was. */
  lastDone: z.string().optional(),
  dueSince: z.string().optional(),
  suggestedOrder: SuggestedOrder.optional(),
  source: z.string().min(1),
});
export type CareGap = z.infer<typeof CareGap>;

export const ModelInfo = z.object({
  provider: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  knowledgeBaseVersion: z.string().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

export const Synopsis = z.object({
  schemaVersion: z.literal(SYNOPSIS_SCHEMA_VERSION),
  model: ModelInfo,
  generatedAt: z.iso.datetime(),
  patient: z.object({
    reference: z.string(),
    ageYears: z.number().int().nonnegative().optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']),
  }),
  oneLiner: z.object({
    ...statement,
    /** The card's headline form, under 140 characters; without it a card cuts `text`. */
    short: z.string().min(1).max(140).optional(),
  }),
  problems: z.array(Problem),
  medications: z.array(Medication),
  allergies: Allergies,
  results: z.array(ResultSeries),
  alerts: z.array(Alert),
  careGaps: z.array(CareGap),
  differential: z.array(DifferentialItem),
  dataQuality: z.array(z.string()),
});
export type Synopsis = z.infer<typeof Synopsis>;
