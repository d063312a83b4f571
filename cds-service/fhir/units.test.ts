import { describe, expect, it } from 'vitest';
import { canonicalUnit, convertUnit, readQuantity } from './units';

describe('units named like Object.prototype members', () => {
  it.each(['valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%s is an unknown unit, never a prototype member',
    (unit) => {
      expect(convertUnit(5, unit, 'kg', {})).toBeUndefined();
      expect(convertUnit(5, 'kg', unit, {})).toBeUndefined();
      expect(canonicalUnit(unit)).toBe(unit);
      expect(canonicalUnit(unit.toLowerCase())).toBe(unit.toLowerCase());
    },
  );
});

describe('convertUnit', () => {
  it.each([
    { value: 5, from: 'mmol/L', to: 'mg/dL', factors: { 'mmol/L': 18.016 }, expected: 90.08 },
    {
      value: 53,
      from: 'mmol/mol',
      to: '%',
      factors: { 'mmol/mol': [0.09148, 2.152] as const },
      expected: 7.0,
    },
    { value: 130, from: 'g/L', to: 'g/dL', factors: {}, expected: 13 },
    { value: 200, from: '[lb_av]', to: 'kg', factors: {}, expected: 90.72 },
    { value: 98.6, from: '[degF]', to: 'Cel', factors: {}, expected: 37 },
    { value: 7, from: '%', to: '%', factors: {}, expected: 7 },
    { value: 5, from: '10*9/L', to: '10*3/uL', factors: {}, expected: 5 },
    { value: 2, from: 'm', to: 'cm', factors: {}, expected: 200 },
    { value: 70, from: 'mL/min', to: 'mL/min/{1.73_m2}', factors: {}, expected: 70 },
    { value: 4.1, from: 'meq/L', to: 'mmol/L', factors: { 'meq/L': 1 }, expected: 4.1 },
  ])('$value $from -> $to', ({ value, from, to, factors, expected }) => {
    expect(convertUnit(value, from, to, factors)).toBeCloseTo(expected, 1);
  });

  it('returns undefined for units it does not know', () => {
    expect(convertUnit(5, 'furlongs', 'mg/dL')).toBeUndefined();
  });

  it.each([
    ['mmol/L', 'mg/dL', 'molar to mass needs the analyte (knowledge base)'],
    ['meq/L', 'mmol/L', 'equivalents need the charge (knowledge base)'],
    ['kg', 'cm', 'different dimensions'],
    ['{score}', '%', 'a score is not a percentage'],
    ['1', '%', 'a ratio is read as a percentage only by the knowledge base'],
  ])('does not convert %s to %s without the knowledge base: %s', (from, to) => {
    expect(convertUnit(7, from, to)).toBeUndefined();
  });
});

describe('readQuantity', () => {
  it.each([
    [
      { value: 120, system: 'http://unitsofmeasure.org', code: 'mm[Hg]', unit: 'mmHg' },
      { value: 120, unit: 'mm[Hg]' },
    ],
    [
      { value: 120, unit: 'mmHg' },
      { value: 120, unit: 'mm[Hg]' },
    ],
    [
      { value: 5.5, unit: 'mmol/l' },
      { value: 5.5, unit: 'mmol/L' },
    ],
    [{ value: 3 }, { value: 3, unit: '' }],
  ])('reads %j', (input, expected) => {
    expect(readQuantity(input)).toEqual(expected);
  });

  it.each([[{ value: '12' }], [{ value: Number.NaN }], [null], ['5 mg']])(
    'rejects malformed %j',
    (input) => {
      expect(readQuantity(input)).toBeUndefined();
    },
  );

  it('maps free-text aliases to UCUM', () => {
    expect(canonicalUnit(' kg/m² ')).toBe('kg/m2');
  });

  // Spellings analysers and EHRs print for cell counts and others, as sent in Quantity.unit.
  it.each([
    ['K/uL', '10*3/uL'],
    ['x10E3/uL', '10*3/uL'],
    ['10^3/uL', '10*3/uL'],
    ['10*3/uL', '10*3/uL'],
    ['thou/uL', '10*3/uL'],
    ['x10E9/L', '10*9/L'],
    ['M/uL', '10*6/uL'],
    ['x10E12/L', '10*12/L'],
    ['mEq/L', 'meq/L'],
    ['mg/dl', 'mg/dL'],
    ['per HPF', '/[HPF]'],
    ['mL/min/1.73m2', 'mL/min/{1.73_m2}'],
  ])('reads the unit %s as %s', (unit, ucum) => {
    expect(readQuantity({ value: 1, unit })).toEqual({ value: 1, unit: ucum });
  });
});
