/**
 * Recognition of listed conditions as EHRs code them: one row per shape, with the expected
 * reading. A condition listed under any of its standard codes is never offered as undiagnosed.
 */
import { describe, expect, it } from 'vitest';
import { buildContext, conditionsOf, drugClassesOf } from './context';
import { buildDifferential } from './differential';
import {
  bloodPressure,
  condition,
  medication,
  NOW,
  observation,
  patient,
  record,
} from './test-records';
import type { Resource } from './test-records';
import { buildProblems } from './problems';
import { buildResultAlerts } from './result-alerts';
import { buildResults } from './results';
import { buildMedicationAlerts } from './medication-safety';

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ICD10CM_OID = 'urn:oid:2.16.840.1.113883.6.90';
const SCT = 'http://snomed.info/sct';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

describe('conditions recognised from their codes', () => {
  it.each([
    [ICD10CM, 'E11.65', 'diabetes'],
    [ICD10, 'E11.65', 'diabetes'],
    [ICD10CM_OID, 'E11.65', 'diabetes'],
    [ICD10CM, 'E1165', 'diabetes'],
    [ICD10CM, 'e11.9', 'diabetes'],
    [ICD10CM, 'E785', 'hyperlipidemia'],
    [ICD10, 'I10', 'hypertension'],
    [ICD10CM_OID, 'I509', 'heart-failure'],
    [' http://hl7.org/fhir/sid/icd-10-cm ', 'N18.3', 'ckd'],
    // Not ICD-10: the same characters in another system mean nothing here.
    ['http://example.org/local-codes', 'E11.65', undefined],
  ])('%s %s -> %s', (system, code, expected) => {
    const ids = conditionsOf({ coding: [{ system, code }] }).map((d) => d.id);
    if (expected === undefined) expect(ids).toEqual([]);
    else expect(ids).toContain(expected);
  });

  // SNOMED CT subtypes and ICD-10-CM codes that only the VSAC value sets list, and the types of
  // diabetes: each row is the full set of knowledge-base conditions the code means.
  it.each([
    [SCT, '313436004', ['diabetes'], 'type 2 without complication (Diabetes value set)'],
    [SCT, '46635009', ['diabetes', 'type-1-diabetes'], 'type 1'],
    [SCT, '421893009', ['diabetes', 'type-1-diabetes'], 'renal disorder due to type 1'],
    [ICD10CM, 'E10.9', ['diabetes', 'type-1-diabetes'], 'type 1, ICD-10-CM'],
    [ICD10, 'E1022', ['diabetes', 'type-1-diabetes'], 'type 1, WHO URI, no dot'],
    [ICD10CM, 'E13.9', ['diabetes', 'other-diabetes'], 'other specified'],
    [ICD10CM, 'E09.22', ['diabetes', 'other-diabetes'], 'drug-induced'],
    [ICD10CM, 'O24.410', ['gestational-diabetes'], 'gestational, ICD-10-CM'],
    [SCT, '11687002', ['gestational-diabetes'], 'gestational, SNOMED CT'],
    [SCT, '1201005', ['hypertension'], 'benign essential hypertension'],
    [SCT, '5370000', ['atrial-fibrillation'], 'atrial flutter (treated alike)'],
    [ICD10CM, 'I50.22', ['heart-failure'], 'chronic systolic heart failure'],
    [SCT, '22298006', ['ischemic-heart-disease'], 'myocardial infarction'],
    [ICD10CM, 'I21.4', ['ischemic-heart-disease'], 'NSTEMI'],
    [ICD10CM, 'F33.1', ['depression'], 'major depression, recurrent'],
    [SCT, '700379002', ['ckd'], 'CKD stage 3B'],
    [SCT, '731000119105', ['ckd', 'diabetes'], 'CKD stage 3 due to type 2 diabetes'],
    [SCT, '38341003', ['hypertension'], 'hypertensive disorder (hand-listed)'],
    [SCT, '73211009', ['diabetes'], 'diabetes mellitus, type not stated'],
    [SCT, '44054006', ['diabetes'], 'type 2'],
    // Negative rows: nearby codes that are not these conditions.
    [SCT, '714628002', ['prediabetes'], 'prediabetes is not diabetes'],
    [ICD10CM, 'O24.911', [], 'unspecified diabetes in pregnancy: type not known'],
    [ICD10CM, 'I27.0', [], 'pulmonary hypertension is not hypertension'],
  ])('%s %s -> %j (%s)', (system, code, expected, _why) => {
    const ids = conditionsOf({ coding: [{ system, code }] }).map((d) => d.id);
    expect(ids.sort()).toEqual([...expected].sort());
  });

  it('never offers type 2 diabetes as undiagnosed when it is listed as E11.65 under ICD-10', () => {
    const listed = condition('unused', 'Type 2 diabetes with hyperglycaemia', 'active', {
      code: {
        coding: [{ system: ICD10, code: 'E1165' }],
        text: 'Type 2 diabetes with hyperglycaemia',
      },
    });
    const ctx = buildContext(
      record(
        listed,
        observation('4548-4', 8.1, '%', '2023-06-01'),
        observation('4548-4', 8.4, '%', '2024-01-01'),
      ),
      NOW,
    );
    expect(buildDifferential(ctx).map((d) => d.id)).not.toContain('diabetes');
  });

  it('never offers diabetes to a patient with type 1 diabetes on insulin', () => {
    const ctx = buildContext(
      record(
        condition('46635009', 'Diabetes mellitus type 1'),
        medication('insulin glargine 100 UNT/ML Injectable Solution'),
        observation('4548-4', 8.9, '%', '2023-06-01'),
        observation('4548-4', 9.2, '%', '2024-01-01'),
      ),
      NOW,
    );
    expect(ctx.activeConditions.has('type-1-diabetes')).toBe(true);
    expect(buildDifferential(ctx).map((d) => d.id)).not.toContain('diabetes');
  });

  it('does not offer diabetes during gestational diabetes, but does without it', () => {
    const findings = [
      medication('insulin lispro 100 UNT/ML Injectable Solution'),
      observation('4548-4', 6.7, '%', '2024-03-01'),
      observation('4548-4', 6.8, '%', '2024-05-01'),
    ];
    const gdm = condition('11687002', 'Gestational diabetes mellitus', 'active', {
      onsetDateTime: '2024-02-01',
    });
    const offered = (ctx: ReturnType<typeof buildContext>): string[] =>
      buildDifferential(ctx).map((d) => d.id);
    expect(offered(buildContext(record(gdm, ...findings), NOW))).not.toContain('diabetes');
    expect(offered(buildContext(record(...findings), NOW))).toContain('diabetes');
  });

  it('shows CKD stage 3B with stage 2 as one problem at the most severe stage', () => {
    const ctx = buildContext(
      record(
        condition('431856006', 'Chronic kidney disease stage 2'),
        condition('700379002', 'Chronic kidney disease stage 3B'),
      ),
      NOW,
    );
    const active = buildProblems(ctx).filter((p) => p.status === 'active');
    expect(active.map((p) => p.text)).toEqual(['Chronic kidney disease stage 3B']);
  });
});

