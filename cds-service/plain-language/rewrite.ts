/**
 * With a language model configured, the patient page's own sentences (templates and
 * knowledge-base text: the `vocabulary`) may be rewritten by the model for reading ease. Nothing
 * from the record is sent. Each rewrite must stay inside the patient-facing boundary: no added
 * diagnosis, condition, instruction or number (`acceptRewrite`); one that does not is dropped and
 * the template stands. Sentences with record words, values or dates are never rewritten.
 */
import type { PlainSummary } from '../contract/plain-summary';
import type { ModelInfo } from '../contract/synopsis';
import type { Logger } from '../log';
import type { PlainRewriter } from '../providers/plain-rewrite';
import { CONDITIONS } from '../synopsis/kb/conditions';
import {
  PLAIN_CHECKS,
  PLAIN_CONDITIONS,
  PLAIN_PURPOSES,
  PLAIN_TESTS,
} from '../synopsis/kb/plain-language';
import { escapeRegExp } from '../text';
import { fill, TEMPLATES } from './render';
import { splitSentences } from './sentences';

/** Every fixed sentence the renderer can write: the only sentences a model may rewrite. */
export const VOCABULARY: ReadonlySet<string> = new Set(
  [
    ...Object.values(TEMPLATES).filter((t) => !t.includes('{')),
    ...Object.values(PLAIN_PURPOSES).map((p) => fill(TEMPLATES.purposeFromClass, p.purpose)),
    ...Object.values(PLAIN_CONDITIONS).flatMap((c) => [
      c.about,
      fill(TEMPLATES.purposeFromRecord, c.name.toLowerCase()),
    ]),
    ...Object.values(PLAIN_TESTS).map((t) => t.about),
    ...Object.values(PLAIN_CHECKS).map((c) => c.why),
  ].flatMap(splitSentences),
);

/**
 * Words of a diagnosis, a probability or an instruction. A rewrite may use one only where the
 * sentence it rewrites already did ("Your record says you have no known allergies").
 */
const BOUNDARY_WORDS =
  /\b(?:you (?:may|might|could|probably|likely|possibly) have|you have|possibl[ey]|probabl[ey]|likely|diagnos\w*|should|must|need to|stop\w*|start\w*|take|taking|quit\w*|increase\w*|decrease\w*|double|skip\w*|dos(?:e|es|ing)|switch\w*|emergency|911|cure\w*|treat\w*)\b/gi;

/** Names of conditions the knowledge base knows, in clinical and everyday words. */
const CONDITION_TERMS: readonly RegExp[] = [
  ...new Set(
    [
      ...CONDITIONS.map((c) => c.name),
      // "Asthma (a lung condition)": the name and what the brackets say.
      ...Object.values(PLAIN_CONDITIONS).flatMap((c) => c.name.split(/[()]/)),
    ]
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n.length > 3),
  ),
].map((n) => new RegExp(`\\b${escapeRegExp(n)}\\b`, 'i'));

const numbersOf = (s: string): string => (s.match(/\d+(?:\.\d+)?/g) ?? []).sort().join(' ');

/** Whether a model's rewrite of `original` may be shown to a patient in its place. */
export function acceptRewrite(original: string, rewrite: string): boolean {
  const r = rewrite.trim();
  if (r.length === 0 || r.length > original.length * 2 + 40 || !/[.!?]$/.test(r)) return false;
  if (numbersOf(r) !== numbersOf(original)) return false;
  const before = original.toLowerCase();
  for (const m of r.matchAll(BOUNDARY_WORDS)) {
    if (!before.includes(m[0].toLowerCase())) return false;
  }
  return !CONDITION_TERMS.some((term) => term.test(r) && !term.test(original));
}

/**
 * The summary with its fixed sentences rewritten where the model's rewrite passes the boundary;
 * unchanged when no model is configured or the model fails.
 */
export async function rewritePlainSummary(
  summary: PlainSummary,
  model: { rewriter: PlainRewriter | undefined; info: ModelInfo },
  logger: Logger,
  signal: AbortSignal,
): Promise<PlainSummary> {
  if (!model.rewriter) return summary;
  const texts = textsOf(summary);
  const asked = [...new Set(texts.flatMap(splitSentences).filter((s) => VOCABULARY.has(s)))];
  if (asked.length === 0) return summary;
  let answers: string[];
  try {
    answers = await model.rewriter.rewrite(asked, signal);
  } catch (err) {
    logger.warn('plain rewrite failed', { error: err instanceof Error ? err.name : 'unknown' });
    return summary;
  }
  const accepted = new Map<string, string>();
  let dropped = 0;
  asked.forEach((sentence, i) => {
    const rewrite = answers[i];
    if (rewrite === undefined || rewrite.trim() === sentence) return;
    if (acceptRewrite(sentence, rewrite)) accepted.set(sentence, rewrite.trim());
    else dropped++;
  });
  logger.info('plain rewrite', { asked: asked.length, used: accepted.size, dropped });
  if (accepted.size === 0) return summary;
  const re = (text: string): string =>
    splitSentences(text)
      .map((s) => accepted.get(s) ?? s)
      .join(' ');
  return {
    ...summary,
    rewrittenBy: model.info,
    conditions: summary.conditions.map((c) => ({
      ...c,
      text: re(c.text),
      ...(c.about !== undefined ? { about: re(c.about) } : {}),
    })),
    medicines: summary.medicines.map((m) => ({
      ...m,
      text: re(m.text),
      ...(m.purpose !== undefined ? { purpose: re(m.purpose) } : {}),
    })),
    ...(summary.medicinesNote
      ? { medicinesNote: { ...summary.medicinesNote, text: re(summary.medicinesNote.text) } }
      : {}),
    allergies: {
      ...summary.allergies,
      text: re(summary.allergies.text),
      items: summary.allergies.items.map((a) => ({ ...a, text: re(a.text) })),
    },
    results: summary.results.map((r) => ({
      ...r,
      text: re(r.text),
      meaningText: re(r.meaningText),
      ...(r.about !== undefined ? { about: re(r.about) } : {}),
    })),
    questions: summary.questions.map((q) => ({ ...q, text: re(q.text) })),
  };
}

/** Every text of the summary a sentence of the vocabulary can appear in. */
function textsOf(s: PlainSummary): string[] {
  return [
    ...s.conditions.flatMap((c) => [c.text, c.about ?? '']),
    ...s.medicines.flatMap((m) => [m.text, m.purpose ?? '']),
    s.medicinesNote?.text ?? '',
    s.allergies.text,
    ...s.allergies.items.map((a) => a.text),
    ...s.results.flatMap((r) => [r.text, r.meaningText, r.about ?? '']),
    ...s.questions.map((q) => q.text),
  ];
}
