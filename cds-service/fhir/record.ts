/**
 * FHIR R4 in, one normalised `PatientRecord` out. This is the only module that reads raw FHIR:
 * everything downstream (engine, cards, providers) works on the record.
 */
import { FHIR_ID, RESOURCE_TYPE } from '../contract/fhir-primitives';
import { countList } from '../text';
import { collect, referenceResolver } from './collect';
import type {
  InputCoverage,
  AllergyFact,
  ConditionFact,
  EventFact,
  MedicationFact,
  ObservationFact,
  PatientFacts,
  PatientRecord,
  Sex,
} from './facts';
import { readAllergy, readCondition } from './read-clinical';
import { createQualityLog, type ReadContext } from './read-context';
import { isEventType, readEvent } from './read-event';
import { readMedication } from './read-medication';
import { readObservation } from './read-observation';
import { arr, isObject, readInstant, str, type RawResource } from './raw';

// The record's types are declared in `facts.ts`; these names are the stable import point others use.

/** Flattens a Bundle, a prefetch map, or arrays of these into their resources. */
export function collectResources(input: unknown): RawResource[] {
  return collect(input).resources;
}

/** The field naming the patient a resource is about, by resource type. */
const SUBJECT_FIELD: Readonly<Record<string, string>> = {
  Condition: 'subject',
  Observation: 'subject',
  MedicationRequest: 'subject',
  MedicationStatement: 'subject',
  AllergyIntolerance: 'patient',
  Encounter: 'subject',
  Procedure: 'subject',
  Immunization: 'patient',
  DiagnosticReport: 'subject',
  CarePlan: 'subject',
  ServiceRequest: 'subject',
};

/** Every resource type the normaliser reads; others are counted as not read. */
export const READ_RESOURCE_TYPES: readonly string[] = [
  'Patient',
  'Medication',
  ...Object.keys(SUBJECT_FIELD),
];

export function normalise(input: unknown, patientId: string, now: Date): PatientRecord {
  const { resources: raw, fullUrls } = collect(input);
  const log = createQualityLog();
  const resources = new Map<string, RawResource>();
  const skipped: RawResource[] = [];
  const coverage: InputCoverage = { total: raw.length, read: 0, skipped: {}, notRead: {} };
  const tally = (into: Record<string, number>, key: string): void => {
    into[key] = (into[key] ?? 0) + 1;
  };
  const skip = (reason: string, note?: string): void => {
    tally(coverage.skipped, reason);
    if (note !== undefined) log.note(note);
  };
  for (const r of raw) {
    // Keys become `Type/id` citations in the Synopsis, whose contract (and the panel) accept only
    // valid FHIR types and ids; anything else is skipped here rather than cited.
    if (!RESOURCE_TYPE.test(r.resourceType)) {
      skipped.push(r);
      skip('invalid resource type', 'A resource with an invalid id or type was skipped.');
      continue;
    }
    const id = str(r.id);
    if (!id) {
      skipped.push(r);
      skip('no id', `A ${r.resourceType} without an id was skipped.`);
      continue;
    }
    if (!FHIR_ID.test(id)) {
      skipped.push(r);
      skip('invalid id', 'A resource with an invalid id or type was skipped.');
      continue;
    }
    const key = `${r.resourceType}/${id}`;
    const seen = resources.get(key);
    // The same resource can arrive twice (prefetch key and search Bundle): keep the newest version.
    if (!seen || lastUpdated(r) > lastUpdated(seen)) {
      if (seen) skipped.push(seen);
      resources.set(key, r);
    } else skipped.push(r);
    if (seen) skip('sent twice (the newest version is read)');
  }
  const ctx: ReadContext = {
    fullUrls,
    concepts: new Map(),
    codeLists: new Map(),
    nowMs: now.getTime(),
    note: log.note,
    skip,
  };
  const medicationById = new Map<string, RawResource>();
  for (const [key, r] of resources) if (r.resourceType === 'Medication') medicationById.set(key, r);

  const conditions: ConditionFact[] = [];
  const observations: ObservationFact[] = [];
  const medications: MedicationFact[] = [];
  const allergies: AllergyFact[] = [];
  const events: Record<EventFact['resourceType'], EventFact[]> = {
    Encounter: [],
    Procedure: [],
    Immunization: [],
    DiagnosticReport: [],
    CarePlan: [],
    ServiceRequest: [],
  };
  const patientReference = `Patient/${patientId}`;
  const subjectOf = referenceResolver(fullUrls);
  for (const [reference, r] of resources) {
    const type = r.resourceType;
    const subjectField = SUBJECT_FIELD[type];
    if (subjectField && isObject(r[subjectField])) {
      const subject = subjectOf(r[subjectField]);
      if (subject?.startsWith('Patient/') && subject !== patientReference) {
        skip('about another patient', `A ${type} about another patient was skipped.`);
        continue;
      }
    }
    let read = true;
    switch (type) {
      case 'Condition':
        read = push(conditions, readCondition(r, reference, ctx));
        break;
      case 'Observation':
        read = push(observations, readObservation(r, reference, ctx));
        break;
      case 'MedicationRequest':
      case 'MedicationStatement':
        read = push(medications, readMedication(r, reference, ctx, medicationById));
        break;
      case 'AllergyIntolerance':
        read = push(allergies, readAllergy(r, reference, ctx));
        break;
      case 'Patient':
        if (reference !== patientReference) {
          skip('another Patient resource');
          read = false;
        }
        break;
      case 'Medication':
        break;
      default:
        if (isEventType(type)) read = push(events[type], readEvent(r, type, reference, ctx));
        else {
          tally(coverage.notRead, type);
          read = false;
        }
    }
    if (read) coverage.read++;
  }
  const byTime = (
    a: { time: { ms: number } | undefined },
    b: { time: { ms: number } | undefined },
  ) => (a.time?.ms ?? 0) - (b.time?.ms ?? 0);
  observations.sort(byTime);
  medications.sort(byTime);
  const patient = readPatient(patientId, resources.get(patientReference), now);
  if (!resources.has(patientReference)) log.note('The Patient resource is missing.');
  return {
    patient,
    conditions,
    observations,
    medications,
    allergies,
    encounters: events.Encounter.sort(byTime),
    procedures: events.Procedure.sort(byTime),
    immunizations: events.Immunization.sort(byTime),
    reports: events.DiagnosticReport.sort(byTime),
    carePlans: events.CarePlan.sort(byTime),
    orders: events.ServiceRequest.sort(byTime),
    resources,
    input: { fullUrls, skipped },
    dataQuality: [...log.render(), ...coverageNote(coverage)],
    coverage,
  };
}

