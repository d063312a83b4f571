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
  if (extraDir) store.loadDirectory(extraDir);
  return store;
}
