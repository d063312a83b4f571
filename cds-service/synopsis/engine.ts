/**
 * The embedded deterministic engine: `PatientRecord -> Synopsis`. Pure and synchronous; no I/O.
 */
import type { Problem, Synopsis } from '../contract/synopsis';
import { SYNOPSIS_SCHEMA_VERSION } from '../contract/synopsis';
import type { ConditionFact, PatientRecord } from '../fhir/record';

export const ENGINE_INFO = {
  provider: 'rules',
  name: 'ehr-synopsis clinical engine',
  version: '0.1.0',
  knowledgeBaseVersion: '0.1.0',
} as const;

const PROBLEM_STATUSES = new Set<Problem['status']>([
  'active',
  'recurrence',
  'relapse',
  'inactive',
  'remission',
  'resolved',
]);
const ACTIVE = new Set(['active', 'recurrence', 'relapse']);

export function runEngine(record: PatientRecord, now: Date): Synopsis {
  const problems = record.conditions
    .filter((c) => !isSocialFinding(c))
    .map(toProblem)
    .sort((a, b) => Number(ACTIVE.has(b.status)) - Number(ACTIVE.has(a.status)));
  const active = problems.filter((p) => ACTIVE.has(p.status));
  return {
    schemaVersion: SYNOPSIS_SCHEMA_VERSION,
    model: { ...ENGINE_INFO },
    generatedAt: now.toISOString(),
    patient: {
      reference: record.patient.reference,
      ...(record.patient.ageYears === undefined ? {} : { ageYears: record.patient.ageYears }),
      sex: record.patient.sex,
    },
    oneLiner: oneLiner(record, active),
    problems,
    alerts: [],
    differential: [],
    dataQuality: record.dataQuality,
  };
}

function toProblem(c: ConditionFact): Problem {
  const status = PROBLEM_STATUSES.has(c.clinicalStatus as Problem['status'])
    ? (c.clinicalStatus as Problem['status'])
    : 'unknown';
  return {
    text: c.concept.text,
    evidence: [{ reference: c.reference }],
    concept: c.concept,
    status,
    ...(c.onset ? { onset: c.onset } : {}),
    notes: [],
  };
}

/** SNOMED CT "(finding)" and "(situation)" entries such as employment are not problems. */
function isSocialFinding(c: ConditionFact): boolean {
  return (
    /\((finding|situation)\)$/.test(c.concept.text) && !/obesity|prediabetes/i.test(c.concept.text)
  );
}

function oneLiner(record: PatientRecord, active: Problem[]): Synopsis['oneLiner'] {
  const { ageYears, sex } = record.patient;
  const who = `${ageYears === undefined ? 'Age unknown' : `${ageYears}-year-old`} ${sex === 'unknown' ? 'patient' : sex}`;
  const names = active.slice(0, 4).map((p) => cleanName(p.text));
  const text = names.length
    ? `${who} with ${joinList(names)}${active.length > 4 ? ` and ${active.length - 4} more active problems` : ''}.`
    : `${who} with no active problems recorded.`;
  const evidence = [
    { reference: record.patient.reference },
    ...active.slice(0, 4).flatMap((p) => p.evidence),
  ];
  return { text, evidence };
}

const cleanName = (s: string): string =>
  s.replace(/\s*\((disorder|finding|situation)\)$/, '').toLowerCase();

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
