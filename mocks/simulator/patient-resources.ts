/** A fixture patient's whole record as the mock EHR holds it (the EHR's own view of its data). */
import { referenceOf, type FhirStore, type StoredResource } from '../fhir-server/store';

/** The Patient and every resource whose `subject` or `patient` points at it. */
export function patientResources(store: FhirStore, patientId: string): StoredResource[] {
  const patient = store.read('Patient', patientId);
  if (!patient) return [];
  const ref = `Patient/${patientId}`;
  const out: StoredResource[] = [patient];
  for (const type of store.types) {
    if (type === 'Patient') continue;
    for (const r of store.all(type)) {
      if (referenceOf(r.subject) === ref || referenceOf(r.patient) === ref) out.push(r);
    }
  }
  return out;
}
