/**
 * De-identification of the text that leaves the process for a language model. The facts sent are
 * built from an allow-list (codes, values, statuses), so this is the second line: every string is
 * scrubbed of the patient's own identifying values, of identifier-shaped patterns, and of
 * calendar dates (replaced by offsets from "now"), in the spirit of the HIPAA Safe Harbor list
 * (45 CFR 164.514(b)(2)). Text that reads like an instruction to the model is withheld.
 */

import { escapeRegExp } from '../text';

const REDACTED = '[redacted]';
export const WITHHELD_INSTRUCTION = '[text withheld: it read like an instruction]';

/** ISO dates and date-times as FHIR writes them. */
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/g;

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const monthOf = (name: string): number =>
  MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
const utc = (year: number, month: number, day: number): number | undefined => {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : undefined;
};

/**
 * Calendar dates as people write them in free text, each read to a time when it can be: US
 * numeric (3/14/1961, 03-14-1961; day first when the first number cannot be a month), and with the
 * month's name (March 14, 1961; 14 March 1961). A two-digit year is not guessed at.
 */
const WRITTEN_DATES: readonly {
  pattern: RegExp;
  read: (m: RegExpExecArray) => number | undefined;
}[] = [
  {
    pattern: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g,
    read: (m) => {
      const [a, b, y] = [Number(m[1]), Number(m[2]), m[3] ?? ''];
      if (y.length !== 4) return undefined;
      return a > 12 ? utc(Number(y), b, a) : utc(Number(y), a, b);
    },
  },
  {
    pattern: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => utc(Number(m[3]), monthOf(m[1] ?? ''), Number(m[2])),
  },
  {
    pattern: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME},?\\s+(\\d{4})\\b`,
      'gi',
    ),
    read: (m) => utc(Number(m[3]), monthOf(m[2] ?? ''), Number(m[1])),
  },
];

/** Identifier-shaped values that no clinical fact needs. Order matters: URLs before e-mails. */
const PATTERNS: readonly RegExp[] = [
  /\b(?:https?|ftp):\/\/\S+/gi,
  /\bwww\.\S+/gi,
  /(?<![\w:/])\/\/[\w-]+(?:\.[\w-]+)+\S*/g, // scheme-relative link: //host.example/path
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
  /\b\d{3}-\d{2}-\d{4}\b/g, // SSN
  /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g, // NANP telephone
  /\b\d{3}[\s.-]\d{4}\b/g, // local telephone number (555-0100)
  /\b\d{7,}\b/g, // MRNs, member and account numbers
  /\b(?:MRN|medical record (?:number|no\.?))[\s:#]*[\w-]*\d[\w-]*/gi, // a short, named MRN
];

/**
 * Phrases by which record text tries to steer the model ("prompt injection"). Deliberately broad:
 * a withheld display string costs little, an obeyed one could change what a clinician reads.
 */
const INSTRUCTION_LIKE: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b.{0,60}\b(?:instructions?|prompts?|rules?|above|previous|prior|earlier|system|guidelines?)\b/i,
  /\b(?:system prompt|developer message|new instructions?|you are now|you must now|act as|pretend to be|jailbreak)\b/i,
  /(?:^|\s)(?:system|assistant|user|developer)\s*:/i,
  /<\/?\s*(?:system|record-data|instructions?|im_start|im_end)\b/i,
  /\b(?:respond|reply|answer|output|write|say)\b.{0,40}\b(?:only|exactly|verbatim)\b/i,
];

export const looksLikeInstruction = (text: string): boolean =>
  INSTRUCTION_LIKE.some((r) => r.test(text));

/** Text that must never appear in what the model writes back: markup, links, contact details. */
export const hasIdentifierPattern = (text: string): boolean =>
  PATTERNS.some((r) => new RegExp(r.source, r.flags.replace('g', '')).test(text));

/** "3 days ago", "5 months ago", "6.9 years ago": how far `ms` lies before `nowMs`. */
export function relativeTime(ms: number, nowMs: number): string {
  const days = Math.round((nowMs - ms) / 86_400_000);
  const abs = Math.abs(days);
  const span =
    abs <= 60
      ? `${String(abs)} day${abs === 1 ? '' : 's'}`
      : abs < 730
        ? `${String(Math.round(abs / 30.44))} months`
        : `${(abs / 365.25).toFixed(1)} years`;
  if (days === 0) return 'today';
  return days > 0 ? `${span} ago` : `in ${span}`;
}

export interface Scrubber {
  /** The text with identifying values redacted, dates made relative, instructions withheld. */
  (text: string): string;
  /** How many strings were withheld because they read like instructions. */
  readonly withheld: () => number;
}

/**
 * Redacts identifying values: the given identifiers (names, record numbers...), identifier-shaped
 * values (contacts, long numbers, links); dates, ISO or as people write them, become relative to
 * `nowMs`. For text that is
 * kept or sent on, such as a clinician's safety report.
 */
export function createRedactor(
  identifiers: readonly string[],
  nowMs: number,
): (text: string) => string {
  // Longest first, so that "Conn" does not break up "Liz Conn" before the whole name matches.
  const known = [...identifiers]
    .sort((a, b) => b.length - a.length)
    .map((v) => new RegExp(`(?<![\\w])${escapeRegExp(v)}(?![\\w])`, 'gi'));
  return (text) => {
    let out = text;
    for (const r of known) out = out.replace(r, REDACTED);
    out = out.replace(ISO_DATE, (d) => {
      const ms = Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d);
      return Number.isNaN(ms) ? REDACTED : relativeTime(ms, nowMs);
    });
    for (const { pattern, read } of WRITTEN_DATES) {
      out = out.replace(pattern, (...args: unknown[]) => {
        const ms = read(args.slice(0, -2) as unknown as RegExpExecArray);
        return ms === undefined ? REDACTED : relativeTime(ms, nowMs);
      });
    }
    for (const r of PATTERNS) out = out.replace(r, REDACTED);
    return out;
  };
}

/** The redactor, and record text that reads like an instruction to the model withheld whole. */
export function createScrubber(identifiers: readonly string[], nowMs: number): Scrubber {
  const redact = createRedactor(identifiers, nowMs);
  let withheld = 0;
  const scrub = (text: string): string => {
    if (looksLikeInstruction(text)) {
      withheld++;
      return WITHHELD_INSTRUCTION;
    }
    return redact(text);
  };
  return Object.assign(scrub, { withheld: () => withheld });
}
