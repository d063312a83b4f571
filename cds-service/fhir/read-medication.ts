/** MedicationRequest and MedicationStatement readers (RxNorm codes, status, dosage text). */
import { readConcept, type Concept } from './codes';
import { resolveReference } from './collect';
import type { MedicationFact } from './facts';
import { readQuantity } from './units';
import type { ReadContext } from './read-context';
import { arr, firstInstant, isObject, isResource, text, type RawResource } from './raw';
import { withoutTrailing } from '../text';

/** The SNOMED CT semantic tag some EHRs leave on timing text ("Every six hours (qualifier value)"). */
const QUALIFIER_TAG = /\(qualifier value\)$/;

const REQUEST_ACTIVE = new Set(['active']);
const STATEMENT_ACTIVE = new Set(['active', 'intended']);
const DROPPED = new Set(['entered-in-error', 'cancelled']);
/** FHIR `Timing.repeat.periodUnit`: its name, and its length in days. */
const PERIOD_UNITS: Readonly<Record<string, { name: string; days: number }>> = {
  s: { name: 'second', days: 1 / 86_400 },
  min: { name: 'minute', days: 1 / 1_440 },
  h: { name: 'hour', days: 1 / 24 },
  d: { name: 'day', days: 1 },
  wk: { name: 'week', days: 7 },
  mo: { name: 'month', days: 30 },
  a: { name: 'year', days: 365 },
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
    ...readDosage(kind === 'request' ? r.dosageInstruction : r.dosage, ctx),
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

/**
 * The first dosage, read once: its text (Dosage.text, else a short rendering of the structured
 * dose and frequency) and the structured dose with doses per day when the timing gives them.
 */
function readDosage(value: unknown, ctx: ReadContext): Pick<MedicationFact, 'dosageText' | 'dose'> {
  const first = arr(value).find(isObject);
  if (!first) return { dosageText: undefined };
  const raw = arr(first.doseAndRate).find(isObject)?.doseQuantity;
  const qty = isObject(raw) ? readQuantity(raw) : undefined;
  const repeat = isObject(first.timing) && isObject(first.timing.repeat) ? first.timing.repeat : {};
  const { frequency, period, periodUnit } = repeat;
  const unit =
    typeof periodUnit === 'string' && Object.hasOwn(PERIOD_UNITS, periodUnit)
      ? PERIOD_UNITS[periodUnit]
      : undefined;
  const timed =
    typeof frequency === 'number' && typeof period === 'number' && period > 0
      ? { frequency, period }
      : undefined;

  const parts: string[] = [];
  if (qty)
    parts.push(
      isObject(raw) && typeof raw.unit === 'string'
        ? `${qty.value} ${raw.unit}`
        : `dose ${qty.value}`,
    );
  if (timed && typeof periodUnit === 'string') {
    const name = unit?.name ?? periodUnit;
    parts.push(
      `${timed.frequency} time${timed.frequency === 1 ? '' : 's'} per ${timed.period === 1 ? name : `${timed.period} ${name}s`}`,
    );
  }
  if (first.asNeededBoolean === true) parts.push('as needed');
  const written = withoutTrailing(text(first.text, ctx.note) ?? '', QUALIFIER_TAG);
  const dosageText = written || (parts.length ? parts.join(', ') : undefined);

  if (!qty || qty.value <= 0) return { dosageText };
  const countUnit = DOSE_COUNT_UNITS.has(qty.unit.toLowerCase()) ? '' : qty.unit;
  const perDay = timed && unit ? timed.frequency / (timed.period * unit.days) : undefined;
  return {
    dosageText,
    dose:
      perDay === undefined
        ? { amount: qty.value, unit: countUnit }
        : { amount: qty.value, unit: countUnit, perDay },
  };
}
