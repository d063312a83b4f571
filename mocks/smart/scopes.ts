/**
 * SMART scopes as the mock authorization and resource servers read them.
 * v2 (`patient/Observation.rs`) and v1 (`patient/Observation.read`) forms are both understood:
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

/** The interactions the mock FHIR server offers (`create`: accepted CDS Hooks suggestions). */
export type Interaction = 'read' | 'search' | 'create';

export interface ResourceScope {
  context: 'patient' | 'user' | 'system';
  resourceType: string;
  interactions: ReadonlySet<Interaction>;
}

const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([cruds]+|read|write|\*)$/;

/** Parses one clinical-data scope; launch, openid and the like are not resource scopes. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const m = RESOURCE_SCOPE.exec(scope);
  if (!m) return undefined;
  const [, context, resourceType, perms] = m as unknown as [
    string,
    ResourceScope['context'],
    string,
    string,
  ];
  const interactions = new Set<Interaction>();
  if (perms === 'read' || perms === '*') interactions.add('read').add('search');
  if (perms === 'write' || perms === '*') interactions.add('create');
  if (perms !== 'read' && perms !== 'write' && perms !== '*') {
    if (perms.includes('c')) interactions.add('create');
    if (perms.includes('r')) interactions.add('read');
    if (perms.includes('s')) interactions.add('search');
  }
  return { context, resourceType, interactions };
}

export const splitScopes = (scope: string): string[] => scope.split(/\s+/).filter(Boolean);

/** True when one of `scopes` lets a patient-context token do `interaction` on `resourceType`. */
export function patientScopeAllows(
  scopes: readonly string[],
  resourceType: string,
  interaction: Interaction,
): boolean {
  return scopes.some((s) => {
    const parsed = parseResourceScope(s);
    return (
      parsed !== undefined &&
      parsed.context === 'patient' &&
      (parsed.resourceType === '*' || parsed.resourceType === resourceType) &&
      parsed.interactions.has(interaction)
    );
  });
}

/** Scopes this mock server grants: launch context, identity, and patient read/search scopes. */
export function isSupportedScope(scope: string): boolean {
  if (
    ['launch', 'launch/patient', 'openid', 'fhirUser', 'offline_access', 'online_access'].includes(
      scope,
    )
  ) {
    return true;
  }
  return parseResourceScope(scope)?.context === 'patient';
}
