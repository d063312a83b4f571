/**
 * Warfarin: INR monitoring and INR against target. Thresholds from the CHEST guideline on
 * antithrombotic therapy (9th edition, 2012: Holbrook et al., "Evidence-based management of
 * anticoagulant therapy"; Ageno et al., "Oral anticoagulant therapy").
 */
const CHEST_2012 =
  'CHEST Antithrombotic Therapy and Prevention of Thrombosis, 9th ed., 2012 (Holbrook et al.; Ageno et al.)';

export const WARFARIN_INR = {
  drugClass: 'warfarin',
  lab: 'inr',
  /** Most indications (AF, VTE, bioprosthetic valve); a mechanical mitral valve is 2.5-3.5. */
  target: { low: 2, high: 3, text: '2.0-3.0 for most indications' },
  /**
   * INR at least every 4 weeks, up to every 12 weeks when consistently stable: without an INR in
   * the longest interval the monitoring itself is missing.
   */
  monitorWithinDays: 84,
  /** The usual interval between INRs (every 4 weeks), said in the advice. */
  usualIntervalDays: 28,
  /** An INR older than this says nothing about today's anticoagulation. */
  recentDays: 28,
  /** INR 4.5-10 without bleeding: hold or lower the dose; above 10: also oral vitamin K. */
  holdAbove: 4.5,
  vitaminKAbove: 10,
  source: CHEST_2012,
} as const;

/**
 * Apixaban for atrial fibrillation: 5 mg twice daily, 2.5 mg twice daily when at least two of the
 * criteria are met. A dose the criteria do not support either way is flagged (too high: bleeding;
 * too low: stroke).
 */
export const APIXABAN_AF_DOSE = {
  ingredient: 'apixaban',
  indication: 'atrial-fibrillation',
  fullMg: 5,
  reducedMg: 2.5,
  reduceWhenAtLeast: 2,
  criteria: [
    { label: 'age 80 or over', minAge: 80 },
    { label: 'weight 60 kg or less', lab: 'weight', atMost: 60 },
    { label: 'serum creatinine 1.5 mg/dL or more', lab: 'creatinine', atLeast: 1.5 },
  ],
  /** Weight and creatinine older than this are not used. */
  lookBackDays: 365,
  source: 'Apixaban (Eliquis) FDA label, section 2.2 (nonvalvular atrial fibrillation)',
} as const;
