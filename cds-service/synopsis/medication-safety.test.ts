import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildMedicationAlerts } from './medication-safety';
import { buildMedications } from './medications';
import { DRUG_CLASSES } from './kb/drug-classes';
import {
  ALLERGY_RULES,
  DOSE_LIMITS,
  DRUG_DISEASE,
  DUPLICATE_CLASSES,
  INTERACTIONS,
  OLDER_ADULT_RULES,
} from './kb/medication-safety';
import { allergy, condition, medication, NOW, observation, patient, record } from './test-records';

const SCT = 'http://snomed.info/sct';

const alertsOf = (...resources: Parameters<typeof record>) =>
  buildMedicationAlerts(buildContext(record(...resources), NOW));

describe('medication safety', () => {
  it.each([
    { egfr: 25, id: 'renal-metformin-egfr-30', severity: 'critical' },
    { egfr: 40, id: 'renal-metformin-egfr-45', severity: 'warning' },
  ])('metformin with eGFR $egfr raises $id', ({ egfr, id, severity }) => {
    const alerts = alertsOf(
      medication(
        '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet',
        'active',
        '860975',
      ),
      observation('33914-3', egfr, 'mL/min/{1.73_m2}', '2024-05-01'),
    );
    expect(alerts.map((a) => [a.id, a.severity])).toEqual([[id, severity]]);
  });

  it('keeps a low eGFR older than the look-back standing, named as old, with a recheck', () => {
    const alerts = alertsOf(
      medication('metformin 500 MG', 'active', '860975'),
      observation('33914-3', 40, 'mL/min/{1.73_m2}', '2020-02-01'),
    );
    expect(alerts.map((a) => [a.id, a.severity])).toEqual([['renal-metformin-egfr-45', 'warning']]);
    expect(alerts[0]?.text).toMatch(
      /eGFR 40 mL\/min\/1.73m2 \(2020-02-01, over 12 months old: recheck/,
    );
  });

  it('an old eGFR below 30 on metformin is a warning to recheck, a recent one critical', () => {
    const severity = (date: string) =>
      alertsOf(
        medication('metformin 500 MG', 'active', '860975'),
        observation('33914-3', 25, 'mL/min/{1.73_m2}', date),
      ).map((a) => `${a.id}:${a.severity}`);
    expect(severity('2020-02-01')).toEqual(['renal-metformin-egfr-30:warning']);
    expect(severity('2024-05-01')).toEqual(['renal-metformin-egfr-30:critical']);
  });

  it.each([
    [
      'an eGFR of 80 from 2020',
      [observation('33914-3', 80, 'mL/min/{1.73_m2}', '2020-02-01')],
      /is over 12 months old/,
    ],
    ['no eGFR at all', [], /no eGFR or creatinine in the record/],
  ])('asks for a yearly recheck on metformin with %s', (_name, results, text) => {
    const alerts = alertsOf(medication('metformin 500 MG', 'active', '860975'), ...results);
    expect(alerts.map((a) => [a.id, a.severity])).toEqual([['renal-recheck-biguanide', 'info']]);
    expect(alerts[0]?.text).toMatch(text);
  });

  it('asks for no recheck on an NSAID (no yearly monitoring rule)', () => {
    expect(alertsOf(medication('ibuprofen 200 MG', 'active'))).toEqual([]);
  });

  it('says nothing about metformin with a normal eGFR or a stopped order', () => {
    expect(
      alertsOf(
        medication('metformin 500 MG'),
        observation('33914-3', 75, 'mL/min/{1.73_m2}', '2024-05-01'),
      ),
    ).toEqual([]);
    expect(
      alertsOf(
        medication('metformin 500 MG', 'stopped'),
        observation('33914-3', 20, 'mL/min/{1.73_m2}', '2024-05-01'),
      ),
    ).toEqual([]);
  });

  it.each([
    {
      drugs: ['Warfarin Sodium 5 MG Oral Tablet', 'aspirin 81 MG Oral Tablet'],
      id: 'interaction-anticoagulant-antiplatelet',
    },
    {
      drugs: ['apixaban 5 MG Oral Tablet', 'Naproxen sodium 220 MG Oral Tablet'],
      id: 'interaction-anticoagulant-nsaid',
    },
    {
      drugs: ['oxycodone 5 MG Oral Tablet', 'alprazolam 0.5 MG Oral Tablet'],
      id: 'interaction-opioid-benzodiazepine',
    },
    {
      drugs: ['Digoxin 0.125 MG Oral Tablet', 'Verapamil Hydrochloride 40 MG'],
      id: 'interaction-digoxin-verapamil',
    },
    {
      drugs: ['lisinopril 10 MG Oral Tablet', 'losartan potassium 50 MG Oral Tablet'],
      id: 'interaction-acei-arb',
    },
  ])('$id', ({ drugs, id }) => {
    const meds = drugs.map((d) => medication(d));
    const alert = alertsOf(...meds).find((a) => a.id === id);
    expect(alert).toBeDefined();
    expect(alert?.evidence.map((e) => e.reference).sort()).toEqual(
      meds.map((m) => `MedicationRequest/${m.id}`).sort(),
    );
    expect(alert?.source).toMatch(/\d{4}/);
  });

  it('flags two different statins as duplicate therapy, not two orders of one', () => {
    expect(
      alertsOf(
        medication('simvastatin 20 MG', 'active', '312961'),
        medication('atorvastatin 40 MG', 'active', '617311'),
      ).map((a) => a.id),
    ).toContain('duplicate-statin');
    expect(
      alertsOf(
        medication('simvastatin 20 MG', 'active', '312961'),
        medication('simvastatin 20 MG', 'active', '312961'),
      ).map((a) => a.id),
    ).not.toContain('duplicate-statin');
  });

  it('does not call one drug coded two ways (RxNorm alone, NDC then RxNorm) a duplicate', () => {
    const atorvastatin = { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '617311' };
    const withNdc = medication('atorvastatin 40 MG Oral Tablet', 'active', undefined, {
      medicationCodeableConcept: {
        coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0071-0157-23' }, atorvastatin],
        text: 'atorvastatin 40 MG Oral Tablet',
      },
    });
    const context = buildContext(
      record(medication('atorvastatin 40 MG Oral Tablet', 'active', '617311'), withNdc),
      NOW,
    );
    expect(buildMedicationAlerts(context).map((a) => a.id)).not.toContain('duplicate-statin');
    expect(buildMedications(context)).toHaveLength(1);
  });

  it('flags a penicillin ordered despite a penicillin allergy, by code or by text', () => {
    const byCode = alertsOf(
      allergy('91936005', 'Allergy to penicillin'),
      medication('Amoxicillin 500 MG Oral Tablet', 'active', '308192'),
    );
    expect(
      byCode.some((a) => a.id.startsWith('allergy-penicillin-') && a.severity === 'critical'),
    ).toBe(true);
    const byText = alertsOf(
      allergy('999999', 'Penicillin G'),
      medication('Amoxicillin 500 MG Oral Tablet'),
    );
    expect(byText.some((a) => a.id.startsWith('allergy-penicillin-'))).toBe(true);
    expect(
      alertsOf(
        allergy('762952008', 'Peanut (substance)'),
        medication('Amoxicillin 500 MG Oral Tablet'),
      ),
    ).toEqual([]);
  });
});

describe('drug allergies by ingredient and class', () => {
  const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
  const allergyTo = (code: Record<string, unknown>) => allergy('unused', 'unused', { code });
  const amoxicillin = () => medication('amoxicillin 500 MG Oral Capsule');
  const ids = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources).map((a) => `${a.id.replace(/-a\d+$/, '')}:${a.severity}`);

  it.each([
    ['SNOMED "Allergy to penicillin"', { coding: [{ system: SCT, code: '91936005' }] }],
    ['RxNorm penicillin G', { coding: [{ system: RX, code: '7980', display: 'Penicillin G' }] }],
    ['the class named in text', { text: 'Penicillins' }],
    [
      'RxNorm code with a plural text',
      { coding: [{ system: RX, code: '70618' }], text: 'Penicillins' },
    ],
  ])('penicillin allergy (%s) with amoxicillin ordered: critical', (_shape, code) => {
    expect(ids(allergyTo(code), amoxicillin())).toEqual(['allergy-penicillin:critical']);
  });

  it('an allergy to losartan with losartan ordered: critical, the same drug', () => {
    const losartanAllergy = allergyTo({
      coding: [{ system: RX, code: '52175', display: 'losartan' }],
    });
    expect(ids(losartanAllergy, medication('losartan potassium 50 MG Oral Tablet'))).toEqual([
      'allergy-same-drug:critical',
    ]);
    // A different ARB is not the same drug, and ARB allergy is not a class rule here.
    expect(ids(losartanAllergy, medication('valsartan 80 MG Oral Tablet'))).toEqual([]);
  });

  it('an amoxicillin allergy with amoxicillin ordered is one alert (the same drug), not two', () => {
    expect(ids(allergyTo({ text: 'Amoxicillin' }), amoxicillin())).toEqual([
      'allergy-same-drug:critical',
    ]);
  });

  it('a penicillin allergy with cephalexin ordered: information on the low cross-reactivity', () => {
    expect(
      ids(allergyTo({ text: 'Penicillins' }), medication('cephalexin 500 MG Oral Capsule')),
    ).toEqual(['allergy-penicillin-cephalosporin:info']);
  });

  it.each([
    [
      'Sulfa drugs',
      'sulfamethoxazole 800 MG / trimethoprim 160 MG Oral Tablet',
      'allergy-sulfonamide:critical',
    ],
    ['NSAIDs', 'naproxen 500 MG Oral Tablet', 'allergy-nsaid:warning'],
    ['Statins', 'atorvastatin 40 MG Oral Tablet', 'allergy-statin:warning'],
  ])('"%s" allergy with %s: %s', (text, drug, expected) => {
    expect(ids(allergyTo({ text }), medication(drug))).toEqual([expected]);
  });

  it.each([
    ['Nystatin', 'atorvastatin 40 MG Oral Tablet'],
    ['Sulfa drugs', 'sulfasalazine 500 MG Oral Tablet'],
    ['Peanut', 'amoxicillin 500 MG Oral Capsule'],
  ])('no alert: an allergy to %s with %s', (text, drug) => {
    expect(ids(allergyTo({ text }), medication(drug))).toEqual([]);
  });
});

