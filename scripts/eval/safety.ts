/**
 * The safety suite of `npm run eval`: constructed records, each with the flag it must raise, and a
 * control (the same record with what makes the difference changed) that must stay quiet. Reported
 * per rule family as sensitivity (flags raised on the positives) and false flags (on controls).
 */
import { runEngine } from '../../cds-service/synopsis/engine';
import {
  allergy,
  condition,
  medication,
  NOW,
  observation,
  patient,
  procedure,
  record,
  type Resource,
} from '../../cds-service/synopsis/test-records';

export interface SafetyCase {
  family: string;
  name: string;
  /** The alert or care-gap id (or its prefix) that must be raised on `flag` and not on `control`. */
  expect: string;
  flag: () => Resource[];
  control: () => Resource[];
}

const warfarin = () => medication('warfarin sodium 5 MG Oral Tablet', 'active', '855332');
const inr = (value: number, date: string) => observation('6301-6', value, '{INR}', date);
const amoxicillin = () => medication('amoxicillin 500 MG Oral Capsule');
const lisinopril = () => medication('lisinopril 10 MG Oral Tablet');
const pregnancy = () =>
  condition('77386006', 'Pregnancy', 'active', { onsetDateTime: '2024-03-01' });
const mi = () =>
  condition('22298006', 'Myocardial infarction', 'resolved', { onsetDateTime: '2023-01-01' });
const af = () => condition('49436004', 'Atrial fibrillation');
const stroke = () =>
  condition('422504002', 'Ischemic stroke', 'resolved', { onsetDateTime: '2022-02-01' });
const hf = () => condition('84114007', 'Heart failure');
const allergyText = (text: string) => allergy('unused', 'unused', { code: { text } });
const SCT = 'http://snomed.info/sct';

