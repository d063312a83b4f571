/**
 * Medication-safety rules as data: renal dosing against eGFR, interacting pairs, therapeutic
 * duplication and drug-allergy cross-reactivity. Each rule names its source.
 */
import { sct } from './coded';
import type { Coded } from './types';
import { DRUG_CLASS_BY_ID } from './drug-classes';
import { QTC } from './qt';

export interface RenalRule {
  id: string;
  drugClass: string;
  /** Applies when the latest eGFR is below this. */
  egfrBelow: number;
  severity: 'info' | 'warning' | 'critical';
  advice: string;
  source: string;
  /**
   * How old the latest eGFR may be for the rule to act on it. An older one that would meet the
   * rule is named as stale (an information alert to recheck), not treated as today's kidney function.
   */
  lookBackDays: number;
  /**
   * Kidney function is to be checked at least yearly while the drug is taken (metformin, DOACs,
   * potassium-sparing diuretics, digoxin): without an eGFR within the look-back, a recheck is due.
   */
  recheckYearly?: boolean;
  /**
   * The DOAC dose check (kb/anticoagulation.ts) says the same more precisely when it finds the
   * clearance below the drug's labelled minimum: this rule then stays quiet.
   */
  quietWhenDoacRuledOut?: boolean;
}

/** Kidney function is checked at least yearly on renally dosed drugs. */
const YEARLY = 365;
/**
 * A renal rule met by an eGFR older than its look-back is raised at most at this severity: the
 * action it calls for first is a recheck, not today's change of treatment.
 */
export const STALE_RENAL_SEVERITY = 'warning';
/** Cited with each rule's own source, which names the drug's monitoring (FDA, ACC/AHA...). */
export const RENAL_LOOKBACK_SOURCE = 'KDIGO 2024 CKD guideline (GFR at least yearly)';

export const RENAL_RULES: readonly RenalRule[] = [
  {
    id: 'metformin-egfr-30',
    drugClass: 'biguanide',
    egfrBelow: 30,
    severity: 'critical',
    advice: 'Metformin is contraindicated below eGFR 30: stop it.',
    source:
      'FDA Drug Safety Communication on metformin, 2016; ADA Standards of Care 2025, section 9',
    lookBackDays: YEARLY,
    recheckYearly: true,
  },
  {
    id: 'metformin-egfr-45',
    drugClass: 'biguanide',
    egfrBelow: 45,
    severity: 'warning',
    advice:
      'eGFR 30-44: do not start metformin; if already taking, reassess and consider halving the dose.',
    source: 'FDA Drug Safety Communication on metformin, 2016',
    lookBackDays: YEARLY,
    recheckYearly: true,
  },
  {
    id: 'nsaid-egfr-30',
    drugClass: 'nsaid',
    egfrBelow: 30,
    severity: 'warning',
    advice: 'Avoid NSAIDs below eGFR 30 (CrCl < 30).',
    source: 'AGS Beers Criteria, 2023; KDIGO 2024 CKD guideline',
    lookBackDays: YEARLY,
  },
  {
    id: 'nitrofurantoin-egfr-30',
    drugClass: 'nitrofurantoin',
    egfrBelow: 30,
    severity: 'warning',
    advice: 'Avoid nitrofurantoin below CrCl 30: ineffective and toxic.',
    source: 'AGS Beers Criteria, 2023',
    lookBackDays: YEARLY,
  },
  {
    id: 'mra-egfr-30',
    drugClass: 'k-sparing',
    egfrBelow: 30,
    severity: 'warning',
    advice: 'MRAs/potassium-sparing diuretics below eGFR 30 risk hyperkalaemia: review.',
    source: 'AHA/ACC/HFSA Guideline for the Management of Heart Failure, 2022',
    lookBackDays: YEARLY,
    recheckYearly: true,
  },
  {
    id: 'doac-egfr-15',
    drugClass: 'doac',
    egfrBelow: 15,
    severity: 'warning',
    advice:
      'DOAC below eGFR 15: check the agent-specific labelling; warfarin or apixaban may be preferred.',
    source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023',
    lookBackDays: YEARLY,
    recheckYearly: true,
    quietWhenDoacRuledOut: true,
  },
  {
    id: 'digoxin-egfr-50',
    drugClass: 'digoxin',
    egfrBelow: 50,
    severity: 'info',
    advice: 'Digoxin is renally cleared: reduce the dose and check a level.',
    source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023',
    lookBackDays: YEARLY,
    recheckYearly: true,
  },
  {
    id: 'sglt2-egfr-20',
    drugClass: 'sglt2',
    egfrBelow: 20,
    severity: 'info',
    advice:
      'Do not start an SGLT2 inhibitor below eGFR 20; continuing is reasonable until dialysis.',
    source: 'KDIGO 2024 CKD guideline',
    lookBackDays: YEARLY,
  },
];

