import { DOAC_RENAL_ADVICE } from './kb/anticoagulation';
import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildMedicationAlerts } from './medication-safety';
import { condition, medication, NOW, observation, patient, record } from './test-records';

// NOW is 2024-06-01.
const warfarin = () => medication('warfarin sodium 5 MG Oral Tablet', 'active', '855332');
const inr = (value: number, date: string, unit = '{INR}') =>
  observation('6301-6', value, unit, date);
const alerts = (...resources: Parameters<typeof record>) =>
  buildMedicationAlerts(buildContext(record(...resources), NOW)).filter((a) =>
    a.id.startsWith('warfarin-'),
  );
const ids = (...resources: Parameters<typeof record>) =>
  alerts(...resources).map((a) => `${a.id}:${a.severity}`);

describe('warfarin and the INR (CHEST 2012)', () => {
  it('warfarin with no INR anywhere in the record: a warning that says so', () => {
    const [alert] = alerts(warfarin());
    expect(alert?.id).toBe('warfarin-no-inr');
    expect(alert?.severity).toBe('warning');
    expect(alert?.text).toContain('no INR anywhere in the record');
  });

  it('warfarin whose latest INR is older than 12 weeks: a warning naming its date', () => {
    const [alert] = alerts(warfarin(), inr(2.4, '2024-01-10'));
    expect(alert?.id).toBe('warfarin-no-inr');
    expect(alert?.text).toContain('2024-01-10');
  });

  it.each([
    [6.8, 'warfarin-inr-high:critical'],
    [11.2, 'warfarin-inr-critical:critical'],
    [3.6, 'warfarin-inr-above:warning'],
    [1.4, 'warfarin-inr-below:info'],
  ])('a recent INR of %s: %s', (value, expected) => {
    expect(ids(warfarin(), inr(value, '2024-05-25'))).toEqual([expected]);
  });

  it.each([
    ['in range', [inr(2.5, '2024-05-25')]],
    ['in range, sent with the unit "INR"', [inr(2.5, '2024-05-25', 'INR')]],
    ['high but 7 weeks old (inside monitoring, too old to act on)', [inr(6.8, '2024-04-10')]],
  ])('no alert: warfarin with an INR %s', (_why, results) => {
    expect(ids(warfarin(), ...results)).toEqual([]);
  });

  it('no alert without warfarin, whatever the INR', () => {
    expect(ids(medication('apixaban 5 MG Oral Tablet'), inr(6.8, '2024-05-25'))).toEqual([]);
    expect(ids(inr(1.0, '2024-05-25'))).toEqual([]);
  });

  it('a stopped warfarin order asks for nothing', () => {
    expect(ids(medication('warfarin sodium 5 MG Oral Tablet', 'stopped'))).toEqual([]);
  });
});

describe('warfarin with a drug that raises the INR', () => {
  const tmpSmx = (authoredOn = '2024-05-20') =>
    medication('sulfamethoxazole 800 MG / trimethoprim 160 MG Oral Tablet', 'active', undefined, {
      authoredOn,
    });
  const interaction = (...resources: Parameters<typeof record>) =>
    buildMedicationAlerts(buildContext(record(...resources), NOW))
      .filter((a) => a.id === 'interaction-warfarin-potentiator')
      .map((a) => `${a.severity}: ${a.text}`);

  it('warfarin with TMP-SMX and no INR since: a warning', () => {
    expect(interaction(warfarin(), tmpSmx(), inr(2.4, '2024-05-10'))).toEqual([
      expect.stringMatching(/^warning: Warfarin with a drug that raises the INR/),
    ]);
  });

  it('an INR taken after TMP-SMX was started answers it: information, citing the INR', () => {
    expect(interaction(warfarin(), tmpSmx('2024-05-20'), inr(2.8, '2024-05-24'))).toEqual([
      expect.stringMatching(/^info: .*INR checked since: 2\.8 on 2024-05-24/),
    ]);
  });

  it.each([
    ['fluconazole 150 MG Oral Tablet'],
    ['metronidazole 500 MG Oral Tablet'],
    ['amiodarone hydrochloride 200 MG Oral Tablet'],
    ['ciprofloxacin 500 MG Oral Tablet'],
  ])('warfarin with %s is flagged', (drug) => {
    expect(interaction(warfarin(), medication(drug), inr(2.5, '2024-05-01'))).toHaveLength(1);
  });

  it('no alert for TMP-SMX without warfarin, or warfarin with amoxicillin', () => {
    expect(interaction(tmpSmx())).toEqual([]);
    expect(interaction(warfarin(), medication('amoxicillin 500 MG Oral Capsule'))).toEqual([]);
  });
});

