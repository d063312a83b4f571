/**
 * What the language model is given: the engine's facts (problems, medications, allergies, results
 * with trends, alerts, care gaps, the engine's own differential), with every reference replaced by
 * a per-request pseudonym and every string scrubbed. Built field by field from an allow-list:
 * nothing of the raw FHIR (names, identifiers, addresses, narrative, notes) is copied across.
 */
import type { Evidence, ResultPoint, Synopsis } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import { patientIdentifiers } from '../fhir/patient';
import { createScrubber, relativeTime } from './deidentify';
import type { Pseudonyms } from './pseudonyms';

/** Ages above 89 are one category under HIPAA Safe Harbor. */
const OLDEST_EXACT_AGE = 89;
/** Recent points of each result series sent: enough for a trend, few enough for a prompt. */
const POINTS_PER_SERIES = 6;

export interface ModelFacts {
  patient: { ref: string; age: number | '90 or older' | 'unknown'; sex: string };
  problems: {
    refs: string[];
    name: string;
    status: string;
    kind: string;
    onset?: string;
    notes: string[];
  }[];
  medications: {
    refs: string[];
    name: string;
    status: string;
    since?: string;
    classes: string[];
  }[];
  allergies: {
    state: string;
    refs: string[];
    items: { refs: string[]; name: string; criticality?: string; reactions: string[] }[];
  };
  results: {
    refs: string[];
    name: string;
    kind: string;
    unit: string;
    abnormal: boolean;
    referenceRange?: { low?: number; high?: number };
    trend: { direction: string; slopePerYear?: number; windowDays?: number };
    recent: { ref: string; value: number | string; when: string; flag: string }[];
  }[];
  alerts: { refs: string[]; severity: string; text: string; suggestedAction?: string }[];
  careGaps: { refs: string[]; text: string; reason: string }[];
  engineDifferential: {
    refs: string[];
    diagnosis: string;
    likelihood: string;
    findingsFor: string[];
    findingsAgainst: string[];
  }[];
}

export interface FactsResult {
  facts: ModelFacts;
  /** Strings withheld because they read like instructions to the model. */
  withheld: number;
}

export function buildModelFacts(
  record: PatientRecord,
  engine: Synopsis,
  pseudonyms: Pseudonyms,
  now: Date,
): FactsResult {
  const nowMs = now.getTime();
  const s = createScrubber(
    patientIdentifiers(record.resources.get(record.patient.reference)),
    nowMs,
  );
  const refs = (evidence: readonly Evidence[]): string[] =>
    evidence.map((e) => pseudonyms.token(e.reference));
  const when = (iso: string | undefined): string | undefined => {
    const ms = iso ? Date.parse(iso) : Number.NaN;
    return Number.isNaN(ms) ? undefined : relativeTime(ms, nowMs);
  };
  const point = (p: ResultPoint) => ({
    ref: pseudonyms.token(p.reference),
    // A censored result reaches the model as the laboratory wrote it ("<15"), never as 15.
    value: p.comparator ? `${p.comparator}${String(p.value)}` : p.value,
    when: when(p.time) ?? 'unknown',
    flag: p.flag,
  });
  const age = engine.patient.ageYears;
  const facts: ModelFacts = {
    patient: {
      ref: pseudonyms.token(record.patient.reference),
      age: age === undefined ? 'unknown' : age > OLDEST_EXACT_AGE ? '90 or older' : age,
      sex: engine.patient.sex,
    },
    problems: engine.problems.map((p) => ({
      refs: refs(p.evidence),
      name: s(p.concept.text),
      status: p.status,
      kind: p.kind ?? 'problem',
      ...optional('onset', when(p.onset)),
      notes: p.notes.map(s),
    })),
    medications: engine.medications.map((m) => ({
      refs: refs(m.evidence),
      name: s(m.concept.text),
      status: m.status,
      ...optional('since', when(m.since)),
      classes: m.classes,
    })),
    allergies: {
      state: engine.allergies.state,
      refs: refs(engine.allergies.evidence),
      items: engine.allergies.items.map((a) => ({
        refs: refs(a.evidence),
        name: s(a.concept.text),
        ...optional('criticality', a.criticality),
        reactions: a.reactions.map(s),
      })),
    },
    results: engine.results.map((r) => ({
      refs: refs(r.evidence),
      name: s(r.concept.text),
      kind: r.kind,
      unit: r.unit,
      abnormal: r.abnormal,
      ...(r.referenceRange
        ? {
            referenceRange: {
              ...optional('low', r.referenceRange.low),
              ...optional('high', r.referenceRange.high),
            },
          }
        : {}),
      trend: {
        direction: r.trend.direction,
        ...optional('slopePerYear', r.trend.slopePerYear),
        ...optional('windowDays', r.trend.windowDays),
      },
      recent: r.points.slice(-POINTS_PER_SERIES).map(point),
    })),
    alerts: engine.alerts.map((a) => ({
      refs: refs(a.evidence),
      severity: a.severity,
      text: s(a.text),
      ...optional(
        'suggestedAction',
        a.suggestedAction === undefined ? undefined : s(a.suggestedAction),
      ),
    })),
    careGaps: engine.careGaps.map((g) => ({
      refs: refs(g.evidence),
      text: s(g.text),
      reason: s(g.reason),
    })),
    engineDifferential: engine.differential.map((d) => ({
      refs: refs(d.evidence),
      diagnosis: s(d.concept.text),
      likelihood: d.likelihood,
      findingsFor: d.findingsFor.map((f) => s(f.text)),
      findingsAgainst: d.findingsAgainst.map((f) => s(f.text)),
    })),
  };
  return { facts, withheld: s.withheld() };
}

/** `{key: value}` when the value is defined, else nothing (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
