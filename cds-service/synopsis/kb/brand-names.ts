/**
 * US brand names and the ingredients they stand for (`brand-names/brand-names.json`, written by
 * `scripts/kb/import-brand-names.ts` from the FDA's Drugs@FDA product list; its source is in
 * `brand-names/SOURCE.md`). A medication or allergy named only by its brand ("Coumadin 5 mg",
 * "allergic to Bactrim") is read as its ingredients. Read once when the module loads.
 */
import { z } from 'zod';
import data from './brand-names/brand-names.json';

const File = z.object({
  repository: z.string(),
  commit: z.string(),
  brands: z.record(z.string(), z.array(z.string()).min(1)),
});

const parsed = File.parse(data);

export const BRAND_NAME_SOURCE = { repository: parsed.repository, commit: parsed.commit };

const BRANDS = new Map(Object.entries(parsed.brands));
export const BRAND_COUNT = BRANDS.size;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Longest names first, so that "Tylenol with Codeine" wins over "Tylenol". */
const BRAND_PATTERN = new RegExp(
  `(?<![\\w-])(${[...BRANDS.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\w-])`,
  'gi',
);

/** The ingredients of every brand named as a whole word in `text`, each once. */
export function brandIngredients(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(BRAND_PATTERN)) {
    for (const i of BRANDS.get((m[1] ?? '').toLowerCase()) ?? []) out.add(i);
  }
  return [...out];
}