describe('apixaban dose in atrial fibrillation (FDA label)', () => {
  const af = () => condition('49436004', 'Atrial fibrillation');
  const apixaban = (mg: number) => medication(`apixaban ${String(mg)} MG Oral Tablet`);
  const weight = (kg: number) => observation('29463-7', kg, 'kg', '2024-05-01');
  const creatinine = (mg: number) => observation('2160-0', mg, 'mg/dL', '2024-05-01');
  const dose = (...resources: Parameters<typeof record>) =>
    buildMedicationAlerts(buildContext(record(...resources), NOW))
      .filter((a) => a.id.startsWith('apixaban-'))
      .map((a) => a.id);

  it('5 mg at 82 weighing 55 kg (two criteria): too high', () => {
    expect(dose(patient('1942-01-01', 'female'), af(), weight(55), apixaban(5))).toEqual([
      'apixaban-dose-high',
    ]);
  });

  it('2.5 mg at 82 weighing 70 kg with creatinine 1.0 (one criterion): too low', () => {
    expect(
      dose(patient('1942-01-01', 'female'), af(), weight(70), creatinine(1.0), apixaban(2.5)),
    ).toEqual(['apixaban-dose-low']);
  });

  it.each([
    ['5 mg at 60 with no criterion', () => [patient('1964-01-01', 'male'), af(), apixaban(5)]],
    [
      '2.5 mg at 85 weighing 55 kg',
      () => [patient('1939-01-01', 'female'), af(), weight(55), apixaban(2.5)],
    ],
    ['2.5 mg without atrial fibrillation (another indication)', () => [apixaban(2.5)]],
  ])('no alert: %s', (_why, resources) => {
    expect(dose(...resources())).toEqual([]);
  });
});

