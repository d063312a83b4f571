import { describe, expect, it } from 'vitest';
import { buildCareGaps, careGapAlerts } from './care-gaps';
import { buildContext } from './context';
import {
  allergy,
  condition,
  medication,
  NOW,
  observation,
  patient,
  procedure,
  record,
} from './test-records';

const gapsOf = (...resources: Parameters<typeof record>) =>
  buildCareGaps(buildContext(record(...resources), NOW));

describe('care gaps', () => {
  it('finds an overdue HbA1c in diabetes and suggests ordering one', () => {
    const dm = condition('44054006', 'Diabetes mellitus type 2');
    const old = observation('4548-4', 7.1, '%', '2023-06-01');
    const gap = gapsOf(dm, old).find((g) => g.id === 'diabetes-hba1c');
    expect(gap?.lastDone).toBe('2023-06-01');
    expect(gap?.suggestedOrder?.concept.coding[0]?.code).toBe('4548-4');
    expect(gap?.evidence.map((e) => e.reference)).toEqual([
      `Condition/${dm.id}`,
      `Observation/${old.id}`,
    ]);
    const alert = careGapAlerts(gapsOf(dm, old)).find((a) => a.id === 'gap-diabetes-hba1c');
    expect(alert?.suggestedOrder?.concept.coding[0]).toMatchObject({
      system: 'http://loinc.org',
      code: '4548-4',
    });
  });

  it('has no HbA1c gap when one was done within 6 months', () => {
    const ids = gapsOf(
      condition('44054006', 'Diabetes mellitus type 2'),
      observation('4548-4', 7.1, '%', '2024-03-01'),
    ).map((g) => g.id);
    expect(ids).not.toContain('diabetes-hba1c');
    expect(ids).toContain('diabetes-uacr');
  });

  it('asks for a statin in diabetes aged 40-75 until one is active', () => {
    const dm = condition('44054006', 'Diabetes mellitus type 2');
    expect(gapsOf(dm).map((g) => g.id)).toContain('diabetes-statin');
    expect(gapsOf(dm, medication('atorvastatin 40 MG Oral Tablet')).map((g) => g.id)).not.toContain(
      'diabetes-statin',
    );
  });

  it('applies age- and sex-based screening to the patient (64-year-old woman)', () => {
    const ids = gapsOf().map((g) => g.id);
    expect(ids).toContain('colorectal-screening');
    expect(ids).not.toContain('osteoporosis-screening');
    expect(gapsOf().every((g) => g.source.length > 0 && g.evidence.length > 0)).toBe(true);
  });
});

