import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTHEA_DIR } from '../../mocks/fixtures';
import {
  allergy,
  bloodPressure,
  bundle,
  condition,
  medication,
  NOW,
  observation,
  patient,
  PATIENT_ID,
  record,
} from '../synopsis/test-records';
import { Synopsis } from '../contract/synopsis';
import { runEngine } from '../synopsis/engine';
import { ageInYears, normalise } from './record';

describe('normalise', () => {
  it('treats a quantity beyond any measurement as malformed, so unit arithmetic cannot overflow', () => {
    const input = bundle(
      patient(),
      { ...observation('2160-0', 1e308, 'mg/dL', '2024-01-10'), id: 'huge' },
      { ...observation('2160-0', 1.1, 'mg/dL', '2024-02-10'), id: 'ok' },
    );
    const r = normalise(input, PATIENT_ID, NOW);
    expect(
      r.observations.find((o) => o.reference === 'Observation/huge')?.quantity,
    ).toBeUndefined();
    expect(r.observations.find((o) => o.reference === 'Observation/ok')?.quantity?.value).toBe(1.1);
    expect(Synopsis.safeParse(runEngine(r, NOW)).success).toBe(true);
  });

  it('skips resources whose id or type is not a valid FHIR id or type, so nothing cites them', () => {
    const input = bundle(
      patient(),
      { ...observation('4548-4', 7.2, '%', '2024-01-10'), id: '"quoted"' },
      { ...observation('4548-4', 7.4, '%', '2024-02-10'), id: 'x'.repeat(65) },
      { ...observation('4548-4', 7.6, '%', '2024-03-10'), resourceType: 'Observation/../x' },
      { ...observation('4548-4', 7.8, '%', '2024-04-10'), id: 'ok-1' },
    );
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.observations.map((o) => o.reference)).toEqual(['Observation/ok-1']);
    expect([...r.resources.keys()].sort()).toEqual(['Observation/ok-1', `Patient/${PATIENT_ID}`]);
    expect(r.dataQuality.join(' ')).toMatch(
      /resource with an invalid id or type was skipped. \(3 resources\)/,
    );
  });

  it('reads observations with UCUM units, components and time', () => {
    const r = record(
      observation('4548-4', 7.2, '%', '2024-01-10'),
      bloodPressure(142, 91, '2024-02-01'),
    );
    const a1c = r.observations.find((o) => o.concept.coding[0]?.code === '4548-4');
    expect(a1c?.quantity).toEqual({ value: 7.2, unit: '%' });
    expect(a1c?.time?.iso).toBe('2024-01-10');
    const bp = r.observations.find((o) => o.components.length === 2);
    expect(bp?.components.map((c) => c.quantity?.value)).toEqual([142, 91]);
  });

  it('drops entered-in-error and refuted records', () => {
    const r = record(
      condition('44054006', 'Diabetes', 'active', {
        verificationStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
              code: 'refuted',
            },
          ],
        },
      }),
      observation('4548-4', 9, '%', '2024-01-10', { status: 'entered-in-error' }),
      medication('metformin 500 MG', 'entered-in-error'),
      allergy('91936005', 'Allergy to penicillin', {
        verificationStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
              code: 'entered-in-error',
            },
          ],
        },
      }),
    );
    expect(r.conditions).toHaveLength(0);
    expect(r.observations).toHaveLength(0);
    expect(r.medications).toHaveLength(0);
    expect(r.allergies).toHaveLength(0);
  });

  it('keeps one copy of a resource sent twice (prefetch and Bundle)', () => {
    const c = condition('38341003', 'Hypertension');
    const input = { patient: patient(), conditions: bundle(c), again: [c] };
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.conditions).toHaveLength(1);
  });

  it('skips bad input without throwing and says so without patient data', () => {
    const input = bundle(
      patient(),
      {
        resourceType: 'Observation',
        id: 'o-noid-code',
        status: 'final',
        subject: { reference: `Patient/${PATIENT_ID}` },
      },
      observation('4548-4', 7, '%', '2999-01-01'),
      { resourceType: 'Condition' } as never,
      {
        resourceType: 'Condition',
        id: 'other',
        subject: { reference: 'Patient/someone-else' },
        code: { text: 'x' },
      },
      {
        resourceType: 'Observation',
        id: 'bad-q',
        status: 'final',
        code: { text: 'weight' },
        valueQuantity: { value: 'heavy' },
      },
      {
        resourceType: 'Observation',
        id: 'bad-date',
        status: 'final',
        code: { text: 'quit date' },
        valueDateTime: 'last spring',
      },
      {
        resourceType: 'Observation',
        id: 'quit',
        status: 'final',
        code: { text: 'quit date' },
        valueDateTime: '2015-06',
      },
    );
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.observations.map((o) => o.reference)).toEqual([
      'Observation/bad-q',
      'Observation/bad-date',
      'Observation/quit',
    ]);
    expect(r.observations.map((o) => o.valueTime?.iso)).toEqual([undefined, undefined, '2015-06']);
    expect(r.dataQuality.join(' ')).toMatch(/malformed date value/);
    expect(r.conditions).toHaveLength(0);
    const notes = r.dataQuality.join(' ');
    expect(notes).toMatch(/without a code/);
    expect(notes).toMatch(/future/);
    expect(notes).toMatch(/without an id/);
    expect(notes).toMatch(/another patient/);
    expect(notes).toMatch(/malformed quantity/);
  });

  it.each([
    [null],
    [undefined],
    [42],
    ['text'],
    [{}],
    [[]],
    [{ resourceType: 'Bundle', entry: 'x' }],
  ])('never throws on %j', (input) => {
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.patient.reference).toBe(`Patient/${PATIENT_ID}`);
    expect(r.dataQuality).toContain('The Patient resource is missing.');
  });

  it('resolves medicationReference through bundle fullUrls', () => {
    const input = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:p1', resource: patient() },
        {
          fullUrl: 'urn:uuid:med-1',
          resource: {
            resourceType: 'Medication',
            id: 'med-1',
            code: {
              coding: [
                {
                  system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
                  code: '310798',
                  display: 'Hydrochlorothiazide 25 MG Oral Tablet',
                },
              ],
            },
          },
        },
        {
          fullUrl: 'urn:uuid:mr-1',
          resource: {
            resourceType: 'MedicationRequest',
            id: 'mr-1',
            status: 'active',
            intent: 'order',
            subject: { reference: 'urn:uuid:p1' },
            medicationReference: { reference: 'urn:uuid:med-1' },
          },
        },
      ],
    };
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.medications[0]?.concept.text).toBe('Hydrochlorothiazide 25 MG Oral Tablet');
    expect(r.medications[0]?.active).toBe(true);
  });

  it.each([
    ['a contained Medication (#id)', '#m1', true],
    ['a relative reference to a Medication in the prefetch', 'Medication/m2', false],
  ])('resolves medicationReference to %s', (_name, reference, contained) => {
    const hctz = {
      resourceType: 'Medication',
      code: {
        coding: [
          {
            system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
            code: '310798',
            display: 'Hydrochlorothiazide 25 MG Oral Tablet',
          },
        ],
      },
    };
    const request = {
      resourceType: 'MedicationRequest',
      id: 'mr-1',
      status: 'active',
      intent: 'order',
      subject: { reference: `Patient/${PATIENT_ID}` },
      medicationReference: { reference },
      ...(contained ? { contained: [{ ...hctz, id: 'm1' }] } : {}),
    };
    const input = {
      patient: patient(),
      medications: {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [
          { resource: request },
          ...(contained ? [] : [{ resource: { ...hctz, id: 'm2' }, search: { mode: 'include' } }]),
        ],
      },
    };
    const r = normalise(input, PATIENT_ID, NOW);
    expect(r.medications.map((m) => m.concept.text)).toEqual([
      'Hydrochlorothiazide 25 MG Oral Tablet',
    ]);
    expect(r.dataQuality).toEqual([]);
  });

  it('leaves out a request whose #id names no contained Medication, and says why', () => {
    const r = normalise(
      {
        patient: patient(),
        request: {
          resourceType: 'MedicationRequest',
          id: 'mr-2',
          status: 'active',
          intent: 'order',
          subject: { reference: `Patient/${PATIENT_ID}` },
          medicationReference: { reference: '#absent' },
          contained: [{ resourceType: 'Medication', id: 'other', code: { text: 'Aspirin' } }],
        },
      },
      PATIENT_ID,
      NOW,
    );
    expect(r.medications).toEqual([]);
    expect(r.coverage.skipped).toEqual({ 'medication not readable': 1 });
  });

  it('reads a real fixture bundle', () => {
    const file = join(SYNTHEA_DIR, 'Bennie663_Raynor401_46d8cf9a-63e3-43bc-1241-3a01f198fe87.json');
    const input: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const r = normalise(input, '46d8cf9a-63e3-43bc-1241-3a01f198fe87', new Date('2021-10-17'));
    expect(r.patient.sex).toBe('female');
    expect(r.patient.ageYears).toBe(9);
    expect(r.allergies.length).toBeGreaterThan(0);
    expect(r.observations.length).toBeGreaterThan(100);
    // Every resource is accounted for: billing resources are counted as not read, not lost.
    expect(r.dataQuality).toEqual([
      'Input: 476 resources, 366 read, 0 skipped, 110 of types not read (Claim 64, ExplanationOfBenefit 43, CareTeam 3).',
    ]);
  });
});

