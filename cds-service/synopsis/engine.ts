/**
 * The embedded deterministic engine: `PatientRecord -> Synopsis`. Pure and synchronous; no I/O.
 * Clinical knowledge lives in `kb/` as data; the rule families here only apply it.
 */
import type { Alert, Synopsis } from '../contract/synopsis';
import { SYNOPSIS_SCHEMA_VERSION } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import { buildAllergies } from './allergies';
import { buildCareGaps, careGapAlerts } from './care-gaps';
import { buildContext } from './context';
import { buildDifferential } from './differential';
import { KNOWLEDGE_BASE_VERSION } from './kb/version';
import { buildMedicationAlerts } from './medication-safety';
import { buildMedications } from './medications';
import { buildOneLiner } from './one-liner';
import { buildProblems } from './problems';
import { buildResultAlerts } from './result-alerts';
import { buildResults } from './results';

export const ENGINE_INFO = {
  provider: 'rules',
  name: 'ehr-synopsis clinical engine',
  version: '1.0.0',
  knowledgeBaseVersion: KNOWLEDGE_BASE_VERSION,
} as const;

const SEVERITY_RANK: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function runEngine(record: PatientRecord, now: Date): Synopsis {
  const ctx = buildContext(record, now);
  const problems = buildProblems(ctx);
  const careGaps = buildCareGaps(ctx);
  const alerts = [
    ...buildResultAlerts(ctx),
    ...buildMedicationAlerts(ctx),
    ...careGapAlerts(careGaps),
  ].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const differential = buildDifferential(ctx);
  return {
    schemaVersion: SYNOPSIS_SCHEMA_VERSION,
    model: { ...ENGINE_INFO },
    generatedAt: now.toISOString(),
    patient: {
      reference: record.patient.reference,
      ...(record.patient.ageYears === undefined ? {} : { ageYears: record.patient.ageYears }),
      sex: record.patient.sex,
    },
    oneLiner: buildOneLiner(ctx, problems, alerts, differential),
    problems,
    medications: buildMedications(ctx),
    allergies: buildAllergies(ctx),
    results: buildResults(ctx),
    alerts,
    careGaps,
    differential,
    dataQuality: [...record.dataQuality, ...ctx.notes],
  };
}