describe('treatment gaps (secondary prevention, AF, HFrEF)', () => {
  // NOW is 2024-06-01.
  const who = (birthDate: string, gender: string) => patient(birthDate, gender);
  const gapIds = (...resources: Parameters<typeof record>) =>
    gapsOf(...resources)
      .map((g) => g.id)
      .filter((id) => /^(ascvd|af|hfref)-/.test(id));
  const af = () => condition('49436004', 'Atrial fibrillation');
  const stroke = () =>
    condition('422504002', 'Ischemic stroke', 'resolved', { onsetDateTime: '2022-02-01' });
  const htn = () => condition('59621000', 'Essential hypertension');
  const mi = () =>
    condition('22298006', 'Myocardial infarction', 'resolved', { onsetDateTime: '2023-01-01' });
  const aspirin = () => medication('aspirin 81 MG Oral Tablet');

  it('AF after a stroke on aspirin only (CHA2DS2-VASc 6): anticoagulation gap naming the score', () => {
    const gaps = gapsOf(who('1944-01-01', 'female'), af(), stroke(), htn(), aspirin());
    const gap = gaps.find((g) => g.id === 'af-anticoagulation');
    expect(gap?.text).toMatch(/CHA2DS2-VASc 6: hypertension, age 75 or over, prior stroke, female/);
  });

  it('no anticoagulation gap on apixaban, or with a score of 0', () => {
    expect(
      gapIds(who('1944-01-01', 'female'), af(), stroke(), medication('apixaban 5 MG Oral Tablet')),
    ).not.toContain('af-anticoagulation');
    expect(gapIds(who('1974-01-01', 'male'), af())).not.toContain('af-anticoagulation');
  });

  it('a woman of 66 with AF and nothing else (score 2) has no gap; a man of 66 with hypertension (2) has one', () => {
    expect(gapIds(who('1958-01-01', 'female'), af())).not.toContain('af-anticoagulation');
    expect(gapIds(who('1958-01-01', 'male'), af(), htn())).toContain('af-anticoagulation');
  });

  it('after a myocardial infarction with no statin and no antiplatelet: both gaps', () => {
    expect(gapIds(who('1964-01-01', 'male'), mi())).toEqual(['ascvd-statin', 'ascvd-antiplatelet']);
  });

  it('none on atorvastatin and aspirin; at 99 no statin gap (the guideline is for 75 and under)', () => {
    const statin = medication('atorvastatin 80 MG Oral Tablet');
    expect(gapIds(who('1964-01-01', 'male'), mi(), statin, aspirin())).toEqual([]);
    expect(gapIds(who('1925-01-01', 'male'), mi(), aspirin())).toEqual([]);
  });

  it('a recorded statin intolerance answers the statin gap (CMS347 excludes it the same way)', () => {
    const intolerance = allergy('unused', 'unused', { code: { text: 'Atorvastatin' } });
    expect(gapIds(who('1964-01-01', 'male'), mi(), intolerance)).toEqual(['ascvd-antiplatelet']);
  });

  it('an anticoagulant answers the antiplatelet gap', () => {
    const warfarin = medication('warfarin sodium 5 MG Oral Tablet');
    expect(gapIds(who('1964-01-01', 'male'), mi(), warfarin)).toEqual(['ascvd-statin']);
  });

  it('heart failure with EF 39% on nothing: the four HFrEF therapies, citing the EF', () => {
    const hf = condition('84114007', 'Heart failure');
    const ef = observation('10230-1', 39, '%', '2024-02-01');
    const gaps = gapsOf(who('1950-01-01', 'female'), hf, ef).filter((g) =>
      g.id.startsWith('hfref-'),
    );
    expect(gaps.map((g) => g.id)).toEqual([
      'hfref-raas',
      'hfref-beta-blocker',
      'hfref-mra',
      'hfref-sglt2',
    ]);
    expect(gaps[0]?.text).toContain('LV ejection fraction 39% on 2024-02-01');
    // After a diabetic ketoacidosis the SGLT2 inhibitor is not asked for; the other three are.
    const dka = condition('420422005', 'Diabetic ketoacidosis');
    expect(
      gapsOf(who('1950-01-01', 'female'), hf, ef, dka)
        .map((g) => g.id)
        .filter((id) => id.startsWith('hfref-')),
    ).toEqual(['hfref-raas', 'hfref-beta-blocker', 'hfref-mra']);
  });

  it.each([
    ['EF 55%', () => observation('10230-1', 55, '%', '2024-02-01')],
    [
      'EF 35% from 2019 (too old to say what it is now)',
      () => observation('10230-1', 35, '%', '2019-02-01'),
    ],
  ])('no HFrEF gap with %s', (_why, ef) => {
    expect(
      gapIds(who('1950-01-01', 'female'), condition('84114007', 'Heart failure'), ef()),
    ).toEqual([]);
  });
});

