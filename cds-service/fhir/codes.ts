/**
 * Code systems and code matching. Codes are matched over every coding of a CodeableConcept, with
 * its system: never `coding[0]` alone, never a bare code without a system.
 */
import { MAX_TEXT_LENGTH } from '../text';
import { bounded } from './raw';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  ucum: 'http://unitsofmeasure.org',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const;

/**
 * The system URIs under which EHRs send ICD-10-CM (and WHO ICD-10, whose three-character
 * categories it shares): the FHIR URIs and the OIDs HL7 registers for them (HL7 Terminology,
 * CodeSystem icd10CM: urn:oid:2.16.840.1.113883.6.90; icd10: urn:oid:2.16.840.1.113883.6.3).
 */
export const ICD10_SYSTEMS: ReadonlySet<string> = new Set([
  SYSTEMS.icd10cm,
  'http://hl7.org/fhir/sid/icd-10',
  'urn:oid:2.16.840.1.113883.6.90',
  'urn:oid:2.16.840.1.113883.6.3',
]);

/**
 * The ICD-10 code of a coding in any ICD-10 system, as ICD-10-CM writes it: upper case, with the
 * dot after the category (`E785` -> `E78.5`). Undefined for a coding of another system.
 */
export function icd10Code(c: { system: string; code: string }): string | undefined {
  if (!ICD10_SYSTEMS.has(c.system.trim())) return undefined;
  const code = c.code.trim().toUpperCase();
  return code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/**
 * The key a coding is looked up by in the knowledge base: `system|code`, with ICD-10 under any of
 * its URIs read as ICD-10-CM with its dot.
 */
export function codingKey(c: { system: string; code: string }): string {
  const icd = icd10Code(c);
  return icd === undefined ? `${c.system}|${c.code}` : `${SYSTEMS.icd10cm}|${icd}`;
}

export interface Code {
  system: string;
  code: string;
  display?: string;
}

/** A clinical concept as the synopsis carries it: FHIR-style codings plus a text. */
export interface Concept {
  readonly coding: readonly Code[];
  readonly text: string;
}

/** A concept as the Synopsis carries it (its own array: concepts of the record are shared). */
export const conceptOut = (c: Concept): { coding: Code[]; text: string } => ({
  coding: [...c.coding],
  text: c.text,
});

/**
 * Reads a CodeableConcept (or a bare Coding) of unknown shape into a `Concept`. Texts, displays
 * and codes are bounded (`clip`); `note` hears of every cut.
 */
export function readConcept(value: unknown, note?: (message: string) => void): Concept | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as {
    coding?: unknown;
    text?: unknown;
    system?: unknown;
    code?: unknown;
    display?: unknown;
  };
  const raw = Array.isArray(v.coding) ? (v.coding as unknown[]) : [v];
  const coding: Code[] = [];
  for (const c of raw) {
    if (typeof c !== 'object' || c === null) continue;
    const { system, code, display } = c as { system?: unknown; code?: unknown; display?: unknown };
    if (typeof system === 'string' && typeof code === 'string' && code !== '') {
      // Object literals, not spreads: every coding keeps one shape, and code matching stays fast.
      const s = bounded(system, note);
      const k = bounded(code, note);
      coding.push(
        typeof display === 'string'
          ? { system: s, code: k, display: bounded(display, note) }
          : { system: s, code: k },
      );
    }
  }
  const text =
    (typeof v.text === 'string' && bounded(v.text, note)) ||
    coding.find((c) => c.display)?.display ||
    coding[0]?.code;
  if (!text && coding.length === 0) return undefined;
  return { coding, text: text ?? '' };
}

/**
 * A record's concepts by their content, for `internedConcept`: buckets by the first coding's code,
 * each entry with the strings it was read from (text, then system, code and display per coding).
 */
export type ConceptTable = Map<string, { strings: (string | undefined)[]; concept: Concept }[]>;

/** Entries per bucket: enough for one code under several displays, never a long scan. */
const BUCKET_SIZE = 8;

/**
 * `readConcept` with one shared Concept per distinct content in `table`: a record repeats a few
 * hundred codes over thousands of results. Concepts are read-only, so sharing is safe. A known
 * content is found without allocating: the raw value is compared string by string with the
 * strings an entry was read from.
 */
