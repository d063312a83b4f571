/**
 * Narrowing helpers for raw FHIR JSON read as `unknown`. Only `fhir/` uses them: the rest of the
 * service works on the normalised record.
 */
import { clip, MAX_TEXT_LENGTH } from '../text';

export type RawResource = Record<string, unknown> & { resourceType: string; id?: unknown };

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isResource = (v: unknown): v is RawResource =>
  isObject(v) && typeof v.resourceType === 'string' && v.resourceType !== '';

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

/** The note a reader leaves when it had to shorten a text (say so, never the text). */
export const CLIPPED_TEXT_NOTE = `A text longer than ${String(MAX_TEXT_LENGTH)} characters was shortened: display texts are never that long.`;

/**
 * A free text of the record (a display, a dosage text), at most `MAX_TEXT_LENGTH` characters:
 * 100 KB in a name is not a name, and everything downstream (matching, cards, the model prompt)
 * then works on bounded text. `note` hears of every cut.
 */
export function text(v: unknown, note?: (message: string) => void): string | undefined {
  const s = str(v);
  return s === undefined ? undefined : bounded(s, note);
}

/** `s` at most `MAX_TEXT_LENGTH` characters; `note` hears of a cut. */
export function bounded(s: string, note?: (message: string) => void): string {
  if (s.length <= MAX_TEXT_LENGTH) return s;
  note?.(CLIPPED_TEXT_NOTE);
  return clip(s);
}

export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

export const obj = (v: unknown): Record<string, unknown> | undefined =>
  isObject(v) ? v : undefined;

/** A FHIR date, dateTime or instant, kept as written and as epoch milliseconds. */
export interface Instant {
  iso: string;
  ms: number;
}

const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Parsed dates by their text. Records repeat the same timestamps (every result of one encounter),
 * so parsing each once matters at 5,000 resources. Bounded so that it cannot grow without limit.
 */
const INSTANTS = new Map<string, Instant | null>();
const MAX_CACHED = 50_000;
const MAX_DATE_LENGTH = 40;

/** Parses a FHIR date/dateTime; partial dates (`2020`, `2020-05`) fall on their first day. */
export function readInstant(v: unknown): Instant | undefined {
  // A FHIR instant is at most 35 characters; longer text is no date, and is not cached.
  if (typeof v !== 'string' || v.length > MAX_DATE_LENGTH) return undefined;
  const cached = INSTANTS.get(v);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseInstant(v);
  if (INSTANTS.size >= MAX_CACHED) INSTANTS.clear();
  INSTANTS.set(v, parsed ?? null);
  return parsed;
}

function parseInstant(s: string): Instant | undefined {
  if (!FHIR_DATE.test(s)) return undefined;
  const padded = s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s;
  const ms = Date.parse(padded);
  return Number.isNaN(ms) ? undefined : { iso: s, ms };
}

/** The first readable instant among `dateTime` fields and `Period.start`s of a resource. */
export function firstInstant(
  r: Record<string, unknown>,
  fields: readonly string[],
): Instant | undefined {
  for (const f of fields) {
    const v = r[f];
    const t = isObject(v) ? readInstant(v.start ?? v.end) : readInstant(v);
    if (t) return t;
  }
  return undefined;
}
