import { describe, expect, it } from 'vitest';
import { BRAND_COUNT, brandIngredients, PRODUCT_NAMES } from './brand-names';
import { DRUG_CLASSES } from './drug-classes';
import data from './brand-names/brand-names.json';

describe('brand names (FDA Drugs@FDA)', () => {
  it('maps only to ingredients the knowledge base knows', () => {
    const known = new Set(DRUG_CLASSES.flatMap((c) => c.ingredients));
    const mapped = new Set([
      ...Object.values(data.brands).flat(),
      ...PRODUCT_NAMES.flatMap((p) => p.ingredients),
    ]);
    expect(BRAND_COUNT).toBeGreaterThan(1000);
    for (const i of mapped) expect(known.has(i), i).toBe(true);
  });

  it('reads whole brand names, any case, the longest first', () => {
    expect(brandIngredients('COUMADIN 5 MG')).toEqual(['warfarin']);
    expect(brandIngredients('percocet 5-325')).toEqual(['acetaminophen', 'oxycodone']);
    expect(brandIngredients('Coumadinx')).toEqual([]);
    expect(brandIngredients('pre-Lasix')).toEqual([]);
  });

  it('reads OTC and combination names the FDA product list misreads (NDC directory)', () => {
    expect(brandIngredients('Tylenol #3 1 tablet every 6 hours')).toEqual([
      'acetaminophen',
      'codeine',
    ]);
    expect(brandIngredients('TYLENOL NO. 4')).toEqual(['acetaminophen', 'codeine']);
    expect(brandIngredients('Tylenol#3')).toEqual(['acetaminophen', 'codeine']);
    // "Tylenol 4 times a day" is a frequency, not No. 4.
    expect(brandIngredients('Tylenol 4 times a day')).toEqual(['acetaminophen']);
    expect(brandIngredients('Dolophine 10 mg')).toEqual(['methadone']);
    expect(brandIngredients('Midol Complete caplets')).toEqual(['acetaminophen']);
    // Alone, Midol may be ibuprofen or acetaminophen: no ingredient is claimed.
    expect(brandIngredients('Midol as needed')).toEqual([]);
    expect(brandIngredients('Midol Liquid Gels')).toEqual(['ibuprofen']);
    // Plain Tylenol, and Tylenol 325 mg, stay acetaminophen alone.
    expect(brandIngredients('Tylenol 325 mg')).toEqual(['acetaminophen']);
  });
});
