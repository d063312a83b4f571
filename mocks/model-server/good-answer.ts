/**
 * A plausible, well-grounded answer built from the facts the service sent: what a good model
 * would return. It cites only refs the prompt contained, so it passes every grounding check.
 */
import { z } from 'zod';
import { readRecordData } from '../../cds-service/providers/prompt';

const Facts = z.object({
  patient: z.object({ ref: z.string(), age: z.union([z.number(), z.string()]), sex: z.string() }),
  problems: z.array(z.object({ refs: z.array(z.string()), name: z.string(), status: z.string() })),
  results: z.array(
    z.object({ refs: z.array(z.string()), name: z.string(), abnormal: z.boolean() }),
  ),
  engineDifferential: z.array(
    z.object({ refs: z.array(z.string()), diagnosis: z.string(), likelihood: z.string() }),
  ),
});
export type MockFacts = z.infer<typeof Facts>;

/** The facts in a Chat Completions request body, or undefined when it holds none. */
export function factsOf(body: unknown): MockFacts | undefined {
  const messages = z
    .object({ messages: z.array(z.object({ role: z.string(), content: z.string() })) })
    .safeParse(body);
  if (!messages.success) return undefined;
  const user = messages.data.messages.find((m) => m.role === 'user');
  if (!user) return undefined;
  const parsed = Facts.safeParse(readRecordData(user.content));
  return parsed.success ? parsed.data : undefined;
}

export const GOOD_ANSWER_MARKER = 'Mock model summary';

export function goodAnswer(facts: MockFacts): unknown {
  const active = facts.problems.filter((p) => p.status === 'active' && p.refs[0] !== undefined);
  const age =
    typeof facts.patient.age === 'number' ? `${String(facts.patient.age)}-year-old` : 'Adult';
  const oneLiner = {
    text: `${GOOD_ANSWER_MARKER}: ${age} ${facts.patient.sex}${
      active.length > 0
        ? ` with ${active
            .slice(0, 3)
            .map((p) => p.name.toLowerCase())
            .join(', ')}`
        : ''
    }.`,
    evidence: [
      { reference: facts.patient.ref },
      ...active.slice(0, 3).map((p) => ({ reference: p.refs[0] ?? facts.patient.ref })),
    ],
  };
  const abnormal = facts.results.find((r) => r.abnormal && r.refs[0] !== undefined);
  const differential = facts.engineDifferential
    .filter((d) => d.refs[0] !== undefined)
    .slice(0, 2)
    .map((d) => ({
      diagnosis: d.diagnosis,
      likelihood: d.likelihood === 'high' || d.likelihood === 'low' ? d.likelihood : 'moderate',
      text: `${d.diagnosis} is worth considering given the record.`,
      evidence: d.refs.slice(0, 3).map((reference) => ({ reference })),
      findingsFor: abnormal
        ? [
            {
              text: `Abnormal ${abnormal.name}.`,
              evidence: [{ reference: abnormal.refs[0] ?? '' }],
            },
          ]
        : [],
      findingsAgainst: [],
      nextSteps: ['Review at this visit.'],
    }));
  return { oneLiner, differential };
}
