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
      'Earlier stages recorded: Chronic kidney disease stage 1 (2018-04-18); Chronic kidney disease stage 2 (2020-05-16)',
    );
    // A kidney disorder that is not a stage stays a problem of its own.
    expect(problems.some((p) => p.text === 'Disorder of kidney due to diabetes mellitus')).toBe(
      true,
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
