import { ApiError } from '../../cds-service/errors';
import { isObject, referenceOf, type StoredResource } from './store';

/**
 * The search parameters the mock FHIR server understands, per resource type. Each parameter says
 * where in the resource its value lives. A parameter not listed here (or a `_sort` or `_include`
 * this server cannot do) is ignored and left out of the Bundle's self link, as FHIR R4 search
 * 3.1.1.5.6 describes for lenient handling; under `Prefer: handling=strict` it is refused with 400.
 */
type ParamKind = 'reference' | 'token' | 'date';
interface ParamDef {
  kind: ParamKind;
  /** Dotted paths; a trailing `[x]` stands for the choice-type variants listed in `CHOICES`. */
  paths: string[];
}

const patientParam = (path: 'subject' | 'patient'): Record<string, ParamDef> => ({
  patient: { kind: 'reference', paths: [path] },
  ...(path === 'subject' ? { subject: { kind: 'reference', paths: ['subject'] } } : {}),
});

export const SEARCH_PARAMS: Record<string, Record<string, ParamDef>> = {
  Patient: {},
  Condition: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['code'] },
    category: { kind: 'token', paths: ['category'] },
    'clinical-status': { kind: 'token', paths: ['clinicalStatus'] },
    'verification-status': { kind: 'token', paths: ['verificationStatus'] },
    'onset-date': { kind: 'date', paths: ['onset[x]'] },
  },
  Observation: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['code'] },
    category: { kind: 'token', paths: ['category'] },
    status: { kind: 'token', paths: ['status'] },
    date: { kind: 'date', paths: ['effective[x]'] },
  },
  MedicationRequest: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['medicationCodeableConcept'] },
    status: { kind: 'token', paths: ['status'] },
    intent: { kind: 'token', paths: ['intent'] },
    authoredon: { kind: 'date', paths: ['authoredOn'] },
  },
  MedicationStatement: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['medicationCodeableConcept'] },
    status: { kind: 'token', paths: ['status'] },
    effective: { kind: 'date', paths: ['effective[x]'] },
  },
  AllergyIntolerance: {
    ...patientParam('patient'),
    code: { kind: 'token', paths: ['code'] },
    category: { kind: 'token', paths: ['category'] },
    'clinical-status': { kind: 'token', paths: ['clinicalStatus'] },
    date: { kind: 'date', paths: ['recordedDate'] },
  },
  Encounter: {
    ...patientParam('subject'),
    status: { kind: 'token', paths: ['status'] },
    class: { kind: 'token', paths: ['class'] },
    type: { kind: 'token', paths: ['type'] },
    date: { kind: 'date', paths: ['period'] },
  },
  Procedure: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['code'] },
    status: { kind: 'token', paths: ['status'] },
    date: { kind: 'date', paths: ['performed[x]'] },
  },
  Immunization: {
    ...patientParam('patient'),
    'vaccine-code': { kind: 'token', paths: ['vaccineCode'] },
    status: { kind: 'token', paths: ['status'] },
    date: { kind: 'date', paths: ['occurrence[x]'] },
  },
  // Not patient data: read, and returned by `_include` of the requests and statements naming it.
  Medication: {
    code: { kind: 'token', paths: ['code'] },
  },
  DiagnosticReport: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['code'] },
    category: { kind: 'token', paths: ['category'] },
    status: { kind: 'token', paths: ['status'] },
    date: { kind: 'date', paths: ['effective[x]'] },
  },
  CarePlan: {
    ...patientParam('subject'),
    category: { kind: 'token', paths: ['category'] },
    status: { kind: 'token', paths: ['status'] },
    date: { kind: 'date', paths: ['period'] },
  },
  ServiceRequest: {
    ...patientParam('subject'),
    code: { kind: 'token', paths: ['code'] },
    status: { kind: 'token', paths: ['status'] },
    authored: { kind: 'date', paths: ['authoredOn'] },
  },
};

/** Result parameters handled by the server itself rather than matched against resources. */
export const CONTROL_PARAMS = new Set(['_count', '_sort', '_offset', '_format', '_id', '_include']);
export const SORTABLE = new Set(['date', '-date', '_id', '-_id']);

const CHOICES = ['DateTime', 'Period', 'Instant', 'Date', 'String', 'Age', 'Range'];