describe('opioids (CDC 2022) and acetaminophen', () => {
  const hydrocodoneApap = () =>
    medication(
      'acetaminophen 325 MG / hydrocodone bitartrate 10 MG Oral Tablet',
      'active',
      '857005',
    );
  const oxycodoneApap = () =>
    medication(
      'acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet',
      'active',
      '1049621',
    );
  const fentanyl = () =>
    medication('72 HR fentanyl 0.025 MG/HR Transdermal System', 'active', '197696');
  const hydrocodoneEr = () =>
    medication(
      '24 HR hydrocodone bitartrate 20 MG Extended Release Oral Tablet',
      'active',
      '1595730',
    );

  it('four concurrent opioids, two with acetaminophen: both flagged, with the count', () => {
    const alerts = alertsOf(hydrocodoneApap(), oxycodoneApap(), fentanyl(), hydrocodoneEr());
    const opioid = alerts.find((a) => a.id === 'duplicate-opioid');
    expect(opioid?.text).toMatch(
      /^Possible duplicate therapy: 4 active opioid orders \(acetaminophen\/hydrocodone, acetaminophen\/oxycodone, fentanyl, hydrocodone\)\. Concurrent opioids/,
    );
    expect(opioid?.source).toContain('CDC');
    expect(alerts.find((a) => a.id === 'duplicate-acetaminophen')?.text).toContain('two active');
  });

  it('one opioid with acetaminophen, and a second order of the same product: no alert', () => {
    expect(alertsOf(hydrocodoneApap(), hydrocodoneApap())).toEqual([]);
  });
});

