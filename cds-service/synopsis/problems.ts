/**
 * The problem list: Conditions merged by code (duplicates across encounters count once), active
 * first, with control and trend notes from the labs the knowledge base monitors for each problem.
 */
import { Problem as ProblemSchema, type Problem } from '../contract/synopsis';
import type { ConditionFact } from '../fhir/facts';
import { codingKey, conceptOut, groupByConcept } from '../fhir/codes';
import { ACTIVE_CONDITION, conditionsOf, isEndedEpisode, type EngineContext } from './context';
import { CONDITIONS } from './kb/conditions';
import { CLINICAL_WEIGHT } from './kb/one-liner';
import type { ConditionDef } from './kb/types';
import { day, pointValue } from './format';
import { LAB_BY_ID } from './kb/labs';
import { computeTrend } from './trend';
import { withoutTrailing } from '../text';

/** The clinical statuses a Condition may carry; anything else becomes 'unknown'. */
const STATUSES = new Set<Problem['status']>(
  ProblemSchema.shape.status.options.filter((s) => s !== 'unknown'),
);

/** SNOMED CT "(finding)" and "(situation)" entries such as employment are social, not problems. */
const SOCIAL = /\((finding|situation)\)$/;

const KB_ORDER = new Map(CONDITIONS.map((d, i) => [d.id, i]));
const weightOf = (def: ConditionDef | undefined): number =>
  def ? (CLINICAL_WEIGHT[def.id]?.weight ?? 0) : -1;

/**
 * Order of two conditions by clinical weight (kb/one-liner.ts), heavier first; equal weights in
 * knowledge-base order; a problem the knowledge base does not know (undefined) after all known.
 */
export function byWeight(a: ConditionDef | undefined, b: ConditionDef | undefined): number {
  const order = (d: ConditionDef | undefined): number =>
    d ? (KB_ORDER.get(d.id) ?? 0) : Number.MAX_SAFE_INTEGER;
  return weightOf(b) - weightOf(a) || order(a) - order(b);
}

/** The condition a problem counts under: the weightiest the knowledge base says it means. */
export function mainCondition(p: Pick<Problem, 'concept'>): ConditionDef | undefined {
  return conditionsOf(p.concept).reduce<ConditionDef | undefined>(
    (best, d) => (!best || byWeight(d, best) < 0 ? d : best),
    undefined,
  );
}

export function buildProblems(ctx: EngineContext): Problem[] {
  const problems = groupByConcept(ctx.record.conditions, (c) => c.concept).map((list) =>
    toProblem(list, ctx),
  );
  mergeStages(problems);
  // Active clinical problems by clinical weight (those the knowledge base knows first), then
  // social findings, then inactive history; newest first among equals.
  const main = new Map(problems.map((p) => [p, mainCondition(p)]));
  const rank = (p: Problem): number =>
    ACTIVE_CONDITION.has(p.status) ? (p.kind === 'social' ? 1 : 0) : 2;
  return problems.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? byWeight(main.get(a), main.get(b)) : 0) ||
      (b.onset ?? '').localeCompare(a.onset ?? ''),
  );
}

