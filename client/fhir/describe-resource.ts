/**
 * A FHIR resource read for the evidence drill-down, made readable: what it is (code display),
 * its value and unit, its date and its status. Display only: the synopsis itself comes from the
 * service, which owns clinical parsing; this narrows `unknown` just enough to show a source.
 */
export interface ResourceView {
  resourceType: string;
  id: string;
  title: string;
  rows: { label: string; value: string }[];
  /** A Patient's banner facts, read from the resource (not from the rows' labels). */
  patient?: { gender?: string; birthDate?: string };
}

/** Labels of the rows other components look for: one spelling, used where rows are built. */
export const ROW = { value: 'Value', range: 'Reference range', flag: 'Flag' } as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Text of a CodeableConcept: its text, else the first coding display, else a code with system. */
export function conceptText(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  const text = str(concept.text);
  if (text) return text;
  const codings = Array.isArray(concept.coding) ? concept.coding.filter(isObject) : [];
  for (const c of codings) {
    const display = str(c.display);
    if (display) return display;
  }
  const first = codings[0];
  const code = first ? str(first.code) : undefined;
  if (!first || !code) return undefined;
  const system = str(first.system);
  return system ? `${code} (${system})` : code;
}

/** Device-precision values (30.258081738079742) shown as a clinician reads them (30.26). */
export const readableNumber = (n: number): string =>
  Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(Math.abs(n) >= 1 ? 4 : 3)));

function quantityText(q: unknown): string | undefined {
  if (!isObject(q) || typeof q.value !== 'number') return undefined;
  const unit = str(q.unit) ?? str(q.code) ?? '';
  const comparator = str(q.comparator) ?? '';
  return `${comparator}${readableNumber(q.value)}${unit ? ` ${unit}` : ''}`;
}

function valueText(r: Json): string | undefined {
  const q = quantityText(r.valueQuantity);
  if (q) return q;
  const c = conceptText(r.valueCodeableConcept);
  if (c) return c;
  if (typeof r.valueString === 'string') return r.valueString;
  if (typeof r.valueBoolean === 'boolean') return r.valueBoolean ? 'yes' : 'no';
  if (typeof r.valueInteger === 'number') return String(r.valueInteger);
  if (Array.isArray(r.component)) {
    const parts = r.component
      .filter(isObject)
      .map((c) => {
        const v = quantityText(c.valueQuantity) ?? conceptText(c.valueCodeableConcept);
        const name = conceptText(c.code);
        return v ? `${name ?? 'component'}: ${v}` : undefined;
      })
      .filter((s): s is string => s !== undefined);
    if (parts.length) return parts.join('; ');
  }
  return undefined;
}

/** The first of `keys` that holds a dateTime, or a Period's start. */
function dateOf(r: Json, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = r[k];
    if (str(v)) return formatDate(str(v) ?? '');
    if (isObject(v) && str(v.start)) return formatDate(str(v.start) ?? '');
  }
  return undefined;
}

/** `2024-03-05T10:00:00Z` -> `2024-03-05`: the date a clinician reads, without a timezone shift. */
export const formatDate = (iso: string): string => iso.slice(0, 10);

const codeOf = (concept: unknown): string | undefined => {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return conceptText(concept);
  const coding = concept.coding.find(isObject);
  return (coding ? str(coding.code) : undefined) ?? conceptText(concept);
};

function dosageText(r: Json): string | undefined {
  const d = Array.isArray(r.dosageInstruction) ? r.dosageInstruction.find(isObject) : undefined;
  if (!d) return undefined;
  const written = str(d.text);
  if (written) return written;
  const dose = Array.isArray(d.doseAndRate) ? d.doseAndRate.find(isObject) : undefined;
  return dose ? quantityText(dose.doseQuantity) : undefined;
}

/**
 * A person's name as an EHR shows it (FHIR HumanName): the `official` name, else the `usual`,
 * else the first; its `text`, else given names and family.
 */
export function humanName(r: Json): string | undefined {
  const names = Array.isArray(r.name) ? r.name.filter(isObject) : [];
  const n =
    names.find((x) => x.use === 'official') ?? names.find((x) => x.use === 'usual') ?? names[0];
  if (!n) return undefined;
  const given = Array.isArray(n.given) ? n.given.filter((g) => typeof g === 'string') : [];
  return str(n.text) ?? ([...given, str(n.family) ?? ''].join(' ').trim() || undefined);
}