export function internedConcept(
  value: unknown,
  table: ConceptTable,
  note?: (message: string) => void,
): Concept | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { coding?: unknown; text?: unknown };
  if (!Array.isArray(v.coding)) return readConcept(value, note);
  const codings = v.coding as unknown[];
  const first: unknown = codings[0];
  const bucketKey =
    (typeof first === 'object' && first !== null && stringOf((first as { code?: unknown }).code)) ||
    stringOf(v.text) ||
    '';
  const bucket = table.get(bucketKey);
  for (const e of bucket ?? []) if (sameContent(e.strings, v.text, codings)) return e.concept;
  const concept = readConcept(value, note);
  const strings = concept && contentStrings(v.text, codings);
  if (!concept || !strings) return concept;
  if (!bucket) table.set(bucketKey, [{ strings, concept }]);
  else if (bucket.length < BUCKET_SIZE) bucket.push({ strings, concept });
  return concept;
}

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The strings a CodeableConcept is read from: text, then system, code and display per coding
 * (non-strings as undefined, which the reader ignores too). Undefined when a coding is not an
 * object or a text is long enough to be clipped (the reader notes each cut, so such content is
 * read every time).
 */
function contentStrings(text: unknown, codings: unknown[]): (string | undefined)[] | undefined {
  const out = [stringOf(text)];
  for (const c of codings) {
    if (typeof c !== 'object' || c === null) return undefined;
    const { system, code, display } = c as { system?: unknown; code?: unknown; display?: unknown };
    out.push(stringOf(system), stringOf(code), stringOf(display));
  }
  return out.every((x) => x === undefined || x.length <= MAX_TEXT_LENGTH) ? out : undefined;
}

function sameContent(strings: readonly (string | undefined)[], text: unknown, codings: unknown[]) {
  if (strings.length !== 1 + 3 * codings.length || strings[0] !== stringOf(text)) return false;
  for (let i = 0; i < codings.length; i++) {
    const c = codings[i];
    if (typeof c !== 'object' || c === null) return false;
    const { system, code, display } = c as { system?: unknown; code?: unknown; display?: unknown };
    const at = 1 + 3 * i;
    if (
      strings[at] !== stringOf(system) ||
      strings[at + 1] !== stringOf(code) ||
      strings[at + 2] !== stringOf(display)
    )
      return false;
  }
  return true;
}

/**
 * `read` answered once per concept: the reader shares one Concept among all entries of a code
 * (`internedConcept`), so a test over thousands of results runs a few hundred times.
 */
export function perConcept<T>(read: (concept: Concept) => T): (concept: Concept) => T {
  const answers = new WeakMap<Concept, T>();
  return (concept) => {
    if (answers.has(concept)) return answers.get(concept) as T;
    const answer = read(concept);
    answers.set(concept, answer);
    return answer;
  };
}

export const hasCode = (
  concept: Concept | undefined,
  system: string,
  codes: ReadonlySet<string>,
): boolean => concept?.coding.some((c) => c.system === system && codes.has(c.code)) ?? false;

/** The code of the first coding in `system`, for CodeableConcepts such as statuses. */
export const codeIn = (concept: Concept | undefined, system: string): string | undefined =>
  concept?.coding.find((c) => c.system === system)?.code;

/**
 * Groups items that name the same concept: two items belong together when they share any coding
 * (by `codingKey`, so ICD-10 under any of its URIs matches), or, when neither has a coding, the
 * same text. Never by `coding[0]`: the same drug sent once as `[RxNorm]` and once as `[NDC, RxNorm]`
 * is one group. Groups and their items keep the order of first appearance.
 */
export function groupByConcept<T>(items: readonly T[], conceptOf: (item: T) => Concept): T[][] {
  // Union-find over the items, joined through the keys they share.
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  const owner = new Map<string, number>();
  items.forEach((item, i) => {
    const concept = conceptOf(item);
    const keys = concept.coding.length
      ? concept.coding.map(codingKey)
      : [`text|${concept.text.trim().toLowerCase()}`];
    for (const key of keys) {
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else {
        const [a, b] = [root(seen), root(i)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), item]);
  });
  return [...groups.values()];
}
