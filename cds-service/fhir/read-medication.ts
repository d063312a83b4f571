/** MedicationRequest and MedicationStatement readers (RxNorm codes, status, dosage text). */
import { readConcept, type Concept } from './codes';
import { resolveReference } from './collect';
import type { MedicationFact } from './facts';
import type { ReadContext } from './read-context';
import { arr, firstInstant, isObject, text, type RawResource } from './raw';

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
  if (DROPPED.has(status)) return undefined;
  let concept = readConcept(r.medicationCodeableConcept, ctx.note);
  if (!concept) {
    const target = resolveReference(r.medicationReference, ctx.fullUrls);
    const medication = target ? medicationById.get(target) : undefined;
    concept = medication ? readConcept(medication.code, ctx.note) : undefined;
  }
  if (!concept) {
    ctx.note(`A ${r.resourceType} whose medication could not be read was skipped.`);
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
