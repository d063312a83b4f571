/** MedicationRequest and MedicationStatement readers (RxNorm codes, status, dosage text). */
import { readConcept, type Concept } from './codes';
import { resolveReference } from './collect';
import type { MedicationFact } from './facts';
import { readQuantity } from './units';
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
    ...optionalDose(structuredDose(kind === 'request' ? r.dosageInstruction : r.dosage)),
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

/** Days per FHIR `Timing.repeat.periodUnit`. */
const UNIT_DAYS: Readonly<Record<string, number>> = {
  s: 1 / 86_400,
  min: 1 / 1_440,
  h: 1 / 24,
  d: 1,
  wk: 7,
  mo: 30,
  a: 365,
};

/** The first dosage's dose quantity and, from its timing, how many doses a day. */
function structuredDose(value: unknown): MedicationFact['dose'] {
  const first = arr(value).find(isObject);
  const dose = first ? arr(first.doseAndRate).find(isObject) : undefined;
  const qty = dose && isObject(dose.doseQuantity) ? readQuantity(dose.doseQuantity) : undefined;
  if (!first || !qty || qty.value <= 0) return undefined;
  const repeat = isObject(first.timing) && isObject(first.timing.repeat) ? first.timing.repeat : {};
  const { frequency, period, periodUnit } = repeat;
  const days =
    typeof periodUnit === 'string' && Object.hasOwn(UNIT_DAYS, periodUnit)
      ? UNIT_DAYS[periodUnit]
      : undefined;
  const perDay =
    typeof frequency === 'number' && typeof period === 'number' && period > 0 && days
      ? frequency / (period * days)
      : undefined;
  const unit = DOSE_COUNT_UNITS.has(qty.unit.toLowerCase()) ? '' : qty.unit;
  return perDay === undefined ? { amount: qty.value, unit } : { amount: qty.value, unit, perDay };
}

/** Units that count doses rather than measure them (a tablet, a patch, "1"). */
const DOSE_COUNT_UNITS: ReadonlySet<string> = new Set([
  '',
  '1',
  '{tbl}',
  '{tablet}',
  '{tablets}',
  'tablet',
  'tablets',
  'tab',
  '{capsule}',
  'capsule',
  'capsules',
  'cap',
  '{patch}',
  'patch',
  'each',
  '{each}',
]);

const optionalDose = (
  dose: MedicationFact['dose'],
): { dose?: NonNullable<MedicationFact['dose']> } => (dose === undefined ? {} : { dose });

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
