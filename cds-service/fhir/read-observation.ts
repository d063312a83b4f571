/** Observation reader: codes, values with UCUM units, components, ranges, interpretation, time. */
import { internedConcept } from './codes';
import type { ObservationComponent, ObservationFact, ReferenceRange } from './facts';
import { FUTURE_SLACK_MS, type ReadContext } from './read-context';
import { arr, firstInstant, isObject, readInstant, text } from './raw';
import type { RawResource } from './raw';
import { readComparator, readQuantity, type Quantity } from './units';

/** Statuses whose value should not be used (FHIR R4 ObservationStatus). */
const UNUSABLE = new Set(['entered-in-error', 'cancelled', 'registered']);
const TIME_FIELDS = ['effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued'];
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export function readObservation(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
): ObservationFact | undefined {
  const status = text(r.status, ctx.note) ?? 'unknown';
  if (UNUSABLE.has(status)) {
    ctx.skip(`status ${status}`);
    return undefined;
  }
  const concept = internedConcept(r.code, ctx.concepts, ctx.note);
  if (!concept) {
    ctx.skip('no code', 'An Observation without a code was skipped.');
    return undefined;
  }
  const time = firstInstant(r, TIME_FIELDS);
  if (time && time.ms > ctx.nowMs + FUTURE_SLACK_MS) {
    ctx.skip('dated in the future', 'An Observation dated in the future was skipped.');
    return undefined;
  }
  const quantity = readQuantity(r.valueQuantity) ?? unitlessNumber(r);
  if (r.valueQuantity !== undefined && !quantity) {
    ctx.note('An Observation with a malformed quantity was kept without its value.');
  }
  const components = r.component === undefined ? NONE : readComponents(r.component, ctx);
  const valueTime = r.valueDateTime === undefined ? undefined : readInstant(r.valueDateTime);
  if (r.valueDateTime !== undefined && !valueTime) {
    ctx.note('An Observation with a malformed date value was kept without its value.');
  }
  return {
    reference,
    concept,
    categories: codesOf(r.category, undefined, ctx),
    status,
    time,
    quantity,
    valueConcept:
      r.valueCodeableConcept === undefined
        ? undefined
        : internedConcept(r.valueCodeableConcept, ctx.concepts, ctx.note),
    ...(valueTime ? { valueTime } : {}),
    components,
    referenceRange:
      r.referenceRange === undefined ? undefined : readRange(arr(r.referenceRange)[0], ctx),
    interpretation:
      r.interpretation === undefined ? NONE : codesOf(r.interpretation, INTERPRETATION, ctx),
  };
}

/** A decimal number written as text ("12", "-0.5", "<15", ">= 60"); no unit. */
const NUMBER_TEXT = /^(<=|>=|<|>)?\s*(-?\d{1,12}(?:\.\d{1,12})?)$/;

/**
 * A result sent as `valueInteger`, or as `valueString` holding a number (survey totals such as a
 * PHQ-9 score often are; laboratories send "<15" or ">60"): a unitless quantity, its comparator
 * kept. Text with a unit or words is not guessed at.
 */
function unitlessNumber(v: Record<string, unknown>): Quantity | undefined {
  if (typeof v.valueInteger === 'number' && Number.isInteger(v.valueInteger))
    return { value: v.valueInteger, unit: '' };
  const m = typeof v.valueString === 'string' ? NUMBER_TEXT.exec(v.valueString.trim()) : null;
  if (!m) return undefined;
  const value = Number(m[2]);
  const comparator = readComparator(m[1]);
  return comparator ? { value, unit: '', comparator } : { value, unit: '' };
}

/** Shared by every Observation without components, categories or interpretations. */
const NONE: readonly never[] = Object.freeze([]);

function readComponents(list: unknown, ctx: ReadContext): readonly ObservationComponent[] {
  const components: ObservationComponent[] = [];
  for (const c of arr(list)) {
    if (!isObject(c)) continue;
    const concept = internedConcept(c.code, ctx.concepts, ctx.note);
    if (concept)
      components.push({ concept, quantity: readQuantity(c.valueQuantity) ?? unitlessNumber(c) });
  }
  return components;
}

/**
 * Codes of a list of CodeableConcepts (optionally of one system), without building Concepts. A
 * single code (nearly every category and interpretation) is one shared array per record.
 */
function codesOf(list: unknown, system: string | undefined, ctx: ReadContext): readonly string[] {
  let first: string | undefined;
  let more: string[] | undefined;
  for (const cc of arr(list)) {
    if (!isObject(cc)) continue;
    for (const c of arr(cc.coding)) {
      if (!isObject(c) || typeof c.code !== 'string') continue;
      if (system !== undefined && c.system !== system) continue;
      if (first === undefined) first = c.code;
      else (more ??= [first]).push(c.code);
    }
  }
  if (more) return more;
  if (first === undefined) return NONE;
  let shared = ctx.codeLists.get(first);
  if (!shared) ctx.codeLists.set(first, (shared = [first]));
  return shared;
}

function readRange(v: unknown, ctx: ReadContext): ReferenceRange | undefined {
  if (!isObject(v)) return undefined;
  const low = readQuantity(v.low);
  const high = readQuantity(v.high);
  const said = text(v.text, ctx.note);
  if (!low && !high && !said) return undefined;
  return {
    ...(low ? { low: low.value, unit: low.unit } : {}),
    ...(high ? { high: high.value, unit: high.unit } : {}),
    ...(said ? { text: said } : {}),
  };
}