describe('medications recognised from their RxNorm codes', () => {
  it.each([
    ['855332', 'warfarin', 'warfarin tablet, code only'],
    ['617311', 'statin', 'atorvastatin 40 mg (high-intensity statin value set)'],
    ['314076', 'ace-inhibitor', 'lisinopril 10 mg (ACE inhibitor or ARB or ARNI value set)'],
    ['0000000', undefined, 'a code no value set lists names nothing'],
  ])('RxNorm %s with no display -> %s (%s)', (code, expected, _why) => {
    const classes = drugClassesOf({ coding: [{ system: RXNORM, code }], text: '' });
    if (expected === undefined) expect(classes).toEqual([]);
    else expect(classes).toContain(expected);
  });
});

describe('medications and allergies named only by a US brand (FDA Drugs@FDA names)', () => {
  it.each([
    ['Coumadin 5 mg tablet', 'warfarin'],
    ['JANTOVEN 2 MG', 'warfarin'],
    ['Advil 200mg', 'nsaid'],
    ['Lasix 40 mg daily', 'loop-diuretic'],
    ['Zestril 10', 'ace-inhibitor'],
    ['Percocet 5/325', 'opioid'],
    ['Percocet 5/325', 'acetaminophen'],
    ['Eliquis 5 mg', 'doac'],
  ])('%s is read as %s', (text, drugClass) => {
    expect(drugClassesOf({ coding: [], text })).toContain(drugClass);
  });

  it('a brand sold for the skin, eye or ear is not read as the tablet (no critical interaction)', () => {
    for (const text of ['Nizoral 2% shampoo', 'Ciloxan 0.3% eye drops', 'Voltaren 1% gel']) {
      expect(drugClassesOf({ coding: [], text })).toEqual([]);
    }
    const ids = buildMedicationAlerts(
      buildContext(
        record(medication('Nizoral shampoo'), medication('simvastatin 40 MG Oral Tablet')),
        NOW,
      ),
    ).map((a) => a.id);
    expect(ids.some((id) => id.startsWith('dose-limit-simvastatin'))).toBe(false);
  });

  it.each([
    ['Coumadinx 5 mg', 'warfarin'],
    ['Lasixoid', 'loop-diuretic'],
    ['Advice on diet', 'nsaid'],
  ])('%s is not read as %s (whole names only)', (text, drugClass) => {
    expect(drugClassesOf({ coding: [], text })).not.toContain(drugClass);
  });

  it('warfarin named as Coumadin still raises the no-INR alert; an allergy to Bactrim is a sulfonamide allergy', () => {
    const coumadin = medication('Coumadin 5 mg tablet');
    const ids = buildMedicationAlerts(buildContext(record(coumadin), NOW)).map((a) => a.id);
    expect(ids).toContain('warfarin-no-inr');
    const bactrim = {
      resourceType: 'AllergyIntolerance',
      id: 'a-bactrim',
      patient: { reference: 'Patient/p1' },
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      code: { text: 'Bactrim' },
    };
    const smx = medication('sulfamethoxazole 800 MG / trimethoprim 160 MG Oral Tablet');
    const allergyIds = buildMedicationAlerts(buildContext(record(bactrim, smx), NOW)).map(
      (a) => a.id,
    );
    expect(allergyIds.some((id) => id.startsWith('allergy-'))).toBe(true);
  });
});