/**
 * When a drug was started, for "monitored since": a renewal is not a new start. Orders of the same
 * ingredient each within `maxGapDays` of the next are one course of treatment, started at the
 * first of them (a 90-day supply, with ten days of slack for the refill).
 */
export const THERAPY_CONTINUITY = {
  maxGapDays: 100,
  source: 'Team policy: a 90-day supply and ten days of slack',
} as const;

export interface InteractionRule {
  id: string;
  /** Every group must be matched by a different active medication. */
  groups: readonly (readonly string[])[];
  severity: 'info' | 'warning' | 'critical';
  text: string;
  advice: string;
  source: string;
  /**
   * The lab that monitors the interaction (the INR for warfarin): one measured since the later
   * of the two drugs was ordered answers the alert, which then only informs.
   */
  monitoredBy?: string;
  /**
   * A monitored value this high, within the look-back, makes the combination critical whenever
   * it was measured (a QTc of 500 ms or more).
   */
  criticalAt?: { atLeast: number; lookBackDays: number; source: string };
  /** The monitored value answers the alert only below this (a QTc not yet prolonged, by sex). */
  answeredBelow?: { male: number; female: number };
  /** How old the monitored value may be to answer the alert; without it, any age. */
  monitoredWithinDays?: number;
  /** Results that raise an informing combination to a warning, named on it (low potassium). */
  escalatedBy?: readonly { lab: string; below: number; lookBackDays: number }[];
  /** Name every active drug of the groups, not one per group (three QT drugs are three). */
  listAll?: boolean;
  /** A broader rule that stays quiet when this narrower, stronger one fires for the patient. */
  supersedes?: string;
}

const ONC = 'ONC high-priority drug-drug interactions (Phansalkar et al., JAMIA 2012;19:735-43)';
const QT_COMBINATION = {
  advice:
    'Check an ECG (QTc), potassium and magnesium; avoid the combination if the QTc is 500 ms or more, or choose drugs that do not prolong the QT interval.',
  source: `${ONC}, item 8 (QT-prolonging agents together); each drug's US prescribing information (its QT warning)`,
  monitoredBy: 'qtc',
  criticalAt: { atLeast: QTC.critical, lookBackDays: QTC.lookBackDays, source: QTC.source },
  answeredBelow: QTC.prolongedFrom,
  monitoredWithinDays: QTC.lookBackDays,
  escalatedBy: QTC.riskLabs,
  listAll: true,
} as const;

