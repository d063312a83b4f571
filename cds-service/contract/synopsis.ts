/**
 * The `Synopsis`: the model's output contract, whichever model wrote it. Versioned; the client
 * imports it for types. Every statement carries `evidence`, references to resources of the record
 * it was made from: a statement whose evidence is missing from the record is a defect.
 */
import { z } from 'zod';

export const SYNOPSIS_SCHEMA_VERSION = '1';

export const Evidence = z.object({
  reference: z
    .string()
    .regex(/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, 'a relative reference Type/id'),
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
});
export type Problem = z.infer<typeof Problem>;

export const Severity = z.enum(['info', 'warning', 'critical']);

export const Alert = z.object({
  ...statement,
  id: z.string().min(1),
  severity: Severity,
  suggestedAction: z.string().optional(),
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
});
export type DifferentialItem = z.infer<typeof DifferentialItem>;

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
  oneLiner: z.object(statement),
  problems: z.array(Problem),
  alerts: z.array(Alert),
  differential: z.array(DifferentialItem),
  dataQuality: z.array(z.string()),
});
export type Synopsis = z.infer<typeof Synopsis>;
