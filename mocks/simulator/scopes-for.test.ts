import { describe, expect, it } from 'vitest';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { scopesForPrefetch } from './scopes-for';

describe('scopesForPrefetch', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['no prefetch: the patient only', {}, ['patient/Patient.rs']],
    [
      'a read and a search',
      { p: 'Patient/{{context.patientId}}', c: 'Condition?patient={{context.patientId}}' },
      ['patient/Condition.rs', 'patient/Patient.rs'],
    ],
    [
      'a bare type search and a duplicate',
      { a: 'Observation', b: 'Observation?code=4548-4' },
      ['patient/Observation.rs', 'patient/Patient.rs'],
    ],
    ['something that is not a query', { x: '{{context.userId}}' }, ['patient/Patient.rs']],
    [
      'a search with an _include',
      { m: 'MedicationRequest?patient=1&_include=MedicationRequest:medication' },
      ['patient/Medication.rs', 'patient/MedicationRequest.rs', 'patient/Patient.rs'],
    ],
  ])('%s', (_name, templates, scopes) => {
    expect(scopesForPrefetch(templates)).toEqual(scopes);
  });

  it("covers every type of the product's own templates", () => {
    expect(scopesForPrefetch(PATIENT_VIEW_PREFETCH)).toEqual([
      'patient/AllergyIntolerance.rs',
      'patient/Condition.rs',
      'patient/Immunization.rs',
      'patient/Medication.rs',
      'patient/MedicationRequest.rs',
      'patient/Observation.rs',
      'patient/Patient.rs',
      'patient/Procedure.rs',
      'patient/ServiceRequest.rs',
    ]);
  });
});
