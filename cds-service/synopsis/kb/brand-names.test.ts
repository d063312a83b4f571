import { describe, expect, it } from 'vitest';
import { BRAND_COUNT, brandIngredients } from './brand-names';
import { DRUG_CLASSES } from './drug-classes';
import data from './brand-names/brand-names.json';

describe('brand names (FDA Drugs@FDA)', () => {
  it('maps only to ingredients the knowledge base knows', () => {
    const known = new Set(DRUG_CLASSES.flatMap((c) => c.ingredients));
    const mapped = new Set(Object.values(data.brands).flat());
    expect(BRAND_COUNT).toBeGreaterThan(1000);
    for (const i of mapped) expect(known.has(i), i).toBe(true);
  });

  it('reads whole brand names, any case, the longest first', () => {
    expect(brandIngredients('COUMADIN 5 MG')).toEqual(['warfarin']);
    expect(brandIngredients('percocet 5-325')).toEqual(['acetaminophen', 'oxycodone']);
    expect(brandIngredients('Coumadinx')).toEqual([]);
    expect(brandIngredients('pre-Lasix')).toEqual([]);
  });
});