export const INTERACTIONS: readonly InteractionRule[] = [
  {
    id: 'qt-high-risk',
    groups: [['qt-high-risk'], ['qt-prolonging']],
    severity: 'warning',
    text: 'QT-prolonging drugs together, one with a boxed warning or contraindication for it: torsade de pointes risk.',
    ...QT_COMBINATION,
    supersedes: 'qt-prolonging',
  },
  {
    id: 'qt-prolonging',
    groups: [['qt-prolonging'], ['qt-prolonging']],
    severity: 'info',
    text: 'Two or more drugs whose labels warn of QT prolongation: torsade de pointes risk.',
    ...QT_COMBINATION,
  },
  {
    id: 'warfarin-potentiator',
    groups: [['warfarin'], ['warfarin-potentiator']],
    severity: 'warning',
    text: 'Warfarin with a drug that raises the INR: bleeding risk.',
    advice:
      'Check the INR within a few days of starting or stopping it; lower the warfarin dose or choose another drug.',
    source:
      'Holbrook AM et al., Systematic overview of warfarin and its drug and food interactions, Arch Intern Med 2005; warfarin FDA label, section 7',
    monitoredBy: 'inr',
  },
  {
    id: 'anticoagulant-antiplatelet',
    groups: [
      ['warfarin', 'doac'],
      ['aspirin', 'p2y12'],
    ],
    severity: 'warning',
    text: 'Anticoagulant with an antiplatelet: bleeding risk.',
    advice: 'Confirm the indication for dual therapy and its planned duration.',
    source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023',
  },
  {
    id: 'opioid-gabapentinoid',
    groups: [['opioid'], ['gabapentinoid']],
    severity: 'warning',
    text: 'Opioid with gabapentin or pregabalin: respiratory depression.',
    advice: 'Use the lowest doses; watch for sedation; offer naloxone.',
    source: 'FDA Drug Safety Communication on gabapentinoids, 2019',
  },
  {
    id: 'ssri-tramadol',
    groups: [['ssri-snri'], ['tramadol']],
    severity: 'warning',
    text: 'Tramadol with an SSRI/SNRI: serotonin syndrome and seizure risk.',
    advice:
      'Prefer another analgesic; if both are needed, use low doses and watch for serotonin toxicity.',
    source: 'Tramadol FDA label, warnings (serotonin syndrome; seizure risk)',
  },
  {
    id: 'lithium-raising',
    groups: [['lithium'], ['thiazide', 'ace-inhibitor', 'arb', 'arni', 'nsaid']],
    severity: 'warning',
    text: 'Lithium with a thiazide, ACE inhibitor, ARB or NSAID: lithium levels rise.',
    advice:
      'Check a lithium level within a week of starting or changing it, and watch for toxicity.',
    source: 'Lithium FDA label, section 7 (drug interactions)',
  },
  {
    id: 'anticoagulant-nsaid',
    groups: [['warfarin', 'doac'], ['nsaid']],
    severity: 'warning',
    text: 'Anticoagulant with an NSAID: bleeding risk.',
    advice: 'Avoid the NSAID; use acetaminophen.',
    source: 'AGS Beers Criteria, 2023',
  },
  {
    id: 'opioid-benzodiazepine',
    groups: [['opioid'], ['benzodiazepine']],
    severity: 'critical',
    text: 'Opioid with a benzodiazepine: respiratory depression.',
    advice: 'Avoid co-prescribing; taper one; offer naloxone.',
    source: 'FDA boxed warning, 2016; CDC opioid prescribing guideline, 2022',
  },
  {
    id: 'acei-arb',
    groups: [['ace-inhibitor'], ['arb', 'arni']],
    severity: 'warning',
    text: 'ACE inhibitor with an ARB/ARNI: dual RAAS blockade.',
    advice: 'Stop one (hyperkalaemia, AKI; ARNI needs a 36-hour ACE-inhibitor washout).',
    source: 'KDIGO 2024 CKD guideline; AHA/ACC/HFSA HF guideline, 2022',
  },
  {
    id: 'raas-k-sparing',
    groups: [
      ['ace-inhibitor', 'arb', 'arni'],
      ['k-sparing', 'potassium'],
    ],
    severity: 'info',
    text: 'RAAS inhibitor with a potassium-sparing diuretic or potassium: hyperkalaemia risk.',
    advice: 'Monitor potassium and creatinine.',
    source: 'AHA/ACC/HFSA Guideline for the Management of Heart Failure, 2022',
  },
  {
    id: 'triple-whammy',
    groups: [['ace-inhibitor', 'arb'], ['thiazide', 'loop-diuretic'], ['nsaid']],
    severity: 'warning',
    text: 'RAAS inhibitor, diuretic and NSAID together: acute kidney injury risk.',
    advice: 'Avoid the NSAID.',
    source: 'AGS Beers Criteria, 2023',
  },
  {
    id: 'digoxin-verapamil',
    groups: [['digoxin'], ['non-dhp-ccb', 'antiarrhythmic']],
    severity: 'warning',
    text: 'Digoxin with verapamil/diltiazem or amiodarone: digoxin levels rise.',
    advice: 'Reduce the digoxin dose and check a level.',
    source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023',
  },
  {
    id: 'nsaid-antiplatelet',
    groups: [['nsaid'], ['aspirin', 'p2y12']],
    severity: 'info',
    text: 'NSAID with an antiplatelet: gastrointestinal bleeding risk.',
    advice: 'Consider gastroprotection or an alternative analgesic.',
    source: 'AGS Beers Criteria, 2023',
  },
  {
    id: 'methotrexate-trimethoprim',
    groups: [['methotrexate'], ['trimethoprim']],
    severity: 'warning',
    text: 'Methotrexate with trimethoprim (co-trimoxazole): bone marrow suppression, even at low weekly doses.',
    advice: 'Choose another antibiotic; if both are needed, check a full blood count.',
    source: 'Methotrexate US prescribing information, section 7 (drug interactions)',
  },
  {
    id: 'maoi-serotonergic',
    groups: [
      ['maoi'],
      ['serotonergic-reuptake-inhibitor', 'tca', 'serotonergic-opioid', 'triptan'],
    ],
    severity: 'critical',
    text: 'MAO inhibitor with a serotonergic drug: serotonin syndrome.',
    advice:
      'Do not combine: stop one, and allow the washout the labels require (two weeks after most MAOIs, five after fluoxetine) before starting the other.',
    source: `${ONC}, items 4, 6, 7 and 15`,
  },
  {
    id: 'maoi-stimulant',
    groups: [['maoi'], ['sympathomimetic-stimulant']],
    severity: 'critical',
    text: 'MAO inhibitor with an amphetamine-like stimulant: hypertensive crisis.',
    advice: 'Do not combine; stop the stimulant or the MAO inhibitor.',
    source: `${ONC}, item 1`,
  },
  {
    id: 'maoi-maoi',
    groups: [['maoi'], ['maoi']],
    severity: 'critical',
    text: 'Two MAO inhibitors together: hypertensive crisis and serotonin syndrome.',
    advice: 'Do not combine; keep one.',
    source: `${ONC}, item 14`,
  },
  {
    id: 'atazanavir-ppi',
    groups: [['atazanavir'], ['ppi']],
    severity: 'warning',
    text: 'Atazanavir with a proton pump inhibitor: atazanavir levels fall (treatment failure).',
    advice: 'Avoid the PPI, or follow the atazanavir label limits on PPI dose and timing.',
    source: `${ONC}, item 2`,
  },
  {
    id: 'febuxostat-thiopurine',
    groups: [['febuxostat'], ['thiopurine']],
    severity: 'critical',
    text: 'Febuxostat with azathioprine or mercaptopurine: thiopurine toxicity (marrow suppression).',
    advice: 'Do not combine; choose another urate-lowering treatment.',
    source: `${ONC}, item 3`,
  },
  {
    id: 'ramelteon-fluvoxamine',
    groups: [['ramelteon'], ['strong-cyp1a2-inhibitor']],
    severity: 'critical',
    text: 'Ramelteon with fluvoxamine or ciprofloxacin: ramelteon levels rise many-fold.',
    advice: 'Do not combine (the ramelteon label); choose another hypnotic.',
    source: `${ONC}, item 9; ramelteon US prescribing information`,
  },
  {
    id: 'ramelteon-cyp1a2',
    groups: [['ramelteon'], ['cyp1a2-inhibitor']],
    severity: 'warning',
    text: 'Ramelteon with a CYP1A2 inhibitor: ramelteon levels rise.',
    advice: 'Use with caution or choose another hypnotic.',
    source: `${ONC}, item 9`,
  },
  {
    id: 'tizanidine-fluvoxamine',
    groups: [['tizanidine'], ['strong-cyp1a2-inhibitor']],
    severity: 'critical',
    text: 'Tizanidine with fluvoxamine or ciprofloxacin: hypotension and excessive sedation.',
    advice: 'Do not combine (contraindicated in the tizanidine label).',
    source: `${ONC}, item 13; tizanidine US prescribing information`,
  },
  {
    id: 'tizanidine-cyp1a2',
    groups: [['tizanidine'], ['cyp1a2-inhibitor']],
    severity: 'warning',
    text: 'Tizanidine with a CYP1A2 inhibitor: tizanidine levels rise (hypotension, sedation).',
    advice: 'Avoid, or start tizanidine low and watch blood pressure and sedation.',
    source: `${ONC}, item 13`,
  },
  {
    id: 'ergot-cyp3a4',
    groups: [['ergot'], ['strong-cyp3a4-inhibitor']],
    severity: 'critical',
    text: 'Ergot alkaloid with a strong CYP3A4 inhibitor: ergotism (vasospasm, ischaemia).',
    advice: 'Do not combine; stop the ergot or choose another anti-infective.',
    source: `${ONC}, item 12`,
  },
  {
    id: 'protease-inhibitor-inducer',
    groups: [['hiv-protease-inhibitor'], ['strong-cyp3a4-inducer']],
    severity: 'critical',
    text: 'Ritonavir or another protease inhibitor with a strong CYP3A4 inducer: the protease inhibitor loses its effect.',
    advice:
      'Avoid the combination; choose another treatment with whoever prescribed the protease inhibitor.',
    source: `${ONC}, item 10`,
  },
];

