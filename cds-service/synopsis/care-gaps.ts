/**
 * Care gaps: guideline-recommended monitoring, screening and treatment that the record does not
 * show within its interval. Evidence points at what makes the rule apply (the problem, or the
 * patient for age-based screening) and at the last time it was done.
 */
import type { Alert, CareGap } from '../contract/synopsis';
import { codingKey, icd10Code, perConcept, SYSTEMS, type Concept } from '../fhir/codes';
import { allergenClassesOf, recentLatest, type EngineContext } from './context';
import { day, DAY_MS, pointValue } from './format';
import {
  CARE_GAPS,
  END_OF_LIFE_CARE,
  type CareGapRule,
  type GapEvidence,
  type GapRisk,
} from './kb/care-gaps';
import { evaluateFinding } from './findings';
import { LAB_BY_ID, LAB_BY_LOINC } from './kb/labs';
import { SCORES, type ScoreDef } from './kb/scores';
import { valueSet } from './kb/value-sets';

interface LastDone {
  ms: number;
  iso: string;
  reference: string;
}

export function buildCareGaps(ctx: EngineContext): CareGap[] {
  const gaps: CareGap[] = [];
  if (inEndOfLifeCare(ctx)) return gaps;
  for (const rule of CARE_GAPS) {
    const entry = appliesTo(rule, ctx);
    if (!entry) continue;
    const { refs: applies, because } = entry;
    if (rule.notApplicableAfter?.some((ev) => lastDone(ev, ctx))) continue;
    const closedOtherwise = rule.alsoClosedBy?.some(({ evidence, intervalDays }) => {
      const done = lastDone(evidence, ctx);
      return done && (intervalDays === undefined || ctx.nowMs - done.ms <= intervalDays * DAY_MS);
    });
    if (closedOtherwise) continue;
    const last = lastDone(rule.evidence, ctx);
    // An order for it, placed (or awaiting signature) within the interval, answers the gap.
    const ordered = rule.order ? lastOrder(rule.order, ctx) : undefined;
    if (
      ordered &&
      (!last || ordered.ms > last.ms) &&
      (rule.intervalDays === undefined || ctx.nowMs - ordered.ms <= rule.intervalDays * DAY_MS)
    ) {
      continue;
    }
    if (rule.evidence.kind === 'drug') {
      // A drug already taken, or a documented allergy or intolerance to it (CMS347 excludes
      // statin intolerance the same way), answers a treatment gap.
      if (last || intoleranceTo(rule.evidence.classes, ctx)) continue;
    } else if (
      last &&
      (rule.intervalDays === undefined || ctx.nowMs - last.ms <= rule.intervalDays * DAY_MS)
    ) {
      continue;
    }
    const dueMs =
      last && rule.intervalDays !== undefined ? last.ms + rule.intervalDays * DAY_MS : undefined;
    const dueSince = dueMs === undefined ? undefined : new Date(dueMs).toISOString().slice(0, 10);
    const when = last ? `last done ${day(last.iso)}` : 'not found in the record';
    gaps.push({
      id: rule.id,
      text: `${rule.title}${because ? ` (${because})` : ''}: ${when}.`,
      reason: rule.reason,
      evidence: [...new Set([...applies, ...(last ? [last.reference] : [])])].map((reference) => ({
        reference,
      })),
      ...(last ? { lastDone: last.iso } : {}),
      ...(dueSince ? { dueSince } : {}),
      ...(rule.order
        ? {
            suggestedOrder: {
              // The lab's short name ("HbA1c") where the knowledge base knows the code: it is
              // the button the clinician reads.
              concept: {
                coding: [{ ...rule.order }],
                text:
                  (rule.order.system === SYSTEMS.loinc
                    ? LAB_BY_LOINC.get(rule.order.code)?.name
                    : undefined) ?? rule.order.display,
              },
            },
          }
        : {}),
      source: rule.source,
    });
  }
  return gaps;
}

/**
 * The references that make the rule apply (and, for a score or a result, what it came to), or
 * undefined when it does not apply.
 */