/** Adds a fact a reader made; false when the reader left the resource out (it counted why). */
function push<T>(list: T[], item: T | undefined): boolean {
  if (item === undefined) return false;
  list.push(item);
  return true;
}

/** How many resources of the input were skipped, and how many were of types not read. */
export function coverageTotals(c: InputCoverage): { skipped: number; notRead: number } {
  const skipped = Object.values(c.skipped).reduce((a, b) => a + b, 0);
  return { skipped, notRead: c.total - c.read - skipped };
}

/** One data-quality line when anything of the input was not read, with the numbers. */
function coverageNote(c: InputCoverage): string[] {
  const { skipped, notRead } = coverageTotals(c);
  if (skipped === 0 && notRead === 0) return [];
  return [
    `Input: ${String(c.total)} resources, ${String(c.read)} read, ${String(skipped)} skipped` +
      (notRead ? `, ${String(notRead)} of types not read (${countList(c.notRead)})` : '') +
      '.',
  ];
}

function lastUpdated(r: RawResource): string {
  return isObject(r.meta) ? (str(r.meta.lastUpdated) ?? '') : '';
}

/**
 * US Core extensions that carry a patient's sex, most specific first: individual sex (STU9),
 * sex (STU6-8: valueCode, then valueCoding), birth sex (valueCode F/M).
 */
const SEX_EXTENSIONS = [
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex',
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex',
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
];
/** SNOMED CT 248152002 Female, 248153007 Male; HL7 AdministrativeGender F, M. */
const SEX_CODES: Readonly<Record<string, 'female' | 'male'>> = {
  '248152002': 'female',
  '248153007': 'male',
  F: 'female',
  M: 'male',
};

/** Sex from the US Core extensions, for a Patient without a usable `gender`. */
function sexFromExtensions(r: RawResource | undefined): 'female' | 'male' | undefined {
  for (const url of SEX_EXTENSIONS) {
    const ext = arr(r?.extension).find((e) => isObject(e) && e.url === url);
    if (!isObject(ext)) continue;
    const coding = isObject(ext.valueCoding) ? ext.valueCoding : undefined;
    const code = str(ext.valueCode) ?? str(coding?.code);
    const sex = code !== undefined && Object.hasOwn(SEX_CODES, code) ? SEX_CODES[code] : undefined;
    if (sex) return sex;
  }
  return undefined;
}

function readPatient(id: string, r: RawResource | undefined, now: Date): PatientFacts {
  const birthDate = readInstant(r?.birthDate)?.iso;
  const gender = str(r?.gender);
  const sex: Sex =
    gender === 'female' || gender === 'male' || gender === 'other'
      ? gender
      : (sexFromExtensions(r) ?? 'unknown');
  const deceased = readInstant(r?.deceasedDateTime);
  const at = deceased ? new Date(deceased.ms) : now;
  return {
    id,
    reference: `Patient/${id}`,
    birthDate,
    ageYears: birthDate ? ageInYears(birthDate, at) : undefined,
    sex,
  };
}

export function ageInYears(birthDate: string, at: Date): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < mo || (at.getUTCMonth() + 1 === mo && at.getUTCDate() < d)) age--;
  return age >= 0 && age < 130 ? age : undefined;
}