/**
 * A drug whose dose is capped while another is taken (statins with CYP3A4 inhibitors): only a
 * dose above the cap is flagged, read from the strength in the product's name (statins are taken
 * once a day, so the tablet strength is the daily dose).
 */
export interface DoseLimitRule {
  id: string;
  ingredient: string;
  /** 0: contraindicated together at any dose. */
  maxDailyMg: number;
  /** Ingredients that lower the cap. */
  with: readonly string[];
  severity: 'info' | 'warning' | 'critical';
  text: string;
  advice: string;
  source: string;
}

const SIMVASTATIN_2011 =
  'FDA Drug Safety Communication on simvastatin, 2011 (label revised Dec 2011)';
/** The strong CYP3A4 inhibitors of the simvastatin and lovastatin contraindications. */
const STRONG_CYP3A4 = DRUG_CLASS_BY_ID.get('strong-cyp3a4-inhibitor')?.ingredients ?? [];

export const DOSE_LIMITS: readonly DoseLimitRule[] = [
  {
    id: 'simvastatin-strong-cyp3a4',
    ingredient: 'simvastatin',
    maxDailyMg: 0,
    with: [...STRONG_CYP3A4, 'gemfibrozil', 'cyclosporine'],
    severity: 'critical',
    text: 'Simvastatin with a strong CYP3A4 inhibitor, gemfibrozil or cyclosporine: contraindicated (rhabdomyolysis).',
    advice:
      'Hold simvastatin while the other drug is taken, or switch to rosuvastatin or pravastatin.',
    source: SIMVASTATIN_2011,
  },
  {
    id: 'lovastatin-strong-cyp3a4',
    ingredient: 'lovastatin',
    maxDailyMg: 0,
    with: STRONG_CYP3A4,
    severity: 'critical',
    text: 'Lovastatin with a strong CYP3A4 inhibitor: contraindicated (rhabdomyolysis).',
    advice:
      'Hold lovastatin while the other drug is taken, or switch to rosuvastatin or pravastatin.',
    source: 'Lovastatin FDA label, section 4 (contraindications)',
  },
  {
    id: 'atorvastatin-20',
    ingredient: 'atorvastatin',
    maxDailyMg: 20,
    with: ['clarithromycin', 'itraconazole', 'saquinavir'],
    severity: 'warning',
    text: 'Atorvastatin above 20 mg a day with clarithromycin, itraconazole or saquinavir: myopathy risk.',
    advice: 'Limit atorvastatin to 20 mg while the other drug is taken.',
    source: 'Atorvastatin (Lipitor) FDA label, section 2 (dosage with interacting drugs)',
  },
  {
    id: 'simvastatin-10',
    ingredient: 'simvastatin',
    maxDailyMg: 10,
    with: ['verapamil', 'diltiazem', 'dronedarone'],
    severity: 'warning',
    text: 'Simvastatin above 10 mg a day with verapamil, diltiazem or dronedarone: myopathy risk.',
    advice:
      'Lower simvastatin to 10 mg, or switch to a statin not cleared by CYP3A4 (rosuvastatin, pravastatin).',
    source: SIMVASTATIN_2011,
  },
  {
    id: 'simvastatin-20',
    ingredient: 'simvastatin',
    maxDailyMg: 20,
    with: ['amlodipine', 'amiodarone', 'ranolazine'],
    severity: 'warning',
    text: 'Simvastatin above 20 mg a day with amlodipine, amiodarone or ranolazine: myopathy risk.',
    advice: 'Lower simvastatin to 20 mg, or switch to a statin not cleared by CYP3A4.',
    source: SIMVASTATIN_2011,
  },
  {
    id: 'lovastatin-40',
    ingredient: 'lovastatin',
    maxDailyMg: 40,
    with: ['amiodarone'],
    severity: 'warning',
    text: 'Lovastatin above 40 mg a day with amiodarone: myopathy risk.',
    advice: 'Lower lovastatin to 40 mg, or switch statin.',
    source: 'Lovastatin FDA label; AFP 2019 (statin drug interactions)',
  },
];

