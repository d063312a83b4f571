/**
 * Opioid dose in morphine milligram equivalents (MME) per day: the conversion factors of the CDC
 * Clinical Practice Guideline for Prescribing Opioids for Pain (MMWR Recomm Rep 2022;71(3)).
 * Daily MME = daily dose in mg x factor; for transdermal fentanyl, the patch strength in mcg/h x
 * its factor (a patch is worn continuously).
 */
const CDC_2022 = 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022';

export const MME = {
  factors: {
    codeine: 0.15,
    hydrocodone: 1,
    hydromorphone: 5,
    methadone: 4.7,
    morphine: 1,
    oxycodone: 1.5,
    oxymorphone: 3,
    tapentadol: 0.4,
    tramadol: 0.2,
  } as Readonly<Record<string, number>>,
  /** Transdermal fentanyl: MME per day for each mcg/h of patch strength. */
  fentanylPatchPerMcgHour: 2.4,
  /** At or above this total, naloxone should be offered. */
  naloxoneAt: 50,
  source: `${CDC_2022} (MME conversion factors; naloxone at 50 MME/day or more)`,
} as const;

/**
 * Extended-release and long-acting (ER/LA) opioids, recognised from the RxNorm product name (its
 * dose form and release period) or an ingredient that is long-acting in any form. CDC 2022
 * (recommendation 3): start with immediate-release opioids, not ER/LA; the FDA labels reserve
 * ER/LA opioids for opioid-tolerant patients. An ER/LA order started within `startedWithinDays`
 * with no other opioid order in the `priorOpioidDays` before it is flagged. The guideline does
 * not cover cancer pain or palliative and end-of-life care (`notFor`).
 */
export const LONG_ACTING_OPIOIDS = {
  productWords: ['extended release', 'transdermal', '12 hr', '24 hr', '72 hr'],
  ingredients: ['methadone'] as readonly string[],
  startedWithinDays: 90,
  priorOpioidDays: 90,
  notFor: { conditions: ['malignancy'], endOfLifeCare: true as boolean },
  source: `${CDC_2022} (recommendation 3); FDA ER/LA opioid analgesics labelling (opioid-tolerant patients only)`,
} as const;