describe('screening and vaccination gaps (USPSTF, ACIP)', () => {
  const CVX = 'http://hl7.org/fhir/sid/cvx';
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const vaccine = (cvx: string, date: string) => ({
    resourceType: 'Immunization',
    id: `imm-${cvx}-${date}`,
    status: 'completed',
    patient: { reference: 'Patient/p1' },
    vaccineCode: { coding: [{ system: CVX, code: cvx }] },
    occurrenceDateTime: date,
  });
  // Mammography LOINC 24606-6 ("MG Breast Screening"), a code of the VSAC Mammography set.
  const mammogram = (date: string) =>
    observation('24606-6', 0, '', date, { valueQuantity: undefined });

  it('a woman of 55 without a mammogram has the gap; one from last year closes it; a man has none', () => {
    expect(ids(patient('1969-01-01', 'female'))).toContain('breast-screening');
    expect(ids(patient('1969-01-01', 'female'), mammogram('2023-09-01'))).not.toContain(
      'breast-screening',
    );
    expect(ids(patient('1969-01-01', 'male'))).not.toContain('breast-screening');
  });

  it.each([
    ['pneumococcal-vaccine', '215'],
    ['zoster-vaccine', '187'],
    ['td-booster', '115'],
  ])('%s: due at 60, closed by CVX %s', (gap, cvx) => {
    expect(ids(patient('1964-01-01', 'male'))).toContain(gap);
    expect(ids(patient('1964-01-01', 'male'), vaccine(cvx, '2020-05-01'))).not.toContain(gap);
  });

  it('a Td from 2010 is older than 10 years: the booster is due again', () => {
    expect(ids(patient('1964-01-01', 'male'), vaccine('113', '2010-05-01'))).toContain(
      'td-booster',
    );
  });

  it('no adult vaccine gaps for a child; no HIV screening gap at 70', () => {
    const child = ids(patient('2016-01-01', 'female'));
    expect(child).not.toContain('zoster-vaccine');
    expect(child).not.toContain('td-booster');
    expect(ids(patient('1954-01-01', 'male'))).not.toContain('hiv-screening');
  });

  it('diabetes without an eye exam in 2 years: the gap', () => {
    expect(ids(condition('44054006', 'Diabetes mellitus type 2'))).toContain('diabetes-eye-exam');
    expect(ids()).not.toContain('diabetes-eye-exam');
  });
});

describe('cervical screening (USPSTF 2018)', () => {
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const woman = () => patient('1984-01-01', 'female'); // 40 at NOW
  const test = (loinc: string, date: string) =>
    observation(loinc, 0, '', date, { valueQuantity: undefined });
  const hysterectomy = procedure('http://snomed.info/sct', '116140006', '2015-03-01');

  it('due with no test; a Pap test 2 years ago closes it, one 4 years ago does not', () => {
    expect(ids(woman())).toContain('cervical-screening');
    expect(ids(woman(), test('10524-7', '2022-06-01'))).not.toContain('cervical-screening');
    expect(ids(woman(), test('10524-7', '2020-03-01'))).toContain('cervical-screening');
  });

  it('an HPV test 4 years ago closes it (5-year interval)', () => {
    expect(ids(woman(), test('21440-3', '2020-03-01'))).not.toContain('cervical-screening');
  });

  it('not after a hysterectomy with no residual cervix, nor for a man', () => {
    expect(ids(woman(), hysterectomy)).not.toContain('cervical-screening');
    expect(ids(patient('1984-01-01', 'male'))).not.toContain('cervical-screening');
  });
});

describe('an order already placed answers its care gap', () => {
  const dm = () => condition('44054006', 'Diabetes mellitus type 2');
  const oldA1c = () => observation('4548-4', 7.1, '%', '2023-06-01');
  const a1cOrder = (status: string, authoredOn: string) => ({
    resourceType: 'ServiceRequest',
    id: `sr-${status}-${authoredOn}`,
    status,
    intent: 'order',
    subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }] },
    authoredOn,
  });
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);

  it.each([['active'], ['draft'], ['completed']])(
    'an HbA1c order (%s) placed since the last result: no HbA1c gap',
    (status) => {
      expect(ids(dm(), oldA1c(), a1cOrder(status, '2024-05-20'))).not.toContain('diabetes-hba1c');
    },
  );

  it.each([
    ['revoked, last week', 'revoked', '2024-05-20'],
    ['active but from 2022, before the last result', 'active', '2022-01-10'],
  ])('an HbA1c order %s does not answer it', (_why, status, date) => {
    expect(ids(dm(), oldA1c(), a1cOrder(status, date))).toContain('diabetes-hba1c');
  });
});

