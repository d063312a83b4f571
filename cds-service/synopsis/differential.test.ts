import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { buildDifferential, scoreCondition } from './differential';
import { SYSTEMS } from '../fhir/codes';
import { CONDITION_BY_ID, CONDITIONS } from './kb/conditions';
import { DRUG_CLASS_BY_ID } from './kb/drug-classes';
import {
  bloodPressure,
  condition,
  medication,
  NOW,
  observation,
  patient,
  record,
} from './test-records';

const differentialOf = (...resources: Parameters<typeof record>) =>
  buildDifferential(buildContext(record(...resources), NOW));
const idsOf = (...resources: Parameters<typeof record>) =>
  differentialOf(...resources).map((d) => d.id);

describe('differential', () => {
  it.each([
    {
      name: 'CKD from two low eGFRs 4 months apart',
      resources: () => [
        observation('33914-3', 52, 'mL/min/{1.73_m2}', '2023-09-01'),
        observation('33914-3', 48, 'mL/min/{1.73_m2}', '2024-01-05'),
      ],
      expected: 'ckd',
    },
    {
      name: 'diabetes from two HbA1c >= 6.5%',
      resources: () => [
        observation('4548-4', 6.9, '%', '2023-06-01'),
        observation('4548-4', 7.4, '%', '2024-01-01'),
      ],
      expected: 'diabetes',
    },
    {
      name: 'hypertension from repeated stage 2 readings',
      resources: () => [
        bloodPressure(150, 95, '2024-01-01'),
        bloodPressure(148, 92, '2024-02-01'),
        bloodPressure(152, 96, '2024-03-01'),
      ],
      expected: 'hypertension',
    },
    {
      name: 'atrial fibrillation from warfarin and digoxin',
      resources: () => [
        medication('Warfarin Sodium 5 MG Oral Tablet'),
        medication('Digoxin 0.125 MG Oral Tablet'),
      ],
      expected: 'atrial-fibrillation',
    },
    {
      name: 'anaemia from two low haemoglobins',
      resources: () => [
        observation('718-7', 10.8, 'g/dL', '2024-01-01'),
        observation('718-7', 10.5, 'g/dL', '2024-03-01'),
      ],
      expected: 'anemia',
    },
  ])('ranks $name first', ({ resources, expected }) => {
    expect(idsOf(...resources())[0]).toBe(expected);
  });

  it('states findings for and against with evidence from the record', () => {
    const low1 = observation('33914-3', 52, 'mL/min/{1.73_m2}', '2023-09-01');
    const low2 = observation('33914-3', 48, 'mL/min/{1.73_m2}', '2024-01-05');
    const [ckd] = differentialOf(low1, low2);
    expect(ckd?.listed).toBe(false);
    expect(ckd?.text).toContain('eGFR 52');
    expect(ckd?.evidence.map((e) => e.reference).sort()).toEqual(
      [`Observation/${low1.id}`, `Observation/${low2.id}`].sort(),
    );
    expect(ckd?.nextSteps.length).toBeGreaterThan(0);
    expect(ckd?.sources?.some((s) => s.includes('KDIGO'))).toBe(true);
  });

  it('does not offer a condition already on the active problem list', () => {
    expect(
      idsOf(
        condition('44054006', 'Diabetes mellitus type 2'),
        observation('4548-4', 8, '%', '2024-01-01'),
        observation('4548-4', 8.2, '%', '2024-04-01'),
      ),
    ).not.toContain('diabetes');
  });

  it('marks a resolved condition that looks active again as listed', () => {
    const [item] = differentialOf(
      condition('38341003', 'Hypertension', 'resolved'),
      bloodPressure(160, 100, '2024-01-01'),
      bloodPressure(158, 98, '2024-02-01'),
    );
    expect(item?.id).toBe('hypertension');
    expect(item?.listed).toBe(true);
  });

  it('offers nothing for a record with normal results', () => {
    expect(
      idsOf(
        observation('4548-4', 5.2, '%', '2024-01-01'),
        observation('33914-3', 95, 'mL/min/{1.73_m2}', '2024-01-01'),
        bloodPressure(118, 76, '2024-01-01'),
      ),
    ).toEqual([]);
  });

  it('lets findings against lower the score', () => {
    const def = CONDITION_BY_ID.get('diabetes');
    if (!def) throw new Error('diabetes missing from the knowledge base');
    const ctx = (a1c: number) =>
      buildContext(
        record(
          medication('metformin 500 MG Oral Tablet'),
          observation('4548-4', a1c, '%', '2024-01-01'),
        ),
        NOW,
      );
    const high = scoreCondition(def, ctx(7.1))?.probability ?? 0;
    const untreatedNormal = scoreCondition(
      def,
      buildContext(record(observation('4548-4', 5.1, '%', '2024-01-01')), NOW),
    );
    expect(high).toBeGreaterThan(0.7);
    expect(untreatedNormal?.against.length).toBeGreaterThan(0);
    expect(untreatedNormal?.probability ?? 1).toBeLessThan(0.02);
  });

  it('reads pain reported again and again over 3 months as possible chronic pain', () => {
    const pain = (score: number, date: string) => observation('72514-3', score, '{score}', date);
    expect(idsOf(pain(6, '2024-01-10'), pain(5, '2024-03-01'), pain(7, '2024-05-02'))).toContain(
      'chronic-pain',
    );
    // Two bad spells are not persistence; a short run is an episode; mild pain is not the finding.
    expect(idsOf(pain(6, '2024-01-10'), pain(7, '2024-05-02'))).not.toContain('chronic-pain');
    expect(
      idsOf(pain(6, '2024-01-10'), pain(5, '2024-01-20'), pain(7, '2024-02-02')),
    ).not.toContain('chronic-pain');
    expect(
      idsOf(pain(3, '2024-01-10'), pain(4, '2024-03-01'), pain(4, '2024-05-02')),
    ).not.toContain('chronic-pain');
  });

  it('counts two measures of the same thing once (PHQ-2 is part of the PHQ-9)', () => {
    const def = CONDITION_BY_ID.get('depression');
    if (!def) throw new Error('depression missing from the knowledge base');
    const score = (...resources: Parameters<typeof record>) =>
      scoreCondition(def, buildContext(record(...resources), NOW))?.probability;
    const phq9 = observation('44261-6', 13, '{score}', '2024-05-01');
    const phq2 = observation('55758-7', 3, '{score}', '2024-05-01');
    expect(score(phq9, phq2)).toBeCloseTo(score(phq9) ?? 0, 6);
    expect(score(phq9) ?? 0).toBeGreaterThan(score() ?? 1);
  });

  it('does not read a drug as evidence of a condition while a listed condition explains it', () => {
    const statin = medication('atorvastatin 40 MG Oral Tablet');
    const cad = condition('53741008', 'Coronary arteriosclerosis');
    expect(idsOf(statin)).toContain('hyperlipidemia');
    // A statin is standard treatment after coronary disease, whatever the cholesterol.
    expect(idsOf(statin, cad)).not.toContain('hyperlipidemia');
    // The lipid results still speak for themselves.
    expect(
      idsOf(
        statin,
        cad,
        observation('18262-6', 201, 'mg/dL', '2023-01-01'),
        observation('18262-6', 195, 'mg/dL', '2024-01-01'),
      ),
    ).toContain('hyperlipidemia');
  });

  // Every explained drug finding of the knowledge base: it counts alone, and not once an explaining
  // condition is listed.
  const explainedPairs = CONDITIONS.flatMap((def) =>
    def.findings.flatMap((w) =>
      w.finding.kind === 'drug'
        ? (w.explainedBy?.conditions ?? []).map((by) => ({
            def,
            w,
            by,
            classes: w.finding.kind === 'drug' ? w.finding.classes : [],
          }))
        : [],
    ),
  );

  it.each(explainedPairs.map((x) => ({ ...x, name: `${x.def.id}: ${x.w.label}, ${x.by}` })))(
    'explaining away: $name',
    ({ def, w, by, classes }) => {
      const ingredient = DRUG_CLASS_BY_ID.get(classes[0] ?? '')?.ingredients[0];
      const code = CONDITION_BY_ID.get(by)?.codes.find((c) => c.system === SYSTEMS.snomed);
      if (!ingredient || !code) throw new Error(`no drug or SNOMED code to test ${def.id}/${by}`);
      const med = medication(`${ingredient} 10 MG Oral Tablet`);
      const labels = (...resources: Parameters<typeof record>) =>
        scoreCondition(def, buildContext(record(...resources), NOW))?.supporting.map(
          (s) => s.weight.label,
        ) ?? [];
      expect(labels(med)).toContain(w.label);
      expect(labels(med, condition(code.code, code.display))).not.toContain(w.label);
    },
  );
});