export const SAFETY_CASES: readonly SafetyCase[] = [
  {
    family: 'anticoagulation',
    name: 'warfarin, no INR in the record',
    expect: 'warfarin-no-inr',
    flag: () => [warfarin()],
    control: () => [warfarin(), inr(2.5, '2024-05-20')],
  },
  {
    family: 'anticoagulation',
    name: 'warfarin, INR 6.8',
    expect: 'warfarin-inr-high',
    flag: () => [warfarin(), inr(6.8, '2024-05-25')],
    control: () => [warfarin(), inr(2.6, '2024-05-25')],
  },
  {
    family: 'anticoagulation',
    name: 'warfarin with TMP-SMX',
    expect: 'interaction-warfarin-potentiator',
    flag: () => [
      warfarin(),
      inr(2.5, '2024-05-01'),
      medication('sulfamethoxazole 800 MG / trimethoprim 160 MG Oral Tablet'),
    ],
    control: () => [warfarin(), inr(2.5, '2024-05-01'), amoxicillin()],
  },
  {
    family: 'anticoagulation',
    name: 'apixaban 5 mg in AF at 82 weighing 55 kg',
    expect: 'apixaban-dose-high',
    flag: () => [
      patient('1942-01-01', 'female'),
      af(),
      observation('29463-7', 55, 'kg', '2024-05-01'),
      medication('apixaban 5 MG Oral Tablet'),
    ],
    control: () => [
      patient('1942-01-01', 'female'),
      af(),
      observation('29463-7', 55, 'kg', '2024-05-01'),
      medication('apixaban 2.5 MG Oral Tablet'),
    ],
  },
  {
    family: 'anticoagulation',
    name: 'rivaroxaban 20 mg in AF with creatinine clearance 34 mL/min',
    expect: 'doac-dose-rivaroxaban-high',
    flag: () => [...reducedKidneyFunction(), medication('rivaroxaban 20 MG Oral Tablet')],
    control: () => [...reducedKidneyFunction(), medication('rivaroxaban 15 MG Oral Tablet')],
  },
  {
    family: 'drug-disease',
    name: 'naproxen in heart failure',
    expect: 'drug-disease-nsaid-heart-failure',
    flag: () => [hf(), medication('naproxen 500 MG Oral Tablet')],
    control: () => [hf(), medication('acetaminophen 500 MG Oral Tablet')],
  },
  {
    family: 'allergies',
    name: 'penicillin allergy, amoxicillin ordered',
    expect: 'allergy-penicillin',
    flag: () => [allergyText('Penicillins'), amoxicillin()],
    control: () => [allergyText('Peanut'), amoxicillin()],
  },
  {
    family: 'allergies',
    name: 'losartan allergy, losartan ordered',
    expect: 'allergy-same-drug',
    flag: () => [allergyText('Losartan'), medication('losartan potassium 50 MG Oral Tablet')],
    control: () => [allergyText('Losartan'), medication('amlodipine 5 MG Oral Tablet')],
  },
  {
    family: 'interactions',
    name: 'simvastatin 40 mg with verapamil',
    expect: 'dose-limit-simvastatin-10',
    flag: () => [
      medication('simvastatin 40 MG Oral Tablet'),
      medication('verapamil hydrochloride 80 MG Oral Tablet'),
    ],
    control: () => [
      medication('simvastatin 10 MG Oral Tablet'),
      medication('verapamil hydrochloride 80 MG Oral Tablet'),
    ],
  },
  {
    family: 'interactions',
    name: 'MAO inhibitor with an SSRI (ONC high-priority)',
    expect: 'interaction-maoi-serotonergic',
    flag: () => [
      medication('phenelzine 15 MG Oral Tablet'),
      medication('sertraline 50 MG Oral Tablet'),
    ],
    control: () => [
      medication('phenelzine 15 MG Oral Tablet'),
      medication('bupropion hydrochloride 150 MG Extended Release Oral Tablet'),
    ],
  },
  {
    family: 'interactions',
    name: 'tizanidine with ciprofloxacin (ONC high-priority)',
    expect: 'interaction-tizanidine-fluvoxamine',
    flag: () => [
      medication('tizanidine 4 MG Oral Tablet'),
      medication('ciprofloxacin 500 MG Oral Tablet'),
    ],
    control: () => [
      medication('tizanidine 4 MG Oral Tablet'),
      medication('nitrofurantoin 100 MG Oral Capsule'),
    ],
  },
  {
    family: 'interactions',
    name: 'methadone with ondansetron (QT prolongation)',
    expect: 'interaction-qt-high-risk',
    flag: () => [
      medication('methadone hydrochloride 10 MG Oral Tablet'),
      medication('ondansetron 4 MG Disintegrating Oral Tablet'),
    ],
    control: () => [
      medication('methadone hydrochloride 10 MG Oral Tablet'),
      medication('famotidine 20 MG Oral Tablet'),
    ],
  },
  {
    family: 'interactions',
    name: 'methadone alone with a QTc of 520 ms; control: 470 ms',
    expect: 'qt-drug-long-qtc',
    flag: () => [
      medication('methadone hydrochloride 10 MG Oral Tablet'),
      observation('8636-3', 520, 'ms', '2024-05-01'),
    ],
    control: () => [
      medication('methadone hydrochloride 10 MG Oral Tablet'),
      observation('8636-3', 470, 'ms', '2024-05-01'),
    ],
  },
  {
    family: 'interactions',
    name: 'opioid with a benzodiazepine',
    expect: 'interaction-opioid-benzodiazepine',
    flag: () => [
      medication('oxycodone hydrochloride 5 MG Oral Tablet'),
      medication('alprazolam 0.5 MG Oral Tablet'),
    ],
    control: () => [
      medication('oxycodone hydrochloride 5 MG Oral Tablet'),
      medication('sertraline 50 MG Oral Tablet'),
    ],
  },
  {
    family: 'interactions',
    name: 'clarithromycin with atorvastatin 40 mg',
    expect: 'dose-limit-atorvastatin-20',
    flag: () => [
      medication('atorvastatin 40 MG Oral Tablet'),
      medication('clarithromycin 500 MG Oral Tablet'),
    ],
    control: () => [
      medication('atorvastatin 40 MG Oral Tablet'),
      medication('azithromycin 250 MG Oral Tablet'),
    ],
  },
  {
    family: 'interactions',
    name: 'sertraline with tramadol',
    expect: 'interaction-ssri-tramadol',
    flag: () => [
      medication('sertraline 50 MG Oral Tablet'),
      medication('tramadol hydrochloride 50 MG Oral Tablet'),
    ],
    control: () => [
      medication('sertraline 50 MG Oral Tablet'),
      medication('acetaminophen 500 MG Oral Tablet'),
    ],
  },
  {
    family: 'older adults',
    name: 'insulin at 80 with HbA1c 6.2%',
    expect: 'older-adult-hypoglycaemia-overtreatment',
    flag: () => [
      patient('1944-01-01', 'female'),
      medication('insulin glargine 100 UNT/ML Injectable Solution'),
      observation('4548-4', 6.2, '%', '2024-04-01'),
    ],
    control: () => [
      patient('1944-01-01', 'female'),
      medication('insulin glargine 100 UNT/ML Injectable Solution'),
      observation('4548-4', 7.8, '%', '2024-04-01'),
    ],
  },
  {
    family: 'opioids',
    name: 'extended-release oxycodone started with no opioid before it',
    expect: 'opioid-long-acting-start',
    flag: () => [erOxycodone()],
    control: () => [
      erOxycodone(),
      medication('oxycodone hydrochloride 5 MG Oral Tablet', 'completed', undefined, {
        authoredOn: '2024-04-10',
      }),
    ],
  },
  {
    family: 'opioids',
    name: 'three concurrent opioids',
    expect: 'duplicate-opioid',
    flag: () => [
      medication('acetaminophen 325 MG / hydrocodone bitartrate 10 MG Oral Tablet'),
      medication('oxycodone hydrochloride 5 MG Oral Tablet'),
      medication('72 HR fentanyl 0.025 MG/HR Transdermal System'),
    ],
    control: () => [medication('oxycodone hydrochloride 5 MG Oral Tablet')],
  },
  {
    family: 'opioids',
    name: 'fentanyl 25 mcg/h (60 MME a day), no naloxone',
    expect: 'opioid-naloxone',
    flag: () => [medication('72 HR fentanyl 0.025 MG/HR Transdermal System')],
    control: () => [
      medication('72 HR fentanyl 0.025 MG/HR Transdermal System'),
      medication('naloxone hydrochloride 4 MG/ACTUAT Nasal Spray'),
    ],
  },
  {
    family: 'opioids',
    name: 'extended-release oxycodone started with sickle-cell trait; control: sickle cell disease (CDC 2022 scope)',
    expect: 'opioid-long-acting-start',
    flag: () => [erOxycodone(), condition('16402000', 'Sickle cell trait')],
    control: () => [erOxycodone(), condition('417357006', 'Sickling disorder due to hemoglobin S')],
  },
  {
    family: 'opioids',
    name: 'two products with acetaminophen',
    expect: 'duplicate-acetaminophen',
    flag: () => [
      medication('acetaminophen 325 MG / hydrocodone bitartrate 10 MG Oral Tablet'),
      medication('acetaminophen 500 MG Oral Tablet'),
    ],
    control: () => [medication('acetaminophen 325 MG / hydrocodone bitartrate 10 MG Oral Tablet')],
  },
  {
    family: 'pregnancy',
    name: 'ACE inhibitor in pregnancy',
    expect: 'pregnancy-raas',
    flag: () => [pregnancy(), lisinopril()],
    control: () => [lisinopril()],
  },
  {
    family: 'renal',
    name: 'metformin, creatinine 2.6 in a woman of 80 (eGFR about 18)',
    expect: 'renal-metformin-egfr-30',
    flag: () => [
      patient('1944-01-01', 'female'),
      medication('metformin hydrochloride 500 MG Oral Tablet'),
      observation('2160-0', 2.6, 'mg/dL', '2024-05-01'),
    ],
    control: () => [
      patient('1944-01-01', 'female'),
      medication('metformin hydrochloride 500 MG Oral Tablet'),
      observation('2160-0', 0.8, 'mg/dL', '2024-05-01'),
    ],
  },
  {
    family: 'treatment gaps',
    name: 'after a myocardial infarction, no statin',
    expect: 'ascvd-statin',
    flag: () => [patient('1964-01-01', 'male'), mi()],
    control: () => [
      patient('1964-01-01', 'male'),
      mi(),
      medication('atorvastatin 80 MG Oral Tablet'),
    ],
  },
  {
    family: 'treatment gaps',
    name: 'AF after a stroke on aspirin only',
    expect: 'af-anticoagulation',
    flag: () => [
      patient('1944-01-01', 'female'),
      af(),
      stroke(),
      medication('aspirin 81 MG Oral Tablet'),
    ],
    control: () => [
      patient('1944-01-01', 'female'),
      af(),
      stroke(),
      medication('apixaban 5 MG Oral Tablet'),
    ],
  },
  {
    family: 'treatment gaps',
    name: 'heart failure with EF 39%, no SGLT2 inhibitor',
    expect: 'hfref-sglt2',
    flag: () => [hf(), observation('10230-1', 39, '%', '2024-02-01')],
    control: () => [hf(), observation('10230-1', 58, '%', '2024-02-01')],
  },
  {
    family: 'screening',
    name: 'lung cancer screening at 60 with 30 pack-years, smoking now',
    expect: 'lung-screening',
    flag: () => [patient('1964-01-01', 'male'), ...smoker('449868002', 30)],
    // Quit in 2004, 20 years before: past the 15 years the recommendation covers.
    control: () => [patient('1964-01-01', 'male'), ...smoker('8517006', 30, '2004-01-10')],
  },
  {
    family: 'screening',
    name: 'lung cancer screening for a former smoker judged on the quit date (LOINC 74010-0)',
    expect: 'lung-screening',
    flag: () => [patient('1960-01-01', 'male'), ...exSmoker(40, '2016-05-01')],
    control: () => [patient('1960-01-01', 'male'), ...exSmoker(40, '2008-03-01')],
  },
  {
    family: 'screening',
    name: 'RSV vaccine at 68 with COPD; control: high blood pressure only',
    expect: 'rsv-vaccine-at-risk',
    flag: () => [patient('1956-01-01', 'female'), condition('13645005', 'COPD')],
    control: () => [
      patient('1956-01-01', 'female'),
      condition('59621000', 'Essential hypertension'),
    ],
  },
  {
    family: 'screening',
    name: 'colorectal screening at 60 with a stool test two years ago',
    expect: 'colorectal-screening',
    flag: () => [patient('1964-01-01', 'female'), stoolTest('2022-05-01')],
    control: () => [patient('1964-01-01', 'female'), stoolTest('2024-01-10')],
  },
  {
    family: 'screening',
    name: 'no screening offered in hospice care',
    expect: 'hcv-screening',
    flag: () => [patient('1964-01-01', 'female')],
    control: () => [patient('1964-01-01', 'female'), hospiceCare()],
  },
];

