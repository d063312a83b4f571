import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildResultAlerts } from './result-alerts';
import { bloodPressure, condition, NOW, observation, record } from './test-records';

const alertIds = (...resources: Parameters<typeof record>) =>
  buildResultAlerts(buildContext(record(...resources), NOW)).map((a) => `${a.id}:${a.severity}`);

describe('result alerts', () => {
  it.each([
    {
      name: 'recent critical potassium',
      res: () => [observation('6298-4', 6.4, 'mmol/L', '2024-05-20')],
      expected: 'critical-potassium:critical',
    },
    {
      name: 'recent critical sodium',
      res: () => [observation('2951-2', 118, 'mmol/L', '2024-05-20')],
      expected: 'critical-sodium:critical',
    },
    {
      name: 'recent severe systolic BP',
      res: () => [bloodPressure(192, 100, '2024-05-30')],
      expected: 'critical-sbp:critical',
    },
    {
      name: 'AKI by creatinine 1.5x in a week',
      res: () => [
        observation('2160-0', 1.0, 'mg/dL', '2024-05-20'),
        observation('2160-0', 1.6, 'mg/dL', '2024-05-24'),
      ],
      expected: 'aki:critical',
    },
    {
      name: 'eGFR falling more than 5 a year',
      res: () => [
        observation('33914-3', 70, 'mL/min/{1.73_m2}', '2022-06-01'),
        observation('33914-3', 61, 'mL/min/{1.73_m2}', '2023-06-01'),
        observation('33914-3', 52, 'mL/min/{1.73_m2}', '2024-05-01'),
      ],
      expected: 'egfr-decline:warning',
    },
    {
      name: 'diabetes with HbA1c above 9%',
      res: () => [
        condition('44054006', 'Diabetes mellitus type 2'),
        observation('4548-4', 9.4, '%', '2024-05-01'),
      ],
      expected: 'diabetes-above-goal:warning',
    },
    {
      name: 'hypertension above target',
      res: () => [
        condition('59621000', 'Essential hypertension'),
        bloodPressure(142, 88, '2024-03-01'),
        bloodPressure(138, 86, '2024-04-01'),
      ],
      expected: 'hypertension-uncontrolled:info',
    },
    {
      name: 'weight loss of 5% in 6-12 months',
      res: () => [
        observation('29463-7', 80, 'kg', '2023-08-01'),
        observation('29463-7', 74, 'kg', '2024-05-01'),
      ],
      expected: 'weight-loss:warning',
    },
  ])('$name', ({ res, expected }) => {
    expect(alertIds(...res())).toContain(expected);
  });

  it.each([
    {
      name: 'an old critical potassium',
      res: () => [observation('6298-4', 6.4, 'mmol/L', '2020-01-01')],
    },
    {
      name: 'a creatinine rise of 2020 (outside the AKI look-back)',
      res: () => [
        observation('2160-0', 1.0, 'mg/dL', '2020-05-20'),
        observation('2160-0', 1.6, 'mg/dL', '2020-05-24'),
      ],
    },
    {
      name: 'normal labs',
      res: () => [
        observation('6298-4', 4.2, 'mmol/L', '2024-05-20'),
        observation('2160-0', 0.9, 'mg/dL', '2024-05-20'),
      ],
    },
    {
      name: 'diabetes at goal',
      res: () => [
        condition('44054006', 'Diabetes mellitus type 2'),
        observation('4548-4', 6.6, '%', '2024-05-01'),
      ],
    },
  ])('no alert for $name', ({ res }) => {
    expect(alertIds(...res())).toEqual([]);
  });
});

describe('result alerts: look-back windows (kb/result-rules.ts)', () => {
  const dm = () => condition('44054006', 'Diabetes mellitus type 2');
  const textOf = (...resources: Parameters<typeof record>) =>
    buildResultAlerts(buildContext(record(...resources), NOW)).map((a) => a.text);

  it('an HbA1c of 9.4% from last month is above goal; the same value from 2021 raises nothing', () => {
    expect(alertIds(dm(), observation('4548-4', 9.4, '%', '2024-05-01'))).toEqual([
      'diabetes-above-goal:warning',
    ]);
    expect(alertIds(dm(), observation('4548-4', 9.4, '%', '2021-05-01'))).toEqual([]);
  });

  it('an HbA1c within the year but older than three months says how old it is', () => {
    const [text] = textOf(dm(), observation('4548-4', 8.1, '%', '2023-11-01'));
    expect(text).toContain('2023-11-01, 7 months ago');
    const [recent] = textOf(dm(), observation('4548-4', 8.1, '%', '2024-05-01'));
    expect(recent).not.toContain('months ago');
  });

  it('an eGFR decline that ended years ago is not raised as today’s', () => {
    const decline = (years: number) => [
      observation('33914-3', 70, 'mL/min/{1.73_m2}', `${String(2022 - years)}-06-01`),
      observation('33914-3', 61, 'mL/min/{1.73_m2}', `${String(2023 - years)}-06-01`),
      observation('33914-3', 52, 'mL/min/{1.73_m2}', `${String(2024 - years)}-05-01`),
    ];
    expect(alertIds(...decline(0))).toContain('egfr-decline:warning');
    expect(alertIds(...decline(4))).not.toContain('egfr-decline:warning');
  });

  it('judges an eGFR slope over a year or more, a day counting once, at its lowest', () => {
    const egfr = (value: number, date: string) =>
      observation('33914-3', value, 'mL/min/{1.73_m2}', date);
    // Stable near 94 for two years, a week of daily results (one reported high), then 91:
    // a least-squares fit over the last weeks alone reads about 16 a year.
    const stable = [
      egfr(93.9, '2022-08-17'),
      egfr(94.5, '2023-08-14'),
      egfr(89.6, '2023-11-28'),
      egfr(132.4, '2023-12-04'),
      egfr(94.3, '2023-12-04'),
      ...['05', '06', '07', '08', '09'].map((d) => egfr(94.3, `2023-12-${d}`)),
      egfr(140.9, '2023-12-17'),
      egfr(94.3, '2023-12-17'),
      egfr(91, '2024-05-17'),
    ];
    expect(alertIds(...stable)).not.toContain('egfr-decline:warning');
    // Six months of a real fall is not yet a sustained rate; the same fall over 14 months is.
    expect(
      alertIds(egfr(70, '2023-11-01'), egfr(64, '2024-02-01'), egfr(58, '2024-05-01')),
    ).not.toContain('egfr-decline:warning');
    expect(
      alertIds(egfr(70, '2023-03-01'), egfr(64, '2023-10-01'), egfr(58, '2024-05-01')),
    ).toContain('egfr-decline:warning');
  });
});
