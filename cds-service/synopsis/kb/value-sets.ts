/**
 * The VSAC value-set expansions the knowledge base uses (`value-sets/value-sets.json`, written by
 * `scripts/kb/import-value-sets.ts`; its source is in `value-sets/SOURCE.md`). Read once when the
 * module loads; a knowledge-base entry naming a value set that is not there fails at start-up.
 */
import { z } from 'zod';
import data from './value-sets/value-sets.json';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

const File = z.object({
  repository: z.string(),
  commit: z.string(),
  valueSets: z.array(
    z.object({
      oid: z.string(),
      name: z.string(),
      version: z.string(),
      expansion: z.string(),
      codes: z.array(
        z.union([z.tuple([z.string(), z.string()]), z.tuple([z.string(), z.string(), z.string()])]),
      ),
    }),
  ),
});

export interface ValueSet {
  oid: string;
  name: string;
  version: string;
  codes: readonly { system: string; code: string }[];
}

const parsed = File.parse(data);

export const VALUE_SET_SOURCE = { repository: parsed.repository, commit: parsed.commit };
export const VALUE_SET_COUNT = parsed.valueSets.length;
export const VALUE_SET_CODE_COUNT = parsed.valueSets.reduce((n, vs) => n + vs.codes.length, 0);

const BY_OID = new Map<string, ValueSet>(
  parsed.valueSets.map((vs) => [
    vs.oid,
    {
      oid: vs.oid,
      name: vs.name,
      version: vs.version,
      codes: vs.codes.map(([system, code]) => ({ system, code })),
    },
  ]),
);

/** The expansion of a value set the knowledge base names; throws for one it does not ship. */
export function valueSet(oid: string): ValueSet {
  const vs = BY_OID.get(oid);
  if (!vs) throw new Error(`The knowledge base names value set ${oid}, which is not imported.`);
  return vs;
}

/**
 * RxNorm product names by code (`855332` -> "warfarin sodium 5 MG Oral Tablet"), from every
 * imported medication value set: a coding sent with no display still names its ingredients.
 */
export const RXNORM_NAMES: ReadonlyMap<string, string> = new Map(
  parsed.valueSets.flatMap((vs) =>
    vs.codes.flatMap(([system, code, display]) =>
      system === RXNORM && display !== undefined ? [[code, display] as const] : [],
    ),
  ),
);
