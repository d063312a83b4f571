import { describe, expect, it } from 'vitest';
import { groupByConcept, SYSTEMS, type Concept } from './codes';

const concept = (text: string, ...coding: [string, string][]): Concept => ({
  text,
  coding: coding.map(([system, code]) => ({ system, code })),
});

describe('groupByConcept', () => {
  const names = (groups: Concept[][]) => groups.map((g) => g.map((c) => c.text));

  it('joins items through any shared coding, not the first one', () => {
    const groups = groupByConcept(
      [
        concept('a', [SYSTEMS.rxnorm, '617311']),
        concept('b', ['http://hl7.org/fhir/sid/ndc', '0071-0157-23'], [SYSTEMS.rxnorm, '617311']),
        concept('c', [SYSTEMS.rxnorm, '312961']),
      ],
      (c) => c,
    );
    expect(names(groups)).toEqual([['a', 'b'], ['c']]);
  });

  it('joins chains (a~b through one code, b~c through another) and ICD-10 under any URI', () => {
    const groups = groupByConcept(
      [
        concept('a', [SYSTEMS.snomed, '44054006']),
        concept('c', ['http://hl7.org/fhir/sid/icd-10', 'E119']),
        concept('b', [SYSTEMS.snomed, '44054006'], [SYSTEMS.icd10cm, 'E11.9']),
      ],
      (c) => c,
    );
    expect(names(groups)).toEqual([['a', 'c', 'b']]);
  });

  it('groups uncoded items by text, and never a coded item with an uncoded one', () => {
    const groups = groupByConcept(
      [concept('Coumadin'), concept(' coumadin '), concept('coumadin', [SYSTEMS.rxnorm, '202421'])],
      (c) => c,
    );
    expect(names(groups)).toEqual([['Coumadin', ' coumadin '], ['coumadin']]);
  });
});