function appliesTo(
  rule: CareGapRule,
  ctx: EngineContext,
): { refs: string[]; because?: string } | undefined {
  const { patient } = ctx.record;
  const age = patient.ageYears;
  if (rule.minAge !== undefined && (age === undefined || age < rule.minAge)) return undefined;
  if (rule.maxAge !== undefined && (age === undefined || age > rule.maxAge)) return undefined;
  if (rule.sex && patient.sex !== rule.sex) return undefined;
  if (rule.unlessConditions?.some((c) => ctx.activeConditions.has(c))) return undefined;
  const refs: string[] = [];
  for (const c of rule.conditions ?? []) {
    const found = ctx.activeConditions.get(c);
    if (!found?.[0]) return undefined;
    refs.push(found[0].reference);
  }
  if (rule.historyOf) {
    const found = rule.historyOf.flatMap((c) => ctx.anyConditions.get(c) ?? [])[0];
    if (!found) return undefined;
    refs.push(found.reference);
  }
  if (rule.minBmi !== undefined) {
    const bmi = ctx.series.get('bmi');
    const latest = bmi?.[bmi.length - 1];
    if (!latest || latest.value < rule.minBmi) return undefined;
    refs.push(latest.reference);
  }
  const because: string[] = [];
  if (rule.tobacco) {
    const history = tobaccoHistory(rule.tobacco, ctx);
    if (!history) return undefined;
    refs.push(...history.refs);
    because.push(...history.because);
  }
  if (rule.latestLab) {
    const { lab, min, max, lookBackDays } = rule.latestLab;
    const latest = recentLatest(ctx, lab, lookBackDays);
    const def = LAB_BY_ID.get(lab);
    if (!latest || !def) return undefined;
    if ((max !== undefined && latest.value > max) || (min !== undefined && latest.value < min)) {
      return undefined;
    }
    refs.push(latest.reference);
    because.push(`${def.name} ${pointValue(def, latest)} on ${day(latest.iso)}`);
  }
  if (rule.anyRisk) {
    const risk = firstRisk(rule.anyRisk, ctx);
    if (!risk) return undefined;
    refs.push(...risk.refs);
    because.push(risk.label);
  }
  if (rule.minScore) {
    const def = SCORES.get(rule.minScore.score);
    if (!def) return undefined;
    const score = scoreOf(def, ctx);
    const threshold = patient.sex === 'female' ? rule.minScore.female : rule.minScore.male;
    if (score.points < threshold) return undefined;
    refs.push(...score.references);
    because.push(`${def.name} ${String(score.points)}: ${score.met.join(', ')}`);
  }
  return {
    refs: refs.length ? refs : [patient.reference],
    ...(because.length ? { because: because.join('; ') } : {}),
  };
}

/** The first risk whose findings all hold, with the entries they rest on. */
function firstRisk(
  risks: readonly GapRisk[],
  ctx: EngineContext,
): { label: string; refs: string[] } | undefined {
  for (const risk of risks) {
    const refs: string[] = [];
    const met = risk.all.every((f) => {
      const found = evaluateFinding(f, ctx);
      if (found) refs.push(...found.evidence);
      return found !== undefined;
    });
    if (met) return { label: risk.label, refs };
  }
  return undefined;
}

/** Whether the tobacco history meets a rule's criterion: the entries it rests on, in words. */
function tobaccoHistory(
  rule: NonNullable<CareGapRule['tobacco']>,
  ctx: EngineContext,
): { refs: string[]; because: string[] } | undefined {
  const { smoking, tobacco } = ctx;
  const refs: string[] = [];
  const because: string[] = [];
  if (rule.everSmoked) {
    const ever =
      smoking?.status === 'current' || smoking?.status === 'former'
        ? smoking.reference
        : (tobacco.lastSmoking?.reference ??
          (tobacco.packYears && tobacco.packYears.value > 0
            ? tobacco.packYears.reference
            : undefined));
    if (!ever) return undefined;
    refs.push(ever);
    because.push(smoking?.status === 'current' ? 'smokes' : 'has smoked');
  }
  if (rule.minPackYears !== undefined) {
    const py = tobacco.packYears;
    if (!py || py.value < rule.minPackYears) return undefined;
    refs.push(py.reference);
    because.push(`${String(py.value)} pack-years`);
  }
  if (rule.smokedWithinYears !== undefined) {
    const last = tobacco.lastSmoking;
    if (!last || ctx.nowMs - last.ms > rule.smokedWithinYears * 365.25 * DAY_MS) return undefined;
    refs.push(last.reference);
    because.push(
      last.quit
        ? `quit smoking ${day(last.iso)}`
        : smoking?.status === 'current'
          ? 'smokes now'
          : `smoking last recorded ${day(last.iso)}`,
    );
  }
  return { refs, because };
}

