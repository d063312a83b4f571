/**
 * The one place the project imports FHIR R4 type definitions from (`@types/fhir`, pinned; its R4
 * types live under `fhir4`). Swapping the type source touches only this file.
 */
export type {
  AllergyIntolerance,
  Bundle,
  CarePlan,
  CodeableConcept,
  Coding,
  Condition,
  DiagnosticReport,
  Encounter,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  OperationOutcome,
  Patient,
  Procedure,
  Reference,
  Resource,
} from 'fhir/r4';
