/** Encounter, Procedure, Immunization, DiagnosticReport, CarePlan and ServiceRequest readers. */
import { readConcept } from './codes';
import { resolveReference } from './collect';
import type { EventFact } from './facts';
import { FUTURE_SLACK_MS, type ReadContext } from './read-context';
import { arr, firstInstant, isObject, text, type RawResource } from './raw';

type EventType = EventFact['resourceType'];

const DROPPED = new Set(['entered-in-error', 'cancelled', 'not-done', 'revoked']);

const CONCEPT_FIELD: Record<EventType, (r: RawResource) => unknown> = {
  Encounter: (r) => arr(r.type)[0],
  Procedure: (r) => r.code,
  Immunization: (r) => r.vaccineCode,
  DiagnosticReport: (r) => r.code,
  CarePlan: (r) => arr(r.category).find((c) => readConcept(c)?.coding.length) ?? r.title,
  ServiceRequest: (r) => r.code,
};

const TIME_FIELDS: Record<EventType, readonly string[]> = {
  Encounter: ['period'],
  Procedure: ['performedDateTime', 'performedPeriod'],
  Immunization: ['occurrenceDateTime', 'recorded'],
  DiagnosticReport: ['effectiveDateTime', 'effectivePeriod', 'issued'],
  CarePlan: ['period', 'created'],
  ServiceRequest: ['authoredOn', 'occurrenceDateTime', 'occurrencePeriod'],
};

const RELATED_FIELDS: Record<EventType, readonly string[]> = {
  Encounter: ['reasonReference'],
  Procedure: ['reasonReference'],
  Immunization: ['reasonReference'],
  DiagnosticReport: ['result'],
  CarePlan: ['addresses'],
  ServiceRequest: ['reasonReference'],
};

export const isEventType = (t: string): t is EventType => t in CONCEPT_FIELD;

export function readEvent(
  r: RawResource,
  resourceType: EventType,
  reference: string,
  ctx: ReadContext,
): EventFact | undefined {
  const status = text(r.status, ctx.note);
  if (status && DROPPED.has(status)) {
    ctx.skip(`status ${status}`);
    return undefined;
  }
  const time = firstInstant(r, TIME_FIELDS[resourceType]);
  // Plans and orders may be dated ahead (a scheduled test); the rest cannot have happened yet.
  const mayBeAhead = resourceType === 'CarePlan' || resourceType === 'ServiceRequest';
  if (time && time.ms > ctx.nowMs + FUTURE_SLACK_MS && !mayBeAhead) {
    ctx.skip('dated in the future', `A ${resourceType} dated in the future was skipped.`);
    return undefined;
  }
  const related: string[] = [];
  for (const field of RELATED_FIELDS[resourceType]) {
    for (const ref of arr(r[field])) {
      const resolved = isObject(ref) ? resolveReference(ref, ctx.fullUrls) : undefined;
      if (resolved) related.push(resolved);
    }
  }
  return {
    reference,
    resourceType,
    concept: readConcept(CONCEPT_FIELD[resourceType](r), ctx.note),
    status,
    time,
    related,
  };
}
