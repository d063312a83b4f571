import { fileURLToPath } from 'node:url';
import { FhirStore } from './fhir-server/store';

/** The synthetic (Synthea) patient bundles shipped with the project: see fixtures/synthea/SOURCE.md. */
export const SYNTHEA_DIR = fileURLToPath(new URL('./fixtures/synthea', import.meta.url));
export const CDS_HOOKS_EXAMPLES_DIR = fileURLToPath(
  new URL('./fixtures/cds-hooks', import.meta.url),
);

/** A FHIR store holding every fixture patient, plus the bundles of `extraDir` when given. */
export function loadFixtureStore(extraDir?: string): FhirStore {
  const store = new FhirStore();
  store.loadDirectory(SYNTHEA_DIR);
  chartNames(store);
  if (extraDir) store.loadDirectory(extraDir);
  return store;
}

/**
 * Synthea appends digits to synthetic names (`Bennie663 Raynor401`); a real chart would not show
 * them. The mock EHR records the chart's name as `HumanName.text`, where every FHIR client (the
 * simulator's chart and the SMART panel's banner alike) reads it first.
 */
function chartNames(store: FhirStore): void {
  for (const patient of store.all('Patient')) {
    if (!Array.isArray(patient.name)) continue;
    const name = patient.name.map((n: unknown) => {
      if (typeof n !== 'object' || n === null || 'text' in n) return n;
      const { given, family } = n as { given?: unknown; family?: unknown };
      const givens: unknown[] = Array.isArray(given) ? given : [];
      const parts = [...givens, family].filter((p): p is string => typeof p === 'string');
      if (!parts.some((p) => /\d/.test(p))) return n;
      return { ...n, text: parts.map((p) => p.replace(/\d+/g, '')).join(' ') };
    });
    store.put({ ...patient, name });
  }
}
