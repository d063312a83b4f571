/**
 * The narrowest scopes the panel needs: the resource types the synopsis is built from (and its
 * evidence cites), read and search only, for the launch patient. No identity, no refresh.
 * They must cover every resource type of the service's prefetch templates, which the panel API
 * reads with the panel's token (checked by tests/panel-scopes.test.ts).
 */
export const DATA_SCOPES = [
  'patient/Patient.rs',
  'patient/Condition.rs',
  'patient/Observation.rs',
  'patient/MedicationRequest.rs',
  'patient/AllergyIntolerance.rs',
  'patient/Procedure.rs',
  'patient/Immunization.rs',
] as const;
