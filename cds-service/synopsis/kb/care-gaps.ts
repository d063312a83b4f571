/** Care gaps: guideline-recommended tests, screenings and treatments with their intervals. */
import { icd, loinc, sct } from './coded';
import type { Coded, FindingDef } from './types';

export type GapEvidence =
  /** any result of these labs (knowledge-base ids) */
  | { kind: 'lab'; labs: readonly string[] }
  /**
   * a Procedure, DiagnosticReport or Observation with one of these codes or a code of these VSAC
   * value sets, or a result of these labs
   */
  | {
      kind: 'procedure';
      codes: readonly Coded[];
      valueSets?: readonly string[];
      labs?: readonly string[];
    }
  | { kind: 'immunization'; cvx: readonly string[]; valueSets?: readonly string[] }
  /**
   * a Condition (any clinical status; not refuted or entered in error) of these codes or sets, or
   * an ICD-10-CM code under one of these categories
   */
  | {
      kind: 'condition';
      codes?: readonly Coded[];
      valueSets?: readonly string[];
      icd10Prefixes?: readonly string[];
    }
  /** an active medication of one of these classes */
  | { kind: 'drug'; classes: readonly string[] };

/** A risk that brings a patient into a rule: every finding holds. `label` is said on the gap. */
export interface GapRisk {
  label: string;
  all: readonly FindingDef[];
}

export interface CareGapRule {
  id: string;
  title: string;
  /** Applies when every listed condition is on the active problem list. */
  conditions?: readonly string[];
  /** Does not apply when one of these is on the active problem list. */
  unlessConditions?: readonly string[];
  minAge?: number;
  maxAge?: number;
  sex?: 'female' | 'male';
  /** Applies when one of these is on the record, active or past (secondary prevention). */
  historyOf?: readonly string[];
  /** Extra entry criterion: latest BMI at least this. */
  minBmi?: number;
  /** Extra entry criterion: a clinical score (kb/scores.ts) at least this, by sex. */
  minScore?: { score: string; male: number; female: number };
  /**
   * Extra entry criterion, tobacco: ever smoked (a current or former smoking status, or pack-years
   * on record); at least `minPackYears`; smoking recorded within `smokedWithinYears` (smoking now,
   * or quit since).
   */
  tobacco?: { everSmoked?: boolean; minPackYears?: number; smokedWithinYears?: number };
  /**
   * Extra entry criterion: the latest result of a lab within `lookBackDays`, at least `min` and
   * at most `max` (either or both).
   */
  latestLab?: { lab: string; min?: number; max?: number; lookBackDays: number };
  /** Extra entry criterion: at least one of these risks (RSV vaccine at 60-74). */
  anyRisk?: readonly GapRisk[];
  evidence: GapEvidence;
  /** How long a result stays current; absent for "once" or for treatments. */
  intervalDays?: number;
  /** Other evidence that also closes the gap, each with its own interval (HPV test: 5 years). */
  alsoClosedBy?: readonly { evidence: GapEvidence; intervalDays?: number }[];
  /** The gap does not apply once one of these is found, at any time (a hysterectomy, for the cervix). */
  notApplicableAfter?: readonly GapEvidence[];
  order?: Coded;
  reason: string;
  source: string;
}

/** CVX 303 Arexvy, 305 Abrysvo, 326 mRESVIA (CDC CVX table); one dose, never repeated. */
const RSV_VACCINE: GapEvidence = { kind: 'immunization', cvx: ['303', '305', '326'] };
const RSV_ACIP_2024 = 'CDC ACIP, MMWR 2024;73(32):696-702 (RSV vaccines in adults 60 and over)';

/**
 * The conditions ACIP names as raising the risk of severe RSV disease at 60-74 that the record
 * can show. Not read: neurologic or neuromuscular conditions that impair airway clearance,
 * moderate or severe immune compromise, diabetes with neuropathy, frailty and
 * living in a nursing home. High blood pressure alone does not count.
 */
