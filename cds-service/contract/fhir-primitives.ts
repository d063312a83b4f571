/**
 * FHIR R4 primitive syntax, written once: the id (R4 2.24.0.1 "id": 1-64 of A-Z a-z 0-9 - .) and
 * the resource type, and relative references built from them. Used by the contract schemas, the
 * FHIR reader and the mock FHIR server.
 */

/** The id syntax, as a source string to build larger patterns from. */
export const FHIR_ID_SYNTAX = '[A-Za-z0-9\\-.]{1,64}';
/** A resource type name (`Observation`), as a source string. */
export const RESOURCE_TYPE_SYNTAX = '[A-Z][A-Za-z]{1,63}';

export const FHIR_ID = new RegExp(`^${FHIR_ID_SYNTAX}$`);
export const RESOURCE_TYPE = new RegExp(`^${RESOURCE_TYPE_SYNTAX}$`);
/** `Type/id`, the relative literal reference. */
export const RELATIVE_REFERENCE = new RegExp(`^${RESOURCE_TYPE_SYNTAX}/${FHIR_ID_SYNTAX}$`);

/** A reference to one of `types` by id (`Practitioner/123`). */
export const referenceTo = (types: readonly string[]): RegExp =>
  new RegExp(`^(${types.join('|')})/${FHIR_ID_SYNTAX}$`);