describe('rivaroxaban, dabigatran and edoxaban doses by creatinine clearance (US labels)', () => {
  const af = () => condition('49436004', 'Atrial fibrillation');
  const weight = (kg: number) => observation('29463-7', kg, 'kg', '2024-05-01');
  const creatinine = (mg: number) => observation('2160-0', mg, 'mg/dL', '2024-05-01');
  const doac = (text: string) => medication(`${text} Oral Tablet`);
  const dose = (...resources: Parameters<typeof record>) =>
    buildMedicationAlerts(buildContext(record(...resources), NOW))
      .filter((a) => a.id.startsWith('doac-dose-'))
      .map((a) => a.id);
  // A woman of 82 (born 1942), 60 kg, creatinine 1.2: CrCl (140-82)*60/(72*1.2)*0.85 = 34 mL/min.
  const moderate = () => [patient('1942-01-01', 'female'), af(), weight(60), creatinine(1.2)];
  // A man of 60, 80 kg, creatinine 1.0: CrCl (140-60)*80/72 = 89 mL/min.
  const normal = () => [patient('1964-01-01', 'male'), af(), weight(80), creatinine(1.0)];
  // A man of 40, 100 kg, creatinine 0.8: CrCl 174 mL/min.
  const high = () => [patient('1984-01-01', 'male'), af(), weight(100), creatinine(0.8)];

  it.each([
    ['rivaroxaban 20 MG at CrCl 34', moderate, 'rivaroxaban 20 MG', 'doac-dose-rivaroxaban-high'],
    ['rivaroxaban 15 MG at CrCl 89', normal, 'rivaroxaban 15 MG', 'doac-dose-rivaroxaban-low'],
    ['edoxaban 60 MG at CrCl 34', moderate, 'edoxaban 60 MG', 'doac-dose-edoxaban-high'],
    ['edoxaban 60 MG at CrCl 174', high, 'edoxaban 60 MG', 'doac-dose-edoxaban-avoid'],
    [
      'dabigatran 75 MG at CrCl 89',
      normal,
      'dabigatran etexilate 75 MG',
      'doac-dose-dabigatran-low',
    ],
  ])('%s: %s', (_name, who, drug, id) => {
    expect(dose(...who(), doac(drug))).toEqual([id]);
  });

  it.each([
    ['rivaroxaban 15 MG at CrCl 34', moderate, 'rivaroxaban 15 MG'],
    ['rivaroxaban 20 MG at CrCl 89', normal, 'rivaroxaban 20 MG'],
    ['dabigatran 150 MG at CrCl 34 (full dose above 30)', moderate, 'dabigatran etexilate 150 MG'],
    ['edoxaban 60 MG at CrCl 89', normal, 'edoxaban 60 MG'],
  ])('no alert: %s', (_name, who, drug) => {
    expect(dose(...who(), doac(drug))).toEqual([]);
  });

  it('below 15 mL/min: avoid (an 88-year-old, 42 kg, creatinine 2.0, on dabigatran 75 mg)', () => {
    const frail = [patient('1936-01-01', 'female'), af(), weight(42), creatinine(2.0)];
    expect(dose(...frail, doac('dabigatran etexilate 75 MG'))).toEqual([
      'doac-dose-dabigatran-avoid',
    ]);
  });

  it('once the clearance rules the DOAC out, the eGFR rule does not say it again', () => {
    const all = (...resources: Parameters<typeof record>) =>
      buildMedicationAlerts(buildContext(record(...resources), NOW)).map((a) => a.id);
    // Creatinine 3.5 at 88: eGFR about 12, CrCl (140-88)*42/(72*3.5)*0.85 = 7 mL/min.
    const kidneys = [patient('1936-01-01', 'female'), af(), creatinine(3.5)];
    const drug = doac('dabigatran etexilate 75 MG');
    expect(all(...kidneys, weight(42), drug).filter((id) => /doac/.test(id))).toEqual([
      'doac-dose-dabigatran-avoid',
    ]);
    // No weight, no clearance: the eGFR rule is the one that speaks.
    expect(all(...kidneys, drug).filter((id) => /doac/.test(id))).toEqual(['renal-doac-egfr-15']);
  });

  it('cites the AF guideline for the advice when the clearance rules the drug out, the label otherwise', () => {
    const sources = (...resources: Parameters<typeof record>) =>
      buildMedicationAlerts(buildContext(record(...resources), NOW))
        .filter((a) => a.id.startsWith('doac-dose-'))
        .map((a) => a.source ?? '');
    const frail = [patient('1936-01-01', 'female'), af(), weight(42), creatinine(2.0)];
    expect(sources(...frail, doac('dabigatran etexilate 75 MG'))[0]).toContain(
      DOAC_RENAL_ADVICE.source,
    );
    expect(sources(...moderate(), doac('rivaroxaban 20 MG'))[0]).not.toContain(
      DOAC_RENAL_ADVICE.source,
    );
  });

  it('another regimen is not judged: rivaroxaban 15 mg twice daily (a new clot)', () => {
    const twiceDaily = medication('rivaroxaban 15 MG Oral Tablet', 'active', undefined, {
      dosageInstruction: [
        {
          timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
        },
      ],
    });
    expect(dose(...normal(), twiceDaily)).toEqual([]);
  });

  it('dabigatran 75 mg with dronedarone at CrCl 30-50 is the label dose; without it, too low', () => {
    // A man of 70, 60 kg, creatinine 1.2: CrCl (140-70)*60/(72*1.2) = 49 mL/min.
    const man = () => [patient('1954-01-01', 'male'), af(), weight(60), creatinine(1.2)];
    const dronedarone = medication('dronedarone 400 MG Oral Tablet');
    expect(dose(...man(), doac('dabigatran etexilate 75 MG'), dronedarone)).toEqual([]);
    expect(dose(...man(), doac('dabigatran etexilate 75 MG'))).toEqual([
      'doac-dose-dabigatran-low',
    ]);
  });

  it('no alert without atrial fibrillation, or without a weight in the last year', () => {
    const woman = patient('1942-01-01', 'female');
    const creat = creatinine(1.2);
    expect(dose(woman, weight(60), creat, doac('rivaroxaban 20 MG'))).toEqual([]);
    const oldWeight = observation('29463-7', 60, 'kg', '2022-01-01');
    expect(dose(woman, af(), oldWeight, creat, doac('rivaroxaban 20 MG'))).toEqual([]);
  });

  it('says the clearance and how it was computed', () => {
    const [alert] = buildMedicationAlerts(
      buildContext(record(...moderate(), doac('rivaroxaban 20 MG')), NOW),
    ).filter((a) => a.id.startsWith('doac-dose-'));
    expect(alert?.text).toMatch(/creatinine clearance 34 mL\/min \(Cockcroft-Gault: age 82/);
    expect(alert?.suggestedAction).toBe(
      'Lower rivaroxaban to 15 mg once daily with the evening meal.',
    );
  });
});

describe('anticoagulation advice is worded from the knowledge base', () => {
  it('the low-dose apixaban alert names the label criteria; the no-INR alert the intervals', () => {
    const low = buildMedicationAlerts(
      buildContext(
        record(
          patient('1942-01-01', 'female'),
          condition('49436004', 'Atrial fibrillation'),
          medication('apixaban 2.5 MG Oral Tablet'),
        ),
        NOW,
      ),
    ).find((a) => a.id === 'apixaban-dose-low');
    expect(low?.text).toContain(
      'reduce only with 2 of age 80 or over, weight 60 kg or less and serum creatinine 1.5 mg/dL or more',
    );
    const [noInr] = alerts(warfarin());
    expect(noInr?.suggestedAction).toBe(
      'Check an INR now; then at least every 4 weeks, or up to 12 when stable.',
    );
  });
});