const RSV_RISKS: readonly GapRisk[] = [
  {
    label: 'chronic heart disease',
    all: [{ kind: 'condition', conditions: ['heart-failure', 'ischemic-heart-disease'] }],
  },
  { label: 'chronic lung disease', all: [{ kind: 'condition', conditions: ['copd', 'asthma'] }] },
  {
    label: 'end-stage kidney disease or dialysis',
    all: [{ kind: 'condition', conditions: ['eskd'] }],
  },
  {
    label: 'end-stage kidney disease',
    // Kidney failure is lasting: two results below 15 at least 90 days apart (KDIGO 2024's three
    // months), not one low value during an acute illness.
    all: [
      { kind: 'lab', lab: 'egfr', op: '<', value: 15, mode: 'count', count: 2, minSpanDays: 90 },
    ],
  },
  {
    label: 'diabetes with kidney disease',
    all: [
      { kind: 'condition', conditions: ['diabetes'] },
      { kind: 'condition', conditions: ['ckd'] },
    ],
  },
  {
    label: 'diabetes treated with insulin or an SGLT2 inhibitor',
    all: [
      { kind: 'condition', conditions: ['diabetes'] },
      { kind: 'drug', classes: ['insulin', 'sglt2'] },
    ],
  },
  {
    label: 'diabetic retinopathy',
    all: [{ kind: 'condition', conditions: ['diabetic-retinopathy'] }],
  },
  {
    label: 'BMI of 40 or more',
    all: [{ kind: 'lab', lab: 'bmi', op: '>=', value: 40, mode: 'latest' }],
  },
  {
    label: 'chronic liver disease',
    all: [{ kind: 'condition', conditions: ['chronic-liver-disease'] }],
  },
  {
    label: 'a chronic blood disorder',
    all: [{ kind: 'condition', conditions: ['sickle-cell-disease'] }],
  },
];

/** VSAC value sets (CMS eCQM content; see value-sets/SOURCE.md) that show a gap closed. */
const VS_MAMMOGRAPHY = '2.16.840.1.113883.3.464.1003.108.12.1018';
const VS_HIV_TESTS = '2.16.840.1.113762.1.4.1056.50';
const VS_EYE_EXAM = '2.16.840.1.113883.3.464.1003.115.12.1088';
const VS_ADULT_PNEUMOCOCCAL = '2.16.840.1.113883.3.464.1003.1161';
const VS_PAP = '2.16.840.1.113883.3.464.1003.108.12.1017';
const VS_HPV = '2.16.840.1.113883.3.464.1003.110.12.1059';
const VS_HYSTERECTOMY_NO_CERVIX = '2.16.840.1.113883.3.464.1003.198.12.1014';
const VS_AORTIC_ANEURYSM = '2.16.840.1.113762.1.4.1029.219';
const VS_COLONOSCOPY = '2.16.840.1.113883.3.464.1003.108.12.1020';
const VS_CT_COLONOGRAPHY = '2.16.840.1.113883.3.464.1003.108.12.1038';
const VS_FLEXIBLE_SIGMOIDOSCOPY = '2.16.840.1.113883.3.464.1003.198.12.1010';
const VS_FOBT = '2.16.840.1.113883.3.464.1003.198.12.1011';
const VS_SDNA_FIT = '2.16.840.1.113883.3.464.1003.108.12.1039';
const VS_COLON_CANCER = '2.16.840.1.113883.3.464.1003.108.12.1001';
const VS_TOTAL_COLECTOMY = '2.16.840.1.113883.3.464.1003.198.12.1019';

/**
 * No care gap is offered to a patient in hospice care or under palliative care: every CMS eCQM
 * these gaps follow (colorectal, breast and cervical screening, HbA1c, blood pressure, statin
 * therapy, vaccines) excludes such patients from its denominator. Hospice counts within
 * `lookBackDays`; palliative care only while current (an active care plan or condition), since
 * one palliative-care visit is not end-of-life care.
 */