function toProblem(list: ConditionFact[], ctx: EngineContext): Problem {
  const sorted = [...list].sort((a, b) => (a.onsetMs ?? 0) - (b.onsetMs ?? 0));
  const current =
    sorted.find((c) => c.clinicalStatus && ACTIVE_CONDITION.has(c.clinicalStatus)) ??
    sorted[sorted.length - 1] ??
    list[0];
  if (!current) throw new Error('toProblem needs at least one condition');
  const recorded = STATUSES.has(current.clinicalStatus as Problem['status'])
    ? (current.clinicalStatus as Problem['status'])
    : 'unknown';
  const defs = conditionsOf(current.concept);
  const social = defs.length === 0 && SOCIAL.test(current.concept.text);
  const notes: string[] = [];
  // An episode left "active" long after it ended is history (kb/episodes.ts), and says so.
  // A loop, not Math.max(...list): a record may repeat one code many thousand times.
  const lastMs = list.reduce((max, c) => Math.max(max, c.onsetMs ?? -Infinity), -Infinity);
  const endedEpisode =
    ACTIVE_CONDITION.has(recorded) && list.every((c) => isEndedEpisode(c, ctx.nowMs));
  const status: Problem['status'] = endedEpisode ? 'inactive' : recorded;
  if (endedEpisode) {
    notes.push(
      `Recorded as ${recorded}, but an episode last recorded ${day(new Date(lastMs).toISOString())}: shown as history.`,
    );
  }
  const noteRefs: string[] = [];
  if (ACTIVE_CONDITION.has(status)) {
    const labs = [...new Set(defs.flatMap((d) => d.monitor ?? []))].slice(0, 3);
    for (const id of labs) {
      const lab = LAB_BY_ID.get(id);
      const points = ctx.series.get(id);
      const latest = points?.[points.length - 1];
      if (!lab || !points || !latest) continue;
      const trend = computeTrend(points, lab.trendMinPerYear);
      const trendText = trend.direction === 'insufficient-data' ? '' : `, ${trend.direction}`;
      notes.push(`${lab.name} ${pointValue(lab, latest)} (${day(latest.iso)})${trendText}`);
      noteRefs.push(latest.reference);
    }
  }
  const onset = sorted.find((c) => c.onset)?.onset;
  const abated = status === 'resolved' || status === 'inactive' ? current.abatement : undefined;
  const text = `${cleanName(current.concept.text)}${abated ? ` (resolved ${day(abated)})` : ''}`;
  return {
    text,
    evidence: [...new Set([...list.map((c) => c.reference), ...noteRefs])].map((reference) => ({
      reference,
    })),
    concept: conceptOut(current.concept),
    status,
    ...(onset ? { onset } : {}),
    notes,
    kind: social ? 'social' : 'problem',
  };
}

/** SNOMED CT semantic tags that add nothing to a problem's (or an allergen's) name. */
const NAME_TAG = /\((?:disorder|finding|situation|substance|product)\)$/;

export const cleanName = (s: string): string => withoutTrailing(s, NAME_TAG);

/** The stage (0 = mildest) a concept records of a staged condition, if it records one. */
function stageOf(
  def: ConditionDef,
  concept: { coding: readonly { system: string; code: string }[] },
): number | undefined {
  const stages = def.stages?.codes ?? [];
  let found: number | undefined;
  for (const c of concept.coding) {
    const key = codingKey(c);
    const i = stages.findIndex((s) => s.some((x) => codingKey(x) === key));
    if (i >= 0) found = Math.max(found ?? 0, i);
  }
  return found;
}

/**
 * Several active stages of one staged condition (CKD stage 1, 2 and 3, each recorded when it was
 * reached) are one problem: the most severe stage stands, citing every stage, and says which
 * others were recorded, and when a milder one was recorded after it (worth a look: improved, or
 * a list out of date). Changes `problems` in place.
 */
function mergeStages(problems: Problem[]): void {
  for (const def of CONDITIONS) {
    if (!def.stages) continue;
    const staged = problems.flatMap((p) => {
      const stage = ACTIVE_CONDITION.has(p.status) ? stageOf(def, p.concept) : undefined;
      return stage === undefined ? [] : [{ p, stage }];
    });
    if (staged.length < 2) continue;
    // Most severe last; among equal stages, the one recorded last.
    staged.sort((a, b) => a.stage - b.stage || (a.p.onset ?? '').localeCompare(b.p.onset ?? ''));
    const head = staged[staged.length - 1];
    if (!head) continue;
    const earlier = staged.slice(0, -1).map((s) => s.p);
    const milderLater = earlier.filter(
      (p) => p.onset !== undefined && head.p.onset !== undefined && p.onset > head.p.onset,
    );
    head.p.evidence = [
      ...head.p.evidence,
      ...earlier
        .flatMap((p) => p.evidence)
        .filter((e) => !head.p.evidence.some((x) => x.reference === e.reference)),
    ];
    const listed = (ps: Problem[]) =>
      ps.map((p) => `${p.text}${p.onset ? ` (${day(p.onset)})` : ''}`).join('; ');
    head.p.notes = [
      ...head.p.notes,
      `Milder stages also on the list: ${listed(earlier)}`,
      ...(milderLater.length
        ? [
            `A milder stage was recorded after this one: ${listed(milderLater)}; check which is current`,
          ]
        : []),
    ];
    for (const p of earlier) problems.splice(problems.indexOf(p), 1);
  }
}
