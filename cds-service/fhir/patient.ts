/**
 * Reading the Patient resource itself: whether a resource is the Patient a call names, and the
 * values that identify that patient (for de-identification before text leaves the service).
 */
import { arr, isObject, str } from './raw';

/** True when `value` is the Patient resource with this id (the prefetch's, or the FHIR server's). */
export function isPatient(value: unknown, patientId: string): boolean {
  return isObject(value) && value.resourceType === 'Patient' && value.id === patientId;
}

/** The identifying values of a FHIR Patient: names, identifiers, telecom, address, birth date. */
export function patientIdentifiers(
  patient: Readonly<Record<string, unknown>> | undefined,
): string[] {
  if (!patient) return [];
  const values: string[] = [];
  const add = (v: unknown): void => {
    const s = str(v);
    if (s) values.push(s.trim());
  };
  add(patient.id);
  add(patient.birthDate);
  for (const name of [
    ...arr(patient.name),
    ...arr(patient.contact).map((c) => (isObject(c) ? c.name : undefined)),
  ]) {
    if (!isObject(name)) continue;
    add(name.text);
    add(name.family);
    for (const part of [...arr(name.given), ...arr(name.prefix), ...arr(name.suffix)]) add(part);
  }
  for (const id of arr(patient.identifier)) if (isObject(id)) add(id.value);
  for (const t of arr(patient.telecom)) if (isObject(t)) add(t.value);
  for (const a of arr(patient.address)) {
    if (!isObject(a)) continue;
    add(a.text);
    add(a.city);
    add(a.district);
    add(a.postalCode);
    for (const line of arr(a.line)) add(line);
  }
  // Very short values ("Jo", "MA") would redact ordinary words; they are not sent by any field.
  return [...new Set(values.filter((v) => v.length >= 3))];
}