export const END_OF_LIFE_CARE = {
  evidence: [
    {
      // Hospice Status (procedures, care plans, encounters); Hospice Diagnosis (findings)
      evidence: {
        kind: 'procedure',
        codes: [],
        valueSets: ['2.16.840.1.113762.1.4.1095.101'],
      },
      lookBackDays: 365,
    },
    {
      evidence: { kind: 'condition', valueSets: ['2.16.840.1.113883.3.464.1003.1165'] },
      lookBackDays: 365,
    },
    {
      // Palliative or Hospice Care; Palliative Care Diagnosis: current only
      evidence: { kind: 'procedure', codes: [], valueSets: ['2.16.840.1.113883.3.600.1.1579'] },
      lookBackDays: 0,
    },
    {
      evidence: { kind: 'condition', valueSets: ['2.16.840.1.113883.3.464.1003.1167'] },
      lookBackDays: 0,
    },
  ] satisfies readonly { evidence: GapEvidence; lookBackDays: number }[],
  source:
    'CMS eCQM denominator exclusions for hospice and palliative care (CMS130, CMS122, CMS165, CMS347; 2025 reporting year)',
} as const;

const CPT = 'http://www.ama-assn.org/go/cpt';
const HCPCS = 'http://www.nlm.nih.gov/research/umls/hcpcs';

const CHOLESTEROL_2018 = 'ACC/AHA Guideline on the Management of Blood Cholesterol, 2018';
const HF_2022 = 'AHA/ACC/HFSA Guideline for the Management of Heart Failure, 2022';
/** HFrEF: LVEF 40% or less, measured within two years. */
const HFREF = { lab: 'lvef', max: 40, lookBackDays: 2 * 365 } as const;

const FLU_CVX = [
  '88',
  '135',
  '140',
  '141',
  '144',
  '149',
  '150',
  '151',
  '153',
  '155',
  '158',
  '161',
  '166',
  '168',
  '171',
  '185',
  '186',
  '197',
  '205',
  '320',
];

/**
 * A diabetic ketoacidosis ever recorded: SGLT2 inhibitors raise the risk of ketoacidosis, and their
 * US labels (Warnings and Precautions: ketoacidosis) ask prescribers to weigh the patient's
 * predisposing history before starting one, so a gap that asks for one is not offered after a DKA.
 * SNOMED CT 420422005 (diabetic ketoacidosis); ICD-10-CM E08.1, E09.1, E10.1, E11.1, E13.1
 * (diabetes with ketoacidosis).
 */
const PRIOR_DKA: GapEvidence = {
  kind: 'condition',
  // The ketoacidotic comas are as listed in the CMS eCQM content (ecqm-content-qicore-2024).
  codes: [
    sct('420422005', 'Diabetic ketoacidosis'),
    sct('421075007', 'Ketoacidotic coma due to type 1 diabetes mellitus'),
    sct('421847006', 'Ketoacidotic coma due to type 2 diabetes mellitus'),
  ],
  icd10Prefixes: ['E08.1', 'E09.1', 'E10.1', 'E11.1', 'E13.1'],
};

