/** The one-line summary: age, sex, main active problems, and the most pressing finding. */
import type { Alert, DifferentialItem, Problem, Synopsis } from '../contract/synopsis';
import type { PatientFacts } from '../fhir/facts';
import { joinList } from './format';
import { isActiveClinicalProblem } from './problems';

const MAX_PROBLEMS = 4;

export function buildOneLiner(
  patient: PatientFacts,
  problems: readonly Problem[],
  alerts: readonly Alert[],
  differential: readonly DifferentialItem[],
): Synopsis['oneLiner'] {
  const active = problems.filter(isActiveClinicalProblem);
  const { ageYears, sex } = patient;
  const who =
    `${ageYears === undefined ? 'Patient of unknown age' : `${ageYears}-year-old`} ${sex === 'unknown' || sex === 'other' ? (ageYears === undefined ? '' : 'patient') : sex}`.trim();
  const shown = active.slice(0, MAX_PROBLEMS);
  const names = shown.map((p) => p.text.toLowerCase());
  const more =
    active.length > MAX_PROBLEMS ? ` and ${active.length - MAX_PROBLEMS} more active problems` : '';
  let text = names.length
    ? `${who} with ${joinList(names)}${more}.`
    : `${who} with no active problems recorded.`;
  const evidence = [
    { reference: patient.reference },
    ...shown.flatMap((p) => p.evidence.slice(0, 1)),
  ];
  const critical = alerts.find((a) => a.severity === 'critical');
  const top = differential.find((d) => d.likelihood === 'high');
  if (critical) {
    text += ` Critical: ${critical.text}`;
    evidence.push(...critical.evidence.slice(0, 2));
  } else if (top) {
    text += ` ${top.text}`;
    evidence.push(...top.evidence.slice(0, 2));
  }
  return { text, evidence: dedupe(evidence) };
}

function dedupe(e: { reference: string }[]): { reference: string }[] {
  return [...new Map(e.map((x) => [x.reference, x])).values()];
}
