/**
 * The evaluation over the fixture patients: completeness, grounding, schema validity, and
 * hide-and-recover in three tiers, with false flags. Returns figures; printing is the CLI's job.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Synopsis } from '../../cds-service/contract/synopsis';
import type { InputCoverage, PatientRecord } from '../../cds-service/fhir/facts';
import { normalise } from '../../cds-service/fhir/record';
import { buildContext, type EngineContext } from '../../cds-service/synopsis/context';
import { DEMOGRAPHIC_KINDS, findingOptions } from '../../cds-service/synopsis/differential';
import { runEngine } from '../../cds-service/synopsis/engine';
import { evaluateFinding } from '../../cds-service/synopsis/findings';
import { CONDITIONS } from '../../cds-service/synopsis/kb/conditions';
import type { ConditionDef } from '../../cds-service/synopsis/kb/types';
import { cutAt, diagnosingEncounters, hideCondition, onsetOf, withoutMedications } from './hide';
import type { BundleJson } from './json';
import { findLeaks } from './leaks';
import { add, completeness, grounding, rankOf, type Tally } from './metrics';

export type TierName = 'labs+meds' | 'labs-only' | 'onset-cut' | 'at-onset';
export const TIERS: readonly TierName[] = ['labs+meds', 'labs-only', 'onset-cut', 'at-onset'];

export interface CaseResult {
  patient: string;
  condition: string;
  tier: TierName;
  rank: number | undefined;
  leaks: number;
  /**
   * The hidden record holds at least one non-demographic finding the knowledge base links to the
   * condition. Cases without one cannot be recovered by any rule set reading the same data.
   */
  traceable: boolean;
  /** Another listed condition subsumes it (prediabetes while diabetes is listed). */
  subsumed: boolean;
  /** Listed conditions the surgery removed with it, left out of its rank (see `rankOf`). */
  coHidden: string[];
  /** The evaluated record holds no Observation at all (a cut before the fixture's history began). */
  noResults: boolean;
}

export interface FalseFlag {
  patient: string;
  condition: string;
  tier: TierName;
  flagged: boolean;
}

export interface EvalReport {
  patients: number;
  /** Files of the directory that are not one-patient Bundles. */
  skipped: Skipped[];
  /** Patients whose evaluation threw (error name only: messages can quote the record). */
  failed: { patient: string; error: string }[];
  /** Every resource of the input records, summed: read, skipped with the reason, or not read. */
  coverage: InputCoverage;
  completeness: Tally;
  grounding: Tally;
  schemaValid: Tally;
  cases: CaseResult[];
  falseFlags: FalseFlag[];
}

interface Fixture {
  name: string;
  bundle: BundleJson;
  patientId: string;
}

export interface Skipped {
  /** 1-based position of the file in name order (file names can carry patient names). */
  position: number;
  reason: string;
}

/** The patient bundles of `dir` (`*.json`, one patient each); other files are skipped, not fatal. */
export function loadFixtures(dir: string, skipped: Skipped[] = []): Fixture[] {
  const out: Fixture[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  files.forEach((f, i) => {
    const reason = (why: string) => skipped.push({ position: i + 1, reason: why });
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      reason('not valid JSON');
      return;
    }
    if (!isBundle(parsed)) {
      reason('not a FHIR Bundle with entries');
      return;
    }
    const patients = parsed.entry.filter((e) => e.resource.resourceType === 'Patient');
    const id = patients[0]?.resource.id;
    if (patients.length !== 1 || typeof id !== 'string') {
      reason(`holds ${patients.length} Patient resources with an id, not one`);
      return;
    }
    // Patients are numbered, not named, in the report: no patient data in output.
    out.push({
      name: `patient-${String(out.length + 1).padStart(2, '0')}`,
      bundle: parsed,
      patientId: id,
    });
  });
  return out;
}

function isBundle(v: unknown): v is BundleJson {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as { resourceType?: unknown; entry?: unknown };
  return (
    b.resourceType === 'Bundle' &&
    Array.isArray(b.entry) &&
    b.entry.every(
      (e: unknown) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { resource?: unknown }).resource === 'object' &&
        (e as { resource?: unknown }).resource !== null,
    )
  );
}

/** "Now" for a fixture: the day after its latest dated clinical resource. */
export function asOf(bundle: BundleJson, patientId: string): Date {
  const record = normalise(bundle, patientId, new Date('2100-01-01'));
  let last = 0;
  for (const list of [record.observations, record.encounters, record.medications]) {
    for (const x of list) if (x.time && x.time.ms > last) last = x.time.ms;
  }
  return new Date(last + 24 * 3600 * 1000);
}

const EVALUATED = CONDITIONS.filter((c) => c.chronic);

type Figures = Omit<EvalReport, 'patients' | 'skipped' | 'failed'>;

const emptyFigures = (): Figures => ({
  coverage: { total: 0, read: 0, skipped: {}, notRead: {} },
  completeness: { ok: 0, total: 0 },
  grounding: { ok: 0, total: 0 },
  schemaValid: { ok: 0, total: 0 },
  cases: [],
  falseFlags: [],
});

