import { describe, expect, it } from 'vitest';
import { launchProblem } from './launch-problem';

describe('launchProblem', () => {
  it.each([
    [new Error('missing-iss'), /opened by the EHR/],
    [new Error('Failed to fetch'), /could not be reached/],
    ['odd', /could not be reached/],
  ])('explains %s in words', (err, expected) => {
    expect(launchProblem(err)).toMatch(expected);
  });
});