/** A former smoker with pack-years and the day they quit (LOINC 74010-0), never seen smoking. */
function exSmoker(packYears: number, quit: string): Resource[] {
  return [
    {
      ...observation('72166-2', 0, '', '2024-01-10', { valueQuantity: undefined }),
      valueCodeableConcept: { coding: [{ system: SCT, code: '8517006' }] },
    },
    {
      ...observation('74010-0', 0, '', '2024-01-10', { valueQuantity: undefined }),
      valueDateTime: quit,
    },
    {
      ...observation('0', packYears, '{PackYears}', '2024-01-10'),
      code: { coding: [{ system: SCT, code: '401201003' }] },
    },
  ];
}

/** Smoking status (and, when smoking, its date) with pack-years, as US Core and mCODE record them. */
function smoker(status: string, packYears: number, lastSmoking = '2024-01-10'): Resource[] {
  const statusAt = (code: string, date: string): Resource => ({
    ...observation('72166-2', 0, '', date, { valueQuantity: undefined }),
    valueCodeableConcept: { coding: [{ system: SCT, code }] },
  });
  return [
    statusAt('449868002', lastSmoking),
    ...(status === '449868002' ? [] : [statusAt(status, '2024-02-01')]),
    {
      ...observation('0', packYears, '{PackYears}', '2024-02-01'),
      code: { coding: [{ system: SCT, code: '401201003' }] },
    },
  ];
}

