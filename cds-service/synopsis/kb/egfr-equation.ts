/**
 * The eGFR equation the engine uses when a record has creatinine and no eGFR (or one that cannot
 * come from the same creatinine): CKD-EPI 2021, without race (Inker et al., N Engl J Med
 * 2021;385:1737-49; recommended by the NKF-ASN Task Force, 2021, and KDIGO 2024 CKD guideline).
 *   eGFR = 142 x min(Scr/k, 1)^a x max(Scr/k, 1)^-1.200 x 0.9938^age x 1.012 [female]
 * with Scr in mg/dL, k = 0.7 (female) / 0.9 (male), a = -0.241 (female) / -0.302 (male).
 */
export const CKD_EPI_2021 = {
  name: 'CKD-EPI 2021 (race-free)',
  source: 'Inker LA et al., N Engl J Med 2021;385:1737-49; KDIGO 2024 CKD guideline',
  multiplier: 142,
  kappa: { female: 0.7, male: 0.9 },
  alpha: { female: -0.241, male: -0.302 },
  exponentAbove: -1.2,
  ageBase: 0.9938,
  femaleFactor: 1.012,
  /** The equation is validated in adults; children need height (bedside Schwartz). */
  minAgeYears: 18,
  /**
   * A reported eGFR further than this fraction from the one computed from creatinine of the same
   * day disagrees with it (sex-specific terms alone move the equation by about 25%, so closer
   * values are not worth a note). Of the two, the lower one is used and the statement says so:
   * renally cleared drugs are then judged on the kidney function that is the safer assumption. A
   * reported value above the computed one may be cystatin-based or from another sample.
   */
  disagreementFraction: 0.25,
} as const;