/** A drug that worsens a condition on the problem list (drug-disease interaction). */
export interface DrugDiseaseRule {
  id: string;
  drugClasses: readonly string[];
  /** Applies while one of these is an active problem. */
  conditions: readonly string[];
  /** Further: the latest result of `lab` within `lookBackDays` at most `max` (HFrEF). */
  maxLab?: { lab: string; max: number; lookBackDays: number };
  severity: 'info' | 'warning' | 'critical';
  text: string;
  advice: string;
  source: string;
}

const HF_2022_HARM =
  'AHA/ACC/HFSA Guideline for the Management of Heart Failure, 2022 (drugs that cause harm); AGS Beers Criteria, 2023 (drug-disease)';

export const DRUG_DISEASE: readonly DrugDiseaseRule[] = [
  {
    id: 'nsaid-heart-failure',
    drugClasses: ['nsaid'],
    conditions: ['heart-failure'],
    severity: 'warning',
    text: 'NSAID in heart failure: fluid retention and worsening heart failure.',
    advice: 'Stop the NSAID; use acetaminophen or a topical NSAID.',
    source: HF_2022_HARM,
  },
  {
    id: 'non-dhp-ccb-hfref',
    drugClasses: ['non-dhp-ccb'],
    conditions: ['heart-failure'],
    maxLab: { lab: 'lvef', max: 40, lookBackDays: 2 * 365 },
    severity: 'warning',
    text: 'Verapamil or diltiazem with a reduced ejection fraction: negative inotropes worsen HFrEF.',
    advice: 'Stop it; for rate control use a beta-blocker (or digoxin).',
    source: HF_2022_HARM,
  },
];