describe('results recognised in the units laboratories send', () => {
  it.each([
    ['777-3', 12, 'K/uL', 'platelets', 12],
    ['777-3', 12, 'x10E3/uL', 'platelets', 12],
    ['26464-8', 0.4, 'x10E9/L', 'wbc', 0.4],
    ['6298-4', 4.1, 'mEq/L', 'potassium', 4.1],
    ['2951-2', 128, 'meq/l', 'sodium', 128],
  ])('%s %s %s -> %s %s', (loinc, value, unit, lab, expected) => {
    const ctx = buildContext(record(observation(loinc, value, unit, '2024-05-01')), NOW);
    expect(ctx.series.get(lab)?.map((p) => p.value)).toEqual([expected]);
  });

  it('raises the critical platelet alert for 12 K/uL, and none for 212 K/uL', () => {
    const alertsFor = (value: number) =>
      buildResultAlerts(
        buildContext(record(observation('777-3', value, 'K/uL', '2024-05-20')), NOW),
      );
    expect(
      alertsFor(12)
        .map((a) => a.text)
        .join(' '),
    ).toMatch(/platelet/i);
    expect(alertsFor(212)).toEqual([]);
  });
});

describe('censored results: a laboratory that reports only a bound', () => {
  const egfr = (value: Record<string, unknown>) =>
    observation('33914-3', 0, '', '2024-05-20', { valueQuantity: undefined, ...value });

  it.each([
    [
      'valueQuantity with comparator',
      { valueQuantity: { value: 15, comparator: '<', unit: 'mL/min/{1.73_m2}' } },
    ],
    ['valueString', { valueString: '<15' }],
    ['valueString with a space', { valueString: '< 15' }],
  ])('eGFR <15 sent as %s is below 15, shown as <15, and critical', (_shape, value) => {
    const ctx = buildContext(record(egfr(value)), NOW);
    const [point] = ctx.series.get('egfr') ?? [];
    expect(point?.censored).toEqual({ comparator: '<', bound: 15 });
    expect(point?.value).toBeLessThan(15);
    const [series] = buildResults(ctx);
    expect(series?.latest).toMatchObject({ value: 15, comparator: '<', flag: 'critical-low' });
    const [alert] = buildResultAlerts(ctx);
    expect(alert?.text).toContain('<15 mL/min/1.73m2');
  });

  it('eGFR ">60" is not low, is not known to be 90 or more, and says ">60"', () => {
    const ctx = buildContext(record(egfr({ valueString: '>60' })), NOW);
    const [series] = buildResults(ctx);
    expect(series?.latest).toMatchObject({ value: 60, comparator: '>', flag: 'normal' });
    expect(series?.text).toContain('>60 mL/min/1.73m2');
    expect(ctx.series.get('egfr')?.[0]?.value).toBeGreaterThan(60);
  });

  it('metformin with eGFR "<15" raises the renal alert; with ">60" it does not', () => {
    const metformin = medication('metformin hydrochloride 500 MG Oral Tablet');
    const alerts = (value: string) =>
      buildMedicationAlerts(buildContext(record(metformin, egfr({ valueString: value })), NOW));
    expect(alerts('<15').map((a) => a.id)).toContain('renal-metformin-egfr-30');
    expect(alerts('>60')).toEqual([]);
  });

  it('text that is not a number with a comparator is not read as one', () => {
    const ctx = buildContext(record(egfr({ valueString: 'less than 15' })), NOW);
    expect(ctx.series.get('egfr')).toBeUndefined();
  });
});