describe('knowledge base', () => {
  it('covers at least 40 conditions, each finding with a named source', () => {
    expect(CONDITIONS.length).toBeGreaterThanOrEqual(40);
    for (const c of CONDITIONS) {
      // A condition the differential offers has findings and a sourced prior; one it never
      // offers (recognised from the problem list only) has neither.
      if (c.findings.length > 0) expect(c.prior?.source, c.id).toMatch(/\d{4}/);
      else expect(c.prior, c.id).toBeUndefined();
      const recognisable =
        c.codes.length + (c.valueSets?.length ?? 0) + (c.icd10Prefixes?.length ?? 0);
      expect(recognisable, c.id).toBeGreaterThan(0);
      for (const f of c.findings) {
        expect(f.source, `${c.id}: ${f.label}`).toMatch(/\d{4}|FDA label/);
        expect(f.lr, `${c.id}: ${f.label}`).toBeGreaterThan(0);
        for (const id of f.explainedBy?.conditions ?? []) {
          expect(CONDITION_BY_ID.has(id), `${c.id}: ${f.label} explained by ${id}`).toBe(true);
        }
        if (f.explainedBy)
          expect(f.explainedBy.source, `${c.id}: ${f.label}`).toMatch(/\d{4}|FDA label/);
      }
    }
  });
});

