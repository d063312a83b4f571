import { describe, expect, it } from 'vitest';
import { withoutAsides } from './text';

describe('withoutAsides', () => {
  it.each([
    [
      'Metformin with eGFR 28 mL/min/1.73m2 (computed from creatinine, CKD-EPI 2021 (race-free), not the reported 37) (2021-03-13): stop it.',
      'Metformin with eGFR 28 mL/min/1.73m2: stop it.',
    ],
    ['Dual RAAS blockade. (lisinopril, losartan)', 'Dual RAAS blockade.'],
    [
      'QT-prolonging drugs: torsade de pointes risk. (methadone, ondansetron); QTc 488 ms on 2025-06-20',
      'QT-prolonging drugs: torsade de pointes risk; QTc 488 ms on 2025-06-20',
    ],
    ['No asides here.', 'No asides here.'],
    ['An open (aside never closed', 'An open (aside never closed'],
    ['A stray ) bracket', 'A stray ) bracket'],
  ])('%s', (text, headline) => {
    expect(withoutAsides(text)).toBe(headline);
  });
});
