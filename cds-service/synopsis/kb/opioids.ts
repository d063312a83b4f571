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