describe('colorectal screening (USPSTF 2021, intervals as CMS130)', () => {
  // The default patient is a woman of 64 at NOW (2024-06-01).
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const fit = (date: string) => observation('57905-2', 0, '', date, { valueQuantity: undefined });
  const CPT = 'http://www.ama-assn.org/go/cpt';

  it('a stool blood test closes it for a year only', () => {
    expect(ids(fit('2023-11-01'))).not.toContain('colorectal-screening');
    expect(ids(fit('2022-05-01'))).toContain('colorectal-screening');
  });

  it('a colonoscopy (CPT) closes it for 10 years; stool DNA-FIT for 3', () => {
    expect(ids(procedure(CPT, '45378', '2016-02-01'))).not.toContain('colorectal-screening');
    expect(ids(procedure(CPT, '45378', '2013-02-01'))).toContain('colorectal-screening');
    const sdna = (date: string) =>
      observation('77353-1', 0, '', date, { valueQuantity: undefined });
    expect(ids(sdna('2022-01-10'))).not.toContain('colorectal-screening');
    expect(ids(sdna('2020-01-10'))).toContain('colorectal-screening');
  });

  it('is not offered after colon cancer (ICD-10 without its dot) or a total colectomy', () => {
    const cancer = {
      ...condition('0', 'x', 'resolved'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C189' }] },
    };
    expect(ids(cancer)).not.toContain('colorectal-screening');
    expect(ids(procedure(CPT, '44150', '2010-05-01'))).not.toContain('colorectal-screening');
    // A refuted colon cancer is no exclusion.
    const refuted = {
      ...cancer,
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: 'refuted',
          },
        ],
      },
    };
    expect(ids(refuted)).toContain('colorectal-screening');
  });
});

describe('care gaps in hospice or palliative care (CMS eCQM exclusions)', () => {
  const SCT = 'http://snomed.info/sct';
  const plan = (status: string, start: string) => ({
    resourceType: 'CarePlan',
    id: `cp-${status}`,
    status,
    intent: 'plan',
    subject: { reference: 'Patient/p1' },
    category: [{ coding: [{ system: SCT, code: '103735009', display: 'Palliative care' }] }],
    period: { start },
  });
  const dm = () => condition('44054006', 'Diabetes mellitus type 2');

  it('an active palliative care plan, however old, answers every gap', () => {
    expect(gapsOf(dm()).length).toBeGreaterThan(3);
    expect(gapsOf(dm(), plan('active', '2019-01-01'))).toEqual([]);
  });

  it('hospice care in the last year answers them; a plan ended two years ago does not', () => {
    const hospice = procedure(SCT, '385763009', '2024-02-01');
    expect(gapsOf(dm(), hospice)).toEqual([]);
    expect(gapsOf(dm(), plan('completed', '2022-03-01')).length).toBeGreaterThan(3);
  });

  it('palliative care only while current: a past Z51.5 visit does not hide the gaps, an active one does', () => {
    const z515 = (status: string) => ({
      ...condition('0', 'x', status, { onsetDateTime: '2024-04-02' }),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z51.5' }] },
    });
    expect(gapsOf(dm(), z515('resolved')).length).toBeGreaterThan(3);
    expect(gapsOf(dm(), z515('active'))).toEqual([]);
  });
});

