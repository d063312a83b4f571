/**
 * The one-line summary a clinician would write: age and sex, the problems that weigh most (one per
 * knowledge-base condition, ranked by clinical weight, with the number that tells how each is
 * doing), the high-alert medicines, and the most pressing warning. A short form of it, under 140
 * characters, is the summary card's headline.
 */
import {
  isActiveClinicalProblem,
  type Alert,
  type DifferentialItem,
  type Evidence,
  type Problem,
  type Synopsis,
} from '../contract/synopsis';
import type { PatientFacts } from '../fhir/facts';
import { conditionsOf, type EngineContext } from './context';
import { day, joinList, midSentence, pointValue } from './format';
import { DRUG_CLASS_BY_ID } from './kb/drug-classes';
import { LAB_BY_ID } from './kb/labs';
import { HEADLINE_LABS, HIGH_ALERT_CLASSES, ONE_LINER_LIMITS } from './kb/one-liner';
import type { ConditionDef } from './kb/types';
import { byWeight, mainCondition } from './problems';
import { clipAtWord } from '../text';

/** The problems of one knowledge-base condition (or one unknown problem), named by one of them. */
interface ProblemGroup {
  def: ConditionDef | undefined;
  named: Problem;
  members: Problem[];
}

/**
 * Active clinical problems grouped by condition and ranked: weight first, then known conditions
 * in knowledge-base order, then unknown problems newest first. A group is named by the member that
 * means its condition alone ("Diabetes mellitus type 2", not "Neuropathy due to type 2 diabetes"),
 * the earliest recorded of those.
 */
export function rankProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  problems.filter(isActiveClinicalProblem).forEach((p, i) => {
    const def = mainCondition(p);
    const key = def ? def.id : `unknown-${String(i)}`;
    const group = groups.get(key);
    if (group) group.members.push(p);
    else groups.set(key, { def, named: p, members: [p] });
  });
  for (const g of groups.values()) {
    const pure = g.members.filter((p) => conditionsOf(p.concept).length === 1);
    const pool = pure.length ? pure : g.members;
    g.named =
      [...pool].sort((a, b) => (a.onset ?? '~').localeCompare(b.onset ?? '~'))[0] ?? g.named;
  }
  return [...groups.values()].sort(
    (a, b) => byWeight(a.def, b.def) || (b.named.onset ?? '').localeCompare(a.named.onset ?? ''),
  );
}

/** "HbA1c 7.9% on 2021-03-13" for a group whose condition has a headline lab the record holds. */
function headlineNumber(
  ctx: Pick<EngineContext, 'series'>,
  labs: readonly string[],
): { text: string; reference: string } | undefined {
  for (const id of labs) {
    const lab = LAB_BY_ID.get(id);
    const latest = ctx.series.get(id)?.at(-1);
    if (lab && latest)
      return {
        text: `${lab.name} ${pointValue(lab, latest.censored ? { value: latest.value, censored: latest.censored } : { value: latest.value })} on ${day(latest.iso)}${latest.derivation ? `, ${latest.derivation.split(',')[0] ?? ''}` : ''}`,
        reference: latest.reference,
      };
  }
  return undefined;
}

/** The high-alert medicines the patient takes, by ingredient ("warfarin", "oxycodone"). */
function highAlertMedicines(
  ctx: EngineContext,
): { name: string; number?: { text: string; reference: string }; references: string[] }[] {
  const byName = new Map<string, ReturnType<typeof highAlertMedicines>[number]>();
  for (const { drugClass, lab } of HIGH_ALERT_CLASSES) {
    const cls = DRUG_CLASS_BY_ID.get(drugClass);
    const members = new Set(cls?.ingredients ?? []);
    for (const m of ctx.activeClasses.get(drugClass) ?? []) {
      const name =
        (ctx.activeIngredients.get(m.reference) ?? []).find((i) => members.has(i)) ??
        cls?.name ??
        drugClass;
      const seen = byName.get(name);
      if (seen) {
        seen.references.push(m.reference);
        continue;
      }
      const number = lab ? headlineNumber(ctx, [lab]) : undefined;
      byName.set(name, { name, ...(number ? { number } : {}), references: [m.reference] });
    }
  }
  return [...byName.values()];
}

