/**
 * FHIR R4 in, one normalised `PatientRecord` out. This is the only module that reads raw FHIR:
 * everything downstream (engine, cards, providers) works on the record.
 */
import { codeIn, readConcept, SYSTEMS, type Concept } from './codes';

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export interface PatientFacts {
  id: string;
  reference: string;
  birthDate: string | undefined;
  ageYears: number | undefined;
  sex: Sex;
}

export interface ConditionFact {
  reference: string;
  concept: Concept;
  clinicalStatus: string | undefined;
  verificationStatus: string | undefined;
  onset: string | undefined;
  abatement: string | undefined;
}

export interface PatientRecord {
  patient: PatientFacts;
  conditions: ConditionFact[];
  /** Every resource kept, by `Type/id`, so that evidence can be resolved and checked. */
  resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** What was skipped or looked wrong, in words safe to show (no values, no names). */
  dataQuality: string[];
}

type RawResource = Record<string, unknown> & { resourceType: string; id?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isResource = (v: unknown): v is RawResource =>
  isObject(v) && typeof v.resourceType === 'string';
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Flattens what a CDS client or FHIR server hands us: a Bundle of any type, a prefetch map whose
 * values are resources, Bundles or null, or an array of either.
 */
export function collectResources(input: unknown): RawResource[] {
  const out: RawResource[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item);
    } else if (isResource(v)) {
      if (v.resourceType === 'Bundle') {
        if (Array.isArray(v.entry)) for (const e of v.entry) if (isObject(e)) visit(e.resource);
      } else {
        out.push(v);
      }
    } else if (isObject(v)) {
      for (const value of Object.values(v)) visit(value);
    }
  };
  visit(input);
  return out;
}

export function normalise(input: unknown, patientId: string, now: Date): PatientRecord {
  const resources = new Map<string, RawResource>();
  const dataQuality: string[] = [];
  for (const r of collectResources(input)) {
    const id = str(r.id);
    if (!id) {
      dataQuality.push(`A ${r.resourceType} without an id was skipped.`);
      continue;
    }
    resources.set(`${r.resourceType}/${id}`, r);
  }
  const patientResource = resources.get(`Patient/${patientId}`);
  const conditions: ConditionFact[] = [];
  for (const [reference, r] of resources) {
    if (r.resourceType === 'Condition') {
      const concept = readConcept(r.code);
      if (!concept) {
        dataQuality.push('A Condition without a code was skipped.');
        continue;
      }
      const verificationStatus = codeIn(
        readConcept(r.verificationStatus),
        SYSTEMS.conditionVerification,
      );
      if (verificationStatus === 'entered-in-error' || verificationStatus === 'refuted') continue;
      conditions.push({
        reference,
        concept,
        clinicalStatus: codeIn(readConcept(r.clinicalStatus), SYSTEMS.conditionClinical),
        verificationStatus,
        onset:
          str(r.onsetDateTime) ?? str((r.onsetPeriod as { start?: unknown } | undefined)?.start),
        abatement: str(r.abatementDateTime),
      });
    }
  }
  return {
    patient: readPatient(patientId, patientResource, now),
    conditions,
    resources,
    dataQuality,
  };
}

function readPatient(id: string, r: RawResource | undefined, now: Date): PatientFacts {
  const birthDate = str(r?.birthDate);
  const gender = str(r?.gender);
  const sex: Sex =
    gender === 'female' || gender === 'male' || gender === 'other' ? gender : 'unknown';
  const deceased = str(r?.deceasedDateTime);
  return {
    id,
    reference: `Patient/${id}`,
    birthDate,
    ageYears: birthDate ? ageInYears(birthDate, deceased ? new Date(deceased) : now) : undefined,
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
  return age >= 0 ? age : undefined;
}