describe('lung, AAA and hepatitis C screening (USPSTF 2021, 2019, 2020)', () => {
  // NOW is 2024-06-01.
  const SCT = 'http://snomed.info/sct';
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const status = (code: string, date: string) => ({
    ...observation('72166-2', 0, '', date, { valueQuantity: undefined }),
    valueCodeableConcept: { coding: [{ system: SCT, code }] },
  });
  const packYears = (value: number, date: string) => ({
    ...observation('0', value, '{PackYears}', date),
    code: { coding: [{ system: SCT, code: '401201003' }] },
  });
  const man = (birthDate: string) => patient(birthDate, 'male');

  it('lung: 20 pack-years and smoking now at 60 is due; 10 pack-years, or quit 20 years ago, is not', () => {
    const smoker = [
      man('1964-01-01'),
      status('449868002', '2024-01-10'),
      packYears(30, '2024-01-10'),
    ];
    const gap = gapsOf(...smoker).find((g) => g.id === 'lung-screening');
    expect(gap?.text).toMatch(/30 pack-years; smokes now/);
    expect(
      ids(man('1964-01-01'), status('449868002', '2024-01-10'), packYears(10, '2024-01-10')),
    ).not.toContain('lung-screening');
    expect(
      ids(
        man('1964-01-01'),
        status('449868002', '2003-01-10'),
        status('8517006', '2024-01-10'),
        packYears(30, '2024-01-10'),
      ),
    ).not.toContain('lung-screening');
    // Quit 10 years ago: still due.
    expect(
      ids(
        man('1964-01-01'),
        status('449868002', '2014-01-10'),
        status('8517006', '2024-01-10'),
        packYears(30, '2024-01-10'),
      ),
    ).toContain('lung-screening');
  });

  it('lung: a former smoker is judged on the quit date (LOINC 74010-0) when the record has one', () => {
    const quit = (date: string) => ({
      ...observation('74010-0', 0, '', '2024-01-10', { valueQuantity: undefined }),
      valueDateTime: date,
    });
    // Never recorded as smoking: only the quit date says when the smoking stopped.
    const exSmoker = [
      man('1960-01-01'),
      status('8517006', '2024-01-10'),
      packYears(40, '2024-01-10'),
    ];
    expect(ids(...exSmoker)).not.toContain('lung-screening');
    const gap = gapsOf(...exSmoker, quit('2016-05-01')).find((g) => g.id === 'lung-screening');
    expect(gap?.text).toMatch(/40 pack-years; quit smoking 2016-05-01/);
    // Quit 16 years ago: past the 15 years, screening stops.
    expect(ids(...exSmoker, quit('2008-03-01'))).not.toContain('lung-screening');
    // Quit "in 2009": the end of 2009 is within 15 years of mid-2024, its first day is not.
    expect(ids(...exSmoker, quit('2009'))).toContain('lung-screening');
    // Smoking again after the quit date: the later status is the last smoking.
    const relapsed = gapsOf(
      ...exSmoker,
      quit('2016-05-01'),
      status('449868002', '2024-03-01'),
    ).find((g) => g.id === 'lung-screening');
    expect(relapsed?.text).toMatch(/smokes now/);
    // A quit date in the future is an entry error, not smoking until then.
    expect(ids(...exSmoker, quit('2030-01-01'))).not.toContain('lung-screening');
  });

  it('lung: a low-dose CT coded in SNOMED CT or a LOINC screening CT report closes it', () => {
    const smoker = [
      man('1964-01-01'),
      status('449868002', '2024-01-10'),
      packYears(30, '2024-01-10'),
    ];
    expect(ids(...smoker, procedure(SCT, '16334891000119106', '2024-02-01'))).not.toContain(
      'lung-screening',
    );
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'ldct',
      status: 'final',
      subject: { reference: 'Patient/p1' },
      code: { coding: [{ system: 'http://loinc.org', code: '79086-5' }] },
      effectiveDateTime: '2024-02-01',
    };
    expect(ids(...smoker, report)).not.toContain('lung-screening');
    expect(ids(...smoker, procedure(SCT, '16334891000119106', '2022-02-01'))).toContain(
      'lung-screening',
    );
  });

  it('lung: not offered once lung cancer is diagnosed (ICD-10-CM C34, any form)', () => {
    const cancer = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'C3411' }] },
    };
    const smoker = [
      man('1964-01-01'),
      status('449868002', '2024-01-10'),
      packYears(30, '2024-01-10'),
    ];
    expect(ids(...smoker)).toContain('lung-screening');
    expect(ids(...smoker, cancer)).not.toContain('lung-screening');
  });

  it('lung: a low-dose CT (CPT 71271) this year closes it', () => {
    const ct = procedure('http://www.ama-assn.org/go/cpt', '71271', '2024-02-01');
    expect(
      ids(man('1964-01-01'), status('449868002', '2024-01-10'), packYears(30, '2024-01-10'), ct),
    ).not.toContain('lung-screening');
  });

  it('AAA: a man of 70 who has smoked is due; a woman, a never-smoker or a known aneurysm is not', () => {
    const exSmoker = status('8517006', '2023-01-10');
    expect(ids(man('1954-01-01'), exSmoker)).toContain('aaa-screening');
    expect(ids(patient('1954-01-01', 'female'), exSmoker)).not.toContain('aaa-screening');
    expect(ids(man('1954-01-01'), status('266919005', '2023-01-10'))).not.toContain(
      'aaa-screening',
    );
    const aneurysm = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I71.40' }] },
    };
    expect(ids(man('1954-01-01'), exSmoker, aneurysm)).not.toContain('aaa-screening');
    const snomedAaa = condition('233985008', 'Abdominal aortic aneurysm');
    expect(ids(man('1954-01-01'), exSmoker, snomedAaa)).not.toContain('aaa-screening');
  });

  it('hepatitis C: due once at 18-79; an antibody test or a known hepatitis C answers it', () => {
    expect(ids()).toContain('hcv-screening');
    expect(
      ids(observation('13955-0', 0, '', '2009-05-01', { valueQuantity: undefined })),
    ).not.toContain('hcv-screening');
    expect(ids(condition('128302006', 'Chronic hepatitis C'))).not.toContain('hcv-screening');
    const rna = observation('11259-9', 0, '', '2015-05-01', { valueQuantity: undefined });
    expect(ids(rna)).not.toContain('hcv-screening');
    expect(ids(patient('1940-01-01'))).not.toContain('hcv-screening');
  });
});

