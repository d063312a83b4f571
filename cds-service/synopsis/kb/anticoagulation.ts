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

/**
 * Creatinine clearance by Cockcroft-Gault, the kidney function the DOAC labels dose by (not eGFR):
 * (140 - age) x weight / (72 x serum creatinine), x 0.85 for women, in mL/min, with actual body
 * weight as the rivaroxaban label directs. Weight and creatinine older than `lookBackDays` are
 * not used.
 */
export const COCKCROFT_GAULT = {
  /** An adult formula: not computed below this age. */
  minAgeYears: 18,
  ageFrom: 140,
  creatinineFactor: 72,
  femaleFactor: 0.85,
  lookBackDays: 365,
  source: 'Cockcroft DW, Gault MH, Nephron 1976;16:31-41 (actual body weight, per the DOAC labels)',
} as const;

/**
 * DOAC doses in nonvalvular atrial fibrillation by creatinine clearance (US labels): the full dose
 * above `fullDoseAboveCrCl`, the reduced dose from `minCrCl` up to it, not below `minCrCl`.
 * Edoxaban is not to be used above `maxCrCl` (less effective than warfarin there: boxed warning).
 */
export interface DoacAfDose {
  ingredient: string;
  fullMg: number;
  reducedMg: number;
  /** "once daily" or "twice daily": how the label gives the dose. */
  frequency: string;
  /** Doses a day in AF; an order whose structured dose says otherwise is another regimen. */
  perDay: number;
  fullDoseAboveCrCl: number;
  /** Below it the label says not to use the drug. */
  minCrCl: number;
  maxCrCl?: number;
  /** The reduced dose is the label's also at these clearances with these drugs (P-gp inhibitors). */
  reducedWith?: { ingredients: readonly string[]; crclAtMost: number };
  /** Why not above `maxCrCl`, as the label says. */
  aboveMaxCrClBecause?: string;
  source: string;
}

/** What to do when the clearance rules a DOAC out. */
export const DOAC_RENAL_ADVICE = {
  belowMinCrCl: 'Choose another anticoagulant (apixaban or warfarin), with the kidney specialist.',
  aboveMaxCrCl: 'Choose another anticoagulant.',
  source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023 (anticoagulation in CKD)',
} as const;

export const DOAC_AF_DOSES: readonly DoacAfDose[] = [
  {
    ingredient: 'rivaroxaban',
    fullMg: 20,
    reducedMg: 15,
    frequency: 'once daily with the evening meal',
    perDay: 1,
    fullDoseAboveCrCl: 50,
    minCrCl: 15,
    source: 'Rivaroxaban (Xarelto) US prescribing information, section 2 (nonvalvular AF)',
  },
  {
    ingredient: 'dabigatran',
    fullMg: 150,
    reducedMg: 75,
    frequency: 'twice daily',
    perDay: 2,
    fullDoseAboveCrCl: 30,
    minCrCl: 15,
    reducedWith: { ingredients: ['dronedarone', 'ketoconazole'], crclAtMost: 50 },
    source: 'Dabigatran (Pradaxa) US prescribing information, section 2 (nonvalvular AF)',
  },
  {
    ingredient: 'edoxaban',
    fullMg: 60,
    reducedMg: 30,
    frequency: 'once daily',
    perDay: 1,
    fullDoseAboveCrCl: 50,
    minCrCl: 15,
    maxCrCl: 95,
    aboveMaxCrClBecause: 'less effective than warfarin',
    source:
      'Edoxaban (Savaysa) US prescribing information, boxed warning and section 2 (nonvalvular AF)',
  },
];
