/**
 * Imports the VSAC value-set expansions the knowledge base uses from a pinned snapshot of the CMS
 * eCQM content repository, into `cds-service/synopsis/kb/value-sets/value-sets.json`, and writes
 * the SOURCE.md beside it. Run it again (with a newer pin) to update; the engine never reads the
 * repository itself.
 *
 *   npx tsx scripts/kb/import-value-sets.ts /path/to/ecqm-content-qicore-2024[.git] [commit]
 *
 * The path is a git directory (a bare mirror) or a checkout. Only the value sets listed in
 * `SELECTED` are kept, each reduced to `{oid, name, version, expansion, codes}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFromSnapshot, snapshotArgs } from '../snapshot';
import { z } from 'zod';
import { markdownTable } from '../../cds-service/markdown-table';

const REPOSITORY = 'https://github.com/cqframework/ecqm-content-qicore-2024';
const DEFAULT_COMMIT = '9ebd48ffebf2ed2489f3904cc8393ebf8979bfc9';
const FOLDER = 'input/vocabulary/valueset/external';
const OUT_DIR = join(import.meta.dirname, '../../cds-service/synopsis/kb/value-sets');

/** What the knowledge base uses each value set for. Keep only expansions a rule reads. */
export const SELECTED: readonly { oid: string; use: string }[] = [
  { oid: '2.16.840.1.113883.3.464.1003.103.12.1001', use: 'condition diabetes (any type)' },
  { oid: '2.16.840.1.113883.3.464.1003.103.12.1020', use: 'condition type-1-diabetes' },
  { oid: '2.16.840.1.113883.3.464.1003.104.12.1011', use: 'condition hypertension' },
  { oid: '2.16.840.1.113883.3.526.3.376', use: 'condition heart-failure' },
  { oid: '2.16.840.1.113883.3.117.1.7.1.202', use: 'condition atrial-fibrillation' },
  { oid: '2.16.840.1.113762.1.4.1047.46', use: 'condition ischemic-heart-disease' },
  { oid: '2.16.840.1.113762.1.4.1108.101', use: 'condition ischemic-heart-disease' },
  { oid: '2.16.840.1.113883.3.526.3.369', use: 'condition ischemic-heart-disease' },
  { oid: '2.16.840.1.113883.3.464.1003.105.12.1007', use: 'condition depression' },
  { oid: '2.16.840.1.113883.3.117.1.7.1.247', use: 'condition stroke (ischaemic)' },
  { oid: '2.16.840.1.113762.1.4.1111.161', use: 'condition malignancy (primary and secondary)' },
  { oid: '2.16.840.1.113883.3.3157.4043', use: 'condition dementia' },
  {
    oid: '2.16.840.1.113883.3.526.3.327',
    use: 'condition diabetic-retinopathy (RSV vaccine risk: diabetes with end-organ damage)',
  },
  {
    oid: '2.16.840.1.113762.1.4.1111.175',
    use: 'condition sickle-cell-disease (outside the CDC 2022 opioid guideline)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.111.12.1012',
    use: 'episodes: pregnancy, childbirth and the puerperium become history after a year',
  },
  { oid: '2.16.840.1.113883.3.526.3.378', use: 'pregnancy: a current pregnancy (teratogens)' },
  { oid: '2.16.840.1.113883.3.464.1003.102.12.1011', use: 'episodes: acute pharyngitis' },
  { oid: '2.16.840.1.113883.3.464.1003.102.12.1012', use: 'episodes: acute tonsillitis' },
  { oid: '2.16.840.1.113883.3.464.1003.102.12.1022', use: 'episodes: upper respiratory infection' },
  { oid: '2.16.840.1.113883.3.464.1003.108.12.1018', use: 'care gap: mammography' },
  { oid: '2.16.840.1.113762.1.4.1056.50', use: 'care gap: HIV screening (HIV lab tests)' },
  {
    oid: '2.16.840.1.113883.3.464.1003.108.12.1017',
    use: 'care gap: cervical cytology (Pap test)',
  },
  { oid: '2.16.840.1.113883.3.464.1003.110.12.1059', use: 'care gap: HPV test' },
  {
    oid: '2.16.840.1.113883.3.464.1003.198.12.1014',
    use: 'care gap: hysterectomy with no residual cervix (no cervical screening)',
  },
  { oid: '2.16.840.1.113883.3.464.1003.115.12.1088', use: 'care gap: diabetic eye exam' },
  { oid: '2.16.840.1.113883.3.464.1003.1161', use: 'care gap: adult pneumococcal vaccine (CVX)' },
  { oid: '2.16.840.1.113883.3.117.1.7.1.232', use: 'RxNorm names: warfarin' },
  { oid: '2.16.840.1.113883.3.117.1.7.1.200', use: 'RxNorm names: anticoagulants' },
  { oid: '2.16.840.1.113883.3.526.3.1572', use: 'RxNorm names: high-intensity statins' },
  { oid: '2.16.840.1.113883.3.526.3.1575', use: 'RxNorm names: moderate-intensity statins' },
  { oid: '2.16.840.1.113883.3.526.3.1574', use: 'RxNorm names: low-intensity statins' },
  { oid: '2.16.840.1.113883.3.526.3.1139', use: 'RxNorm names: ACE inhibitor, ARB, ARNI' },
  { oid: '2.16.840.1.113883.3.526.3.1174', use: 'RxNorm names: beta-blockers' },
  { oid: '2.16.840.1.113762.1.4.1196.394', use: 'RxNorm names: antidiabetics' },
  { oid: '2.16.840.1.113762.1.4.1196.226', use: 'RxNorm names: opioids' },
  { oid: '2.16.840.1.113762.1.4.1125.1', use: 'RxNorm names: benzodiazepines' },
  {
    oid: '2.16.840.1.113883.3.464.1003.108.12.1020',
    use: 'care gap: colorectal screening, colonoscopy (10 years)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.108.12.1038',
    use: 'care gap: colorectal screening, CT colonography (5 years)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.198.12.1010',
    use: 'care gap: colorectal screening, flexible sigmoidoscopy (5 years)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.198.12.1011',
    use: 'care gap: colorectal screening, stool blood test (1 year)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.108.12.1039',
    use: 'care gap: colorectal screening, stool DNA-FIT test (3 years)',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.108.12.1001',
    use: 'care gap: no colorectal screening after colon cancer',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.198.12.1019',
    use: 'care gap: no colorectal screening after total colectomy',
  },
  {
    oid: '2.16.840.1.113883.3.600.1.1579',
    use: 'care gaps: none offered in palliative or hospice care',
  },
  { oid: '2.16.840.1.113883.3.464.1003.1167', use: 'care gaps: none offered in palliative care' },
  { oid: '2.16.840.1.113883.3.464.1003.1165', use: 'care gaps: none offered in hospice care' },
  { oid: '2.16.840.1.113762.1.4.1095.101', use: 'care gaps: none offered in hospice care' },
  {
    oid: '2.16.840.1.113762.1.4.1029.219',
    use: 'care gap: no AAA screening with an aortic aneurysm',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.109.12.1029',
    use: 'care gap: no SGLT2 gap in a kidney transplant recipient',
  },
  {
    oid: '2.16.840.1.113883.3.464.1003.109.12.1012',
    use: 'care gap: no SGLT2 gap after a kidney transplant',
  },
  { oid: '2.16.840.1.113883.3.464.1003.109.12.1013', use: 'care gap: no SGLT2 gap on dialysis' },
];