/** A score from the record: its points, the components met and the entries they rest on. */
export function scoreOf(
  def: ScoreDef,
  ctx: EngineContext,
): { points: number; met: string[]; references: string[] } {
  const { ageYears, sex, reference } = ctx.record.patient;
  let points = 0;
  const met: string[] = [];
  const references: string[] = [];
  for (const c of def.components) {
    if (c.minAge !== undefined && (ageYears === undefined || ageYears < c.minAge)) continue;
    if (c.maxAge !== undefined && (ageYears === undefined || ageYears > c.maxAge)) continue;
    if (c.sex !== undefined && sex !== c.sex) continue;
    if (c.conditions) {
      const found = c.conditions.flatMap((id) => ctx.anyConditions.get(id) ?? [])[0];
      if (!found) continue;
      references.push(found.reference);
    } else {
      references.push(reference);
    }
    points += c.points;
    met.push(c.label);
  }
  return { points, met, references: [...new Set(references)] };
}

/** Order statuses that mean the test is on its way or done (FHIR R4 request-status). */
const ORDERED = new Set(['active', 'draft', 'on-hold', 'completed']);

/** The most recent order of `code` in the record, if any. */
function lastOrder(
  code: { system: string; code: string },
  ctx: EngineContext,
): LastDone | undefined {
  let best: LastDone | undefined;
  for (const o of ctx.record.orders) {
    if (!o.time || (o.status !== undefined && !ORDERED.has(o.status))) continue;
    if (!o.concept?.coding.some((c) => c.system === code.system && c.code === code.code)) continue;
    if (!best || o.time.ms > best.ms)
      best = { ms: o.time.ms, iso: o.time.iso, reference: o.reference };
  }
  return best;
}

/** Hospice care within its look-back, or palliative care now (no gaps then). */
export function inEndOfLifeCare(ctx: EngineContext): boolean {
  return END_OF_LIFE_CARE.evidence.some(({ evidence, lookBackDays }) => {
    const found = lastDone(evidence, ctx);
    return found !== undefined && found.ms >= ctx.nowMs - lookBackDays * DAY_MS;
  });
}

/** An active allergy or intolerance on the record to a drug of one of these classes. */
function intoleranceTo(classes: readonly string[], ctx: EngineContext): boolean {
  return ctx.record.allergies.some(
    (a) =>
      a.active &&
      !a.noKnownAllergy &&
      a.verificationStatus !== 'refuted' &&
      allergenClassesOf(a.concept).some((c) => classes.includes(c)),
  );
}

/** Verification statuses that take a Condition off the record for care gaps. */
const NOT_A_CONDITION = new Set(['refuted', 'entered-in-error']);

/**
 * The most recent record of `ev` having been done, if any. An active care plan or an active
 * condition counts as now.
 */
