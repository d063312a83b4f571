/** Small text helpers shared by the rule families. */
import { unitText } from '../contract/unit-text';
import type { LabDef } from './kb/types';

export function formatValue(lab: LabDef, value: number): string {
  const unit = unitText(lab.unit);
  const factor = 10 ** lab.decimals;
  const v = (Math.round(value * factor) / factor).toFixed(lab.decimals);
  return unit === '' ? v : unit === '%' ? `${v}%` : `${v} ${unit}`;
}

/**
 * A point's value as a statement shows it: a censored result as the laboratory reported it
 * ("<15 mL/min/1.73m2"), and how a value the record lacked was derived.
 */
export const pointValue = (
  lab: LabDef,
  p: { value: number; derivation?: string; censored?: { comparator: string; bound: number } },
): string => {
  const shown = p.censored
    ? `${p.censored.comparator}${formatValue(lab, p.censored.bound)}`
    : formatValue(lab, p.value);
  return p.derivation === undefined ? shown : `${shown} (${p.derivation})`;
};

export const day = (iso: string): string => iso.slice(0, 10);

export function monthsBetween(aMs: number, bMs: number): number {
  return Math.round(Math.abs(bMs - aMs) / (30.44 * 24 * 3600 * 1000));
}

export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A word kept as written mid-sentence: an acronym (COPD, HbA1c, T2) or an eponym (Alzheimer's). */
function keepsCase(word: string): boolean {
  const capitals = word.replace(/[^A-Z]/g, '').length;
  return capitals >= 2 || (capitals === 1 && /\d/.test(word)) || /^[A-Z][a-z]+'s$/.test(word);
}
const TITLE_WORD = /^[A-Z][a-z]+(?:-[a-z]+)*$/;

/**
 * A clinical name as it reads mid-sentence: "Heart failure" -> "heart failure", "Atrial
 * Fibrillation" -> "atrial fibrillation"; "COPD", "HbA1c" and "Alzheimer's disease" keep their
 * capitals.
 */
export function midSentence(name: string): string {
  const words = name.split(' ');
  const lettered = words.filter((w) => /^[A-Za-z]/.test(w));
  // "Atrial Fibrillation": every word capitalised, so every plain word is lowered.
  const titleCase =
    lettered.length > 1 && lettered.every((w) => TITLE_WORD.test(w) || keepsCase(w));
  return words
    .map((w, i) =>
      (i === 0 || titleCase) && TITLE_WORD.test(w) && !keepsCase(w)
        ? w.charAt(0).toLowerCase() + w.slice(1)
        : w,
    )
    .join(' ');
}