const ValueSet = z.object({
  resourceType: z.literal('ValueSet'),
  name: z.string(),
  title: z.string().optional(),
  version: z.string(),
  expansion: z.object({
    timestamp: z.string(),
    total: z.number().optional(),
    contains: z.array(z.object({ system: z.string(), code: z.string(), display: z.string() })),
  }),
});

function main(): void {
  const { source, commit } = snapshotArgs(
    'import-value-sets <ecqm-content-qicore-2024 git dir or checkout> [commit]',
    DEFAULT_COMMIT,
  );
  const sets = SELECTED.map(({ oid, use }) => {
    const vs = ValueSet.parse(
      JSON.parse(readFromSnapshot(source, commit, `${FOLDER}/valueset-${oid}.json`)),
    );
    const { contains, total } = vs.expansion;
    if (total !== undefined && total > contains.length) {
      throw new Error(`${oid}: expansion is cut (${contains.length} of ${total} codes)`);
    }
    // Displays are kept for RxNorm only: the engine reads a product's ingredients from its name.
    const codes = contains
      .map((c) =>
        c.system.endsWith('/rxnorm') ? [c.system, c.code, c.display] : [c.system, c.code],
      )
      .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    return {
      oid,
      name: vs.title ?? vs.name,
      version: vs.version,
      expansion: vs.expansion.timestamp,
      use,
      codes,
    };
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const data = { repository: REPOSITORY, commit, folder: FOLDER, valueSets: sets };
  writeFileSync(join(OUT_DIR, 'value-sets.json'), serialise(data));
  writeFileSync(join(OUT_DIR, 'SOURCE.md'), sourceNote(commit, sets));
  const n = sets.reduce((sum, s) => sum + s.codes.length, 0);
  console.log(`${sets.length} value sets, ${n} codes -> ${OUT_DIR}/value-sets.json`);
}

/** One code per line: diffs between two pulls read as codes added and removed. */
function serialise(data: { valueSets: { codes: unknown[] }[] }): string {
  const { valueSets, ...head } = data;
  const sets = valueSets.map(({ codes, ...meta }) => {
    const lines = codes.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
    return `  ${JSON.stringify(meta).slice(0, -1)},\n   "codes": [\n${lines}\n  ]}`;
  });
  return `${JSON.stringify(head).slice(0, -1)},\n "valueSets": [\n${sets.join(',\n')}\n]}\n`;
}

function sourceNote(
  commit: string,
  sets: readonly {
    oid: string;
    name: string;
    version: string;
    expansion: string;
    use: string;
    codes: unknown[];
  }[],
): string {
  const table = markdownTable(
    ['OID', 'name', 'version', 'expansion', 'codes', 'used for'],
    sets.map((s) => [s.oid, s.name, s.version, s.expansion, String(s.codes.length), s.use]),
  );
  return [
    '# Value sets: source',
    '',
    'Generated by `scripts/kb/import-value-sets.ts`; do not edit by hand.',
    '',
    `- Repository: ${REPOSITORY} (CMS eCQM content for the 2025 reporting year, QI-Core)`,
    `- Commit: \`${commit}\`, folder \`${FOLDER}\`, files \`valueset-<OID>.json\``,
    `- Pulled: ${new Date().toISOString().slice(0, 10)}`,
    '- Content: VSAC expansions published by NLM. Repository licence CC0; the codes remain under',
    '  the UMLS licence and the SNOMED CT, LOINC and RxNorm terms of use.',
    '- Kept: every code of each expansion with its system; RxNorm displays (product names), which',
    '  the engine reads ingredients from. No expansion below is truncated (checked on import).',
    '',
    table,
    '',
  ].join('\n');
}

main();
