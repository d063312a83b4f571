/**
 * The model's answer, checked before anyone sees it: parsed, validated against its schema,
 * re-identified (pseudonyms back to the record's references), and grounded: a statement whose
 * every citation does not resolve to a resource of this record, or whose text carries an
 * instruction, a link or contact details, is dropped and counted. The result is merged into the
 * engine's synopsis and validated against the `Synopsis` contract as a whole.
 */
import {
  Synopsis,
  type DifferentialItem,
  type Evidence,
  type ModelInfo,
  type Synopsis as SynopsisT,
} from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import { hasIdentifierPattern, looksLikeInstruction } from './deidentify';
import { ModelAnswer, type ModelDifferentialItem } from './model-answer';
import type { Pseudonyms } from './pseudonyms';
import { plainText } from '../text';

/** The model's likelihood as a score for sorting beside the engine's items: ordinal, not a probability. */
const LIKELIHOOD_SCORE: Record<DifferentialItem['likelihood'], number> = {
  high: 0.8,
  moderate: 0.5,
  low: 0.2,
};
const MAX_DIFFERENTIAL = 5;

export type GroundOutcome =
  | { ok: true; synopsis: SynopsisT; dropped: number; kept: number }
  | { ok: false; reason: 'malformed-json' | 'schema' | 'ungrounded' | 'contract' };

interface Tally {
  dropped: number;
  kept: number;
}

interface Statement {
  text: string;
  evidence: Evidence[];
}

export function groundAnswer(
  content: string,
  ctx: {
    record: PatientRecord;
    engine: SynopsisT;
    pseudonyms: Pseudonyms;
    info: ModelInfo;
  },
): GroundOutcome {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'malformed-json' };
  }
  const parsed = ModelAnswer.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'schema' };
  const answer = parsed.data;

  const tally: Tally = { dropped: 0, kept: 0 };
  const check = (st: Statement): Statement | undefined => {
    const evidence = reidentify(st.evidence, ctx.pseudonyms, ctx.record);
    // Model text is plain text from here on: no heading, emphasis, link or HTML reaches a card.
    const text = plainText(st.text);
    if (!evidence || !safeText(st.text) || text === '') {
      tally.dropped++;
      return undefined;
    }
    tally.kept++;
    return { text, evidence };
  };

  const oneLiner = check(answer.oneLiner);
  const differential: DifferentialItem[] = [];
  for (const item of answer.differential.slice(0, MAX_DIFFERENTIAL)) {
    const grounded = groundItem(item, check, tally, ctx.engine, differential.length);
    if (grounded) differential.push(grounded);
  }
  tally.dropped += Math.max(0, answer.differential.length - MAX_DIFFERENTIAL);
  const { dropped, kept } = tally;
  // Nothing of the model's own survived: there is no model synopsis to show, only the engine's.
  if (kept === 0) return { ok: false, reason: 'ungrounded' };

  const notes = [...ctx.engine.dataQuality];
  if (!oneLiner)
    notes.push("The model's one-line summary lacked valid citations; the engine's is shown.");
  if (dropped > 0) {
    notes.push(
      `${String(dropped)} statement${dropped === 1 ? '' : 's'} of the model's answer ${dropped === 1 ? 'was' : 'were'} dropped: uncited, wrongly cited or unsafe text.`,
    );
  }
  const merged = Synopsis.safeParse({
    ...ctx.engine,
    model: ctx.info,
    oneLiner: oneLiner ?? ctx.engine.oneLiner,
    differential,
    dataQuality: notes,
  });
  if (!merged.success) return { ok: false, reason: 'contract' };
  return { ok: true, synopsis: merged.data, dropped, kept };
}

function groundItem(
  item: ModelDifferentialItem,
  check: (st: Statement) => Statement | undefined,
  tally: Tally,
  engine: SynopsisT,
  index: number,
): DifferentialItem | undefined {
  const name = plainText(item.diagnosis);
  if (!safeText(item.diagnosis) || name === '') {
    tally.dropped++;
    return undefined;
  }
  const head = check(item);
  if (!head) return undefined;
  const findingsFor = item.findingsFor.map(check).filter(isDefined);
  const findingsAgainst = item.findingsAgainst.map(check).filter(isDefined);
  const key = name.toLowerCase();
  // Reuse the engine's coded concept when both name the same diagnosis, so feedback lines up.
  const known = engine.differential.find((d) => d.concept.text.toLowerCase() === key);
  const listed = engine.problems.some(
    (p) => p.concept.text.toLowerCase() === key && p.status !== 'resolved',
  );
  return {
    ...head,
    id: `llm-${String(index + 1)}-${slug(name)}`,
    concept: known ? known.concept : { coding: [], text: name },
    likelihood: item.likelihood,
    score: LIKELIHOOD_SCORE[item.likelihood],
    listed,
    findingsFor,
    findingsAgainst,
    nextSteps: item.nextSteps.flatMap((step) => {
      const plain = plainText(step);
      if (safeText(step) && plain !== '') return [plain];
      if (step.trim() !== '') tally.dropped++;
      return [];
    }),
  };
}

/** Every citation resolves to a resource of this record; else the statement is not grounded. */
function reidentify(
  evidence: readonly Evidence[],
  pseudonyms: Pseudonyms,
  record: PatientRecord,
): Evidence[] | undefined {
  if (evidence.length === 0) return undefined;
  const out: Evidence[] = [];
  for (const e of evidence) {
    const reference = pseudonyms.resolve(e.reference);
    if (!reference || !record.resources.has(reference)) return undefined;
    if (!out.some((o) => o.reference === reference)) out.push({ reference });
  }
  return out;
}

const safeText = (text: string): boolean =>
  text.trim() !== '' &&
  !looksLikeInstruction(text) &&
  !hasIdentifierPattern(text) &&
  !/[<>]/.test(text);

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'item';

const isDefined = <T>(v: T | undefined): v is T => v !== undefined;