const reactionsOf = (r: Json): string | undefined =>
  Array.isArray(r.reaction)
    ? r.reaction
        .filter(isObject)
        .flatMap((x) => (Array.isArray(x.manifestation) ? x.manifestation.map(conceptText) : []))
        .filter((s): s is string => s !== undefined)
        .join(', ') || undefined
    : undefined;

function rangeText(r: Json): string | undefined {
  const rr = Array.isArray(r.referenceRange) ? r.referenceRange.find(isObject) : undefined;
  if (!rr) return undefined;
  const low = quantityText(rr.low);
  const high = quantityText(rr.high);
  return str(rr.text) ?? (low || high ? `${low ?? ''} – ${high ?? ''}` : undefined);
}

const displayOf = (ref: unknown): string | undefined =>
  isObject(ref) ? str(ref.display) : undefined;

type Row = [label: string, value: string | undefined];

/** The clinical fields of each resource type, labelled as a clinician names them. */
const FIELDS: Readonly<Record<string, (r: Json) => Row[]>> = {
  Patient: (r) => [
    ['Born', str(r.birthDate)],
    ['Sex', str(r.gender)],
    ['Died', dateOf(r, 'deceasedDateTime')],
  ],
  Observation: (r) => [
    [ROW.value, valueText(r)],
    [ROW.range, rangeText(r)],
    [
      ROW.flag,
      Array.isArray(r.interpretation) ? conceptText(r.interpretation.find(isObject)) : undefined,
    ],
    ['Taken', dateOf(r, 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued')],
    ['Status', str(r.status)],
  ],
  Condition: (r) => [
    ['Clinical status', codeOf(r.clinicalStatus)],
    ['Verification', codeOf(r.verificationStatus)],
    ['Onset', dateOf(r, 'onsetDateTime', 'onsetPeriod')],
    ['Resolved', dateOf(r, 'abatementDateTime', 'abatementPeriod')],
    ['Recorded', dateOf(r, 'recordedDate')],
  ],
  MedicationRequest: (r) => [
    ['Dose', dosageText(r)],
    ['Status', str(r.status)],
    ['Prescribed', dateOf(r, 'authoredOn')],
    ['Prescriber', displayOf(r.requester)],
    ['Reason', Array.isArray(r.reasonCode) ? conceptText(r.reasonCode.find(isObject)) : undefined],
  ],
  AllergyIntolerance: (r) => [
    ['Criticality', str(r.criticality)],
    ['Reaction', reactionsOf(r)],
    ['Clinical status', codeOf(r.clinicalStatus)],
    ['Verification', codeOf(r.verificationStatus)],
    ['Recorded', dateOf(r, 'recordedDate', 'onsetDateTime')],
  ],
  Procedure: (r) => [
    ['Performed', dateOf(r, 'performedDateTime', 'performedPeriod')],
    ['Status', str(r.status)],
  ],
  Immunization: (r) => [
    ['Given', dateOf(r, 'occurrenceDateTime')],
    ['Status', str(r.status)],
  ],
  ServiceRequest: (r) => [
    ['Status', str(r.status)],
    ['Ordered', dateOf(r, 'authoredOn')],
    ['Requester', displayOf(r.requester)],
  ],
};

const OTHER = (r: Json): Row[] => [
  [ROW.value, valueText(r)],
  ['Date', dateOf(r, 'effectiveDateTime', 'authoredOn', 'recordedDate', 'issued')],
  ['Status', str(r.status) ?? conceptText(r.clinicalStatus)],
];

export function describeResource(resource: unknown): ResourceView | undefined {
  if (!isObject(resource)) return undefined;
  const resourceType = str(resource.resourceType);
  const id = str(resource.id);
  if (!resourceType || !id) return undefined;
  const title =
    (resourceType === 'Patient' ? humanName(resource) : undefined) ??
    conceptText(resource.code) ??
    conceptText(resource.medicationCodeableConcept) ??
    displayOf(resource.medicationReference) ??
    `${resourceType} ${id}`;
  const rows = (FIELDS[resourceType] ?? OTHER)(resource).flatMap(([label, value]) =>
    value ? [{ label, value }] : [],
  );
  if (resourceType !== 'Patient') return { resourceType, id, title, rows };
  const gender = str(resource.gender);
  const birthDate = str(resource.birthDate);
  return {
    resourceType,
    id,
    title,
    rows,
    patient: { ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) },
  };
}
