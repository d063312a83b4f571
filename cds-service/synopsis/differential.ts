/**
 * The differential: knowledge-base conditions scored from findings with explicit likelihood ratios
 * (naive Bayes over finding groups, QMR/DXplain style). Conditions already on the active problem
 * list are not candidates: the differential is what the record suggests but does not list.
 */
import type { DifferentialItem } from '../contract/synopsis';
import type { EngineContext } from './context';
import { evaluateFinding, type FindingOptions, type FindingResult } from './findings';
import { midSentence } from './format';
import { CONDITIONS, DIFFERENTIAL_POLICY } from './kb/conditions';
import type { ConditionDef, WeightedFinding } from './kb/types';

const { minProbability: MIN_PROBABILITY, minEvokingLr: MIN_EVOKING_LR } = DIFFERENTIAL_POLICY;
const MAX_ITEMS = 12;

interface Scored {
  weight: WeightedFinding;
  result: FindingResult;
}

export interface Candidate {
  def: ConditionDef;
  /** The source of the prior the score started from. */
  priorSource: string;
  probability: number;
  supporting: Scored[];
  against: Scored[];
}

/** Finding kinds that set the prior rather than evoke the condition. */
export const DEMOGRAPHIC_KINDS: ReadonlySet<string> = new Set(['age', 'sex', 'condition']);

/** How a condition's findings are read (a state of the latest results counts only while current). */
export const findingOptions = (def: ConditionDef): FindingOptions => ({
  latestMustMeet: def.stateOfLatestResults !== undefined,
});

/** Scores one condition; undefined when it does not apply to this patient. */
export function scoreCondition(def: ConditionDef, ctx: EngineContext): Candidate | undefined {
  const age = ctx.record.patient.ageYears;
  if (def.minAge !== undefined && (age === undefined || age < def.minAge)) return undefined;
  if (def.maxAge !== undefined && age !== undefined && age > def.maxAge) return undefined;
  const groups = new Map<string, { best?: Scored; worst?: Scored }>();
  for (const weight of def.findings) {
    if (weight.unlessDrugs?.some((c) => ctx.activeClasses.has(c))) continue;
    if (weight.explainedBy?.conditions.some((c) => ctx.activeConditions.has(c))) continue;
    const result = evaluateFinding(weight.finding, ctx, findingOptions(def));
    if (!result) continue;
    const g = groups.get(weight.group) ?? {};
    const scored = { weight, result };
    if (weight.lr >= 1) {
      if (!g.best || weight.lr > g.best.weight.lr) g.best = scored;
    } else if (!g.worst || weight.lr < g.worst.weight.lr) {
      g.worst = scored;
    }
    groups.set(weight.group, g);
  }
  const supporting: Scored[] = [];
  const against: Scored[] = [];
  const { prior } = def;
  if (!prior) return undefined;
  let logit = Math.log(prior.value / (1 - prior.value));
  for (const g of groups.values()) {
    if (g.best) {
      supporting.push(g.best);
      logit += Math.log(g.best.weight.lr);
    }
    if (g.worst) {
      against.push(g.worst);
      logit += Math.log(g.worst.weight.lr);
    }
  }
  supporting.sort((a, b) => b.weight.lr - a.weight.lr);
  against.sort((a, b) => a.weight.lr - b.weight.lr);
  return {
    def,
    priorSource: prior.source,
    probability: 1 / (1 + Math.exp(-logit)),
    supporting,
    against,
  };
}

export function buildDifferential(ctx: EngineContext): DifferentialItem[] {
  const active = ctx.activeConditions;
  const candidates: Candidate[] = [];
  for (const def of CONDITIONS) {
    if (active.has(def.id)) continue;
    if (def.excludedBy?.some((id) => active.has(id))) continue;
    const c = scoreCondition(def, ctx);
    if (!c || c.probability < MIN_PROBABILITY) continue;
    const evoking = c.supporting.filter((s) => !DEMOGRAPHIC_KINDS.has(s.weight.finding.kind));
    if (evoking.length < (def.minSupporting ?? 1)) continue;
    if (!evoking.some((s) => s.weight.lr >= MIN_EVOKING_LR)) continue;
    candidates.push(c);
  }
  candidates.sort((a, b) => b.probability - a.probability || a.def.id.localeCompare(b.def.id));
  return candidates.slice(0, MAX_ITEMS).map((c) => toItem(c, ctx));
}

function toItem(c: Candidate, ctx: EngineContext): DifferentialItem {
  const secondary = c.def.secondaryNextSteps?.conditions.some((id) => ctx.anyConditions.has(id))
    ? c.def.secondaryNextSteps
    : undefined;
  const { def } = c;
  const statement = (s: Scored) => ({
    text: `${capitalise(s.weight.label)}: ${s.result.text}.`,
    evidence: unique(s.result.evidence).map((reference) => ({ reference })),
  });
  const findingsFor = c.supporting.map(statement);
  const findingsAgainst = c.against.map(statement);
  const recordedBefore = ctx.anyConditions.get(def.id)?.[0];
  const evidenceRefs = unique(c.supporting.flatMap((s) => s.result.evidence));
  const evoking = c.supporting.filter((s) => !DEMOGRAPHIC_KINDS.has(s.weight.finding.kind));
  // Only its treatment points at it: the prescriber knows; the problem list does not.
  const treatedOnly = evoking.length > 0 && evoking.every((s) => s.weight.finding.kind === 'drug');
  const lead = recordedBefore
    ? `${def.name} (recorded before as ${recordedBefore.clinicalStatus ?? 'inactive'}) may be active again`
    : treatedOnly
      ? `${def.name} is treated but not on the problem list`
      : `Possible undiagnosed ${midSentence(def.name)}`;
  return {
    id: def.id,
    concept: {
      coding: def.codes
        .slice(0, 2)
        .map((x) => ({ system: x.system, code: x.code, display: x.display })),
      text: def.name,
    },
    likelihood:
      c.probability >= DIFFERENTIAL_POLICY.likelihood.high
        ? 'high'
        : c.probability >= DIFFERENTIAL_POLICY.likelihood.moderate
          ? 'moderate'
          : 'low',
    score: Math.round(c.probability * 1000) / 1000,
    listed: recordedBefore !== undefined,
    text: `${lead}: ${evoking
      .slice(0, 2)
      .map((s) => s.result.text)
      .join('; ')}.`,
    evidence: evidenceRefs.map((reference) => ({ reference })),
    findingsFor,
    findingsAgainst,
    nextSteps: secondary ? [...secondary.steps] : stepsFor(def, ctx.record.patient.ageYears),
    sources: unique([
      c.priorSource,
      ...(secondary ? [secondary.source] : []),
      ...c.supporting.map((s) => s.weight.source),
      ...c.against.map((s) => s.weight.source),
    ]),
  };
}

/** The condition's next steps, leaving out those valid only at other ages. */
function stepsFor(def: ConditionDef, age: number | undefined): string[] {
  return def.nextSteps.flatMap((s) => {
    if (typeof s === 'string') return [s];
    return age !== undefined && age >= s.minAge && age <= s.maxAge ? [s.step] : [];
  });
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
