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

/**
 * Product names the Drugs@FDA list misses or would misread, checked in the FDA NDC directory
 * (openFDA): over-the-counter monograph products are not in Drugs@FDA, so "Midol" there is only
 * its ibuprofen products, and "Tylenol #3" is read as acetaminophen alone. These take precedence.
 */
export const PRODUCT_NAMES: readonly {
  names: readonly string[];
  ingredients: readonly string[];
  source: string;
}[] = [
  {
    names: ['midol complete'],
    ingredients: ['acetaminophen'],
    source:
      'FDA NDC directory, product 0280-8005 (Midol Complete: acetaminophen, caffeine, pyrilamine)',
  },
  {
    names: [
      'tylenol #3',
      'tylenol #4',
      'tylenol no. 3',
      'tylenol no. 4',
      'tylenol no 3',
      'tylenol no 4',
      'tylenol no.3',
      'tylenol no.4',
      'tylenol#3',
      'tylenol#4',
      'tylenol-codeine',
    ],
    ingredients: ['acetaminophen', 'codeine'],
    source:
      'FDA NDC directory, acetaminophen and codeine phosphate tablets 300/30 mg (No. 3, product 64380-446) and 300/60 mg (No. 4, product 68071-4749)',
  },
  {
    names: ['dolophine'],
    ingredients: ['methadone'],
    source: 'Drugs@FDA, NDA 006134 (Dolophine hydrochloride: methadone hydrochloride)',
  },
];

/**
 * Brands whose products differ in ingredient, read as no ingredient when named alone: over the
 * counter, "Midol" is ibuprofen (Drugs@FDA), or acetaminophen (Midol Complete, NDC directory).
 */
export const AMBIGUOUS_BRANDS: readonly string[] = ['midol'];

const BRANDS = new Map<string, readonly string[]>([
  ...Object.entries(parsed.brands),
  ...PRODUCT_NAMES.flatMap((p) => p.names.map((n) => [n, p.ingredients] as const)),
  ...AMBIGUOUS_BRANDS.map((b) => [b, []] as const),
]);
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
