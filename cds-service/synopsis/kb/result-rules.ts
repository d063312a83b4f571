/**
 * Alerts raised from results: their thresholds, the look-back window within which a result still
 * counts, and the source of each. A result older than its window raises nothing here: it is
 * history, shown in the results, and a care gap asks for a new one where one is due.
 */
export const RESULT_RULES = {
  critical: {
    /** A critical value older than this is not today's emergency. */
    lookBackDays: 90,
    source: 'critical limits per laboratory test (kb/labs.ts)',
  },
  aki: {
    lookBackDays: 90,
    /** A rise of at least this (mg/dL) within `absoluteWithinDays`... */
    absoluteRise: 0.3,
    absoluteWithinDays: 2,
    /** ...or to at least this multiple of a value within `relativeWithinDays`. */
    relativeRise: 1.5,
    relativeWithinDays: 7,
    source: 'KDIGO Clinical Practice Guideline for Acute Kidney Injury, 2012',
  },
  egfrDecline: {
    /** Results on different days (several the same day count once, as the lowest). */
    minResults: 3,
    /** mL/min/1.73 m2 per year; faster decline is "rapid progression". */
    slopePerYear: -5,
    /** Years of results the slope is fitted over, every day's lowest value in them. */
    windowYears: 3,
    /**
     * A rate per year is judged over at least a year: KDIGO's "sustained" decline. A few weeks of
     * day-to-day variation (94 to 91) must not read as 16 a year.
     */
    minSpanDays: 365,
    /** The newest eGFR of the decline must be this recent. */
    lookBackDays: 365,
    source: 'KDIGO 2024 Clinical Practice Guideline for CKD (rapid progression > 5 per year)',
  },
  diabetesAboveGoal: {
    /** HbA1c %, for most non-pregnant adults. */
    goal: 7,
    warningAt: 9,
    /** HbA1c is checked at least twice a year: a result older than a year is not the current control. */
    lookBackDays: 365,
    /** Older than this, the statement says how old the value is. */
    ageShownAfterDays: 90,
    source: 'ADA Standards of Care in Diabetes 2025, sections 6 and 9',
  },
  bloodPressureAboveTarget: {
    systolic: 130,
    diastolic: 80,
    warningSystolic: 160,
    warningDiastolic: 100,
    /** The mean of the most recent readings, at least `minReadings` of them. */
    readings: 3,
    minReadings: 2,
    lookBackDays: 365,
    source: 'ACC/AHA Guideline for High Blood Pressure in Adults, 2017',
  },
  weightLoss: {
    fraction: 0.05,
    /** The earlier weight is 6 to 12 months before the latest. */
    fromDays: 150,
    toDays: 365,
    lookBackDays: 365,
    minAgeYears: 18,
    source: 'AAFP: Unintentional Weight Loss in Older Adults, 2014 (> 5% in 6-12 months)',
  },
} as const;
