import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../text';
import { groupByConcept, internedConcept, SYSTEMS, type Concept, type ConceptTable } from './codes';

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

describe('internedConcept', () => {
  const raw = (display: string, text?: string) => ({
    ...(text === undefined ? {} : { text }),
    coding: [{ system: SYSTEMS.loinc, code: '2160-0', display }],
  });

  it('gives equal content one shared Concept, read as readConcept reads it', () => {
    const table: ConceptTable = new Map();
    const a = internedConcept(raw('Creatinine'), table);
    const b = internedConcept(raw('Creatinine'), table);
    expect(b).toBe(a);
    expect(a).toEqual({
      text: 'Creatinine',
      coding: [{ system: SYSTEMS.loinc, code: '2160-0', display: 'Creatinine' }],
    });
  });

  it('keeps contents apart that differ in a display, a text, a system or a coding', () => {
    const table: ConceptTable = new Map();
    const base = internedConcept(raw('Creatinine'), table);
    const others = [
      internedConcept(raw('Creatinine [Mass/volume]'), table),
      internedConcept(raw('Creatinine', 'Creat'), table),
      internedConcept({ coding: [{ system: SYSTEMS.snomed, code: '2160-0' }] }, table),
      internedConcept(
        { coding: [...raw('Creatinine').coding, { system: SYSTEMS.snomed, code: '113075003' }] },
        table,
      ),
    ];
    for (const o of others) expect(o).not.toBe(base);
    expect(others.map((o) => o?.text)).toEqual([
      'Creatinine [Mass/volume]',
      'Creat',
      '2160-0',
      'Creatinine',
    ]);
  });

  it('reads overlong text every time, so the clipping note is heard for each resource', () => {
    const table: ConceptTable = new Map();
    const notes: string[] = [];
    const long = raw('x'.repeat(MAX_TEXT_LENGTH + 5));
    internedConcept(long, table, (m) => notes.push(m));
    internedConcept(long, table, (m) => notes.push(m));
    expect(notes).toHaveLength(2);
    expect(table.size).toBe(0);
  });

  it('reads a bare Coding and a non-object as readConcept does', () => {
    const table: ConceptTable = new Map();
    expect(internedConcept({ system: SYSTEMS.loinc, code: '2160-0' }, table)?.text).toBe('2160-0');
    expect(internedConcept('2160-0', table)).toBeUndefined();
  });
});
