/**
 * US brand names and the ingredients they stand for (`brand-names/brand-names.json`, written by
 * `scripts/kb/import-brand-names.ts` from the FDA's Drugs@FDA product list; its source is in
 * `brand-names/SOURCE.md`). A medication or allergy named only by its brand ("Coumadin 5 mg",
 * "allergic to Bactrim") is read as its ingredients. Read once when the module loads.
 */
import { z } from 'zod';
import { wholeWords } from '../../text';
import data from './brand-names/brand-names.json';

const File = z.object({
  repository: z.string(),
  commit: z.string(),
  brands: z.record(z.string(), z.array(z.string()).min(1)),
});

const parsed = File.parse(data);

const BRANDS = new Map(Object.entries(parsed.brands));
export const BRAND_COUNT = BRANDS.size;

const BRAND_PATTERN = wholeWords([...BRANDS.keys()], 'gi');

/** The ingredients of every brand named as a whole word in `text`, each once. */
export function brandIngredients(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(BRAND_PATTERN)) {
    for (const i of BRANDS.get((m[1] ?? '').toLowerCase()) ?? []) out.add(i);
  }
  return [...out];
}