describe('input coverage', () => {
  it('accounts for every resource: read, skipped with its reason, or of a type not read', () => {
    const sub = { subject: { reference: `Patient/${PATIENT_ID}` } };
    const input = [
      patient(),
      { resourceType: 'Condition', id: 'ok', ...sub, code: { text: 'Gout' } },
      { resourceType: 'Condition', id: 'nocode', ...sub },
      {
        resourceType: 'Observation',
        id: 'eie',
        status: 'entered-in-error',
        ...sub,
        code: { text: 'x' },
      },
      {
        resourceType: 'Condition',
        id: 'other',
        subject: { reference: 'Patient/q' },
        code: { text: 'x' },
      },
      { resourceType: 'Condition', id: 'ok', ...sub, code: { text: 'Gout' } },
      { resourceType: 'Claim', id: 'claim-1' },
      { resourceType: 'Provenance', id: 'prov-1' },
      { resourceType: 'Condition', id: 'bad id!' },
    ];
    const { coverage, dataQuality } = normalise(input, PATIENT_ID, NOW);
    expect(coverage).toEqual({
      total: 9,
      read: 2,
      skipped: {
        'no code': 1,
        'status entered-in-error': 1,
        'about another patient': 1,
        'sent twice (the newest version is read)': 1,
        'invalid id': 1,
      },
      notRead: { Claim: 1, Provenance: 1 },
    });
    expect(dataQuality).toContain(
      'Input: 9 resources, 2 read, 5 skipped, 2 of types not read (Claim 1, Provenance 1).',
    );
  });
});