describe('statin dose caps with CYP3A4 inhibitors (FDA 2011)', () => {
  const verapamil = () => medication('verapamil hydrochloride 40 MG Oral Tablet');
  const ids = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources)
      .filter((a) => a.id.startsWith('dose-limit-'))
      .map((a) => `${a.id}:${a.severity}`);

  it.each([
    ['simvastatin 10 MG Oral Tablet', 'verapamil', []],
    ['simvastatin 20 MG Oral Tablet', 'verapamil', ['dose-limit-simvastatin-10:warning']],
    [
      'ezetimibe 10 MG / simvastatin 40 MG Oral Tablet',
      'verapamil',
      ['dose-limit-simvastatin-10:warning'],
    ],
    ['simvastatin 20 MG Oral Tablet', 'amlodipine 5 MG Oral Tablet', []],
    [
      'simvastatin 40 MG Oral Tablet',
      'amlodipine 5 MG Oral Tablet',
      ['dose-limit-simvastatin-20:warning'],
    ],
    ['atorvastatin 40 MG Oral Tablet', 'verapamil', []],
    ['Simvastatin tablet', 'verapamil', ['dose-limit-simvastatin-10:info']],
  ])('%s with %s: %j', (statin, other, expected) => {
    const second = other === 'verapamil' ? verapamil() : medication(other);
    expect(ids(medication(statin), second)).toEqual(expected);
  });
});

describe('drugs that worsen heart failure', () => {
  const hf = () => condition('84114007', 'Heart failure');
  const ids = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources)
      .filter((a) => a.id.startsWith('drug-disease-'))
      .map((a) => a.id);

  it('naproxen in heart failure: flagged; without heart failure: not', () => {
    expect(ids(hf(), medication('naproxen 500 MG Oral Tablet'))).toEqual([
      'drug-disease-nsaid-heart-failure',
    ]);
    expect(ids(medication('naproxen 500 MG Oral Tablet'))).toEqual([]);
  });

  it('diltiazem with EF 30%: flagged; with EF 60% (preserved): not', () => {
    const diltiazem = () => medication('diltiazem hydrochloride 120 MG Oral Capsule');
    expect(ids(hf(), observation('10230-1', 30, '%', '2024-03-01'), diltiazem())).toEqual([
      'drug-disease-non-dhp-ccb-hfref',
    ]);
    expect(ids(hf(), observation('10230-1', 60, '%', '2024-03-01'), diltiazem())).toEqual([]);
  });
});

