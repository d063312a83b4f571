/**
 * Property: the FHIR normaliser and the engine take any mutation of real (synthetic) records
 * without throwing, and every statement they produce still cites a resource of the record.
 * Shared by the Vitest suite and `npm run reliability`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Synopsis } from '../../cds-service/contract/synopsis';
import { normalise } from '../../cds-service/fhir/record';
import { runEngine } from '../../cds-service/synopsis/engine';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { mutationsOf } from './mutate';

const NOW = new Date('2025-07-01T12:00:00Z');

interface FixtureBundle {
  patientId: string;
  bundle: { resourceType: string; entry: { resource: Record<string, unknown> }[] };
}

/** The `count` smallest fixture bundles: mutation finds as much in them, faster. */
export function smallFixtures(count: number): FixtureBundle[] {
  return readdirSync(SYNTHEA_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(SYNTHEA_DIR, f))
    .sort((a, b) => statSync(a).size - statSync(b).size)
    .slice(0, count)
    .map((file) => {
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as FixtureBundle['bundle'];
      const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient');
      return { patientId: String(patient?.resource.id), bundle };
    });
}

/** Every `evidence[].reference` in a synopsis. */
function citations(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) citations(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'evidence' && Array.isArray(v)) {
        for (const e of v) {
          const ref = (e as { reference?: unknown }).reference;
          if (typeof ref === 'string') out.push(ref);
        }
      } else citations(v, out);
    }
  }
  return out;
}

/** Checks one input; returns a problem, or undefined when every invariant holds. */
export function checkRecord(input: unknown, patientId: string): string | undefined {
  let synopsis: unknown;
  let known: ReadonlyMap<string, unknown>;
  try {
    const record = normalise(input, patientId, NOW);
    known = record.resources;
    synopsis = runEngine(record, NOW);
  } catch (err) {
    return `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
  const parsed = Synopsis.safeParse(synopsis);
  if (!parsed.success) return `engine output breaks the Synopsis contract: ${parsed.error.message}`;
  // The patient's own reference is always allowed: a record without its Patient never reaches
  // the engine (the hook answers 412, the panel reads the Patient first).
  const patientRef = `Patient/${patientId}`;
  const uncited = citations(synopsis).filter((r) => !known.has(r) && r !== patientRef);
  if (uncited.length > 0) return `cites resources not in the record: ${uncited.join(', ')}`;
  return undefined;
}

export interface FuzzOutcome {
  inputs: number;
  failure: string | undefined;
}

/** One fixture bundle with one resource mutated, or the bundle's own structure mutated. */
export function mutatedRecord(fixtures: FixtureBundle[]) {
  return fc.nat({ max: fixtures.length - 1 }).chain((f) => {
    const fx = fixtures[f] ?? fixtures[0];
    if (!fx) throw new Error('no fixtures');
    const entries = fx.bundle.entry;
    const oneResource = fc.nat({ max: entries.length - 1 }).chain((i) =>
      mutationsOf(entries[i]?.resource).map((resource) => ({
        patientId: fx.patientId,
        input: {
          ...fx.bundle,
          entry: entries.map((e, j) => (j === i ? { ...e, resource } : e)),
        },
      })),
    );
    // The envelope: a small bundle whose own fields are mutated (entry, resourceType, type).
    const envelope = mutationsOf({ ...fx.bundle, entry: entries.slice(0, 5) }).map((input) => ({
      patientId: fx.patientId,
      input,
    }));
    return fc.oneof({ weight: 4, arbitrary: oneResource }, { weight: 1, arbitrary: envelope });
  });
}

export function fuzzNormaliser(numRuns: number, seed?: number): FuzzOutcome {
  const fixtures = smallFixtures(4);
  const details = fc.check(
    fc.property(mutatedRecord(fixtures), ({ input, patientId }) => {
      const problem = checkRecord(input, patientId);
      if (problem) throw new Error(problem);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
  return {
    inputs: details.numRuns,
    failure: details.failed
      ? `${details.errorInstance instanceof Error ? details.errorInstance.message : 'failed'} (seed ${details.seed}, path ${details.counterexamplePath ?? ''})`
      : undefined,
  };
}