function valuesAt(resource: StoredResource, path: string): unknown[] {
  if (path.endsWith('[x]')) {
    const base = path.slice(0, -3);
    return CHOICES.map((c) => resource[base + c]).filter((v) => v !== undefined);
  }
  let current: unknown[] = [resource];
  for (const key of path.split('.')) {
    current = current.flatMap((v) => {
      const next = isObject(v) ? v[key] : undefined;
      return Array.isArray(next) ? (next as unknown[]) : next === undefined ? [] : [next];
    });
  }
  return current;
}

// ---- token ----------------------------------------------------------------------------------

interface TokenQuery {
  system: string | undefined;
  code: string | undefined;
}

function parseToken(raw: string): TokenQuery {
  const bar = raw.indexOf('|');
  if (bar < 0) return { system: undefined, code: raw };
  const system = raw.slice(0, bar);
  const code = raw.slice(bar + 1);
  // `|code` means "code with no system"; we treat it as any system, which is what clients mean.
  return { system: system === '' ? undefined : system, code: code === '' ? undefined : code };
}

function tokenMatches(value: unknown, q: TokenQuery): boolean {
  if (typeof value === 'string') return q.system === undefined && value === q.code;
  if (!isObject(value)) return false;
  // A Coding, or a CodeableConcept whose codings are matched one by one (never only coding[0]).
  const codings = Array.isArray(value.coding) ? (value.coding as unknown[]) : [value];
  return codings.some(
    (c) =>
      isObject(c) &&
      (q.system === undefined || c.system === q.system) &&
      (q.code === undefined || c.code === q.code),
  );
}

// ---- date -----------------------------------------------------------------------------------

const DATE_RE =
  /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?)$/;

interface DateRange {
  start: number;
  end: number; // exclusive
}

/** A FHIR date, dateTime or instant as the range of time its precision covers. */
export function dateRange(value: string): DateRange | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return undefined;
  if (value.length > 10) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : { start: t, end: t + 1 };
  }
  const y = Number(m[1]);
  if (m[2] === undefined) return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  const mo = Number(m[2]) - 1;
  if (m[3] === undefined) return { start: Date.UTC(y, mo, 1), end: Date.UTC(y, mo + 1, 1) };
  const d = Number(m[3]);
  return { start: Date.UTC(y, mo, d), end: Date.UTC(y, mo, d + 1) };
}

function resourceRange(value: unknown): DateRange | undefined {
  if (typeof value === 'string') return dateRange(value);
  if (isObject(value)) {
    const start = typeof value.start === 'string' ? dateRange(value.start) : undefined;
    const end = typeof value.end === 'string' ? dateRange(value.end) : undefined;
    if (start || end) {
      return { start: start?.start ?? -Infinity, end: end?.end ?? start?.end ?? Infinity };
    }
  }
  return undefined;
}

interface DateQuery {
  prefix: string;
  range: DateRange;
}

function parseDate(name: string, raw: string): DateQuery {
  const m = DATE_RE.exec(raw);
  const range = m?.[2] === undefined ? undefined : dateRange(m[2]);
  if (!m || !range) {
    throw new ApiError(
      'bad_request',
      `Search parameter '${name}' has an invalid date '${raw}': use an optional prefix (eq, gt, lt, ge, le) and a FHIR date such as 2020-01-31.`,
    );
  }
  const prefix = m[1] ?? 'eq';
  if (!['eq', 'ne', 'gt', 'lt', 'ge', 'le'].includes(prefix)) {
    throw new ApiError('bad_request', `Date prefix '${prefix}' is not supported by this server.`);
  }
  return { prefix, range };
}

function dateMatches(value: unknown, q: DateQuery): boolean {
  const r = resourceRange(value);
  if (!r) return false;
  switch (q.prefix) {
    case 'eq':
      return r.start >= q.range.start && r.end <= q.range.end;
    case 'ne':
      return !(r.start >= q.range.start && r.end <= q.range.end);
    case 'gt':
      return r.end > q.range.end;
    case 'lt':
      return r.start < q.range.start;
    case 'ge':
      return r.end > q.range.start;
    case 'le':
      return r.start < q.range.end;
    default:
      return false;
  }
}

// ---- reference ------------------------------------------------------------------------------

function referenceMatches(value: unknown, raw: string, targetType: string): boolean {
  const ref = referenceOf(value);
  if (ref === undefined) return false;
  const wanted = raw.includes('/') ? raw : `${targetType}/${raw}`;
  return ref === wanted || ref.endsWith(`/${wanted}`);
}

// ---- query ----------------------------------------------------------------------------------

/**
 * The `_include` paths the server follows: `SourceType:searchParam` to the element holding the
 * reference and the type it names (FHIR R4 search, "Including other resources in result").
 */