describe('interactions: CYP3A4, serotonergic, respiratory depression, lithium', () => {
  const ids = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources)
      .filter((a) => /^(dose-limit|interaction)-/.test(a.id))
      .map((a) => `${a.id}:${a.severity}`);

  it.each([
    [
      'simvastatin 10 MG Oral Tablet',
      'clarithromycin 500 MG Oral Tablet',
      ['dose-limit-simvastatin-strong-cyp3a4:critical'],
    ],
    [
      'Simvastatin tablet',
      'itraconazole 100 MG Oral Capsule',
      ['dose-limit-simvastatin-strong-cyp3a4:critical'],
    ],
    [
      'atorvastatin 40 MG Oral Tablet',
      'clarithromycin 500 MG Oral Tablet',
      ['dose-limit-atorvastatin-20:warning'],
    ],
    ['atorvastatin 20 MG Oral Tablet', 'clarithromycin 500 MG Oral Tablet', []],
    ['rosuvastatin 20 MG Oral Tablet', 'clarithromycin 500 MG Oral Tablet', []],
    [
      'sertraline 50 MG Oral Tablet',
      'tramadol hydrochloride 50 MG Oral Tablet',
      ['interaction-ssri-tramadol:warning'],
    ],
    ['sertraline 50 MG Oral Tablet', 'acetaminophen 500 MG Oral Tablet', []],
    [
      'oxycodone hydrochloride 5 MG Oral Tablet',
      'gabapentin 300 MG Oral Capsule',
      ['interaction-opioid-gabapentinoid:warning'],
    ],
    [
      'lithium carbonate 300 MG Oral Capsule',
      'hydrochlorothiazide 25 MG Oral Tablet',
      ['interaction-lithium-raising:warning'],
    ],
    ['lithium carbonate 300 MG Oral Capsule', 'amlodipine 5 MG Oral Tablet', []],
  ])('%s with %s: %j', (a, b, expected) => {
    expect(ids(medication(a), medication(b))).toEqual(expected);
  });
});

describe('older adults (AGS Beers 2023, ADA 2025)', () => {
  const ids = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources)
      .filter((a) => a.id.startsWith('older-adult-'))
      .map((a) => `${a.id}:${a.severity}`);
  const old = () => patient('1944-01-01', 'female');
  const young = () => patient('1980-01-01', 'female');

  it.each([
    ['lorazepam 1 MG Oral Tablet', 'older-adult-beers-benzodiazepine:info'],
    ['glipizide 5 MG Oral Tablet', 'older-adult-beers-sulfonylurea:info'],
    ['diphenhydramine hydrochloride 25 MG Oral Capsule', 'older-adult-beers-anticholinergic:info'],
  ])('%s at 80: %s; at 44: nothing', (drug, expected) => {
    expect(ids(old(), medication(drug))).toEqual([expected]);
    expect(ids(young(), medication(drug))).toEqual([]);
  });

  it('insulin at 80 with HbA1c 6.2%: overtreatment; with HbA1c 7.8%: not', () => {
    const insulin = () => medication('insulin glargine 100 UNT/ML Injectable Solution');
    expect(ids(old(), insulin(), observation('4548-4', 6.2, '%', '2024-04-01'))).toEqual([
      'older-adult-hypoglycaemia-overtreatment:warning',
    ]);
    expect(ids(old(), insulin(), observation('4548-4', 7.8, '%', '2024-04-01'))).toEqual([]);
  });
});

describe('knowledge base integrity: every rule can fire', () => {
  const known = new Set(DRUG_CLASSES.flatMap((c) => c.ingredients));
  const classes = new Set(DRUG_CLASSES.map((c) => c.id));

  it('dose caps name ingredients the engine recognises', () => {
    for (const rule of DOSE_LIMITS) {
      expect(known.has(rule.ingredient), rule.id).toBe(true);
      expect(rule.with.length, rule.id).toBeGreaterThan(0);
      for (const i of rule.with) expect(known.has(i), `${rule.id}: ${i}`).toBe(true);
    }
  });

  it('interaction, duplicate, drug-disease, older-adult and allergy rules name existing classes', () => {
    const named = [
      ...INTERACTIONS.flatMap((r) => r.groups.flat()),
      ...DUPLICATE_CLASSES.map((r) => r.drugClass),
      ...DRUG_DISEASE.flatMap((r) => r.drugClasses),
      ...OLDER_ADULT_RULES.flatMap((r) => r.drugClasses),
      ...ALLERGY_RULES.flatMap((r) => [r.allergen, ...r.drugClasses]),
    ];
    for (const c of named) expect(classes.has(c), c).toBe(true);
  });
});

