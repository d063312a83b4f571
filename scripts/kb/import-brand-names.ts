/**
 * Imports US brand names and their active ingredients from a pinned copy of the FDA Drugs@FDA
 * `Products.txt` (US government data, public domain), into
 * `cds-service/synopsis/kb/brand-names/brand-names.json`, and writes the SOURCE.md beside it.
 * Only brands of ingredients the knowledge base knows (kb/drug-classes.ts) are kept, each mapped
 * to those ingredients: re-run it when the ingredient list grows.
 *
 *   npx tsx scripts/kb/import-brand-names.ts /path/to/BeersCriteria[.git] [commit]
 *
 * A brand is kept when it is at least 4 characters, does not itself name a known ingredient (a
 * generic product's "brand" is its generic name), every one of its products is taken systemically
 * (none topical, eye, ear, vaginal, dental or irrigation: "Nizoral" shampoo is not ketoconazole
 * tablets) and has at most `MAX_INGREDIENTS` active ingredients (bowel preparations and infusion
 * fluids are not their potassium), and the ingredients common to all of its products (Benylin with
 * and without pseudoephedrine: diphenhydramine) include a known one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRUG_CLASSES } from '../../cds-service/synopsis/kb/drug-classes';
import { escapeRegExp } from '../../cds-service/text';

const REPOSITORY = 'https://github.com/SteveHQiu/BeersCriteria';
const DEFAULT_COMMIT = '6e3939edb494e6229588c83522047cee8101ca56';
const PATH = 'data/Products.txt';
const OUT_DIR = join(import.meta.dirname, '../../cds-service/synopsis/kb/brand-names');
const MIN_BRAND_LENGTH = 4;
const MAX_INGREDIENTS = 3;
/** Dosage-form words (Drugs@FDA `Form`) of products not taken systemically. */
const LOCAL_ROUTES =
  /\b(TOPICAL|OPHTHALMIC|OTIC|VAGINAL|DENTAL|IRRIGATION|URETHRAL|PERIODONTAL|INTRAOCULAR|INTRAVITREAL|SHAMPOO)\b/i;

function readSnapshot(source: string, commit: string): string {
  const checkout = join(source, PATH);
  if (existsSync(checkout)) return readFileSync(checkout, 'utf8');
  return execFileSync('git', ['--git-dir', source, 'show', `${commit}:${PATH}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function main(): void {
  const [source, commit = DEFAULT_COMMIT] = process.argv.slice(2);
  if (!source) {
    console.error('usage: import-brand-names <BeersCriteria git dir or checkout> [commit]');
    process.exit(2);
  }
  const known = [...new Set(DRUG_CLASSES.flatMap((c) => c.ingredients))].sort();
  const pattern = new RegExp(`\\b(${known.map(escapeRegExp).join('|')})\\b`, 'gi');
  const ingredientsIn = (text: string): Set<string> =>
    new Set([...text.matchAll(pattern)].map((m) => (m[1] ?? '').toLowerCase()));

  const lines = readSnapshot(source, commit).split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  const brandAt = header.indexOf('DrugName');
  const ingredientAt = header.indexOf('ActiveIngredient');
  const formAt = header.indexOf('Form');
  if (brandAt < 0 || ingredientAt < 0 || formAt < 0) throw new Error(`${PATH}: unexpected header`);
  // Per brand, the known ingredients of each of its products.
  const products = new Map<string, Set<string>[]>();
  /** Brands with a product taken locally, or with many ingredients: left out. */
  const local = new Set<string>();
  const mixtures = new Set<string>();
  let rows = 0;
  let malformed = 0;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    rows++;
    const cells = line.split('\t');
    const brand = cells[brandAt]?.trim().toLowerCase();
    const active = cells[ingredientAt]?.trim();
    if (!brand || !active) {
      malformed++;
      continue;
    }
    // A tab inside the Form field (one row) shifts the columns: read the row from both ends.
    const form = cells.slice(formAt, cells.length - (header.length - ingredientAt)).join(' ');
    if (LOCAL_ROUTES.test(form)) local.add(brand);
    if (active.split(';').length > MAX_INGREDIENTS) mixtures.add(brand);
    products.set(brand, [...(products.get(brand) ?? []), ingredientsIn(active)]);
  }
  const brands: Record<string, string[]> = {};
  let generic = 0;
  let short = 0;
  let unknown = 0;
  let notSystemic = 0;
  for (const [brand, sets] of [...products].sort(([a], [b]) => a.localeCompare(b))) {
    if (brand.length < MIN_BRAND_LENGTH) {
      short++;
      continue;
    }
    if (ingredientsIn(brand).size > 0) {
      generic++;
      continue;
    }
    if (local.has(brand) || mixtures.has(brand)) {
      notSystemic++;
      continue;
    }
    const [first, ...rest] = sets;
    const common = [...(first ?? [])].filter((i) => rest.every((s) => s.has(i))).sort();
    if (common.length === 0) {
      unknown++;
      continue;
    }
    brands[brand] = common;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const data = { repository: REPOSITORY, commit, path: PATH, brands };
  writeFileSync(join(OUT_DIR, 'brand-names.json'), `${JSON.stringify(data, null, 1)}\n`);
  const kept = Object.keys(brands).length;
  writeFileSync(
    join(OUT_DIR, 'SOURCE.md'),
    [
      '# Brand names: source',
      '',
      'Generated by `scripts/kb/import-brand-names.ts`; do not edit by hand.',
      '',
      `- Data: FDA Drugs@FDA \`Products.txt\` (brand \`DrugName\` and \`ActiveIngredient\` of every approved product; US government data, public domain), as of about April 2022.`,
      `- Copy read: ${REPOSITORY}, commit \`${commit}\`, path \`${PATH}\` (the repository has no licence file; the data is the FDA's).`,
      `- Pulled: ${new Date().toISOString().slice(0, 10)}`,
      `- Read: ${String(rows)} product rows (${String(malformed)} without a brand or ingredient), ${String(products.size)} brand names.`,
      `- Kept: ${String(kept)} brands of ingredients the knowledge base knows, each mapped to the known ingredients common to all its products.`,
      `- Left out: ${String(short)} names under ${String(MIN_BRAND_LENGTH)} characters, ${String(generic)} that name a known ingredient themselves (generic products), ${String(notSystemic)} with a product used on the skin, eye, ear, vagina or teeth, or with more than ${String(MAX_INGREDIENTS)} active ingredients, ${String(unknown)} of no known ingredient.`,
      '- The engine reads a brand only as a whole word in a medication or allergy name, and only adds its',
      '  ingredients to what the name says; re-run the import when the knowledge base learns an ingredient.',
      '',
    ].join('\n'),
  );
  console.log(`${String(kept)} brands -> ${OUT_DIR}/brand-names.json`);
}

main();