/** Drugs to avoid or reconsider in older adults (and, with `belowLab`, when overtreating). */
export interface OlderAdultRule {
  id: string;
  drugClasses: readonly string[];
  minAge: number;
  /** Further: the latest result of `lab` within `lookBackDays` is below `value`. */
  belowLab?: { lab: string; value: number; lookBackDays: number };
  severity: 'info' | 'warning' | 'critical';
  text: string;
  advice: string;
  source: string;
}

const BEERS_2023 =
  'AGS Beers Criteria for potentially inappropriate medication use in older adults, 2023';

export const OLDER_ADULT_RULES: readonly OlderAdultRule[] = [
  {
    id: 'beers-benzodiazepine',
    drugClasses: ['benzodiazepine'],
    minAge: 65,
    severity: 'info',
    text: 'Benzodiazepine at 65 or over: falls, fractures, cognitive impairment.',
    advice: 'Taper if possible; prefer non-drug treatment for insomnia and anxiety.',
    source: BEERS_2023,
  },
  {
    id: 'beers-sulfonylurea',
    drugClasses: ['sulfonylurea'],
    minAge: 65,
    severity: 'info',
    text: 'Sulfonylurea at 65 or over: prolonged hypoglycaemia.',
    advice:
      'Prefer an agent with low hypoglycaemia risk (metformin, DPP-4 inhibitor, SGLT2 inhibitor, GLP-1 RA).',
    source: BEERS_2023,
  },
  {
    id: 'beers-anticholinergic',
    drugClasses: ['strong-anticholinergic'],
    minAge: 65,
    severity: 'info',
    text: 'Strongly anticholinergic drug at 65 or over: confusion, constipation, urinary retention, falls.',
    advice: 'Choose an alternative without anticholinergic effects.',
    source: BEERS_2023,
  },
  {
    id: 'hypoglycaemia-overtreatment',
    drugClasses: ['insulin', 'sulfonylurea'],
    minAge: 65,
    belowLab: { lab: 'hba1c', value: 7, lookBackDays: 365 },
    severity: 'warning',
    text: 'Insulin or a sulfonylurea at 65 or over with HbA1c below 7%: hypoglycaemia risk from overtreatment.',
    advice:
      'Set an individual HbA1c goal (often below 8%) and deintensify the hypoglycaemia-causing drug.',
    source: 'ADA Standards of Care in Diabetes 2025, section 13 (older adults)',
  },
];

