/**
 * What the language model writes: the narrative (one-liner) and its own differential. Everything
 * else in the synopsis (problems, medications, results, alerts, care gaps) stays the engine's, so
 * the facts a clinician acts on are deterministic. Built from the `Synopsis` contract's parts, and
 * turned into the JSON schema the Chat Completions API enforces as structured output.
 */
import { z } from 'zod';
import { DifferentialItem, Synopsis } from '../contract/synopsis';

export const ModelDifferentialItem = DifferentialItem.pick({
  likelihood: true,
  text: true,
  evidence: true,
  findingsFor: true,
  findingsAgainst: true,
  nextSteps: true,
}).extend({ diagnosis: z.string().min(1) });
export type ModelDifferentialItem = z.infer<typeof ModelDifferentialItem>;

export const ModelAnswer = z.object({
  oneLiner: Synopsis.shape.oneLiner.pick({ text: true, evidence: true }),
  differential: z.array(ModelDifferentialItem),
});
export type ModelAnswer = z.infer<typeof ModelAnswer>;

export const MODEL_ANSWER_SCHEMA_NAME = 'patient_synopsis';

/**
 * The JSON schema for `response_format`. Every property is required and objects are closed, as
 * OpenAI's strict mode asks. `minLength` and `$schema` are removed: strict mode rejects keywords it
 * does not support, and zod still checks the lengths when the answer comes back.
 */
export function modelAnswerJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ModelAnswer) as Record<string, unknown>;
  return strip(schema) as Record<string, unknown>;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$schema' || k === 'minLength') continue;
    out[k] = strip(v);
  }
  return out;
}
