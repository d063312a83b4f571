/** MedicationRequest and MedicationStatement readers (RxNorm codes, status, dosage text). */
import { readConcept, type Concept } from './codes';
import { resolveReference } from './collect';
import type { MedicationFact } from './facts';
import type { ReadContext } from './read-context';
import { arr, firstInstant, isObject, isResource, text, type RawResource } from './raw';

const REQUEST_ACTIVE = new Set(['active']);
const STATEMENT_ACTIVE = new Set(['active', 'intended']);
const DROPPED = new Set(['entered-in-error', 'cancelled']);
const PERIOD_UNITS: Readonly<Record<string, string>> = {
  s: 'second',
  min: 'minute',
  h: 'hour',
  d: 'day',
  wk: 'week',
  mo: 'month',
  a: 'year',
};

export function readMedication(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
  medicationById: ReadonlyMap<string, RawResource>,
): MedicationFact | undefined {
  const kind = r.resourceType === 'MedicationRequest' ? 'request' : 'statement';
  const status = text(r.status, ctx.note) ?? 'unknown';
  if (DROPPED.has(status)) {
    ctx.skip(`status ${status}`);
    return undefined;
  }
  let concept = readConcept(r.medicationCodeableConcept, ctx.note);
  if (!concept) {
    const medication =
      containedMedication(r) ??
      medicationById.get(resolveReference(r.medicationReference, ctx.fullUrls) ?? '');
    concept = medication ? readConcept(medication.code, ctx.note) : undefined;
  }
  if (!concept) {
    ctx.skip(
      'medication not readable',
      `A ${r.resourceType} whose medication could not be read was skipped.`,
    );
    return undefined;
  }
  const time =
    kind === 'request'
      ? firstInstant(r, ['authoredOn'])
      : firstInstant(r, ['effectiveDateTime', 'effectivePeriod', 'dateAsserted']);
  return {
    reference,
    kind,
    concept,
    status,
    active: (kind === 'request' ? REQUEST_ACTIVE : STATEMENT_ACTIVE).has(status),
    time,
    dosageText: dosageText(kind === 'request' ? r.dosageInstruction : r.dosage, ctx),
    reasonReferences: arr(r.reasonReference)
      .map((x) => resolveReference(x, ctx.fullUrls))
      .filter((x): x is string => x !== undefined),
    reasonCodes: arr(r.reasonCode)
      .map((c) => readConcept(c, ctx.note))
      .filter((c): c is Concept => c !== undefined),
  };
}

/**
 * The Medication a `medicationReference` of `#id` names among the resource's own `contained`
 * resources (FHIR R4 "Contained Resources"), as EHRs send compounded or free-text drugs.
 */
function containedMedication(r: RawResource): RawResource | undefined {
  const ref = isObject(r.medicationReference) ? r.medicationReference.reference : undefined;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const id = ref.slice(1);
  return arr(r.contained).find(
    (c): c is RawResource => isResource(c) && c.resourceType === 'Medication' && c.id === id,
  );
}

/** Dosage.text when given; else a short rendering of the structured dose and frequency. */
function dosageText(value: unknown, ctx: ReadContext): string | undefined {
  const first = arr(value).find(isObject);
  if (!first) return undefined;
  const given = text(first.text, ctx.note);
  if (given) return given;
  const repeat = isObject(first.timing) && isObject(first.timing.repeat) ? first.timing.repeat : {};
  const dose = arr(first.doseAndRate).find(isObject);
  const qty = dose && isObject(dose.doseQuantity) ? dose.doseQuantity : undefined;
  const parts: string[] = [];
  if (qty && typeof qty.value === 'number') {
    parts.push(typeof qty.unit === 'string' ? `${qty.value} ${qty.unit}` : `dose ${qty.value}`);
  }
  const { frequency, period, periodUnit } = repeat as {
    frequency?: unknown;
    period?: unknown;
    periodUnit?: unknown;
  };
  if (
    typeof frequency === 'number' &&
    typeof period === 'number' &&
    typeof periodUnit === 'string'
  ) {
    const unit = PERIOD_UNITS[periodUnit] ?? periodUnit;
    parts.push(
      `${frequency} time${frequency === 1 ? '' : 's'} per ${period === 1 ? unit : `${period} ${unit}s`}`,
    );
  }
  if (first.asNeededBoolean === true) parts.push('as needed');
  return parts.length ? parts.join(', ') : undefined;
}
