import { describe, expect, it } from 'vitest';
import { hardSentences } from '../../../tests/support/readability';
import { CARE_GAPS } from './care-gaps';
import { CONDITIONS } from './conditions';
import { DRUG_CLASSES } from './drug-classes';
import { LABS } from './labs';
import { PLAIN_CHECKS, PLAIN_CONDITIONS, PLAIN_PURPOSES, PLAIN_TESTS } from './plain-language';

const rows = [
  ...Object.entries(PLAIN_CONDITIONS).map(([id, r]) => [id, [r.name, r.about], r.source] as const),
  ...Object.entries(PLAIN_PURPOSES).map(
    ([id, r]) => [id, [`A medicine used ${r.purpose}.`], r.source] as const,
  ),
  ...Object.entries(PLAIN_TESTS).map(([id, r]) => [id, [r.name, r.about], r.source] as const),
  ...Object.entries(PLAIN_CHECKS).map(([id, r]) => [id, [r.ask, r.why], r.source] as const),
];

describe('plain-language knowledge', () => {
  it('explains every condition and every lab or vital sign the knowledge base knows', () => {
    const missing = [
      ...CONDITIONS.filter((c) => !(c.id in PLAIN_CONDITIONS)).map((c) => c.id),
      ...LABS.filter((l) => l.kind !== 'score' && !(l.id in PLAIN_TESTS)).map((l) => l.id),
    ];
    expect(missing).toEqual([]);
  });

  it('names only ids the knowledge base has', () => {
    const known = new Set([
      ...CONDITIONS.map((c) => c.id),
      ...DRUG_CLASSES.map((c) => c.id),
      ...LABS.map((l) => l.id),
      ...CARE_GAPS.map((g) => g.id),
    ]);
    expect(rows.map(([id]) => id).filter((id) => !known.has(id))).toEqual([]);
  });

  it('asks a patient only about prevention and monitoring, never about a missing drug', () => {
    const treatment = CARE_GAPS.filter((g) => g.evidence.kind === 'drug').map((g) => g.id);
    expect(treatment.length).toBeGreaterThan(0);
    expect(Object.keys(PLAIN_CHECKS).filter((id) => treatment.includes(id))).toEqual([]);
  });

  it('writes every sentence at US grade 8 or below (Flesch-Kincaid), each with a source', () => {
    const hard = rows.flatMap(([id, texts]) =>
      texts.flatMap((t) => hardSentences(t, 8).map((h) => ({ id, ...h }))),
    );
    expect(hard).toEqual([]);
    for (const [, , source] of rows) expect(source.length).toBeGreaterThan(10);
  });
});
