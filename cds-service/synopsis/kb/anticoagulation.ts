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
  /** An INR older than this says nothing about today's anticoagulation. */
  recentDays: 28,
  /** INR 4.5-10 without bleeding: hold or lower the dose; above 10: also oral vitamin K. */
  holdAbove: 4.5,
  vitaminKAbove: 10,
  source: CHEST_2012,
} as const;