function lastDone(ev: GapEvidence, ctx: EngineContext): LastDone | undefined {
  let best: LastDone | undefined;
  const consider = (c: LastDone | undefined): void => {
    if (c && (!best || c.ms > best.ms)) best = c;
  };
  const fromLabs = (labs: readonly string[]): void => {
    for (const id of labs) {
      const ps = ctx.series.get(id);
      const p = ps?.[ps.length - 1];
      if (p) consider({ ms: p.ms, iso: p.iso, reference: p.reference });
    }
  };
  switch (ev.kind) {
    case 'lab':
      fromLabs(ev.labs);
      break;
    case 'procedure': {
      fromLabs(ev.labs ?? []);
      const inSet = conceptMatcher(codeSet(ev));
      const { procedures, reports, observations, carePlans, encounters } = ctx.record;
      for (const list of [procedures, reports, observations, carePlans, encounters]) {
        for (const e of list) {
          if (!e.time || !e.concept || !inSet(e.concept)) continue;
          const current =
            'resourceType' in e && e.resourceType === 'CarePlan' && e.status === 'active';
          consider({
            ms: current ? ctx.nowMs : e.time.ms,
            iso: e.time.iso,
            reference: e.reference,
          });
        }
      }
      break;
    }
    case 'condition': {
      const inSet = conceptMatcher(codeSet(ev));
      const prefixes = ev.icd10Prefixes ?? [];
      const underPrefix = (concept: Concept): boolean =>
        concept.coding.some((code) => {
          const icd = icd10Code(code);
          return icd !== undefined && prefixes.some((p) => icd.startsWith(p));
        });
      for (const c of ctx.record.conditions) {
        if (NOT_A_CONDITION.has(c.verificationStatus ?? '')) continue;
        if (!inSet(c.concept) && !underPrefix(c.concept)) continue;
        const ms = c.clinicalStatus === 'active' ? ctx.nowMs : (c.onsetMs ?? 0);
        consider({ ms, iso: c.onset ?? '', reference: c.reference });
      }
      break;
    }
    case 'immunization': {
      const inSet = conceptMatcher(codeSet(ev));
      for (const i of ctx.record.immunizations) {
        if (i.time && i.concept && inSet(i.concept)) {
          consider({ ms: i.time.ms, iso: i.time.iso, reference: i.reference });
        }
      }
      break;
    }
    case 'drug': {
      const med = ev.classes.flatMap((c) => ctx.activeClasses.get(c) ?? [])[0];
      if (med)
        consider({ ms: med.time?.ms ?? 0, iso: med.time?.iso ?? '', reference: med.reference });
      break;
    }
  }
  return best;
}

/** The `system|code` keys an evidence entry of the knowledge base accepts, built once per entry. */
const CODE_SETS = new WeakMap<GapEvidence, ReadonlySet<string>>();

/** Whether a concept has a coding in `codes` (by `codingKey`), answered once per concept. */
const conceptMatcher = (codes: ReadonlySet<string>): ((concept: Concept) => boolean) =>
  perConcept((concept) => concept.coding.some((c) => codes.has(codingKey(c))));

function codeSet(
  ev: Extract<GapEvidence, { kind: 'procedure' | 'immunization' | 'condition' }>,
): ReadonlySet<string> {
  const known = CODE_SETS.get(ev);
  if (known) return known;
  const listed =
    ev.kind === 'immunization'
      ? ev.cvx.map((code) => ({ system: SYSTEMS.cvx, code }))
      : (ev.codes ?? []);
  const all = [...listed, ...(ev.valueSets ?? []).flatMap((oid) => valueSet(oid).codes)];
  const set = new Set(all.map((c) => codingKey(c)));
  CODE_SETS.set(ev, set);
  return set;
}

/** Monitoring gaps of a listed problem that name a test to order become alerts (and cards). */
export function careGapAlerts(gaps: readonly CareGap[]): Alert[] {
  const monitoring = new Set(
    CARE_GAPS.filter((r) => r.conditions?.length && r.order).map((r) => r.id),
  );
  return gaps
    .filter((g) => monitoring.has(g.id) && g.suggestedOrder)
    .map((g) => ({
      id: `gap-${g.id}`,
      severity: 'info' as const,
      category: 'care-gap' as const,
      text: `${g.text} ${g.reason}`,
      evidence: g.evidence,
      suggestedAction: `Order ${g.suggestedOrder?.concept.text ?? 'the test'}.`,
      ...(g.suggestedOrder ? { suggestedOrder: g.suggestedOrder } : {}),
      source: g.source,
    }));
}
