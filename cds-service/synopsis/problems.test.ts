import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildProblems } from './problems';
import { condition, NOW, record } from './test-records';

const problemsOf = (...resources: Parameters<typeof record>) =>
  buildProblems(buildContext(record(...resources), NOW));

describe('staged conditions', () => {
  it('CKD stages 1, 2 and 3 on the list are one problem at the stage recorded last', () => {
    const stage1 = condition('431855005', 'Chronic kidney disease stage 1', 'active', {
      onsetDateTime: '2018-04-18',
    });
    const stage2 = condition('431856006', 'Chronic kidney disease stage 2', 'active', {
      onsetDateTime: '2020-05-16',
    });
    const stage3 = condition('x', 'Chronic kidney disease, stage 3a', 'active', {
      onsetDateTime: '2022-02-01',
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'N1831' }],
        text: 'Chronic kidney disease, stage 3a',
      },
    });
    const dkd = condition('127013003', 'Disorder of kidney due to diabetes mellitus');
    const problems = problemsOf(stage1, stage2, stage3, dkd);
    const ckd = problems.filter((p) => /chronic kidney disease/i.test(p.text));
    expect(ckd.map((p) => p.text)).toEqual(['Chronic kidney disease, stage 3a']);
    expect(ckd[0]?.evidence.map((e) => e.reference).sort()).toEqual(
      [stage1, stage2, stage3].map((c) => `Condition/${c.id}`).sort(),
    );
    expect(ckd[0]?.notes.at(-1)).toBe(
      'Milder stages also on the list: Chronic kidney disease stage 1 (2018-04-18); Chronic kidney disease stage 2 (2020-05-16)',
    );
    // A kidney disorder that is not a stage stays a problem of its own.
    expect(problems.some((p) => p.text === 'Disorder of kidney due to diabetes mellitus')).toBe(
      true,
    );
  });

  it('heads with the most severe stage, says when a milder one came later, keeps ESRD apart', () => {
    const problems = problemsOf(
      condition('431857002', 'Chronic kidney disease stage 4', 'active', {
        onsetDateTime: '2021-01-01',
      }),
      condition('433144002', 'Chronic kidney disease stage 3', 'active', {
        onsetDateTime: '2023-01-01',
      }),
      condition('46177005', 'End-stage renal disease', 'active', { onsetDateTime: '2019-01-01' }),
    );
    const texts = problems.map((p) => p.text);
    expect(texts).toContain('Chronic kidney disease stage 4');
    expect(texts).toContain('End-stage renal disease');
    expect(texts).not.toContain('Chronic kidney disease stage 3');
    const stage4 = problems.find((p) => p.text === 'Chronic kidney disease stage 4');
    expect(stage4?.notes.at(-1)).toBe(
      'A milder stage was recorded after this one: Chronic kidney disease stage 3 (2023-01-01); check which is current',
    );
  });

  it('leaves a single stage, and resolved stages, as they are', () => {
    const problems = problemsOf(
      condition('431855005', 'Chronic kidney disease stage 1', 'resolved', {
        onsetDateTime: '2018-04-18',
      }),
      condition('431856006', 'Chronic kidney disease stage 2', 'active', {
        onsetDateTime: '2020-05-16',
      }),
    );
    expect(problems.filter((p) => p.text.startsWith('Chronic kidney disease'))).toHaveLength(2);
  });
});
