/** Observation reader: codes, values with UCUM units, components, ranges, interpretation, time. */
import { readConcept, type Concept } from './codes';
import type { ObservationComponent, ObservationFact, ReferenceRange } from './facts';
import { FUTURE_SLACK_MS, type ReadContext } from './read-context';
import { arr, firstInstant, isObject, str } from './raw';
import type { RawResource } from './raw';
import { readQuantity } from './units';

/** Statuses whose value should not be used (FHIR R4 ObservationStatus). */
const UNUSABLE = new Set(['entered-in-error', 'cancelled', 'registered']);
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export function readObservation(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
): ObservationFact | undefined {
  const status = str(r.status) ?? 'unknown';
  if (UNUSABLE.has(status)) return undefined;
  const concept = readConcept(r.code);
  if (!concept) {
    ctx.note('An Observation without a code was skipped.');
    return undefined;
  }
  const time = firstInstant(r, [
    'effectiveDateTime',
    'effectivePeriod',
    'effectiveInstant',
    'issued',
  ]);
  if (time && time.ms > ctx.nowMs + FUTURE_SLACK_MS) {
    ctx.note('An Observation dated in the future was skipped.');
    return undefined;
  }
  if (r.valueQuantity !== undefined && !readQuantity(r.valueQuantity)) {
    ctx.note('An Observation with a malformed quantity was kept without its value.');
  }
  const components: ObservationComponent[] = [];
  for (const c of arr(r.component)) {
    if (!isObject(c)) continue;
    const cc = readConcept(c.code);
    if (cc) components.push({ concept: cc, quantity: readQuantity(c.valueQuantity) });
  }
  return {
    reference,
    concept,
    categories: arr(r.category)
      .map(readConcept)
      .flatMap((c) => (c ? c.coding.map((x) => x.code) : [])),
    status,
    time,
    quantity: readQuantity(r.valueQuantity),
    valueConcept: readConcept(r.valueCodeableConcept),
    components,
    referenceRange: readRange(arr(r.referenceRange)[0]),
    interpretation: arr(r.interpretation)
      .map(readConcept)
      .flatMap((c: Concept | undefined) =>
        c ? c.coding.filter((x) => x.system === INTERPRETATION).map((x) => x.code) : [],
      ),
  };
}

function readRange(v: unknown): ReferenceRange | undefined {
  if (!isObject(v)) return undefined;
  const low = readQuantity(v.low);
  const high = readQuantity(v.high);
  const text = str(v.text);
  if (!low && !high && !text) return undefined;
  return {
    ...(low ? { low: low.value, unit: low.unit } : {}),
    ...(high ? { high: high.value, unit: high.unit } : {}),
    ...(text ? { text } : {}),
  };
}
