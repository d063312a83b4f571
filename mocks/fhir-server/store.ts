import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A FHIR resource as the mock stores it: only `resourceType` and `id` are relied upon. */
export interface StoredResource {
  resourceType: string;
  id: string;
  [key: string]: unknown;
}

export interface PatientSummary {
  id: string;
  name: string;
  birthDate: string | undefined;
}

/**
 * An in-memory FHIR store loaded from Bundles (transaction, batch, collection or searchset).
 * Transaction bundles reference each other by `urn:uuid:` fullUrls; those are rewritten to
 * `Type/id` on load so that reads and searches see ordinary relative references.
 */
export class FhirStore {
  private readonly byType = new Map<string, Map<string, StoredResource>>();

  get types(): string[] {
    return [...this.byType.keys()].sort();
  }

  read(type: string, id: string): StoredResource | undefined {
    return this.byType.get(type)?.get(id);
  }

  all(type: string): Iterable<StoredResource> {
    return this.byType.get(type)?.values() ?? [];
  }

  put(resource: StoredResource): void {
    let table = this.byType.get(resource.resourceType);
    if (!table) {
      table = new Map();
      this.byType.set(resource.resourceType, table);
    }
    table.set(resource.id, resource);
  }

  loadBundle(bundle: unknown): number {
    if (!isObject(bundle) || bundle.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) {
      throw new Error('not a FHIR Bundle with entries');
    }
    const fullUrlToRef = new Map<string, string>();
    const resources: StoredResource[] = [];
    for (const entry of bundle.entry as unknown[]) {
      if (!isObject(entry) || !isResource(entry.resource)) continue;
      const resource = entry.resource;
      if (typeof entry.fullUrl === 'string') {
        fullUrlToRef.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
      }
      resources.push(resource);
    }
    for (const resource of resources) {
      this.put(rewriteReferences(resource, fullUrlToRef) as StoredResource);
    }
    return resources.length;
  }

  loadDirectory(dir: string): number {
    let count = 0;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      count += this.loadBundle(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    }
    return count;
  }

  patients(): PatientSummary[] {
    return [...this.all('Patient')].map((p) => ({
      id: p.id,
      name: patientName(p),
      birthDate: typeof p.birthDate === 'string' ? p.birthDate : undefined,
    }));
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isResource = (v: unknown): v is StoredResource =>
  isObject(v) && typeof v.resourceType === 'string' && typeof v.id === 'string';

export const referenceOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.reference === 'string' ? v.reference : undefined;

function rewriteReferences(value: unknown, map: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, map));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === 'reference' && typeof v === 'string' ? (map.get(v) ?? v) : rewriteReferences(v, map);
  }
  return out;
}

/** The patient's display name, as an EHR chart or picker shows it. */
/**
 * The name an EHR shows for a Patient (FHIR HumanName): the `official` name, else the `usual`,
 * else the first; its `text`, else given names and family. The SMART panel's banner follows the
 * same rules, so chart and panel agree.
 */
export function patientName(patient: StoredResource | undefined): string {
  const names = Array.isArray(patient?.name) ? patient.name.filter(isObject) : [];
  const chosen =
    names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
  if (!chosen) return '(no name)';
  if (typeof chosen.text === 'string' && chosen.text.trim()) return chosen.text.trim();
  const given = Array.isArray(chosen.given)
    ? chosen.given.filter((g) => typeof g === 'string')
    : [];
  const family = typeof chosen.family === 'string' ? chosen.family : '';
  return [...given, family].join(' ').trim() || '(no name)';
}