/** Classes where two different active drugs are a duplication to review. */
export interface DuplicateRule {
  drugClass: string;
  /** What the duplication risks, after "Possible duplicate therapy, N active ... orders". */
  risk?: string;
  advice?: string;
  source: string;
}

export const DUPLICATE_CLASSES: readonly DuplicateRule[] = [
  {
    drugClass: 'opioid',
    risk: 'concurrent opioids raise the total daily dose and the overdose risk',
    advice:
      'Review the total daily morphine milligram equivalents; consolidate to one opioid where possible; offer naloxone.',
    source: 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022',
  },
  {
    drugClass: 'acetaminophen',
    risk: 'more than one product contains acetaminophen (liver injury above 4 g a day)',
    advice: 'Count the acetaminophen in every product; keep the total under 4 g a day.',
    source:
      'FDA Drug Safety Communication on prescription acetaminophen combination products, 2011',
  },
  {
    drugClass: 'statin',
    source:
      'ASHP Guidelines on Preventing Medication Errors in Hospitals, 2018 (therapeutic duplication)',
  },
  {
    drugClass: 'ace-inhibitor',
    source:
      'ASHP Guidelines on Preventing Medication Errors in Hospitals, 2018 (therapeutic duplication)',
  },
  {
    drugClass: 'arb',
    source:
      'ASHP Guidelines on Preventing Medication Errors in Hospitals, 2018 (therapeutic duplication)',
  },
  {
    drugClass: 'beta-blocker',
    source:
      'ASHP Guidelines on Preventing Medication Errors in Hospitals, 2018 (therapeutic duplication)',
  },
  { drugClass: 'nsaid', source: 'AGS Beers Criteria, 2023' },
  { drugClass: 'ssri-snri', source: 'AGS Beers Criteria, 2023' },
  { drugClass: 'benzodiazepine', source: 'AGS Beers Criteria, 2023' },
  { drugClass: 'doac', source: 'ACC/AHA/ACCP/HRS Guideline for Atrial Fibrillation, 2023' },
  {
    drugClass: 'dhp-ccb',
    source:
      'ASHP Guidelines on Preventing Medication Errors in Hospitals, 2018 (therapeutic duplication)',
  },
];