function who(patient: PatientFacts): string {
  const { ageYears, sex } = patient;
  const age = ageYears === undefined ? 'Patient of unknown age' : `${String(ageYears)}-year-old`;
  const person =
    sex === 'unknown' || sex === 'other' ? (ageYears === undefined ? '' : 'patient') : sex;
  return `${age} ${person}`.trim();
}

export function buildOneLiner(
  ctx: EngineContext,
  problems: readonly Problem[],
  alerts: readonly Alert[],
  differential: readonly DifferentialItem[],
): Synopsis['oneLiner'] {
  const patient = ctx.record.patient;
  const ranked = rankProblems(problems);
  const total = ranked.reduce((n, g) => n + g.members.length, 0);
  // A condition another one on the list rules out (prediabetes beside diabetes) is not named,
  // whichever problem says it ("microalbuminuria due to type 2 diabetes" says diabetes too).
  const present = new Set(
    ranked.flatMap((g) => g.members.flatMap((p) => conditionsOf(p.concept).map((d) => d.id))),
  );
  const nameable = ranked.filter((g) => !g.def?.excludedBy?.some((id) => present.has(id)));
  const shown = nameable.slice(0, ONE_LINER_LIMITS.problems);
  const evidence: Evidence[] = [{ reference: patient.reference }];
  let numbers = 0;
  const names = shown.map((g) => {
    evidence.push(...g.named.evidence.slice(0, 1));
    const name = midSentence(g.named.text);
    const number =
      g.def && numbers < ONE_LINER_LIMITS.numbers
        ? headlineNumber(ctx, HEADLINE_LABS[g.def.id] ?? [])
        : undefined;
    if (!number) return name;
    numbers++;
    evidence.push({ reference: number.reference });
    return `${name} (${number.text})`;
  });
  const namedCount = shown.reduce((n, g) => n + g.members.length, 0);
  let text = names.length
    ? `${who(patient)} with ${joinList(names)}${total > namedCount ? `, among ${String(total)} active problems` : ''}.`
    : `${who(patient)} with no active problems recorded.`;

  const medicines = highAlertMedicines(ctx);
  if (medicines.length) {
    text += ` On ${joinList(medicines.map((m) => (m.number ? `${m.name} (${m.number.text})` : m.name)))}.`;
    for (const m of medicines) {
      evidence.push(...m.references.slice(0, 1).map((reference) => ({ reference })));
      if (m.number) evidence.push({ reference: m.number.reference });
    }
  }

  const top =
    alerts.find((a) => a.severity === 'critical') ?? alerts.find((a) => a.severity === 'warning');
  const likely = differential.find((d) => d.likelihood === 'high' && !d.listed);
  if (top) {
    text += ` ${top.severity === 'critical' ? 'Critical' : 'Warning'}: ${top.text}`;
    evidence.push(...top.evidence.slice(0, 2));
  } else if (likely) {
    text += ` ${likely.text}`;
    evidence.push(...likely.evidence.slice(0, 2));
  }
  const short = shortForm(
    who(patient),
    nameable.map((g) => ({ name: midSentence(g.named.text), size: g.members.length })),
    total,
    medicines.map((m) => m.name),
  );
  return { text, short, evidence: [...new Map(evidence.map((e) => [e.reference, e])).values()] };
}

/**
 * "79-year-old female: heart failure, chronic kidney disease stage 4 +3 more; on warfarin,
 * insulin": as many problems as fit under the card's limit, in rank order.
 */
function shortForm(
  person: string,
  problems: readonly { name: string; size: number }[],
  total: number,
  medicines: readonly string[],
): string {
  const max = ONE_LINER_LIMITS.shortMaxChars;
  const meds = medicines.length ? `; on ${medicines.join(', ')}` : '';
  if (problems.length === 0)
    return clipAtWord(`${person} with no active problems recorded${meds}`, max);
  for (let n = problems.length; n >= 1; n--) {
    const named = problems.slice(0, n);
    const rest = total - named.reduce((sum, p) => sum + p.size, 0);
    const text = `${person}: ${named.map((p) => p.name).join(', ')}${rest > 0 ? ` +${String(rest)} more` : ''}${meds}`;
    if (text.length <= max) return text;
  }
  return clipAtWord(`${person}: ${problems[0]?.name ?? ''}${meds}`, max);
}
