/**
 * The records the benchmark sends: fixture bundles (synthetic Synthea patients), one of them scaled
 * with fresh ids, turned into the full prefetch an EHR would send for our templates. The searches
 * run through the mock FHIR server's own search code, unpaged, so that the service gets everything
 * in the request and never has to page (that is the self-fetch workload's job).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillTemplate } from '../../cds-service/contract/prefetch-template';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { parseQuery } from '../../mocks/fhir-server/search';
import { FhirStore, type StoredResource } from '../../mocks/fhir-server/store';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import { buildScaledBundle, type ScalableBundle } from '../scale-record';

/** Small (about 100 resources in the prefetch) and typical (500-1,000); the latter is also scaled. */
export const SMALL_FIXTURE = 'Tyrell_Kuphal_afea6940-653e-406a-b8bb-7ecc1d1c8a0c.json';
export const TYPICAL_FIXTURE = 'ac682810-c825-65e6-3846-3999e5c65466.json';
export const LARGE_TARGET = 5000;

export interface BenchRecord {
  name: 'small' | 'typical' | '5000';
  patientId: string;
  /** Resources in the prefetch (what the service normalises). */
  resources: number;
  prefetch: Record<string, unknown>;
}

export const USER_ID = 'Practitioner/bench';

export function loadBundle(file: string): ScalableBundle {
  return JSON.parse(readFileSync(join(SYNTHEA_DIR, file), 'utf8')) as ScalableBundle;
}

/** Runs every template against the store, unpaged: the prefetch of an EHR that sends it all. */
export function prefetchFromStore(
  store: FhirStore,
  patientId: string,
  templates: Record<string, string> = PATIENT_VIEW_PREFETCH,
): { prefetch: Record<string, unknown>; resources: number } {
  const prefetch: Record<string, unknown> = {};
  let resources = 0;
  for (const [key, template] of Object.entries(templates)) {
    const query = fillTemplate(template, { patientId, userId: USER_ID });
    const [path = '', search] = query.split('?');
    const [type = '', id] = path.split('/');
    if (id !== undefined) {
      const resource = store.read(type, id);
      prefetch[key] = resource ?? null;
      if (resource) resources++;
      continue;
    }
    const params = [...new URLSearchParams(search).entries()].filter(([k]) => !k.startsWith('_'));
    const { filters } = parseQuery(type, params);
    const matches: StoredResource[] = [...store.all(type)].filter((r) =>
      filters.every((f) => f(r)),
    );
    resources += matches.length;
    prefetch[key] = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      entry: matches.map((resource) => ({ resource, search: { mode: 'match' } })),
    };
  }
  return { prefetch, resources };
}

function patientIdOf(store: FhirStore): string {
  const [patient] = store.patients();
  if (!patient) throw new Error('fixture bundle without a Patient');
  return patient.id;
}

function recordFrom(name: BenchRecord['name'], bundle: ScalableBundle): BenchRecord {
  const store = new FhirStore();
  store.loadBundle(bundle);
  const patientId = patientIdOf(store);
  return { name, patientId, ...prefetchFromStore(store, patientId) };
}

/**
 * Scales the bundle until its prefetch holds at least `target` resources: only some of the copied
 * Observations match the prefetch's categories, so the bundle target is corrected once or twice.
 */
export function scaledRecord(bundle: ScalableBundle, target: number): BenchRecord {
  const base = recordFrom('5000', bundle);
  let bundleTarget = (bundle.entry?.length ?? 0) + (target - base.resources);
  for (let i = 0; i < 5; i++) {
    const record = recordFrom('5000', buildScaledBundle(bundle, bundleTarget));
    if (record.resources >= target) return record;
    bundleTarget += Math.ceil((target - record.resources) * 1.2);
  }
  throw new Error(`could not scale the record to ${target} resources`);
}

export function benchRecords(): BenchRecord[] {
  const typical = loadBundle(TYPICAL_FIXTURE);
  return [
    recordFrom('small', loadBundle(SMALL_FIXTURE)),
    recordFrom('typical', typical),
    scaledRecord(typical, LARGE_TARGET),
  ];
}