describe('opioid dose in MME and naloxone (CDC 2022)', () => {
  const dosed = (text: string, tablets: number, everyHours: number) =>
    medication(text, 'active', undefined, {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 1, period: everyHours, periodUnit: 'h' } },
          doseAndRate: [{ doseQuantity: { value: tablets, unit: 'tablet' } }],
        },
      ],
    });
  const fentanyl = () => medication('72 HR fentanyl 0.025 MG/HR Transdermal System');
  const naloxone = () => medication('naloxone hydrochloride 4 MG/ACTUAT Nasal Spray');
  const texts = (...resources: Parameters<typeof alertsOf>) =>
    alertsOf(...resources)
      .filter((a) => a.id === 'opioid-naloxone')
      .map((a) => a.text);

  it('oxycodone 10 mg every 4 hours is 90 MME a day: offer naloxone', () => {
    expect(texts(dosed('oxycodone hydrochloride 10 MG Oral Tablet', 1, 4))).toEqual([
      expect.stringMatching(/^Opioids at 90 MME a day and no naloxone/),
    ]);
  });

  it('a 25 mcg/h fentanyl patch is 60 MME a day; with naloxone on the list nothing is said', () => {
    expect(texts(fentanyl())).toEqual([expect.stringMatching(/^Opioids at 60 MME a day/)]);
    expect(texts(fentanyl(), naloxone())).toEqual([]);
  });

  it('oxycodone 5 mg every 6 hours is 30 MME a day: below the threshold', () => {
    expect(texts(dosed('oxycodone hydrochloride 5 MG Oral Tablet', 1, 6))).toEqual([]);
  });

  it('is offered in sickle cell disease and in cancer too: overdose rescue is not pain care', () => {
    const oxycodone = dosed('oxycodone hydrochloride 10 MG Oral Tablet', 1, 4);
    expect(
      texts(oxycodone, condition('417425009', 'Hemoglobin SS disease with crisis')),
    ).toHaveLength(1);
    expect(texts(oxycodone, condition('363346000', 'Malignant neoplastic disease'))).toHaveLength(
      1,
    );
  });

  it('says how many orders had no dose to count', () => {
    expect(texts(fentanyl(), medication('oxycodone hydrochloride 5 MG Oral Tablet'))).toEqual([
      expect.stringMatching(/60 MME a day or more \(1 order without a dose to count\)/),
    ]);
  });
});

describe('ONC high-priority drug-drug interactions (Phansalkar 2012)', () => {
  const ids = (...texts: string[]) =>
    alertsOf(...texts.map((t) => medication(t))).map((a) => `${a.id}:${a.severity}`);
  it.each([
    ['phenelzine 15 MG Oral Tablet', 'sertraline 50 MG Oral Tablet', 'maoi-serotonergic'],
    [
      'selegiline 6 MG/24HR Transdermal System',
      'sumatriptan 50 MG Oral Tablet',
      'maoi-serotonergic',
    ],
    [
      'tranylcypromine 10 MG Oral Tablet',
      'meperidine hydrochloride 50 MG Oral Tablet',
      'maoi-serotonergic',
    ],
    [
      'isocarboxazid 10 MG Oral Tablet',
      'amitriptyline hydrochloride 25 MG Oral Tablet',
      'maoi-serotonergic',
    ],
    [
      'phenelzine 15 MG Oral Tablet',
      'methylphenidate hydrochloride 10 MG Oral Tablet',
      'maoi-stimulant',
    ],
    ['tranylcypromine 10 MG Oral Tablet', 'procarbazine 50 MG Oral Capsule', 'maoi-maoi'],
    [
      'atazanavir 300 MG Oral Capsule',
      'omeprazole 20 MG Delayed Release Oral Capsule',
      'atazanavir-ppi',
    ],
    ['febuxostat 40 MG Oral Tablet', 'azathioprine 50 MG Oral Tablet', 'febuxostat-thiopurine'],
    [
      'ramelteon 8 MG Oral Tablet',
      'fluvoxamine maleate 50 MG Oral Tablet',
      'ramelteon-fluvoxamine',
    ],
    [
      'ramelteon 8 MG Oral Tablet',
      'amiodarone hydrochloride 200 MG Oral Tablet',
      'ramelteon-cyp1a2',
    ],
    ['tizanidine 4 MG Oral Tablet', 'ciprofloxacin 500 MG Oral Tablet', 'tizanidine-fluvoxamine'],
    [
      'tizanidine 4 MG Oral Tablet',
      'mexiletine hydrochloride 150 MG Oral Capsule',
      'tizanidine-cyp1a2',
    ],
    ['linezolid 600 MG Oral Tablet', 'sertraline 50 MG Oral Tablet', 'maoi-serotonergic'],
    ['ergotamine tartrate 1 MG Oral Tablet', 'clarithromycin 500 MG Oral Tablet', 'ergot-cyp3a4'],
    ['darunavir 800 MG Oral Tablet', 'rifampin 300 MG Oral Capsule', 'protease-inhibitor-inducer'],
  ])('%s with %s raises %s; either alone does not', (a, b, id) => {
    expect(ids(a, b).filter((x) => x.startsWith(`interaction-${id}:`))).toHaveLength(1);
    expect(ids(a).some((x) => x.startsWith(`interaction-${id}`))).toBe(false);
    expect(ids(b).some((x) => x.startsWith(`interaction-${id}`))).toBe(false);
  });

  it('a safe neighbour of each group stays quiet (rasagiline is not listed, famotidine is no PPI)', () => {
    expect(ids('sertraline 50 MG Oral Tablet', 'buspirone 10 MG Oral Tablet').join()).not.toMatch(
      /maoi/,
    );
    expect(
      ids('atazanavir 300 MG Oral Capsule', 'famotidine 20 MG Oral Tablet').join(),
    ).not.toMatch(/atazanavir-ppi/);
    expect(
      ids('tizanidine 4 MG Oral Tablet', 'levofloxacin 500 MG Oral Tablet').join(),
    ).not.toMatch(/tizanidine/);
  });

  it('the same MAOI ordered twice is not two MAOIs; the label-contraindicated pairs are critical, the rest warnings', () => {
    expect(ids('phenelzine 15 MG Oral Tablet', 'phenelzine 15 MG Oral Tablet').join()).not.toMatch(
      /maoi-maoi/,
    );
    expect(ids('tizanidine 4 MG Oral Tablet', 'ciprofloxacin 500 MG Oral Tablet')).toEqual([
      'interaction-tizanidine-fluvoxamine:critical',
    ]);
    expect(
      ids('tizanidine 4 MG Oral Tablet', 'amiodarone hydrochloride 200 MG Oral Tablet'),
    ).toContain('interaction-tizanidine-cyp1a2:warning');
    expect(ids('darunavir 800 MG Oral Tablet', 'rifabutin 150 MG Oral Capsule').join()).not.toMatch(
      /protease-inhibitor/,
    );
  });

  it('the MAOI and serotonergic combination is critical', () => {
    expect(ids('phenelzine 15 MG Oral Tablet', 'sertraline 50 MG Oral Tablet')).toContain(
      'interaction-maoi-serotonergic:critical',
    );
  });
});

