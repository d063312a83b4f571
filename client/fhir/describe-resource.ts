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
}

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

function dateText(r: Json): string | undefined {
  for (const k of [
    'effectiveDateTime',
    'onsetDateTime',
    'authoredOn',
    'recordedDate',
    'issued',
    'birthDate',
  ]) {
    const v = str(r[k]);
    if (v) return formatDate(v);
  }
  for (const k of ['effectivePeriod', 'onsetPeriod']) {
    const p = r[k];
    if (isObject(p) && str(p.start)) return formatDate(str(p.start) ?? '');
  }
  return undefined;
}

/** `2024-03-05T10:00:00Z` -> `2024-03-05`: the date a clinician reads, without a timezone shift. */
export const formatDate = (iso: string): string => iso.slice(0, 10);

function statusText(r: Json): string | undefined {
  return str(r.status) ?? conceptText(r.clinicalStatus) ?? conceptText(r.verificationStatus);
}

function dosageText(r: Json): string | undefined {
  const d = Array.isArray(r.dosageInstruction) ? r.dosageInstruction.find(isObject) : undefined;
  return d ? str(d.text) : undefined;
}

function nameText(r: Json): string | undefined {
  const n = Array.isArray(r.name) ? r.name.find(isObject) : undefined;
  if (!n) return undefined;
  const given = Array.isArray(n.given)
    ? n.given.filter((g) => typeof g === 'string').join(' ')
    : '';
  return str(n.text) ?? (`${given} ${str(n.family) ?? ''}`.trim() || undefined);
}

export function describeResource(resource: unknown): ResourceView | undefined {
  if (!isObject(resource)) return undefined;
  const resourceType = str(resource.resourceType);
  const id = str(resource.id);
  if (!resourceType || !id) return undefined;
  const title =
    (resourceType === 'Patient' ? nameText(resource) : undefined) ??
    conceptText(resource.code) ??
    conceptText(resource.medicationCodeableConcept) ??
    `${resourceType} ${id}`;
  const rows: ResourceView['rows'] = [];
  const add = (label: string, value: string | undefined): void => {
    if (value) rows.push({ label, value });
  };
  add('Value', valueText(resource));
  add('Dosage', dosageText(resource));
  add('Criticality', str(resource.criticality));
  add(
    'Reaction',
    Array.isArray(resource.reaction)
      ? resource.reaction
          .filter(isObject)
          .flatMap((x) => (Array.isArray(x.manifestation) ? x.manifestation.map(conceptText) : []))
          .filter((s): s is string => s !== undefined)
          .join(', ') || undefined
      : undefined,
  );
  if (Array.isArray(resource.interpretation))
    add('Interpretation', conceptText(resource.interpretation[0]));
  if (Array.isArray(resource.referenceRange) && isObject(resource.referenceRange[0])) {
    const rr = resource.referenceRange[0];
    const low = quantityText(rr.low);
    const high = quantityText(rr.high);
    add(
      'Reference range',
      str(rr.text) ?? (low || high ? `${low ?? ''} – ${high ?? ''}` : undefined),
    );
  }
  add('Date', dateText(resource));
  add('Status', statusText(resource));
  add('Gender', resourceType === 'Patient' ? str(resource.gender) : undefined);
  return { resourceType, id, title, rows };
}