export const CARE_GAPS: readonly CareGapRule[] = [
  {
    id: 'diabetes-hba1c',
    title: 'HbA1c overdue',
    conditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['hba1c'] },
    intervalDays: 183,
    order: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
    reason: 'Diabetes: HbA1c at least twice a year.',
    source: 'ADA Standards of Care in Diabetes 2025, section 6',
  },
  {
    id: 'diabetes-uacr',
    title: 'Urine albumin/creatinine ratio overdue',
    conditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['uacr'] },
    intervalDays: 365,
    order: loinc('14959-1', 'Microalbumin/Creatinine [Mass Ratio] in Urine'),
    reason: 'Diabetes: UACR at least yearly.',
    source: 'ADA Standards of Care in Diabetes 2025, section 11',
  },
  {
    id: 'diabetes-egfr',
    title: 'eGFR overdue',
    conditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['egfr', 'creatinine'] },
    intervalDays: 365,
    order: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
    reason: 'Diabetes: eGFR at least yearly.',
    source: 'ADA Standards of Care in Diabetes 2025, section 11',
  },
  {
    id: 'diabetes-statin',
    title: 'No statin in diabetes aged 40-75',
    conditions: ['diabetes'],
    minAge: 40,
    maxAge: 75,
    evidence: { kind: 'drug', classes: ['statin'] },
    reason: 'Diabetes aged 40-75: moderate-intensity statin at least.',
    source: 'ADA Standards of Care in Diabetes 2025, section 10',
  },
  {
    id: 'ckd-uacr',
    title: 'Urine albumin/creatinine ratio overdue',
    conditions: ['ckd'],
    unlessConditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['uacr'] },
    intervalDays: 365,
    order: loinc('14959-1', 'Microalbumin/Creatinine [Mass Ratio] in Urine'),
    reason: 'CKD: UACR at least yearly.',
    source: 'KDIGO 2024 Clinical Practice Guideline for CKD',
  },
  {
    id: 'ckd-egfr',
    title: 'eGFR overdue',
    conditions: ['ckd'],
    unlessConditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['egfr', 'creatinine'] },
    intervalDays: 365,
    order: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
    reason: 'CKD: eGFR at least yearly.',
    source: 'KDIGO 2024 Clinical Practice Guideline for CKD',
  },
  {
    id: 'ckd-diabetes-raas',
    title: 'No ACE inhibitor or ARB in diabetic kidney disease',
    conditions: ['ckd', 'diabetes'],
    evidence: { kind: 'drug', classes: ['ace-inhibitor', 'arb'] },
    reason:
      'Diabetes with CKD: ACE inhibitor or ARB (titrated to the maximum tolerated dose) when albuminuric.',
    source: 'KDIGO 2022 Clinical Practice Guideline for Diabetes Management in CKD',
  },
  {
    id: 'ckd-diabetes-sglt2',
    title: 'No SGLT2 inhibitor in type 2 diabetes with CKD',
    conditions: ['ckd', 'diabetes'],
    unlessConditions: ['type-1-diabetes'],
    latestLab: { lab: 'egfr', min: 20, lookBackDays: 365 },
    evidence: { kind: 'drug', classes: ['sglt2'] },
    // Kidney transplant recipients and people on dialysis were not in the trials; a past diabetic
    // ketoacidosis is a reason not to start one (PRIOR_DKA).
    notApplicableAfter: [
      PRIOR_DKA,
      { kind: 'condition', valueSets: ['2.16.840.1.113883.3.464.1003.109.12.1029'] },
      {
        kind: 'procedure',
        codes: [],
        valueSets: [
          '2.16.840.1.113883.3.464.1003.109.12.1012',
          '2.16.840.1.113883.3.464.1003.109.12.1013',
        ],
      },
    ],
    reason: 'Type 2 diabetes with CKD and eGFR 20 or more: an SGLT2 inhibitor (recommendation 1A).',
    source: 'KDIGO 2022 Clinical Practice Guideline for Diabetes Management in CKD',
  },
  {
    id: 'hypertension-bp',
    title: 'Blood pressure not measured in a year',
    conditions: ['hypertension'],
    evidence: { kind: 'lab', labs: ['sbp'] },
    intervalDays: 365,
    reason: 'Hypertension: reassess BP at least every 3-6 months once controlled.',
    source: 'ACC/AHA Guideline for High Blood Pressure in Adults, 2017',
  },
  {
    id: 'ascvd-statin',
    title: 'No statin after atherosclerotic cardiovascular disease',
    historyOf: ['ischemic-heart-disease', 'stroke', 'peripheral-artery-disease'],
    maxAge: 75,
    evidence: { kind: 'drug', classes: ['statin'] },
    reason: 'Clinical ASCVD, age 75 or under: high-intensity statin.',
    source: CHOLESTEROL_2018,
  },
  {
    id: 'ascvd-antiplatelet',
    title: 'No antiplatelet after coronary disease or ischaemic stroke',
    historyOf: ['ischemic-heart-disease', 'stroke'],
    // An anticoagulant answers it: antiplatelet therapy is usually not added to it.
    evidence: { kind: 'drug', classes: ['aspirin', 'p2y12', 'warfarin', 'doac'] },
    reason:
      'Chronic coronary disease or ischaemic stroke: aspirin 75-100 mg daily (or clopidogrel), unless anticoagulated.',
    source:
      'AHA/ACC Guideline for Chronic Coronary Disease, 2023; AHA/ASA Secondary Stroke Prevention Guideline, 2021',
  },
  {
    id: 'af-anticoagulation',
    title: 'No oral anticoagulant in atrial fibrillation',
    conditions: ['atrial-fibrillation'],
    minScore: { score: 'cha2ds2-vasc', male: 2, female: 3 },
    evidence: { kind: 'drug', classes: ['warfarin', 'doac'] },
    reason:
      'Atrial fibrillation with CHA2DS2-VASc 2 or more (men) or 3 or more (women): oral anticoagulation, a DOAC in preference to warfarin.',
    source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023',
  },
  {
    id: 'hfref-raas',
    title: 'No ACE inhibitor, ARB or ARNI in heart failure with reduced ejection fraction',
    conditions: ['heart-failure'],
    latestLab: HFREF,
    evidence: { kind: 'drug', classes: ['ace-inhibitor', 'arb', 'arni'] },
    reason: 'HFrEF (LVEF 40% or less): an ARNI, or an ACE inhibitor or ARB.',
    source: HF_2022,
  },
  {
    id: 'hfref-beta-blocker',
    title: 'No evidence-based beta-blocker in heart failure with reduced ejection fraction',
    conditions: ['heart-failure'],
    latestLab: HFREF,
    evidence: { kind: 'drug', classes: ['hf-beta-blocker'] },
    reason: 'HFrEF: bisoprolol, carvedilol or metoprolol succinate.',
    source: HF_2022,
  },
  {
    id: 'hfref-mra',
    title:
      'No mineralocorticoid receptor antagonist in heart failure with reduced ejection fraction',
    conditions: ['heart-failure'],
    latestLab: HFREF,
    evidence: { kind: 'drug', classes: ['mra'] },
    reason: 'HFrEF: spironolactone or eplerenone when eGFR is above 30 and potassium below 5.0.',
    source: HF_2022,
  },
  {
    id: 'hfref-sglt2',
    title: 'No SGLT2 inhibitor in heart failure with reduced ejection fraction',
    conditions: ['heart-failure'],
    latestLab: HFREF,
    evidence: { kind: 'drug', classes: ['sglt2'] },
    notApplicableAfter: [PRIOR_DKA],
    reason: 'HFrEF: dapagliflozin or empagliflozin, with or without diabetes.',
    source: HF_2022,
  },
  {
    id: 'lipid-screening',
    title: 'Lipid panel overdue',
    minAge: 40,
    maxAge: 75,
    evidence: { kind: 'lab', labs: ['ldl', 'total-cholesterol'] },
    intervalDays: 5 * 365,
    order: loinc('57698-3', 'Lipid panel with direct LDL - Serum or Plasma'),
    reason: 'Adults 40-75: assess cholesterol and ASCVD risk every 4-6 years.',
    source:
      'ACC/AHA Guideline on the Management of Blood Cholesterol, 2018; USPSTF statin use, 2022',
  },
  {
    id: 'diabetes-screening',
    title: 'Diabetes screening overdue',
    minAge: 35,
    maxAge: 70,
    minBmi: 25,
    unlessConditions: ['diabetes'],
    evidence: { kind: 'lab', labs: ['hba1c', 'glucose'] },
    intervalDays: 3 * 365,
    order: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
    reason: 'Adults 35-70 with overweight or obesity: screen every 3 years.',
    source: 'USPSTF Screening for Prediabetes and Type 2 Diabetes, 2021',
  },
  {
    id: 'colorectal-screening',
    title: 'Colorectal cancer screening not up to date',
    minAge: 45,
    maxAge: 75,
    evidence: { kind: 'procedure', codes: [], valueSets: [VS_COLONOSCOPY] },
    intervalDays: 10 * 365,
    alsoClosedBy: [
      { evidence: { kind: 'procedure', codes: [], valueSets: [VS_FOBT] }, intervalDays: 365 },
      {
        evidence: { kind: 'procedure', codes: [], valueSets: [VS_SDNA_FIT] },
        intervalDays: 3 * 365,
      },
      {
        evidence: { kind: 'procedure', codes: [], valueSets: [VS_CT_COLONOGRAPHY] },
        intervalDays: 5 * 365,
      },
      {
        evidence: { kind: 'procedure', codes: [], valueSets: [VS_FLEXIBLE_SIGMOIDOSCOPY] },
        intervalDays: 5 * 365,
      },
    ],
    notApplicableAfter: [
      { kind: 'condition', valueSets: [VS_COLON_CANCER] },
      { kind: 'procedure', codes: [], valueSets: [VS_TOTAL_COLECTOMY] },
    ],
    order: sct('73761001', 'Colonoscopy'),
    reason:
      'Adults 45-75: colonoscopy every 10 years, CT colonography or flexible sigmoidoscopy every 5, stool DNA-FIT every 3 (1-3), or a stool blood test (FIT or gFOBT) every year; not after colorectal cancer or a total colectomy.',
    source: 'USPSTF Colorectal Cancer Screening, 2021; intervals and exclusions as CMS130 (2025)',
  },
  {
    id: 'osteoporosis-screening',
    title: 'Osteoporosis screening not found',
    sex: 'female',
    minAge: 65,
    unlessConditions: ['osteoporosis'],
    evidence: {
      kind: 'procedure',
      codes: [sct('312681000', 'Bone density scan')],
      labs: ['tscore'],
    },
    order: sct('312681000', 'Bone density scan'),
    reason: 'Women 65 and over: bone density screening.',
    source: 'USPSTF Screening for Osteoporosis to Prevent Fractures, 2018',
  },
  {
    id: 'depression-screening',
    title: 'Depression screening not in the last year',
    minAge: 12,
    unlessConditions: ['depression'],
    evidence: { kind: 'lab', labs: ['phq2', 'phq9'] },
    intervalDays: 365,
    reason: 'Adults and adolescents 12 and over: screen for depression (annual interval per CMS2).',
    source: 'USPSTF Screening for Depression in Adults, 2023; in Children and Adolescents, 2022',
  },
  {
    id: 'breast-screening',
    title: 'Mammogram not in the last 2 years',
    sex: 'female',
    minAge: 40,
    maxAge: 74,
    evidence: { kind: 'procedure', codes: [], valueSets: [VS_MAMMOGRAPHY] },
    intervalDays: 2 * 365,
    reason: 'Women 40-74: screening mammography every 2 years.',
    source: 'USPSTF Screening for Breast Cancer, 2024',
  },
  {
    id: 'cervical-screening',
    title: 'Cervical cancer screening not up to date',
    sex: 'female',
    minAge: 21,
    maxAge: 65,
    evidence: { kind: 'procedure', codes: [], valueSets: [VS_PAP] },
    intervalDays: 3 * 365,
    // From 30, an HPV test every 5 years is an alternative to cytology every 3.
    alsoClosedBy: [
      { evidence: { kind: 'procedure', codes: [], valueSets: [VS_HPV] }, intervalDays: 5 * 365 },
    ],
    notApplicableAfter: [{ kind: 'procedure', codes: [], valueSets: [VS_HYSTERECTOMY_NO_CERVIX] }],
    reason: 'Women 21-65: cytology every 3 years, or from 30 an HPV test every 5 years.',
    source: 'USPSTF Screening for Cervical Cancer, 2018',
  },
  {
    id: 'lung-screening',
    title: 'Lung cancer screening (low-dose CT) not in the last year',
    minAge: 50,
    maxAge: 80,
    tobacco: { minPackYears: 20, smokedWithinYears: 15 },
    // Screening stops once lung cancer is diagnosed (ICD-10-CM C34, bronchus and lung).
    notApplicableAfter: [{ kind: 'condition', icd10Prefixes: ['C34'] }],
    evidence: {
      kind: 'procedure',
      // CPT 71271 from 2021; HCPCS G0297 before it (CMS NCD 210.14 billing codes). SNOMED CT
      // 16334891000119106 (US edition) as Synthea and the HL7 Lithuania lung screening guide code
      // the procedure; LOINC 79086-5 as FHIR imaging examples code the screening CT report.
      codes: [
        { system: CPT, code: '71271', display: 'CT thorax, low dose for lung cancer screening' },
        { system: HCPCS, code: 'G0297', display: 'Low dose CT scan for lung cancer screening' },
        sct('16334891000119106', 'Low dose computed tomography of thorax'),
        loinc('79086-5', 'CT Chest for screening WO contrast'),
      ],
    },
    intervalDays: 365,
    order: { system: CPT, code: '71271', display: 'Low-dose CT of the chest (lung screening)' },
    reason:
      'Adults 50-80 with 20 pack-years or more who smoke or quit within 15 years: low-dose CT every year.',
    source: 'USPSTF Screening for Lung Cancer, 2021 (B)',
  },
  {
    id: 'aaa-screening',
    title: 'Abdominal aortic aneurysm screening not found',
    sex: 'male',
    minAge: 65,
    maxAge: 75,
    tobacco: { everSmoked: true },
    evidence: {
      kind: 'procedure',
      // HCPCS G0389; CPT 76706 from 2023 (CMS AAA screening billing codes).
      codes: [
        { system: HCPCS, code: 'G0389', display: 'Ultrasound exam AAA screening' },
        { system: CPT, code: '76706', display: 'Ultrasound abdominal aorta, AAA screening' },
      ],
    },
    notApplicableAfter: [
      {
        kind: 'condition',
        valueSets: [VS_AORTIC_ANEURYSM],
        // The VSAC set is ICD-10-CM only; the SNOMED CT concept EHR problem lists use.
        codes: [sct('233985008', 'Abdominal aortic aneurysm')],
      },
    ],
    order: {
      system: CPT,
      code: '76706',
      display: 'Ultrasound of the abdominal aorta (AAA screening)',
    },
    reason: 'Men 65-75 who have ever smoked: one ultrasound for abdominal aortic aneurysm.',
    source: 'USPSTF Screening for Abdominal Aortic Aneurysm, 2019 (B)',
  },
  {
    id: 'hcv-screening',
    title: 'Hepatitis C screening not found',
    minAge: 18,
    maxAge: 79,
    evidence: {
      kind: 'procedure',
      codes: [
        loinc('13955-0', 'Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay'),
        loinc('16128-1', 'Hepatitis C virus Ab [Presence] in Serum'),
        loinc('47365-2', 'Hepatitis C virus Ab [Presence] in Blood'),
        loinc(
          '11259-9',
          'Hepatitis C virus RNA [Presence] in Serum or Plasma by NAA with probe detection',
        ),
      ],
    },
    notApplicableAfter: [
      {
        kind: 'condition',
        codes: [
          sct('50711007', 'Viral hepatitis type C'),
          sct('128302006', 'Chronic hepatitis C'),
          icd('B18.2', 'Chronic viral hepatitis C'),
          icd('B17.10', 'Acute hepatitis C without hepatic coma'),
          icd('B17.11', 'Acute hepatitis C with hepatic coma'),
        ],
      },
    ],
    order: loinc('13955-0', 'Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay'),
    reason: 'Adults 18-79: hepatitis C screening at least once.',
    source: 'USPSTF Screening for Hepatitis C Virus Infection, 2020 (B)',
  },
  {
    id: 'hiv-screening',
    title: 'HIV screening not found',
    minAge: 15,
    maxAge: 65,
    evidence: { kind: 'procedure', codes: [], valueSets: [VS_HIV_TESTS] },
    reason: 'Adolescents and adults 15-65: HIV screening at least once.',
    source: 'USPSTF Screening for HIV Infection, 2019',
  },
  {
    id: 'diabetes-eye-exam',
    title: 'Diabetic eye exam not in the last 2 years',
    conditions: ['diabetes'],
    evidence: { kind: 'procedure', codes: [], valueSets: [VS_EYE_EXAM] },
    intervalDays: 2 * 365,
    reason:
      'Diabetes: retinal exam every 1-2 years (every 2 when earlier exams showed no retinopathy).',
    source: 'ADA Standards of Care in Diabetes 2025, section 12',
  },
  {
    id: 'diabetes-foot-exam',
    title: 'Diabetic foot exam not in the last year',
    conditions: ['diabetes'],
    evidence: {
      kind: 'procedure',
      // The three exams of CMS123v7 (Diabetes: Foot Exam), as that measure codes them.
      codes: [
        sct('401191002', 'Diabetic foot examination'),
        sct('134388005', 'Monofilament foot sensation test'),
        sct('91161007', 'Pedal pulse taking'),
      ],
    },
    intervalDays: 365,
    order: sct('401191002', 'Diabetic foot examination'),
    reason: 'Diabetes: a foot examination (inspection, monofilament, pulses) at least once a year.',
    source: 'ADA Standards of Care in Diabetes 2025, section 12; codes as CMS123v7',
  },
  {
    id: 'pneumococcal-vaccine',
    title: 'Pneumococcal vaccine not found',
    minAge: 50,
    evidence: { kind: 'immunization', cvx: [], valueSets: [VS_ADULT_PNEUMOCOCCAL] },
    reason:
      'Adults 50 and over: one pneumococcal conjugate vaccine (PCV20 or PCV21); any pneumococcal vaccine on record closes this gap, the series is not checked.',
    source: 'CDC ACIP adult pneumococcal vaccine recommendations, 2024',
  },
  {
    id: 'zoster-vaccine',
    title: 'Recombinant zoster vaccine not found',
    minAge: 50,
    // CVX 187, zoster vaccine recombinant (US Core vaccine value set).
    evidence: { kind: 'immunization', cvx: ['187'] },
    reason: 'Adults 50 and over: two doses of recombinant zoster vaccine.',
    source: 'CDC ACIP recommendations for recombinant zoster vaccine, 2018',
  },
  {
    id: 'rsv-vaccine',
    title: 'RSV vaccine not found',
    minAge: 75,
    evidence: RSV_VACCINE,
    reason: 'Adults 75 and over: one dose of RSV vaccine; no second dose.',
    source: RSV_ACIP_2024,
  },
  {
    id: 'rsv-vaccine-at-risk',
    title: 'RSV vaccine not found',
    minAge: 60,
    maxAge: 74,
    anyRisk: RSV_RISKS,
    evidence: RSV_VACCINE,
    reason:
      'Adults 60-74 at increased risk of severe RSV disease: one dose of RSV vaccine; no second dose.',
    source: RSV_ACIP_2024,
  },
  {
    id: 'td-booster',
    title: 'Tetanus booster (Td or Tdap) not in the last 10 years',
    minAge: 19,
    // CVX 115 Tdap; 113, 09 and 139 Td for adults (US Core vaccine value set).
    evidence: { kind: 'immunization', cvx: ['115', '113', '09', '139'] },
    intervalDays: 10 * 365,
    reason: 'Adults: Td or Tdap every 10 years.',
    source: 'CDC ACIP adult immunization schedule, 2024',
  },
  {
    id: 'influenza-vaccine',
    title: 'Influenza vaccine not in the last year',
    minAge: 1,
    evidence: { kind: 'immunization', cvx: FLU_CVX },
    intervalDays: 365,
    reason: 'Everyone 6 months and over: yearly influenza vaccine.',
    source: 'CDC ACIP influenza recommendations, 2024-25',
  },
];
