/**
 * What a clinician may report as a safety concern about a statement (AI safety-event reporting),
 * kept free of schema code so that the governance console can label them without loading zod.
 */
export const SAFETY_CATEGORIES = [
  'wrong-information',
  'missed-problem',
  'unsafe-suggestion',
  'wrong-patient',
  'other',
] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

/** How each category reads to the clinician reporting it and to the reviewer reading it. */
export const SAFETY_CATEGORY_LABELS: Record<SafetyCategory, string> = {
  'wrong-information': 'Wrong or outdated information',
  'missed-problem': 'Missed a problem',
  'unsafe-suggestion': 'Unsafe suggestion',
  'wrong-patient': 'Seems to be about another patient',
  other: 'Other',
};
