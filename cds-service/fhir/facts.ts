/**
 * The normalised record: what the engine (and any other model provider) reads. Codes, units, dates
 * and statuses are resolved once, here; nothing downstream looks at raw FHIR except to check that
 * evidence references resolve.
 */
import type { Concept } from './codes';
import type { Instant } from './raw';
import type { Quantity } from './units';

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
  /** Onset, else recorded date, as epoch ms. */
  onsetMs?: number | undefined;
}

export interface ObservationComponent {
  concept: Concept;
  quantity: Quantity | undefined;
}

export interface ReferenceRange {
  low?: number;
  high?: number;
  unit?: string;
  text?: string;
}

export interface ObservationFact {
  reference: string;
  concept: Concept;
  /** Category codes (`laboratory`, `vital-signs`, `survey`...). */
  categories: readonly string[];
  status: string;
  time: Instant | undefined;
  quantity: Quantity | undefined;
  valueConcept: Concept | undefined;
  /** `valueDateTime` (a date the observation reports, such as the day someone quit smoking). */
  valueTime?: Instant;
  components: readonly ObservationComponent[];
  referenceRange: ReferenceRange | undefined;
  /** v3 ObservationInterpretation codes (`H`, `L`, `HH`, `LL`, `A`, `N`...). */
  interpretation: readonly string[];
}

export interface MedicationFact {
  reference: string;
  kind: 'request' | 'statement';
  concept: Concept;
  /** Normalised to `active`, `on-hold`, `completed`, `stopped`, `draft`, `unknown`... as sent. */
  status: string;
  active: boolean;
  time: Instant | undefined;
  dosageText: string | undefined;
  /**
   * The structured dose of the first dosage: the amount per dose (in `unit`, a UCUM code or the
   * unit text; '' for a count of tablets or doses) and, when the timing says, doses per day.
   */
  dose?: { amount: number; unit: string; perDay?: number };
  /** `Type/id` of reasonReference targets. */
  reasonReferences: string[];
  reasonCodes: Concept[];
}

export interface AllergyReaction {
  manifestations: Concept[];
  severity: string | undefined;
}

export interface AllergyFact {
  reference: string;
  concept: Concept;
  clinicalStatus: string | undefined;
  verificationStatus: string | undefined;
  criticality: string | undefined;
  type: string | undefined;
  categories: string[];
  reactions: AllergyReaction[];
  recorded: Instant | undefined;
  /** The record states "no known allergy" (SNOMED CT negation codes) rather than an allergy. */
  noKnownAllergy: boolean;
  active: boolean;
}

export interface EventFact {
  reference: string;
  resourceType:
    'Encounter' | 'Procedure' | 'Immunization' | 'DiagnosticReport' | 'CarePlan' | 'ServiceRequest';
  concept: Concept | undefined;
  status: string | undefined;
  time: Instant | undefined;
  /** DiagnosticReport.result, Procedure/Encounter reasons, CarePlan.addresses as `Type/id`. */
  related: string[];
}

export interface PatientRecord {
  patient: PatientFacts;
  conditions: ConditionFact[];
  observations: ObservationFact[];
  medications: MedicationFact[];
  allergies: AllergyFact[];
  encounters: EventFact[];
  procedures: EventFact[];
  immunizations: EventFact[];
  reports: EventFact[];
  carePlans: EventFact[];
  /** Orders (ServiceRequest): placed, pending signature or completed; `status` says which. */
  orders: EventFact[];
  /** Every resource kept, by `Type/id`, so that evidence can be resolved and checked. */
  resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /**
   * The rest of what the normaliser read, which shapes the facts as much as the resources kept:
   * how Bundle `fullUrl`s resolve references, and the resources skipped (invalid, or an older
   * version of one kept). The record hash covers these too: two inputs whose facts can differ
   * never share a hash, and so never share a cached synopsis.
   */
  input: {
    fullUrls: ReadonlyMap<string, string>;
    skipped: readonly Readonly<Record<string, unknown>>[];
  };
  /** What was skipped or looked wrong, in words safe to show (no values, no names). */
  dataQuality: string[];
  /** Every resource of the input, accounted for: nothing is dropped without a number. */
  coverage: InputCoverage;
}

export interface InputCoverage {
  /** Resources in the input (Bundles flattened; a Bundle itself is not counted). */
  total: number;
  /** Read into the record (facts, the Patient, Medication resources). */
  read: number;
  /** Left out, by reason ("no code", "status entered-in-error", "about another patient"...). */
  skipped: Record<string, number>;
  /** Of a type the engine does not read (Claim, Provenance...), by type. */
  notRead: Record<string, number>;
}
