/**
 * Smoking status as US Core records it: an Observation coded LOINC 72166-2 whose value is one of
 * the SNOMED CT answers below (the US Core smoking status value set).
 */
export const SMOKING_STATUS = {
  loinc: '72166-2',
  current: [
    '449868002', // Smokes tobacco daily
    '428041000124106', // Occasional tobacco smoker
    '77176002', // Smoker
    '428071000124103', // Heavy tobacco smoker
    '428061000124105', // Light tobacco smoker
  ],
  former: ['8517006'], // Ex-smoker
  never: ['266919005'], // Never smoked tobacco
  source: 'US Core Smoking Status profile (LOINC 72166-2, SNOMED CT answers)',
} as const;

/**
 * Cigarette pack-years, the exposure lung cancer screening is judged on: SNOMED CT 401201003, as
 * an Observation's code or a component of the smoking-status Observation (unit `{PackYears}`).
 */
export const PACK_YEARS = {
  snomed: '401201003',
  source:
    'SNOMED CT 401201003 Cigarette pack-years, as the HL7 mCODE and IPA smoking examples record it',
} as const;

/**
 * The day someone quit smoking: LOINC 74010-0 "Date quit tobacco smoking" (an item of the LOINC
 * 88028-6 tobacco use panel), its `valueDateTime`. Lung cancer screening counts the years since.
 */
export const QUIT_DATE = {
  loinc: '74010-0',
  source: 'LOINC 74010-0 Date quit tobacco smoking (LOINC 88028-6 tobacco use panel)',
} as const;