describe('extended-release or long-acting opioid started without prior opioids (CDC 2022 rec. 3)', () => {
  const ids = (...resources: Parameters<typeof record>) =>
    alertsOf(...resources)
      .map((a) => a.id)
      .filter((id) => id === 'opioid-long-acting-start');
  const order = (text: string, authoredOn: string, status = 'active') =>
    medication(text, status, undefined, { authoredOn });
  const er = (on = '2024-05-01') =>
    order('12 HR oxycodone hydrochloride 20 MG Extended Release Oral Tablet', on);

  it('flags an ER oxycodone started last month with no other opioid before it', () => {
    expect(ids(er())).toEqual(['opioid-long-acting-start']);
    expect(ids(order('72 HR fentanyl 0.025 MG/HR Transdermal System', '2024-05-10'))).toEqual([
      'opioid-long-acting-start',
    ]);
  });

  it('reads ER brands (OxyContin); leaves out methadone, buprenorphine and cough suspensions', () => {
    expect(ids(order('OxyContin 20 mg every 12 hours', '2024-05-01'))).toEqual([
      'opioid-long-acting-start',
    ]);
    expect(ids(order('methadone hydrochloride 10 MG Oral Tablet', '2024-05-01'))).toEqual([]);
    expect(ids(order('7 DAY buprenorphine 0.005 MG/HR Transdermal System', '2024-05-01'))).toEqual(
      [],
    );
    expect(
      ids(
        order(
          '12 HR chlorpheniramine 1.6 MG/ML / hydrocodone 2 MG/ML Extended Release Suspension',
          '2024-05-01',
        ),
      ),
    ).toEqual([]);
  });

  it('an opioid still active from a year ago counts as taken before', () => {
    const old = order('oxycodone hydrochloride 5 MG Oral Tablet', '2023-05-01');
    expect(ids(er(), old)).toEqual([]);
  });

  it('is quiet after an immediate-release opioid, for an old start, in cancer and for IR alone', () => {
    const ir = order('oxycodone hydrochloride 5 MG Oral Tablet', '2024-04-10', 'completed');
    expect(ids(er(), ir)).toEqual([]);
    expect(ids(er('2023-01-10'))).toEqual([]);
    expect(ids(er(), condition('363346000', 'Malignant neoplastic disease'))).toEqual([]);
    expect(ids(er(), condition('417357006', 'Sickling disorder due to hemoglobin S'))).toEqual([]);
    // A sickle cell code newer than the value set (ICD-10-CM D57.03), read by its category.
    const d5703 = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D57.03' }] },
    };
    expect(ids(er(), d5703)).toEqual([]);
    // The guideline is for adults: not judged at 16.
    expect(ids(patient('2008-01-01'), er())).toEqual([]);
    expect(ids(order('oxycodone hydrochloride 5 MG Oral Tablet', '2024-05-01'))).toEqual([]);
  });
});

describe('methotrexate with trimethoprim (methotrexate label, section 7)', () => {
  const ids = (...texts: string[]) => alertsOf(...texts.map((t) => medication(t))).map((a) => a.id);
  it('warns with co-trimoxazole, by name or brand; not with another antibiotic or alone', () => {
    const mtx = 'methotrexate 2.5 MG Oral Tablet';
    expect(ids(mtx, 'sulfamethoxazole 800 MG / trimethoprim 160 MG Oral Tablet')).toContain(
      'interaction-methotrexate-trimethoprim',
    );
    // By its brand, too (Drugs@FDA: Bactrim is sulfamethoxazole and trimethoprim).
    expect(ids(mtx, 'Bactrim DS')).toContain('interaction-methotrexate-trimethoprim');
    expect(ids(mtx, 'cephalexin 500 MG Oral Capsule')).not.toContain(
      'interaction-methotrexate-trimethoprim',
    );
    expect(ids(mtx)).not.toContain('interaction-methotrexate-trimethoprim');
  });
});

