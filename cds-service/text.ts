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

/** Longest text the service keeps from one field of a record: display texts are never longer. */
export const MAX_TEXT_LENGTH = 1000;

/** `s` cut to `max` characters (an ellipsis marks the cut). */
export const clip = (s: string, max = MAX_TEXT_LENGTH): string =>
  s.length <= max ? s : `${s.slice(0, max - 1)}…`;