describe('children: adult cut-offs are not applied', () => {
  const CHILD_BIRTH = '2016-03-01'; // 8 years old at NOW
  const INFANT_BIRTH = '2023-09-01';
  const child = (birthDate: string, ...resources: Resource[]) =>
    buildContext(record(patient(birthDate, 'female'), ...resources), NOW);

  it("an 8-year-old's BMI of 17 is not flagged low, and the series says why", () => {
    const ctx = child(CHILD_BIRTH, observation('39156-5', 17, 'kg/m2', '2024-05-01'));
    const [bmi] = buildResults(ctx);
    expect(bmi?.latest.flag).toBe('unknown');
    expect(bmi?.abnormal).toBe(false);
    expect(bmi?.referenceRange).toBeUndefined();
    expect(bmi?.text).toContain('No reference range for patients under 18');
  });

  it("an infant's diastolic of 85 is not flagged high; an adult's is", () => {
    const bp = bloodPressure(100, 85, '2024-05-01');
    const flags = (ctx: ReturnType<typeof buildContext>) =>
      buildResults(ctx).map((s) => `${s.id}:${s.latest.flag}`);
    expect(flags(child(INFANT_BIRTH, bp))).toContain('dbp:unknown');
    expect(flags(buildContext(record(bp), NOW))).toContain('dbp:high');
  });

  it('blood pressure is judged from 13 by the adult limits (AAP 2017), not before', () => {
    const bp = bloodPressure(135, 85, '2024-05-01');
    const series = (birthDate: string) =>
      buildResults(child(birthDate, bp)).filter((s) => s.id === 'sbp' || s.id === 'dbp');
    expect(series('2009-01-01').map((s) => s.latest.flag)).toEqual(['high', 'high']);
    const young = series(CHILD_BIRTH);
    expect(young.map((s) => s.latest.flag)).toEqual(['unknown', 'unknown']);
    expect(young[0]?.text).toContain('judges it from age 13 only');
  });

  it('a 15-year-old at 200/125 is critical (AAP 2017: over 180/120 in adolescents)', () => {
    const flags = buildResults(child('2009-01-01', bloodPressure(200, 125, '2024-05-20')))
      .filter((s) => s.id === 'sbp' || s.id === 'dbp')
      .map((s) => s.latest.flag);
    expect(flags).toEqual(['critical-high', 'critical-high']);
  });

  it('an 8-year-old below the 5th BMI percentile is flagged low', () => {
    const pct = buildResults(
      child(CHILD_BIRTH, observation('39156-5', 13, 'kg/m2', '2024-05-01')),
    ).find((s) => s.id === 'bmi-percentile');
    expect(pct?.latest.flag).toBe('low');
  });

  it('no critical alert from adult limits for a child; an adult gets one', () => {
    const platelets = observation('777-3', 15, '10*3/uL', '2024-05-20');
    expect(buildResultAlerts(child(CHILD_BIRTH, platelets))).toEqual([]);
    expect(buildResultAlerts(buildContext(record(platelets), NOW)).map((a) => a.id)).toEqual([
      'critical-platelets',
    ]);
  });

  it("an 8-year-old's BMI is judged by its CDC percentile: 17 is ordinary, 22 is above the 95th", () => {
    const percentile = (bmi: number) =>
      buildResults(child(CHILD_BIRTH, observation('39156-5', bmi, 'kg/m2', '2024-05-01'))).find(
        (s) => s.id === 'bmi-percentile',
      );
    const ordinary = percentile(17);
    expect(ordinary?.latest.flag).toBe('normal');
    expect(ordinary?.latest.value).toBeGreaterThan(50);
    expect(ordinary?.latest.value).toBeLessThan(85);
    const high = percentile(22);
    expect(high?.latest.flag).toBe('high');
    expect(high?.latest.value).toBeGreaterThan(95);
    expect(high?.text).toContain('computed from BMI, CDC 2000');
  });

  it('no BMI percentile is computed for an adult or an infant, nor over a reported one', () => {
    const ids = (ctx: ReturnType<typeof buildContext>) => buildResults(ctx).map((s) => s.id);
    const bmi = observation('39156-5', 24, 'kg/m2', '2024-05-01');
    expect(ids(buildContext(record(bmi), NOW))).not.toContain('bmi-percentile');
    expect(
      ids(child(INFANT_BIRTH, observation('39156-5', 17, 'kg/m2', '2024-05-01'))),
    ).not.toContain('bmi-percentile');
    const reported = observation('59576-9', 60, '%', '2024-05-01');
    const series = buildResults(child(CHILD_BIRTH, bmi, reported)).find(
      (s) => s.id === 'bmi-percentile',
    );
    expect(series?.points.map((p) => p.value)).toEqual([60]);
  });

  it('a result taken in childhood is judged as a child’s even when the patient is now adult', () => {
    // Born 2000: 10 years old in 2010, 24 at NOW.
    const ctx = buildContext(
      record(patient('2000-01-01'), observation('39156-5', 17, 'kg/m2', '2010-05-01')),
      NOW,
    );
    expect(buildResults(ctx)[0]?.latest.flag).toBe('unknown');
  });
});

