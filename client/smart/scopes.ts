/** The panel's SMART client id, as the EHR registers it (README, "Registering the panel"). */
export const PANEL_CLIENT_ID = 'ehr-synopsis-panel';

/** The patient-facing page's SMART client id, as a patient portal registers it (README). */
export const PATIENT_PAGE_CLIENT_ID = 'ehr-synopsis-patient';

/**
 * What the patient-facing page asks for: the launch context, who the user is (`openid fhirUser`:
 * the patient, or someone the portal lets see the patient's record) and the same data scopes.
 */
export const patientPageScope = (launch: 'launch' | 'launch/patient'): string =>
  [launch, 'openid', 'fhirUser', ...DATA_SCOPES].join(' ');

/** What the panel asks for at an EHR launch: the launch context and its data scopes. */
export const panelScope = (launch: 'launch' | 'launch/patient' = 'launch'): string =>
  [launch, ...DATA_SCOPES].join(' ');

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
  // The Medication a request references (the `_include` of the medications template).
  'patient/Medication.rs',
  'patient/AllergyIntolerance.rs',
  'patient/Procedure.rs',
  'patient/Immunization.rs',
  'patient/ServiceRequest.rs',
] as const;