describe('numbers sent as integers or text', () => {
  const phq9 = (value: Record<string, unknown>) => ({
    resourceType: 'Observation',
    id: 'phq9',
    status: 'final',
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
    effectiveDateTime: '2024-01-01',
    ...value,
  });
  it.each([
    [{ valueInteger: 12 }, 12],
    [{ valueString: '12' }, 12],
    [{ valueString: ' 7.5 ' }, 7.5],
    [{ valueString: '<15' }, 15, '<'],
    [{ valueString: '>= 20' }, 20, '>='],
    [{ valueQuantity: { value: 5, comparator: '<' } }, 5, '<'],
    [{ valueQuantity: { value: 5, comparator: 'about' } }, 5],
    [{ valueString: 'twelve' }, undefined],
    [{ valueString: '12 points' }, undefined],
    [{ valueString: '<<15' }, undefined],
  ])('%j -> %s %s', (value, expected, comparator?: string) => {
    const r = normalise({ patient: patient(), o: phq9(value) }, PATIENT_ID, NOW);
    expect(r.observations[0]?.quantity?.value).toBe(expected);
    expect(r.observations[0]?.quantity?.comparator).toBe(comparator);
    if (expected !== undefined) expect(r.observations[0]?.quantity?.unit).toBe('');
  });
});

describe('sex', () => {
  const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';
  const SNOMED = 'http://snomed.info/sct';
  it.each([
    ['gender', { gender: 'female' }, 'female'],
    [
      'individual-sex (STU9)',
      {
        extension: [
          {
            url: `${US_CORE}/us-core-individual-sex`,
            valueCoding: { system: SNOMED, code: '248153007' },
          },
        ],
      },
      'male',
    ],
    [
      'sex, valueCoding (STU8)',
      {
        extension: [
          { url: `${US_CORE}/us-core-sex`, valueCoding: { system: SNOMED, code: '248152002' } },
        ],
      },
      'female',
    ],
    [
      'sex, valueCode (STU6)',
      { extension: [{ url: `${US_CORE}/us-core-sex`, valueCode: '248153007' }] },
      'male',
    ],
    [
      'birth sex',
      { extension: [{ url: `${US_CORE}/us-core-birthsex`, valueCode: 'F' }] },
      'female',
    ],
    [
      'gender unknown, birth sex M',
      { gender: 'unknown', extension: [{ url: `${US_CORE}/us-core-birthsex`, valueCode: 'M' }] },
      'male',
    ],
    [
      'birth sex UNK',
      { extension: [{ url: `${US_CORE}/us-core-birthsex`, valueCode: 'UNK' }] },
      'unknown',
    ],
    [
      'an extension of another IG',
      { extension: [{ url: 'http://example.org/sex', valueCode: 'F' }] },
      'unknown',
    ],
  ])('from %s', (_name, fields, expected) => {
    const p = { resourceType: 'Patient', id: PATIENT_ID, birthDate: '1950-01-01', ...fields };
    expect(normalise({ patient: p }, PATIENT_ID, NOW).patient.sex).toBe(expected);
  });
});

