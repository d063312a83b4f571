/**
 * The `PlainSummary`: the patient-facing output contract, rendered from a `Synopsis` for a patient
 * reading their own record through a portal. Versioned apart from the synopsis. It holds no
 * differential, no "possible" condition and no medication-safety wording: a diagnosis or treatment
 * instruction aimed at a patient is outside what the product is for (README, "For patients").
 * Every statement still names the record entries it comes from, with a label a patient reads.
 */
import { z } from 'zod';
import { Evidence, ModelInfo } from './synopsis';

export const PLAIN_SUMMARY_SCHEMA_VERSION = '1';

export const PlainSource = z.object({
  reference: Evidence.shape.reference,
  /** Where it comes from, in words: "from your lab test on 1 June 2026". */
  label: z.string().min(1),
});
export type PlainSource = z.infer<typeof PlainSource>;

const statement = { text: z.string().min(1), sources: z.array(PlainSource).min(1) };

export const PlainCondition = z.object({
  ...statement,
  /** The everyday name, or the record's own words when the knowledge base has none. */
  name: z.string().min(1),
  /** The name in the record, shown as the medical term the plain name glosses. */
  recordName: z.string().min(1),
  /** What it is, in a sentence or two; absent when the knowledge base does not explain it. */
  about: z.string().optional(),
  current: z.boolean(),
});
export type PlainCondition = z.infer<typeof PlainCondition>;

export const PlainMedicine = z.object({
  ...statement,
  name: z.string().min(1),
  /** "A medicine used to lower cholesterol", from the record's reason or the drug's class. */
  purpose: z.string().optional(),
  /** How the record says to take it, as written there. */
  howToTake: z.string().optional(),
});
export type PlainMedicine = z.infer<typeof PlainMedicine>;

export const PlainAllergy = z.object({
  ...statement,
  name: z.string().min(1),
  reactions: z.array(z.string()),
});
export type PlainAllergy = z.infer<typeof PlainAllergy>;

export const PlainResult = z.object({
  ...statement,
  id: z.string().min(1),
  name: z.string().min(1),
  about: z.string().optional(),
  /** The latest value with its unit in words: "7.2 %", "140 mmHg". */
  latest: z.string().min(1),
  latestDate: z.string().min(1),
  meaning: z.enum(['usual', 'higher', 'lower', 'much-higher', 'much-lower', 'no-range']),
  /** The meaning in words: "In the usual range." */
  meaningText: z.string().min(1),
  /** The trend in words, when there are enough values. */
  trendText: z.string().optional(),
  /** Values for a small chart, oldest first. */
  points: z.array(z.object({ value: z.number(), time: z.string() })).min(1),
  usualRange: z.object({ low: z.number().optional(), high: z.number().optional() }).optional(),
  unit: z.string(),
});
export type PlainResult = z.infer<typeof PlainResult>;

export const PlainQuestion = z.object({
  ...statement,
  id: z.string().min(1),
  /** What to ask the care team about: "A test for colon cancer". */
  ask: z.string().min(1),
});
export type PlainQuestion = z.infer<typeof PlainQuestion>;

export const PlainSummary = z.object({
  schemaVersion: z.literal(PLAIN_SUMMARY_SCHEMA_VERSION),
  /** The model that wrote the synopsis this was rendered from. */
  model: ModelInfo,
  /** Present when a language model rewrote the text for reading ease (within the same rules). */
  rewrittenBy: ModelInfo.optional(),
  generatedAt: z.iso.datetime(),
  patient: z.object({ reference: z.string() }),
  conditions: z.array(PlainCondition),
  medicines: z.array(PlainMedicine),
  /** Said once, and only when the clinician view has a medicine warning: never what the warning is. */
  medicinesNote: z.object(statement).optional(),
  allergies: z.object({
    ...statement,
    state: z.enum(['recorded', 'no-known-allergies', 'not-recorded']),
    items: z.array(PlainAllergy),
  }),
  results: z.array(PlainResult),
  questions: z.array(PlainQuestion),
});
export type PlainSummary = z.infer<typeof PlainSummary>;

export const PlainSummaryResponse = z.object({
  summary: PlainSummary,
  /** True when the synopsis computed at hook time (or an earlier open) was reused. */
  cached: z.boolean(),
});
export type PlainSummaryResponse = z.infer<typeof PlainSummaryResponse>;
