import { resourceTypesRead } from '../../cds-service/contract/prefetch-template';

/**
 * The SMART scopes an EHR grants a CDS service in `fhirAuthorization`: read and search of the
 * resource types its prefetch templates name, for the patient in context, nothing wider
 * (CDS Hooks 2.0, "FHIR Resource Access": the EHR decides, narrowest sensible).
 */
export function scopesForPrefetch(templates: Record<string, string>): string[] {
  const types = new Set<string>(['Patient']);
  for (const template of Object.values(templates)) {
    for (const type of resourceTypesRead(template)) types.add(type);
  }
  return [...types].sort().map((t) => `patient/${t}.rs`);
}