describe('QT-prolonging combinations (drug labels; ONC item 8)', () => {
  const qt = (...resources: Parameters<typeof record>) =>
    alertsOf(...resources)
      .filter((a) => a.id.startsWith('interaction-qt-'))
      .map((a) => `${a.id}:${a.severity}`);
  const methadone = () => medication('methadone hydrochloride 10 MG Oral Tablet');
  const ondansetron = () => medication('ondansetron 4 MG Disintegrating Oral Tablet');
  const qtc = (value: number, date: string, unit = 'ms') =>
    observation('8636-3', value, unit, date, {
      valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    });

  it('warns when one drug carries a boxed warning (methadone with ondansetron), said once', () => {
    expect(qt(methadone(), ondansetron())).toEqual(['interaction-qt-high-risk:warning']);
  });

  it('informs for two drugs whose labels only warn (citalopram with trazodone)', () => {
    expect(
      qt(medication('citalopram 20 MG Oral Tablet'), medication('trazodone 50 MG Oral Tablet')),
    ).toEqual(['interaction-qt-prolonging:info']);
  });

  it('is critical with a QTc of 500 ms or more in the last year, in ms or in seconds', () => {
    expect(qt(methadone(), ondansetron(), qtc(512, '2024-05-01'))).toEqual([
      'interaction-qt-high-risk:critical',
    ]);
    expect(
      alertsOf(methadone(), ondansetron(), qtc(512, '2024-05-01')).find((a) =>
        a.id.startsWith('interaction-qt-'),
      )?.text,
    ).toMatch(/QTc 512 ms on /);
    expect(qt(methadone(), ondansetron(), qtc(0.52, '2024-05-01', 's'))).toEqual([
      'interaction-qt-high-risk:critical',
    ]);
    // A long QTc two years ago is not today's.
    expect(qt(methadone(), ondansetron(), qtc(512, '2022-05-01'))).toEqual([
      'interaction-qt-high-risk:warning',
    ]);
  });

  it('a normal QTc measured since both started answers it: it only informs', () => {
    expect(qt(methadone(), ondansetron(), qtc(440, '2024-03-01'))).toEqual([
      'interaction-qt-high-risk:info',
    ]);
  });

  it('a prolonged QTc (450 ms or more in men, 460 in women) answers nothing and is named', () => {
    // 450 ms in a man is prolonged already.
    expect(
      qt(patient('1960-01-01', 'male'), methadone(), ondansetron(), qtc(450, '2024-03-01')),
    ).toEqual(['interaction-qt-high-risk:warning']);
    expect(
      qt(patient('1960-01-01', 'male'), methadone(), ondansetron(), qtc(449, '2024-03-01')),
    ).toEqual(['interaction-qt-high-risk:info']);
    expect(qt(methadone(), ondansetron(), qtc(495, '2024-03-01'))).toEqual([
      'interaction-qt-high-risk:warning',
    ]);
    const pair = () => [
      medication('citalopram 20 MG Oral Tablet'),
      medication('trazodone 50 MG Oral Tablet'),
    ];
    // The record's patient is a woman: 455 ms is normal for her, 465 is not.
    expect(qt(...pair(), qtc(455, '2024-03-01'))).toEqual(['interaction-qt-prolonging:info']);
    expect(qt(...pair(), qtc(465, '2024-03-01'))).toEqual(['interaction-qt-prolonging:warning']);
    const text = alertsOf(...pair(), qtc(465, '2024-03-01')).find((a) =>
      a.id.startsWith('interaction-qt-'),
    )?.text;
    expect(text).toMatch(/QTc 465 ms on 2024-03-01, above normal/);
  });

  it('an ECG over a year old does not answer it, even within the course', () => {
    const since2022 = (text: string) =>
      medication(text, 'active', undefined, { authoredOn: '2022-01-01' });
    expect(
      qt(
        since2022('methadone hydrochloride 10 MG Oral Tablet'),
        since2022('ondansetron 4 MG Oral Tablet'),
        qtc(430, '2022-06-01'),
      ),
    ).toEqual(['interaction-qt-high-risk:warning']);
  });

  it('an ECG from before the later drug started does not answer it', () => {
    const later = medication('ondansetron 4 MG Oral Tablet', 'active', undefined, {
      authoredOn: '2024-04-01',
    });
    expect(qt(methadone(), later, qtc(440, '2024-03-01'))).toEqual([
      'interaction-qt-high-risk:warning',
    ]);
  });

  it('a renewal is not a new start: an ECG taken since the course began still answers it', () => {
    const order = (text: string, authoredOn: string, status = 'active') =>
      medication(text, status, undefined, { authoredOn });
    const methadoneCourse = [
      order('methadone hydrochloride 10 MG Oral Tablet', '2024-01-01', 'completed'),
      order('methadone hydrochloride 10 MG Oral Tablet', '2024-02-01', 'completed'),
      order('methadone hydrochloride 10 MG Oral Tablet', '2024-03-01'),
    ];
    const zofran = order('ondansetron 4 MG Oral Tablet', '2023-12-01');
    expect(qt(...methadoneCourse, zofran, qtc(440, '2024-01-15'))).toEqual([
      'interaction-qt-high-risk:info',
    ]);
    // Nine months without methadone, then a new order: a new course, the old ECG does not count.
    const restarted = [
      order('methadone hydrochloride 10 MG Oral Tablet', '2023-06-01', 'completed'),
      order('methadone hydrochloride 10 MG Oral Tablet', '2024-03-01'),
    ];
    expect(qt(...restarted, zofran, qtc(440, '2023-12-15'))).toEqual([
      'interaction-qt-high-risk:warning',
    ]);
  });

  it('low potassium makes two label-warned drugs a warning, and is named', () => {
    const pair = [
      medication('citalopram 20 MG Oral Tablet'),
      medication('trazodone 50 MG Oral Tablet'),
    ];
    const k = observation('2823-3', 3.1, 'mmol/L', '2024-05-01');
    expect(qt(...pair, k)).toEqual(['interaction-qt-prolonging:warning']);
    expect(alertsOf(...pair, k).find((a) => a.id.startsWith('interaction-qt-'))?.text).toMatch(
      /Potassium 3\.1 mmol\/L/,
    );
  });

  it('names every QT-prolonging drug the patient takes', () => {
    const text = alertsOf(
      methadone(),
      ondansetron(),
      medication('quetiapine 25 MG Oral Tablet'),
    ).find((a) => a.id.startsWith('interaction-qt-'))?.text;
    expect(text).toMatch(/methadone/i);
    expect(text).toMatch(/ondansetron/i);
    expect(text).toMatch(/quetiapine/i);
  });

  it('one QT-prolonging drug with a QTc of 500 ms or more is critical; below it, quiet', () => {
    const single = (...resources: Parameters<typeof record>) =>
      alertsOf(...resources)
        .filter((a) => a.id === 'qt-drug-long-qtc')
        .map((a) => a.severity);
    expect(single(methadone(), qtc(520, '2024-05-01'))).toEqual(['critical']);
    expect(single(methadone(), qtc(520, '2024-05-01', 'msec'))).toEqual(['critical']);
    expect(single(methadone(), qtc(480, '2024-05-01'))).toEqual([]);
    expect(single(medication('sertraline 50 MG Oral Tablet'), qtc(520, '2024-05-01'))).toEqual([]);
    // With a second QT drug, the combination alert says it once.
    expect(single(methadone(), ondansetron(), qtc(520, '2024-05-01'))).toEqual([]);
  });

  it('is quiet for one QT drug, the same drug twice, or drugs whose labels do not warn', () => {
    expect(qt(methadone())).toEqual([]);
    expect(
      qt(
        medication('azithromycin 250 MG Oral Tablet'),
        medication('azithromycin 500 MG Oral Tablet'),
      ),
    ).toEqual([]);
    expect(
      qt(medication('sertraline 50 MG Oral Tablet'), medication('trazodone 50 MG Oral Tablet')),
    ).toEqual([]);
    expect(qt(methadone(), medication('ondansetron 4 MG Oral Tablet', 'stopped'))).toEqual([]);
    // Eye and skin products of a QT drug are not taken systemically.
    expect(qt(methadone(), medication('erythromycin 5 MG/GM Ophthalmic Ointment'))).toEqual([]);
    expect(qt(methadone(), medication('erythromycin 20 MG/ML Topical Solution'))).toEqual([]);
    expect(qt(methadone(), medication('erythromycin 2 % Medicated Pad'))).toEqual([]);
  });
});

describe('OTC and combination product names', () => {
  const ids = (...texts: string[]) => alertsOf(...texts.map((t) => medication(t))).map((a) => a.id);
  it('Tylenol #3 is an opioid and an acetaminophen product', () => {
    const found = ids('Tylenol #3', 'oxycodone hydrochloride 5 MG Oral Tablet', 'Tylenol 500 mg');
    expect(found).toContain('duplicate-opioid');
    expect(found).toContain('duplicate-acetaminophen');
  });

  it('Midol Complete with warfarin is not an NSAID with an anticoagulant; Midol Liquid Gels is', () => {
    const warfarin = 'warfarin sodium 5 MG Oral Tablet';
    expect(ids(warfarin, 'Midol Complete')).not.toContain('interaction-anticoagulant-nsaid');
    // It is read, as acetaminophen: with Tylenol it is a duplicate.
    expect(ids('Midol Complete', 'Tylenol 500 mg')).toContain('duplicate-acetaminophen');
    expect(ids(warfarin, 'Midol Liquid Gels')).toContain('interaction-anticoagulant-nsaid');
  });
});