describe('SGLT2 inhibitor in type 2 diabetes with CKD (KDIGO 2022)', () => {
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const t2d = () => condition('44054006', 'Diabetes mellitus type 2');
  const ckd = () => condition('433144002', 'Chronic kidney disease stage 3');
  const egfr = (value: number) => observation('33914-3', value, 'mL/min/{1.73_m2}', '2024-04-01');

  it('due at eGFR 45 without one; answered by empagliflozin', () => {
    expect(ids(t2d(), ckd(), egfr(45))).toContain('ckd-diabetes-sglt2');
    expect(
      ids(t2d(), ckd(), egfr(45), medication('empagliflozin 10 MG Oral Tablet')),
    ).not.toContain('ckd-diabetes-sglt2');
  });

  it('answered by a documented intolerance to the class (an allergy to empagliflozin)', () => {
    const intolerance = allergy('unused', 'unused', { code: { text: 'Empagliflozin' } });
    expect(ids(t2d(), ckd(), egfr(45), intolerance)).not.toContain('ckd-diabetes-sglt2');
  });

  it('not offered after a kidney transplant (Z94.0)', () => {
    const transplant = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z94.0' }] },
    };
    expect(ids(t2d(), ckd(), egfr(45), transplant)).not.toContain('ckd-diabetes-sglt2');
  });

  it('not offered after a diabetic ketoacidosis (SNOMED CT or ICD-10-CM E11.1x, resolved or not)', () => {
    const dka = {
      ...condition('420422005', 'Diabetic ketoacidosis'),
      clinicalStatus: { coding: [{ code: 'resolved' }] },
    };
    expect(ids(t2d(), ckd(), egfr(45), dka)).not.toContain('ckd-diabetes-sglt2');
    const icd = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E1110' }] },
    };
    expect(ids(t2d(), ckd(), egfr(45), icd)).not.toContain('ckd-diabetes-sglt2');
    // A ketoacidotic coma is a ketoacidosis too.
    expect(
      ids(t2d(), ckd(), egfr(45), condition('421847006', 'Ketoacidotic coma due to type 2 DM')),
    ).not.toContain('ckd-diabetes-sglt2');
    // Hyperglycaemia without ketoacidosis (E11.65) does not close it.
    const hyper = {
      ...condition('0', 'x'),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.65' }] },
    };
    expect(ids(t2d(), ckd(), egfr(45), hyper)).toContain('ckd-diabetes-sglt2');
  });

  it('not offered below eGFR 20, in type 1 diabetes, or without a recent eGFR', () => {
    expect(ids(t2d(), ckd(), egfr(15))).not.toContain('ckd-diabetes-sglt2');
    const t1d = condition('46635009', 'Diabetes mellitus type 1');
    expect(ids(t1d, ckd(), egfr(45))).not.toContain('ckd-diabetes-sglt2');
    expect(
      ids(t2d(), ckd(), observation('33914-3', 45, 'mL/min/{1.73_m2}', '2022-01-01')),
    ).not.toContain('ckd-diabetes-sglt2');
  });
});