describe('episodes left active become history after a year', () => {
  const problemsOf = (...resources: Resource[]) =>
    buildProblems(buildContext(record(...resources), NOW)).map((p) => `${p.text}: ${p.status}`);

  it.each([
    ['19169002', 'Miscarriage in first trimester', '1990-04-01'],
    ['74400008', 'Appendicitis', '1964-06-01'],
    ['195662009', 'Acute viral pharyngitis', '2019-01-10'],
  ])('%s %s recorded active on %s is history, and says why', (code, text, onset) => {
    const [problem] = buildProblems(
      buildContext(record(condition(code, text, 'active', { onsetDateTime: onset })), NOW),
    );
    expect(problem?.status).toBe('inactive');
    expect(problem?.notes.join(' ')).toContain(`last recorded ${onset}`);
  });

  it('a pregnancy recorded this year stays active', () => {
    expect(
      problemsOf(
        condition('72892002', 'Normal pregnancy', 'active', { onsetDateTime: '2024-01-15' }),
      ),
    ).toEqual(['Normal pregnancy: active']);
  });

  it('an ICD-10-CM chapter O code is an episode too', () => {
    const old = condition('unused', 'Supervision of normal pregnancy', 'active', {
      code: {
        coding: [
          { system: ICD10CM, code: 'Z34.90' },
          { system: ICD10CM, code: 'O09.90' },
        ],
        text: 'Supervision of normal pregnancy',
      },
      onsetDateTime: '2015-02-01',
    });
    expect(problemsOf(old)).toEqual(['Supervision of normal pregnancy: inactive']);
  });

  it('a chronic condition the knowledge base knows never becomes history by age', () => {
    expect(
      problemsOf(
        condition('44054006', 'Diabetes mellitus type 2', 'active', {
          onsetDateTime: '1990-01-01',
        }),
      ),
    ).toEqual(['Diabetes mellitus type 2: active']);
  });

  it('gestational diabetes from an old pregnancy no longer keeps diabetes out of the differential', () => {
    const findings = [
      medication('insulin lispro 100 UNT/ML Injectable Solution'),
      observation('4548-4', 6.9, '%', '2024-03-01'),
      observation('4548-4', 7.2, '%', '2024-05-01'),
    ];
    const oldGdm = condition('11687002', 'Gestational diabetes mellitus', 'active', {
      onsetDateTime: '2012-03-01',
    });
    const ctx = buildContext(record(oldGdm, ...findings), NOW);
    expect(ctx.activeConditions.has('gestational-diabetes')).toBe(false);
    expect(buildDifferential(ctx).map((d) => d.id)).toContain('diabetes');
  });
});
