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

  it.each([
    [new Error('missing-iss'), /open this page from your patient portal/],
    [new Error('Failed to fetch'), /could not reach your patient portal/],
  ])('explains %s to a patient in plain words', (err, expected) => {
    expect(launchProblem(err, 'patient')).toMatch(expected);
  });
});