/** A woman of 82 with AF, 60 kg, creatinine 1.2 mg/dL: Cockcroft-Gault 34 mL/min. */
const reducedKidneyFunction = (): Resource[] => [
  patient('1942-01-01', 'female'),
  af(),
  observation('29463-7', 60, 'kg', '2024-05-01'),
  observation('2160-0', 1.2, 'mg/dL', '2024-05-01'),
];

/** Extended-release oxycodone ordered a month before NOW. */
const erOxycodone = (): Resource =>
  medication(
    '12 HR oxycodone hydrochloride 20 MG Extended Release Oral Tablet',
    'active',
    undefined,
    {
      authoredOn: '2024-05-01',
    },
  );

/** A faecal immunochemical test (LOINC 57905-2) on `date`. */
const stoolTest = (date: string): Resource =>
  observation('57905-2', 0, '', date, { valueQuantity: undefined });

/** Hospice care (SNOMED CT 385763009) given this year. */
const hospiceCare = (): Resource => procedure(SCT, '385763009', '2024-03-01');

export interface SafetyFamily {
  family: string;
  cases: number;
  /** Positives on which the expected flag was raised. */
  raised: number;
  /** Controls on which it was raised anyway. */
  falseFlags: number;
  missed: string[];
  falselyFlagged: string[];
}

function flagged(resources: Resource[], expect: string): boolean {
  const s = runEngine(record(...resources), NOW);
  return [...s.alerts.map((a) => a.id), ...s.careGaps.map((g) => g.id)].some((id) =>
    id.startsWith(expect),
  );
}

export function runSafetySuite(cases: readonly SafetyCase[] = SAFETY_CASES): SafetyFamily[] {
  const families = new Map<string, SafetyFamily>();
  for (const c of cases) {
    const f = families.get(c.family) ?? {
      family: c.family,
      cases: 0,
      raised: 0,
      falseFlags: 0,
      missed: [],
      falselyFlagged: [],
    };
    f.cases++;
    if (flagged(c.flag(), c.expect)) f.raised++;
    else f.missed.push(c.name);
    if (flagged(c.control(), c.expect)) {
      f.falseFlags++;
      f.falselyFlagged.push(c.name);
    }
    families.set(c.family, f);
  }
  return [...families.values()];
}
