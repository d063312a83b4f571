/**
 * The evaluation figures of the live model card, from one `npm run eval -- --json` run: written
 * to `cds-service/governance/model-card/evaluation.json`, which the service reads at start.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ModelCardEvidence } from '../../cds-service/contract/model-card-evidence';
import { ageInYears } from '../../cds-service/fhir/record';
import { ENGINE_INFO } from '../../cds-service/synopsis/engine';
import { ratio } from './metrics';
import { asOf, loadFixtures, type CaseResult, type EvalReport } from './run';
import type { SafetyFamily } from './safety';
import { tierFigures } from './tiers';

const EVIDENCE_PATH = fileURLToPath(
  new URL('../../cds-service/governance/model-card/evaluation.json', import.meta.url),
);

/** The tier the model card reports: the condition and every path naming it removed. */
const TIER = 'labs+meds';

const AGE_BANDS: readonly [string, number][] = [
  ['age under 18', 18],
  ['age 18-44', 45],
  ['age 45-64', 65],
  ['age 65 and over', Infinity],
];

/**
 * Each fixture patient's sex and age band, by the eval's name for the patient. The age is taken
 * when the eval judges the record (its newest entry), not today: a record of 2022 is judged as of
 * 2022.
 */
function patientGroups(dir: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const fx of loadFixtures(dir)) {
    const patient = fx.bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
    const sex = typeof patient?.gender === 'string' ? patient.gender : 'unknown';
    const age =
      typeof patient?.birthDate === 'string'
        ? ageInYears(patient.birthDate, asOf(fx.bundle, fx.patientId))
        : undefined;
    const band =
      age === undefined
        ? 'age unknown'
        : (AGE_BANDS.find(([, below]) => age < below)?.[0] ?? 'age unknown');
    groups.set(fx.name, [`sex ${sex}`, band]);
  }
  return groups;
}

function modelCardEvidence(
  report: EvalReport,
  safety: readonly SafetyFamily[],
  dir: string,
  now: Date,
): ModelCardEvidence {
  const figures = (only: (c: CaseResult) => boolean) => {
    const t = tierFigures(report, only).find((x) => x.tier === TIER);
    if (!t) throw new Error(`no ${TIER} tier`);
    return {
      cases: t.cases,
      top1: t.top1,
      top5: t.top5,
      mrr: t.mrr,
      falseFlagRate: t.falseFlagRate ?? null,
    };
  };
  const groups = patientGroups(dir);
  const names = [...new Set([...groups.values()].flat())].sort();
  return ModelCardEvidence.parse({
    generatedAt: now.toISOString(),
    engineVersion: ENGINE_INFO.version,
    knowledgeBaseVersion: ENGINE_INFO.knowledgeBaseVersion,
    patients: report.patients,
    completenessRate: ratio(report.completeness),
    groundingRate: ratio(report.grounding),
    hideAndRecover: { traceable: figures((c) => c.traceable), all: figures(() => true) },
    subgroups: names.map((group) => {
      const f = figures((c) => c.traceable && (groups.get(c.patient) ?? []).includes(group));
      return { group, cases: f.cases, top1: f.top1, top5: f.top5 };
    }),
    safety: safety.map((f) => ({
      family: f.family,
      cases: f.cases,
      sensitivity: f.raised / f.cases,
      falseFlagRate: f.falseFlags / f.cases,
    })),
  });
}

/** Writes the model card's figures; returns the path written. */
export function writeModelCardEvidence(
  report: EvalReport,
  safety: readonly SafetyFamily[],
  dir: string,
  now = new Date(),
): string {
  writeFileSync(
    EVIDENCE_PATH,
    `${JSON.stringify(modelCardEvidence(report, safety, dir, now), null, 2)}\n`,
  );
  return EVIDENCE_PATH;
}
