/** A fixture patient's whole record as the mock EHR holds it (the EHR's own view of its data). */
import { isObject, referenceOf, type FhirStore, type StoredResource } from '../fhir-server/store';

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

/** The patient's display name, from the stored Patient (the chart banner shows it). */
export function patientName(patient: StoredResource | undefined): string {
  const names = patient?.name;
  if (!Array.isArray(names)) return '(no name)';
  const first: unknown = names.find((n) => isObject(n) && n.use === 'official') ?? names[0];
  if (!isObject(first)) return '(no name)';
  const given = Array.isArray(first.given) ? first.given.filter((g) => typeof g === 'string') : [];
  const family = typeof first.family === 'string' ? first.family : '';
  // Synthea appends digits to synthetic names (`Bennie663`): an EHR chart would not show them.
  return [...given, family].join(' ').replace(/\d+/g, '').trim() || '(no name)';
}