describe('differential: what a later result and a past event change', () => {
  it('high triglycerides in 2011 and 2019 with a normal result since: not offered', () => {
    const old = [
      observation('2571-8', 182, 'mg/dL', '2011-07-12'),
      observation('2571-8', 190, 'mg/dL', '2019-07-10'),
    ];
    expect(idsOf(...old)).toContain('hypertriglyceridemia');
    expect(idsOf(...old, observation('2571-8', 120, 'mg/dL', '2024-01-10'))).not.toContain(
      'hypertriglyceridemia',
    );
  });

  it('BMI 30 or over twice, then below 30 for years: obesity not offered', () => {
    const heavy = [
      observation('39156-5', 30.3, 'kg/m2', '2012-04-14'),
      observation('39156-5', 30.2, 'kg/m2', '2017-03-11'),
    ];
    expect(idsOf(...heavy)).toContain('obesity');
    const since = [
      observation('39156-5', 28.6, 'kg/m2', '2018-03-10'),
      observation('39156-5', 29.5, 'kg/m2', '2024-03-13'),
    ];
    expect(idsOf(...heavy, ...since)).not.toContain('obesity');
  });

  it('a creatinine rise this month suggests AKI; the same rise years ago does not', () => {
    // NOW is 2024-06-01; AKI's look-back is 90 days (KDIGO 2012 as the knowledge base holds it).
    const rise = (day1: string, day2: string) => [
      observation('2160-0', 1.0, 'mg/dL', day1),
      observation('2160-0', 1.9, 'mg/dL', day2),
    ];
    expect(idsOf(...rise('2024-05-20T08:00:00Z', '2024-05-21T08:00:00Z'))).toContain('aki');
    expect(idsOf(...rise('2020-05-16T08:00:00Z', '2020-05-17T08:00:00Z'))).not.toContain('aki');
  });

  it('low haemoglobin twice, then normal: anaemia not offered', () => {
    const low = [
      observation('718-7', 10.9, 'g/dL', '2023-01-10'),
      observation('718-7', 11.0, 'g/dL', '2023-02-10'),
    ];
    expect(idsOf(...low)).toContain('anemia');
    expect(idsOf(...low, observation('718-7', 13.4, 'g/dL', '2024-03-01'))).not.toContain('anemia');
  });

  it('high LDL after a myocardial infarction: treatment next steps, not a risk calculator', () => {
    const ldl = [
      observation('18262-6', 217, 'mg/dL', '2023-08-10'),
      observation('18262-6', 205, 'mg/dL', '2024-02-10'),
    ];
    const mi = condition('22298006', 'Myocardial infarction', 'resolved', {
      onsetDateTime: '2020-01-01',
    });
    const after = differentialOf(mi, ...ldl).find((d) => d.id === 'hyperlipidemia');
    expect(after?.nextSteps.join(' ')).toMatch(/^Clinical ASCVD: high-intensity statin/);
    expect(after?.nextSteps.join(' ')).not.toMatch(/10-year ASCVD risk/);
    const primary = differentialOf(...ldl).find((d) => d.id === 'hyperlipidemia');
    expect(primary?.nextSteps.join(' ')).toMatch(/10-year ASCVD risk/);
  });
});

describe('differential: a condition only its treatment points at', () => {
  it('losartan alone: hypertension is "treated but not on the problem list", not undiagnosed', () => {
    const item = differentialOf(medication('losartan potassium 50 MG Oral Tablet')).find(
      (d) => d.id === 'hypertension',
    );
    expect(item?.text).toMatch(/^Hypertension is treated but not on the problem list/);
  });

  it('high readings as well: possible undiagnosed hypertension', () => {
    const item = differentialOf(
      bloodPressure(152, 96, '2024-03-01'),
      bloodPressure(150, 94, '2024-04-01'),
      bloodPressure(155, 97, '2024-05-01'),
    ).find((d) => d.id === 'hypertension');
    expect(item?.text).toMatch(/^Possible undiagnosed hypertension/);
  });
});

describe('differential: calculators only inside their validated ages', () => {
  const ldl = () => [
    observation('18262-6', 212, 'mg/dL', '2023-08-10'),
    observation('18262-6', 205, 'mg/dL', '2024-02-10'),
  ];
  const steps = (birthDate: string) =>
    buildDifferential(buildContext(record(patient(birthDate), ...ldl()), NOW))
      .find((d) => d.id === 'hyperlipidemia')
      ?.nextSteps.join(' | ');

  it('the 10-year ASCVD risk estimate is offered at 60, not at 95', () => {
    expect(steps('1964-01-01')).toMatch(/10-year ASCVD risk/);
    expect(steps('1929-01-01')).not.toMatch(/10-year ASCVD risk/);
    expect(steps('1929-01-01')).toMatch(/Repeat fasting lipid panel/);
  });
});

describe('differential wording', () => {
  it('keeps an acronym in capitals mid-sentence: "Possible undiagnosed COPD"', () => {
    const item = differentialOf(
      observation('19926-5', 58, '%', '2024-03-01'),
      medication('tiotropium 18 MCG Inhalation Capsule'),
    ).find((d) => d.id === 'copd');
    expect(item?.text).toMatch(/^Possible undiagnosed COPD/);
  });
});
