/**
 * Pregnancy and the drugs to avoid in it. A pregnancy is current when a condition of the VSAC
 * Pregnancy value set is active and was recorded within `currentWithinDays`, or a pregnancy-status
 * observation says "pregnant" within that time and no later one says otherwise.
 */
import { SYSTEMS } from '../../fhir/codes';

export const PREGNANCY = {
  /** VSAC "Pregnancy" (CMS eCQM content): antepartum conditions, weeks of gestation, pregnant state. */
  valueSets: ['2.16.840.1.113883.3.526.3.378'],
  /** A pregnancy lasts 280 days from the last menstrual period; one recorded earlier has ended. */
  currentWithinDays: 280,
  /** US Core pregnancy status (LOINC 82810-3) and its SNOMED CT answers. */
  status: {
    loinc: '82810-3',
    system: SYSTEMS.snomed,
    pregnant: ['77386006'],
    notPregnant: ['60001007'],
  },
  source: 'VSAC Pregnancy value set 2.16.840.1.113883.3.526.3.378; US Core pregnancy status',
} as const;

export interface TeratogenRule {
  id: string;
  drugClasses: readonly string[];
  severity: 'info' | 'warning' | 'critical';
  advice: string;
  source: string;
}

export const TERATOGENS: readonly TeratogenRule[] = [
  {
    id: 'raas',
    drugClasses: ['ace-inhibitor', 'arb', 'arni'],
    severity: 'critical',
    advice:
      'Stop it (fetal renal toxicity in the second and third trimesters); use labetalol or nifedipine.',
    source: 'FDA boxed warning, fetal toxicity (ACE inhibitors, ARBs, sacubitril-valsartan)',
  },
  {
    id: 'warfarin',
    drugClasses: ['warfarin'],
    severity: 'critical',
    advice:
      'Warfarin is contraindicated in pregnancy except with a mechanical valve; switch to low-molecular-weight heparin.',
    source:
      'Warfarin FDA label (contraindications); ACC/AHA Valvular Heart Disease guideline, 2020',
  },
  {
    id: 'valproate',
    drugClasses: ['valproate'],
    severity: 'critical',
    advice: 'Review urgently with neurology or psychiatry (neural tube defects, lower IQ).',
    source: 'Valproate FDA boxed warning, fetal risk',
  },
  {
    id: 'isotretinoin',
    drugClasses: ['isotretinoin'],
    severity: 'critical',
    advice: 'Stop it: contraindicated in pregnancy (iPLEDGE).',
    source: 'Isotretinoin FDA label, boxed warning and iPLEDGE REMS',
  },
  {
    id: 'methotrexate',
    drugClasses: ['methotrexate'],
    severity: 'critical',
    advice: 'Stop it: contraindicated in pregnancy for non-cancer indications.',
    source: 'Methotrexate FDA label, boxed warning (embryo-fetal toxicity)',
  },
  {
    id: 'statin',
    drugClasses: ['statin'],
    severity: 'info',
    advice:
      'Most patients should stop the statin while pregnant; continuing may suit very high risk (familial hypercholesterolaemia, prior ASCVD).',
    source: 'FDA Drug Safety Communication on statins in pregnancy, 2021',
  },
];
