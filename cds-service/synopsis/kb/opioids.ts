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
 * What the CDC 2022 guideline covers: outpatient pain in adults, not the pain of sickle cell
 * disease or cancer, nor palliative or end-of-life care. Its advice on how to treat pain (start
 * with immediate-release opioids) stays quiet outside it. Naloxone is not pain care: it is offered
 * at 50 MME a day whatever the pain (FDA Drug Safety Communication, July 2020: discuss naloxone
 * with every patient prescribed an opioid), and the FDA warnings (opioid with a benzodiazepine or
 * gabapentinoid, duplicate acetaminophen) apply to everyone.
 */
export const OPIOID_GUIDELINE_SCOPE = {
  /** The guideline is for adults. */
  minAgeYears: 18,
  /** Conditions whose pain it does not cover; palliative and hospice care are read as care gaps read them. */
  notForConditions: ['malignancy', 'sickle-cell-disease'] as readonly string[],
  source: `${CDC_2022} (scope: not sickle cell disease, cancer, palliative or end-of-life care)`,
} as const;

/**
 * Extended-release and long-acting (ER/LA) opioids, recognised from the RxNorm product name (its
 * dose form and release period) or a brand that is ER/LA in every form. CDC 2022 (recommendation
 * 3): start with immediate-release opioids, not ER/LA. An ER/LA order started within
 * `startedWithinDays` with no other opioid active at its start, or ordered in the
 * `priorOpioidDays` before it, is flagged. Not judged: methadone and buprenorphine (also the
 * treatments of opioid use disorder, which the record may not say), cough and cold suspensions,
 * and what the guideline does not cover (OPIOID_GUIDELINE_SCOPE).
 */
export interface LongActingOpioidRule {
  /** Words of an RxNorm product name (dose form, release period) that make it ER/LA. */
  productWords: readonly string[];
  /** Brands that are ER/LA in every form. */
  brands: readonly string[];
  notIngredients: readonly string[];
  notProductWords: readonly string[];
  startedWithinDays: number;
  priorOpioidDays: number;
  /** Said after the order and its start: why it is flagged. */
  because: string;
  advice: string;
  source: string;
}

export const LONG_ACTING_OPIOIDS: LongActingOpioidRule = {
  productWords: [
    'extended release',
    'extended-release',
    'transdermal',
    '12 hr',
    '24 hr',
    '24hr',
    '72 hr',
  ],
  brands: [
    'oxycontin',
    'xtampza',
    'ms contin',
    'kadian',
    'hysingla',
    'zohydro',
    'nucynta er',
    'exalgo',
    'embeda',
  ],
  notIngredients: ['methadone', 'buprenorphine'],
  notProductWords: ['suspension'],
  startedWithinDays: 90,
  priorOpioidDays: 90,
  because:
    'the guideline starts opioids with immediate-release products, and several extended-release ones are for opioid-tolerant patients only',
  advice:
    'Check whether the patient was taking opioids before; if not, prefer an immediate-release opioid at the lowest effective dose.',
  source: `${CDC_2022} (recommendation 3: immediate-release opioids when starting)`,
};
