/**
 * Builders of small FHIR R4 resources for unit tests of the engine's rule families. Test support
 * only: the service never imports it.
 */
import { SYSTEMS } from '../fhir/codes';
import type { PatientRecord } from '../fhir/facts';
import { normalise } from '../fhir/record';

export const PATIENT_ID = 'p1';
export const NOW = new Date('2024-06-01T00:00:00Z');

export type Resource = Record<string, unknown> & { resourceType: string; id: string };

let counter = 0;
const nextId = (prefix: string): string => `${prefix}${++counter}`;

export const patient = (birthDate = '1960-01-01', gender = 'female'): Resource => ({
  resourceType: 'Patient',
  id: PATIENT_ID,
  birthDate,
  gender,
});

const subject = { reference: `Patient/${PATIENT_ID}` };

export function observation(
  loinc: string,
  value: number,
  unit: string,
  date: string,
  extra: Record<string, unknown> = {},
): Resource {
  return {
    resourceType: 'Observation',
    id: nextId('o'),
    status: 'final',
    code: { coding: [{ system: SYSTEMS.loinc, code: loinc }] },
    subject,
    effectiveDateTime: date,
    valueQuantity: { value, unit, system: SYSTEMS.ucum, code: unit },
    ...extra,
  };
}

export function bloodPressure(systolic: number, diastolic: number, date: string): Resource {
  const component = (code: string, value: number) => ({
    code: { coding: [{ system: SYSTEMS.loinc, code }] },
    valueQuantity: { value, unit: 'mm[Hg]', system: SYSTEMS.ucum, code: 'mm[Hg]' },
  });
  return {
    resourceType: 'Observation',
    id: nextId('bp'),
    status: 'final',
    code: { coding: [{ system: SYSTEMS.loinc, code: '85354-9' }] },
    subject,
    effectiveDateTime: date,
    component: [component('8480-6', systolic), component('8462-4', diastolic)],
  };
}

export function medication(
  text: string,
  status = 'active',
  rxnorm?: string,
  extra: Record<string, unknown> = {},
): Resource {
  return {
    resourceType: 'MedicationRequest',
    id: nextId('m'),
    status,
    intent: 'order',
    subject,
    authoredOn: '2024-01-01',
    medicationCodeableConcept: {
      coding: rxnorm ? [{ system: SYSTEMS.rxnorm, code: rxnorm, display: text }] : [],
      text,
    },
    ...extra,
  };
}

export function condition(
  snomed: string,
  display: string,
  clinicalStatus = 'active',
  extra: Record<string, unknown> = {},
): Resource {
  return {
    resourceType: 'Condition',
    id: nextId('c'),
    subject,
    code: { coding: [{ system: SYSTEMS.snomed, code: snomed, display }], text: display },
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: clinicalStatus }] },
    onsetDateTime: '2020-01-01',
    ...extra,
  };
}

/** A completed Procedure coded `system|code`, performed on `date`. */
export function procedure(system: string, code: string, date: string): Resource {
  return {
    resourceType: 'Procedure',
    id: nextId('pr'),
    status: 'completed',
    subject,
    code: { coding: [{ system, code }] },
    performedDateTime: date,
  };
}

export function allergy(
  snomed: string,
  display: string,
  extra: Record<string, unknown> = {},
): Resource {
  return {
    resourceType: 'AllergyIntolerance',
    id: nextId('a'),
    patient: subject,
    code: { coding: [{ system: SYSTEMS.snomed, code: snomed, display }], text: display },
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: 'active',
        },
      ],
    },
    ...extra,
  };
}

export function bundle(...resources: Resource[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
}

/** The record of the resources, with the default patient unless one of them is the Patient. */
export function record(...resources: Resource[]): PatientRecord {
  const own = resources.some((r) => r.resourceType === 'Patient');
  return normalise(bundle(...(own ? [] : [patient()]), ...resources), PATIENT_ID, NOW);
}