describe('diabetic foot exam (ADA 2025) and RSV vaccine (ACIP 2024)', () => {
  const ids = (...resources: Parameters<typeof record>) => gapsOf(...resources).map((g) => g.id);
  const SCT = 'http://snomed.info/sct';
  const dm = () => condition('44054006', 'Diabetes mellitus type 2');

  it('a diabetic foot exam is due yearly; one this year closes it; no diabetes, no gap', () => {
    expect(ids(dm())).toContain('diabetes-foot-exam');
    expect(ids(dm(), procedure(SCT, '401191002', '2024-02-01'))).not.toContain(
      'diabetes-foot-exam',
    );
    expect(ids(dm(), procedure(SCT, '134388005', '2022-02-01'))).toContain('diabetes-foot-exam');
    expect(ids()).not.toContain('diabetes-foot-exam');
  });

  it('RSV vaccine once at 75 and over; a dose on record answers it for good', () => {
    const old = patient('1944-01-01');
    const dose = {
      resourceType: 'Immunization',
      id: 'rsv',
      status: 'completed',
      patient: { reference: 'Patient/p1' },
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '305' }] },
      occurrenceDateTime: '2023-10-01',
    };
    expect(ids(old)).toContain('rsv-vaccine');
    expect(ids(old, dose)).not.toContain('rsv-vaccine');
    expect(ids(patient('1960-01-01'))).not.toContain('rsv-vaccine');
  });

  it('RSV vaccine at 60-74 only with a risk ACIP names, and the risk is said', () => {
    const at68 = patient('1956-01-01');
    const rsvGaps = (...resources: Parameters<typeof record>) =>
      buildCareGaps(buildContext(record(...resources), NOW)).filter((g) => g.id.startsWith('rsv'));
    // Heart failure, COPD, diabetes on insulin, BMI 40, sickle cell disease.
    expect(rsvGaps(at68, condition('84114007', 'Heart failure'))[0]?.text).toMatch(
      /chronic heart disease/,
    );
    expect(rsvGaps(at68, condition('13645005', 'COPD')).map((g) => g.id)).toEqual([
      'rsv-vaccine-at-risk',
    ]);
    expect(
      rsvGaps(at68, dm(), medication('insulin glargine 100 UNT/ML Injectable Solution'))[0]?.text,
    ).toMatch(/diabetes treated with insulin/);
    expect(rsvGaps(at68, observation('39156-5', 41, 'kg/m2', '2024-01-10'))).toHaveLength(1);
    expect(
      rsvGaps(at68, condition('417357006', 'Sickling disorder due to hemoglobin S')),
    ).toHaveLength(1);
    const icd10 = (code: string, display: string) => ({
      ...condition('0', display),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code, display }] },
    });
    expect(rsvGaps(at68, icd10('Z99.2', 'Dependence on renal dialysis'))[0]?.text).toMatch(
      /end-stage kidney disease or dialysis/,
    );
    expect(rsvGaps(at68, icd10('K74.60', 'Unspecified cirrhosis of liver'))).toHaveLength(1);
    expect(
      rsvGaps(at68, dm(), icd10('N18.31', 'Chronic kidney disease, stage 3a'))[0]?.text,
    ).toMatch(/diabetes with kidney disease/);
    expect(
      rsvGaps(
        at68,
        icd10('E11.319', 'Type 2 diabetes mellitus with unspecified diabetic retinopathy'),
      )[0]?.text,
    ).toMatch(/diabetic retinopathy/);
    // An eGFR below 15 counts as kidney failure only when it lasts: two results 90 days apart.
    const egfrOn = (value: number, date: string) =>
      observation('62238-1', value, 'mL/min/{1.73_m2}', date);
    expect(rsvGaps(at68, egfrOn(12, '2024-01-10'))).toEqual([]);
    expect(rsvGaps(at68, egfrOn(12, '2023-09-01'), egfrOn(11, '2024-01-10'))[0]?.text).toMatch(
      /end-stage kidney disease/,
    );
    // CKD without diabetes is not on the list (only kidney failure is).
    expect(rsvGaps(at68, icd10('N18.31', 'Chronic kidney disease, stage 3a'))).toEqual([]);
    // None of them, or only high blood pressure, or diabetes on metformin alone: no RSV gap.
    expect(rsvGaps(at68)).toEqual([]);
    expect(rsvGaps(at68, condition('59621000', 'Essential hypertension'))).toEqual([]);
    expect(rsvGaps(at68, dm(), medication('metformin hydrochloride 500 MG Oral Tablet'))).toEqual(
      [],
    );
    // At risk but 58: not yet; at risk and vaccinated: answered.
    expect(rsvGaps(patient('1966-01-01'), condition('84114007', 'Heart failure'))).toEqual([]);
    expect(
      rsvGaps(at68, condition('84114007', 'Heart failure'), {
        resourceType: 'Immunization',
        id: 'rsv2',
        status: 'completed',
        patient: { reference: 'Patient/p1' },
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '303' }] },
        occurrenceDateTime: '2024-02-01',
      }),
    ).toEqual([]);
  });
});