export function evaluate(dir: string): EvalReport {
  const skipped: Skipped[] = [];
  const fixtures = loadFixtures(dir, skipped);
  const report: EvalReport = {
    patients: fixtures.length,
    skipped,
    failed: [],
    ...emptyFigures(),
  };
  for (const fx of fixtures) {
    let figures: Figures;
    try {
      figures = evaluatePatient(fx);
    } catch (err) {
      // One record the engine or the surgery cannot take must not cost the figures of the others.
      report.failed.push({ patient: fx.name, error: err instanceof Error ? err.name : 'Error' });
      continue;
    }
    report.coverage = addCoverage(report.coverage, figures.coverage);
    report.completeness = add(report.completeness, figures.completeness);
    report.grounding = add(report.grounding, figures.grounding);
    report.schemaValid = add(report.schemaValid, figures.schemaValid);
    report.cases.push(...figures.cases);
    report.falseFlags.push(...figures.falseFlags);
  }
  return report;
}

function evaluatePatient(fx: Fixture): Figures {
  const out = emptyFigures();
  const check = (record: PatientRecord, now: Date): Synopsis => {
    const s = runEngine(record, now);
    out.grounding = add(out.grounding, grounding(s, record));
    out.schemaValid = add(out.schemaValid, {
      ok: Synopsis.safeParse(s).success ? 1 : 0,
      total: 1,
    });
    return s;
  };
  const now = asOf(fx.bundle, fx.patientId);
  const record = normalise(fx.bundle, fx.patientId, now);
  const full = check(record, now);
  out.coverage = record.coverage;
  out.completeness = completeness(full, record);
  const ctx = buildContext(record, now);
  const noMeds = normalise(withoutMedications(fx.bundle), fx.patientId, now);
  const fullNoMeds = check(noMeds, now);
  for (const def of EVALUATED) {
    if (!ctx.anyConditions.has(def.id)) {
      out.falseFlags.push(
        {
          patient: fx.name,
          condition: def.id,
          tier: 'labs+meds',
          flagged: rankOf(full, def.id) !== undefined,
        },
        {
          patient: fx.name,
          condition: def.id,
          tier: 'labs-only',
          flagged: rankOf(fullNoMeds, def.id) !== undefined,
        },
      );
      continue;
    }
    if (!ctx.activeConditions.has(def.id)) continue;
    const hidden = hideCondition(fx.bundle, def);
    // Listed conditions the surgery removed with it (diabetes recorded only as "disorder of
    // kidney due to diabetes" goes when CKD is hidden): right answers too, so they do not outrank
    // it. Conditions recorded after a cut are not among them: offering those is not excused.
    const hiddenRecord = normalise(hidden, fx.patientId, now);
    const hiddenContext = buildContext(hiddenRecord, now);
    const coHidden = new Set(
      [...ctx.activeConditions.keys()].filter(
        (id) => id !== def.id && !hiddenContext.activeConditions.has(id),
      ),
    );
    for (const c of hideCases(fx, def, hidden, now)) {
      // The labs+meds case is the hidden record itself, already read.
      const same = c.bundle === hidden;
      const r = same ? hiddenRecord : normalise(c.bundle, fx.patientId, c.now);
      const hiddenCtx = same ? hiddenContext : buildContext(r, c.now);
      out.cases.push({
        patient: fx.name,
        condition: def.id,
        tier: c.tier,
        rank: rankOf(check(r, c.now), def.id, coHidden),
        coHidden: [...coHidden],
        leaks: findLeaks(c.bundle, def).length,
        traceable: hasTrace(def, hiddenCtx),
        subsumed: (def.excludedBy ?? []).some((id) => hiddenCtx.activeConditions.has(id)),
        noResults: r.observations.length === 0,
      });
    }
  }
  return out;
}

/**
 * The record holds a finding the knowledge base links to the condition (not age or sex), whether
 * or not the engine lets it count here (a listed condition may explain it away). A finding is read
 * as the engine reads it: for a state of the latest results (anaemia, obesity), an old abnormal
 * value that a newer normal one has replaced is no trace of the condition now.
 */
function hasTrace(def: ConditionDef, ctx: EngineContext): boolean {
  return def.findings.some(
    (w) =>
      w.lr > 1 &&
      !DEMOGRAPHIC_KINDS.has(w.finding.kind) &&
      evaluateFinding(w.finding, ctx, findingOptions(def)) !== undefined,
  );
}

function hideCases(
  fx: Fixture,
  def: ConditionDef,
  hidden: BundleJson,
  now: Date,
): { tier: TierName; bundle: BundleJson; now: Date }[] {
  const out: { tier: TierName; bundle: BundleJson; now: Date }[] = [
    { tier: 'labs+meds', bundle: hidden, now },
    { tier: 'labs-only', bundle: withoutMedications(hidden), now },
  ];
  const onset = onsetOf(fx.bundle, def);
  if (onset !== undefined) {
    // The record as it stood just before the condition was first recorded, and the same with the
    // results of the encounter that recorded it.
    const at = new Date(onset);
    const encounters = diagnosingEncounters(fx.bundle, def);
    out.push({ tier: 'onset-cut', bundle: cutAt(hidden, onset), now: at });
    out.push({ tier: 'at-onset', bundle: cutAt(hidden, onset, { encounters }), now: at });
  }
  return out;
}

/** Two coverage tallies added, reason by reason and type by type. */
export function addCoverage(a: InputCoverage, b: InputCoverage): InputCoverage {
  const merge = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, n] of Object.entries(y)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    total: a.total + b.total,
    read: a.read + b.read,
    skipped: merge(a.skipped, b.skipped),
    notRead: merge(a.notRead, b.notRead),
  };
}