export interface AllergyRule {
  id: string;
  /**
   * The drug class the allergy is to: recognised from the allergy's ingredients, RxNorm codes and
   * class words (kb/drug-classes.ts), or from one of `codes` (SNOMED CT "allergy to" concepts).
   */
  allergen: string;
  codes: readonly Coded[];
  /** Classes the allergy warns against: its own (cross-reactivity within it) and related ones. */
  drugClasses: readonly string[];
  severity: 'info' | 'warning' | 'critical';
  advice: string;
  source: string;
}

const DRUG_ALLERGY = 'AAAAI/ACAAI Drug allergy practice parameter, 2022';

/** An order of the very ingredient the patient is recorded as allergic to. */
export const SAME_INGREDIENT_ALLERGY = {
  severity: 'critical',
  advice: 'Stop it, or confirm the allergy (reaction, date) and document why it is given.',
  source: DRUG_ALLERGY,
} as const;

export const ALLERGY_RULES: readonly AllergyRule[] = [
  {
    id: 'penicillin',
    allergen: 'penicillin',
    codes: [
      sct('91936005', 'Allergy to penicillin'),
      sct('764146007', 'Penicillin'),
      sct('373270004', 'Penicillin -class of antibiotic-'),
    ],
    drugClasses: ['penicillin'],
    severity: 'critical',
    advice: 'Stop or replace the penicillin; consider penicillin-allergy evaluation.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'penicillin-cephalosporin',
    allergen: 'penicillin',
    codes: [sct('91936005', 'Allergy to penicillin'), sct('764146007', 'Penicillin')],
    drugClasses: ['cephalosporin'],
    severity: 'info',
    advice:
      'Cross-reactivity is low (about 1-2%); avoid only similar side chains or after severe reactions.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'cephalosporin',
    allergen: 'cephalosporin',
    codes: [],
    drugClasses: ['cephalosporin'],
    severity: 'warning',
    advice: 'Check the reaction and side chain before giving another cephalosporin.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'sulfonamide',
    allergen: 'sulfonamide-antibiotic',
    codes: [sct('91939003', 'Allergy to sulfonamide')],
    drugClasses: ['sulfonamide-antibiotic'],
    severity: 'critical',
    advice: 'Avoid sulfonamide antibiotics.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'nsaid',
    allergen: 'nsaid',
    codes: [],
    drugClasses: ['nsaid', 'aspirin'],
    severity: 'warning',
    advice:
      'NSAID/aspirin hypersensitivity often crosses the class: avoid unless tolerated before.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'aspirin',
    allergen: 'aspirin',
    codes: [sct('293586001', 'Allergy to aspirin')],
    drugClasses: ['nsaid', 'aspirin'],
    severity: 'warning',
    advice:
      'NSAID/aspirin hypersensitivity often crosses the class: avoid unless tolerated before.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'ace-inhibitor',
    allergen: 'ace-inhibitor',
    codes: [],
    drugClasses: ['ace-inhibitor'],
    severity: 'critical',
    advice: 'Avoid ACE inhibitors (angioedema risk).',
    source: 'ACC/AHA Guideline for High Blood Pressure in Adults, 2017',
  },
  {
    id: 'opioid',
    allergen: 'opioid',
    codes: [],
    drugClasses: ['opioid'],
    severity: 'warning',
    advice: 'Check the reaction type; most opioid reactions are pseudo-allergic.',
    source: DRUG_ALLERGY,
  },
  {
    id: 'statin',
    allergen: 'statin',
    codes: [],
    drugClasses: ['statin'],
    severity: 'warning',
    advice: 'Review the reported statin intolerance before rechallenge.',
    source: 'ACC/AHA Guideline on the Management of Blood Cholesterol, 2018',
  },
];
