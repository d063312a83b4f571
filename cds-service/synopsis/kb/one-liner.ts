/**
 * What the one-liner names first: the problems that weigh most, the medicines where an error does
 * most harm, and the one number that tells how each named problem is doing.
 */

const CHARLSON_1987 =
  'Charlson Comorbidity Index (Charlson et al., J Chronic Dis 1987;40:373-83): points per condition';
const MANAGEMENT =
  'Not a Charlson category; weighted as one point because it decides a high-harm treatment';
const ISMP_2021 =
  'ISMP List of High-Alert Medications in Community/Ambulatory Care Settings (2021)';

/**
 * Clinical weight of a knowledge-base condition. Higher first; a condition the table does not name
 * weighs 0, and a problem the knowledge base does not know comes after every known one of equal
 * weight. Equal weights keep the order of `CONDITIONS`.
 */
export const CLINICAL_WEIGHT: Readonly<Record<string, { weight: number; source: string }>> = {
  ckd: { weight: 2, source: `${CHARLSON_1987} (moderate or severe renal disease)` },
  malignancy: { weight: 2, source: `${CHARLSON_1987} (any tumour; 6 when metastatic)` },
  dementia: { weight: 1, source: `${CHARLSON_1987} (dementia)` },
  'heart-failure': { weight: 1, source: `${CHARLSON_1987} (congestive heart failure)` },
  'ischemic-heart-disease': { weight: 1, source: `${CHARLSON_1987} (myocardial infarction)` },
  stroke: { weight: 1, source: `${CHARLSON_1987} (cerebrovascular disease)` },
  copd: { weight: 1, source: `${CHARLSON_1987} (chronic pulmonary disease)` },
  asthma: { weight: 1, source: `${CHARLSON_1987} (chronic pulmonary disease)` },
  'peripheral-artery-disease': {
    weight: 1,
    source: `${CHARLSON_1987} (peripheral vascular disease)`,
  },
  'chronic-liver-disease': { weight: 1, source: `${CHARLSON_1987} (mild liver disease)` },
  diabetes: { weight: 1, source: `${CHARLSON_1987} (diabetes)` },
  'type-1-diabetes': { weight: 1, source: `${CHARLSON_1987} (diabetes)` },
  'other-diabetes': { weight: 1, source: `${CHARLSON_1987} (diabetes)` },
  'atrial-fibrillation': {
    weight: 1,
    source: `${MANAGEMENT}: anticoagulation (2023 ACC/AHA/ACCP/HRS atrial fibrillation guideline)`,
  },
};

/**
 * The number the one-liner gives for a named problem: the first of these labs the record has,
 * with its date (the date is always said, so an old value reads as old).
 */
export const HEADLINE_LABS: Readonly<Record<string, readonly string[]>> = {
  diabetes: ['hba1c'],
  'type-1-diabetes': ['hba1c'],
  'other-diabetes': ['hba1c'],
  ckd: ['egfr'],
  'heart-failure': ['lvef', 'ntprobnp', 'bnp'],
  copd: ['fev1-fvc'],
  hyperlipidemia: ['ldl'],
  'ischemic-heart-disease': ['ldl'],
  'chronic-liver-disease': ['albumin'],
  anemia: ['hemoglobin'],
  hypothyroidism: ['tsh'],
  hyperthyroidism: ['tsh'],
};

/**
 * Drug classes of the knowledge base on the ISMP ambulatory high-alert list, in the order the
 * one-liner names them; `lab` is the result said beside the drug (warfarin: its INR).
 */
export const HIGH_ALERT_CLASSES: readonly { drugClass: string; lab?: string; source: string }[] = [
  { drugClass: 'warfarin', lab: 'inr', source: `${ISMP_2021}: antithrombotic agents` },
  { drugClass: 'doac', source: `${ISMP_2021}: antithrombotic agents` },
  { drugClass: 'insulin', source: `${ISMP_2021}: insulins` },
  { drugClass: 'opioid', source: `${ISMP_2021}: opioids` },
  { drugClass: 'methotrexate', source: `${ISMP_2021}: methotrexate, non-oncologic use` },
  { drugClass: 'calcineurin-inhibitor', source: `${ISMP_2021}: immunosuppressant agents` },
  { drugClass: 'valproate', source: `${ISMP_2021}: valproic acid` },
  { drugClass: 'isotretinoin', source: `${ISMP_2021}: contraindicated in pregnancy` },
];

/** How much the one-liner says: problems named, numbers given, and the card's length limit. */
export const ONE_LINER_LIMITS = {
  /** Problems the panel's one-liner names (one per knowledge-base condition). */
  problems: 4,
  /** Numbers it gives, for the first named problems that have one. */
  numbers: 3,
  /** CDS Hooks 2.0: a card summary "SHOULD be under 140 characters". */
  shortMaxChars: 139,
} as const;