describe('statuses read tolerantly', () => {
  const withStatus = (system: string, code: string) => ({
    resourceType: 'Condition',
    id: 'c-status',
    subject: { reference: `Patient/${PATIENT_ID}` },
    code: {
      coding: [{ system: 'http://snomed.info/sct', code: '195662009' }],
      text: 'Acute viral pharyngitis',
    },
    clinicalStatus: { coding: [{ system, code }] },
  });
  const NOTE = 'A status coded under a non-standard system URI was read by its code.';

  it.each([
    ['http://terminology.hl7.org/CodeSystem/condition-clinical', 'resolved', 'resolved', false],
    ['http://terminology.hl7.org/CodeSystem/condition-clinical ', 'resolved', 'resolved', true],
    ['https://terminology.hl7.org/CodeSystem/condition-clinical/', 'resolved', 'resolved', true],
    ['http://hl7.org/fhir/condition-clinical', 'Resolved', 'resolved', true],
    // Another CodeSystem's code, or a code the CodeSystem does not have: not read.
    [
      'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
      'resolved',
      undefined,
      false,
    ],
    ['http://hl7.org/fhir/condition-clinical', 'gone', undefined, false],
  ])('%j %s -> %s', (system, code, expected, noted) => {
    const r = normalise({ patient: patient(), c: withStatus(system, code) }, PATIENT_ID, NOW);
    expect(r.conditions[0]?.clinicalStatus).toBe(expected);
    expect(r.dataQuality.includes(NOTE)).toBe(noted);
  });
});

describe('ageInYears', () => {
  it.each([
    ['1960-06-01', '2024-06-01', 64],
    ['1960-06-02', '2024-06-01', 63],
    ['1960', '2024-06-01', 64],
    ['2030-01-01', '2024-06-01', undefined],
    ['not a date', '2024-06-01', undefined],
  ])('%s at %s is %s', (birth, at, expected) => {
    expect(ageInYears(birth, new Date(at))).toBe(expected);
  });
});

describe('dosage', () => {
  const dosed = (dosageInstruction: unknown) =>
    normalise(
      bundle(
        patient(),
        medication('oxycodone hydrochloride 5 MG Oral Tablet', 'active', undefined, {
          dosageInstruction,
        }),
      ),
      PATIENT_ID,
      NOW,
    ).medications[0];
  const tablets = (value: number, unit: string) => ({
    doseAndRate: [{ doseQuantity: { value, unit } }],
  });

  it.each([
    [
      'tablets every 4 hours, as needed',
      [
        {
          ...tablets(1, 'tablet'),
          timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } },
          asNeededBoolean: true,
        },
      ],
      '1 tablet, 1 time per 4 hours, as needed',
      { amount: 1, unit: '', perDay: 6 },
    ],
    [
      'mg twice a day',
      [{ ...tablets(10, 'mg'), timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }],
      '10 mg, 2 times per day',
      { amount: 10, unit: 'mg', perDay: 2 },
    ],
    ['a dose and no timing', [tablets(2, '{tbl}')], '2 {tbl}', { amount: 2, unit: '' }],
    [
      'a period of 0 (no doses per day)',
      [
        {
          ...tablets(1, 'tablet'),
          timing: { repeat: { frequency: 1, period: 0, periodUnit: 'h' } },
        },
      ],
      '1 tablet',
      { amount: 1, unit: '' },
    ],
    [
      'the text when given',
      [{ ...tablets(1, 'tablet'), text: 'one at night' }],
      'one at night',
      { amount: 1, unit: '' },
    ],
    [
      'the text without a SNOMED CT semantic tag',
      [{ ...tablets(1, 'tablet'), text: 'Every six hours (qualifier value)' }],
      'Every six hours',
      { amount: 1, unit: '' },
    ],
    ['no dosage', undefined, undefined, undefined],
  ])('%s', (_name, dosage, text, dose) => {
    const med = dosed(dosage);
    expect(med?.dosageText).toBe(text);
    expect(med?.dose).toEqual(dose);
  });
});
