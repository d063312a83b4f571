/**
 * String helpers that stay linear on any input. Record text, URLs and headers come from outside;
 * a regular expression that backtracks over a long run of spaces blocks the event loop for every
 * caller (lint: eslint-plugin-regexp's super-linear rules), so these do the common jobs by hand.
 */

/** `s` without any run of `char` at its end (`https://x/fhir//` -> `https://x/fhir`). */
export function trimTrailing(s: string, char: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === char) end--;
  return s.slice(0, end);
}

/**
 * `text` without a trailing tag and the spaces before it. `tag` must be anchored with `$` and
 * start with a literal (e.g. `/\((?:disorder|finding)\)$/`): it is tried once per position.
 */
export function withoutTrailing(text: string, tag: RegExp): string {
  const m = tag.exec(text);
  return m ? text.slice(0, m.index).trimEnd() : text;
}

/** `s` with every character that means something in a regular expression escaped. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern for any of `words` as whole words: not inside a longer word, nor joined to one by a
 * hyphen ("pre-Lasix"). Longest first, so that "ms contin" is found before "contin" would be.
 */
export function wholeWords(words: readonly string[], flags = 'i'): RegExp {
  const alternatives = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\w-])(${alternatives.join('|')})(?![\\w-])`, flags);
}

/** Longest text the service keeps from one field of a record: display texts are never longer. */
export const MAX_TEXT_LENGTH = 1000;

/** `s` cut to `max` characters (an ellipsis marks the cut). */
export const clip = (s: string, max = MAX_TEXT_LENGTH): string =>
  s.length <= max ? s : `${s.slice(0, max - 1)}…`;

/** `s` cut to at most `max` characters at a word where one is near (an ellipsis marks the cut). */
export function clipAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * The text without its parenthetical asides (nested ones too): what a headline keeps when the
 * whole statement is too long for it. "eGFR 28 (computed from creatinine (CKD-EPI)) is low." ->
 * "eGFR 28 is low." Unbalanced brackets are left as they are.
 */
export function withoutAsides(s: string): string {
  let out = '';
  let depth = 0;
  let aside = '';
  for (const ch of s) {
    if (ch === '(') {
      depth += 1;
      aside += ch;
    } else if (ch === ')' && depth > 0) {
      depth -= 1;
      aside = depth === 0 ? '' : aside + ch;
    } else if (depth > 0) aside += ch;
    else out += ch;
  }
  // An aside never closed stays.
  return (
    (out + aside)
      .replace(/ {2,}/g, ' ')
      .replace(/ ([.,:;])/g, '$1')
      // "risk. (drugs); QTc 488 ms" loses its aside: the sentence goes on, "risk; QTc 488 ms".
      .replace(/\.([;,])/g, '$1')
      .trim()
  );
}

/** An HTML (or XML) tag, comment or declaration: `<` then a letter, `/`, `!` or `?`. */
const HTML_TAG = /<[A-Za-z/!?][^<>]*>/g;
/** A markdown link or image, `[text](target)` or `![alt](target)`: the text stays. */
const MARKDOWN_LINK = /!?\[([^[\]]*)\]\([^()]*\)/g;
/** A URL, scheme-relative `//host` included, or a `www.` address that renderers autolink. */
const URL_LIKE = /(?:\b[a-z][a-z0-9+.-]{1,15}:)?\/\/\S*|\bwww\.\S*/gi;
/** Markdown emphasis, strike-through and code markers (a single `~`, "about", stays). */
const EMPHASIS = /\*+|~{2,}|`+|_{2,}/g;
/** Control characters (newlines and tabs included: they become spaces). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Markers that would open a heading, quote or list at the start of a line. */
const LINE_START_MARKERS = /^[\s#>+-]+/;

/**
 * Text from a record or a model as plain text, on one line: no HTML, no markdown links, emphasis
 * or heading markers, no URLs (nothing a renderer could turn into a link), no control characters.
 * For CDS Hooks `summary` (plain text per the spec), suggestion labels and model-written text.
 */
export function plainText(s: string): string {
  return s
    .replace(HTML_TAG, ' ')
    .replace(MARKDOWN_LINK, '$1')
    .replace(URL_LIKE, ' ')
    .replace(EMPHASIS, '')
    .replace(CONTROL, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(LINE_START_MARKERS, '')
    .trim();
}

/** Counts as a list, largest first: `Claim 64, ExplanationOfBenefit 43`; `empty` when none. */
export function countList(counts: Readonly<Record<string, number>>, empty = 'none'): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  return entries.length ? entries.map(([k, n]) => `${k} ${String(n)}`).join(', ') : empty;
}