export const INCLUDES: Readonly<Record<string, { path: string; target: string }>> = {
  'MedicationRequest:medication': { path: 'medicationReference', target: 'Medication' },
  'MedicationStatement:medication': { path: 'medicationReference', target: 'Medication' },
};

export interface ParsedQuery {
  filters: ((r: StoredResource) => boolean)[];
  /** Keys of `INCLUDES` to follow from each matched resource. */
  includes: string[];
  sort: string | undefined;
  count: number;
  offset: number;
  /** The parameters the search used, for the self link; ignored ones are not among them. */
  applied: [string, string][];
}

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 1000;

function intParam(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) {
    throw new ApiError(
      'bad_request',
      `Search parameter '${name}' must be a whole number, got '${raw}'.`,
    );
  }
  return Math.min(Math.max(Number(raw), min), max);
}

/**
 * Turns query parameters into matchers. `params` keeps repeats: `date=ge..&date=le..` is an AND.
 * `strict`: refuse what this server does not support instead of ignoring it.
 */
export function parseQuery(type: string, params: [string, string][], strict = true): ParsedQuery {
  const defs = SEARCH_PARAMS[type];
  if (!defs)
    throw new ApiError('not_found', `Resource type '${type}' is not supported by this server.`);
  const parsed: ParsedQuery = {
    filters: [],
    includes: [],
    sort: undefined,
    count: DEFAULT_COUNT,
    offset: 0,
    applied: [],
  };
  /** An unsupported parameter: refused when strict, else skipped (and not in the self link). */
  const unsupported = (message: string): void => {
    if (strict) throw new ApiError('bad_request', message);
  };
  for (const [name, raw] of params) {
    if (name === '_count') parsed.count = intParam(name, raw, 0, MAX_COUNT);
    else if (name === '_offset') parsed.offset = intParam(name, raw, 0, Number.MAX_SAFE_INTEGER);
    else if (name === '_format') {
      if (!/json/.test(raw))
        throw new ApiError('bad_request', 'This server speaks JSON only (_format=json).');
    } else if (name === '_sort') {
      if (!SORTABLE.has(raw)) {
        unsupported(
          `Sorting by '${raw}' is not supported; use one of: ${[...SORTABLE].join(', ')}.`,
        );
        continue;
      }
      parsed.sort = raw;
    } else if (name === '_include') {
      if (!raw.startsWith(`${type}:`) || !(raw in INCLUDES)) {
        unsupported(
          `_include=${raw} is not supported on ${type}; supported: ${Object.keys(INCLUDES).join(', ')}.`,
        );
        continue;
      }
      parsed.includes.push(raw);
    } else if (name === '_id') {
      const ids = new Set(raw.split(','));
      parsed.filters.push((r) => ids.has(r.id));
    } else if (!defs[name]) {
      const known = Object.keys(defs).concat([...CONTROL_PARAMS]);
      unsupported(
        `Search parameter '${name}' is not supported for ${type}. Supported: ${known.sort().join(', ')}.`,
      );
      continue;
    } else {
      parsed.filters.push(matcherFor(name, raw, defs[name]));
    }
    parsed.applied.push([name, raw]);
  }
  return parsed;
}

function matcherFor(name: string, raw: string, def: ParamDef): (r: StoredResource) => boolean {
  const alternatives = raw.split(',');
  switch (def.kind) {
    case 'token': {
      const qs = alternatives.map(parseToken);
      return (r) =>
        def.paths.some((p) => valuesAt(r, p).some((v) => qs.some((q) => tokenMatches(v, q))));
    }
    case 'date': {
      const qs = alternatives.map((a) => parseDate(name, a));
      return (r) =>
        def.paths.some((p) => valuesAt(r, p).some((v) => qs.some((q) => dateMatches(v, q))));
    }
    case 'reference':
      return (r) =>
        def.paths.some((p) =>
          valuesAt(r, p).some((v) => alternatives.some((a) => referenceMatches(v, a, 'Patient'))),
        );
  }
}

/** The instant a resource is sorted by for `_sort=date`: the start of its clinical date. */
export function sortDate(type: string, r: StoredResource): number {
  const def =
    SEARCH_PARAMS[type]?.date ??
    Object.values(SEARCH_PARAMS[type] ?? {}).find((d) => d.kind === 'date');
  if (!def) return -Infinity;
  for (const p of def.paths) {
    for (const v of valuesAt(r, p)) {
      const range = resourceRange(v);
      if (range) return range.start;
    }
  }
  return -Infinity;
}
