/**
 * Units: UCUM codes (https://ucum.org/ucum) are the canonical form. Free-text units that EHRs send
 * instead of UCUM codes are mapped when unambiguous (`ALIASES`); conversions within a dimension
 * come from NLM's UCUM library (@lhncbc/ucum-lhc), analyte-specific ones (glucose mmol/L ->
 * mg/dL, potassium meq/L -> mmol/L) from the knowledge base.
 */
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { isObject, num, str } from './raw';
import { SYSTEMS } from './codes';
import { clip } from '../text';

export type Comparator = '<' | '<=' | '>=' | '>';

export interface Quantity {
  value: number;
  /** UCUM code when known, else the unit text as sent; `''` for a dimensionless number. */
  unit: string;
  /** The value is a bound (FHIR Quantity.comparator): `<15` is below 15, not 15. */
  comparator?: Comparator;
}

const COMPARATORS: ReadonlySet<string> = new Set(['<', '<=', '>=', '>']);

/** A FHIR Quantity comparator, or undefined for anything else. */
export const readComparator = (v: unknown): Comparator | undefined =>
  typeof v === 'string' && COMPARATORS.has(v) ? (v as Comparator) : undefined;

/**
 * Non-UCUM spellings that EHRs and laboratory systems send, lower-cased, mapped to their UCUM code.
 * Some are valid UCUM meaning something else (`K/uL` is kelvin per microlitre): in a lab result
 * they mean thousands per microlitre, and are read so.
 */
const ALIASES: Readonly<Record<string, string>> = {
  mmhg: 'mm[Hg]',
  'mm hg': 'mm[Hg]',
  'kg/m²': 'kg/m2',
  'kg/m^2': 'kg/m2',
  lb: '[lb_av]',
  lbs: '[lb_av]',
  in: '[in_i]',
  inch: '[in_i]',
  '°c': 'Cel',
  degc: 'Cel',
  '°f': '[degF]',
  degf: '[degF]',
  bpm: '/min',
  'beats/min': '/min',
  'breaths/min': '/min',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/1.73 m2': 'mL/min/{1.73_m2}',
  'ml/min/1.73m²': 'mL/min/{1.73_m2}',
  'ml/min/{1.73_m2}': 'mL/min/{1.73_m2}',
  'mmol/l': 'mmol/L',
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'u/l': 'U/L',
  'iu/l': '[IU]/L',
  'umol/l': 'umol/L',
  'µmol/l': 'umol/L',
  'μmol/l': 'umol/L',
  'meq/l': 'meq/L',
  'mg/mmol': 'mg/mmol',
  'mg/g': 'mg/g',
  'pg/ml': 'pg/mL',
  'ng/l': 'ng/L',
  'ng/ml': 'ng/mL',
  'nmol/l': 'nmol/L',
  'miu/l': 'm[IU]/L',
  'uiu/ml': 'u[IU]/mL',
  'µiu/ml': 'u[IU]/mL',
  fl: 'fL',
  // Cell counts: thousands (and millions) per microlitre, in the spellings analysers print.
  'k/ul': '10*3/uL',
  'k/µl': '10*3/uL',
  'k/mm3': '10*3/uL',
  'x10e3/ul': '10*3/uL',
  'x10^3/ul': '10*3/uL',
  '10^3/ul': '10*3/uL',
  '10e3/ul': '10*3/uL',
  'thou/ul': '10*3/uL',
  '10*3/ul': '10*3/uL',
  'x10e9/l': '10*9/L',
  'x10^9/l': '10*9/L',
  '10^9/l': '10*9/L',
  '10*9/l': '10*9/L',
  'm/ul': '10*6/uL',
  'mil/ul': '10*6/uL',
  'x10e6/ul': '10*6/uL',
  'x10^6/ul': '10*6/uL',
  '10^6/ul': '10*6/uL',
  '10*6/ul': '10*6/uL',
  'x10e12/l': '10*12/L',
  'x10^12/l': '10*12/L',
  '10^12/l': '10*12/L',
  '10*12/l': '10*12/L',
  '/hpf': '/[HPF]',
  'per hpf': '/[HPF]',
  '/lpf': '/[LPF]',
};

/**
 * Larger than any clinical measurement in any unit (cells per litre stay below 1e13): such a value
 * is malformed, and keeping it would let unit conversion and rounding overflow to Infinity/NaN.
 */
const MAX_QUANTITY = 1e15;
const MAX_UNIT_LENGTH = 64;

/** Reads a FHIR Quantity: the UCUM `code` when its system is UCUM, else the `unit` text. */
export function readQuantity(v: unknown): Quantity | undefined {
  if (!isObject(v)) return undefined;
  const value = num(v.value);
  if (value === undefined || Math.abs(value) > MAX_QUANTITY) return undefined;
  const code = str(v.code);
  const ucum = str(v.system) === SYSTEMS.ucum || str(v.system) === undefined ? code : undefined;
  // Units are short; a longer one is garbage and must not grow the canonical-unit memo.
  const text = clip(ucum ?? str(v.unit) ?? code ?? '', MAX_UNIT_LENGTH);
  const comparator = readComparator(v.comparator);
  const unit = canonicalUnit(text);
  return comparator ? { value, unit, comparator } : { value, unit };
}

const CANONICAL = new Map<string, string>();

export function canonicalUnit(unit: string): string {
  const known = CANONICAL.get(unit);
  if (known !== undefined) return known;
  const trimmed = unit.trim();
  // Own keys only: a unit spelled "constructor" must not find Object.prototype's member.
  const alias = trimmed.toLowerCase();
  const canonical = Object.hasOwn(ALIASES, alias) ? (ALIASES[alias] ?? trimmed) : trimmed;
  // Units are a small vocabulary; the bound only guards against garbage input.
  if (CANONICAL.size < 10_000) CANONICAL.set(unit, canonical);
  return canonical;
}

const UCUM = UcumLhcUtils.getInstance();

/**
 * Percentages, ratios and scores (`%`, `1`, `{score}`): UCUM converts between them (7 `{score}`
 * is 700 %), but what they mean depends on the analyte, so only the knowledge base converts them.
 */
const DIMENSIONLESS = /^(%|1|\{[^{}]*\})$/;

/** Linear conversions `value * scale + offset` between two UCUM units, learnt once per pair. */
const LINEAR = new Map<string, readonly [number, number] | null>();

/**
 * `from` -> `to` as `[scale, offset]` from the UCUM library (two points of the line, so that
 * temperature's offset is kept), or null when the units are of different dimensions or unknown.
 */
function linearConversion(from: string, to: string): readonly [number, number] | null {
  const key = `${from}->${to}`;
  const known = LINEAR.get(key);
  if (known !== undefined) return known;
  const line = DIMENSIONLESS.test(from) || DIMENSIONLESS.test(to) ? null : ucumLine(from, to);
  // Units come from the record: the memo is bounded like the canonical-unit one.
  if (LINEAR.size < 10_000) LINEAR.set(key, line);
  return line;
}

function ucumLine(from: string, to: string): readonly [number, number] | null {
  try {
    const at0 = UCUM.convertUnitTo(from, 0, to);
    const at1 = UCUM.convertUnitTo(from, 1, to);
    if (at0.status !== 'succeeded' || at1.status !== 'succeeded') return null;
    if (typeof at0.toVal !== 'number' || typeof at1.toVal !== 'number') return null;
    // Twelve significant digits: 10*9/L -> 10*3/uL is 1, not 1.0000000000000002.
    const exact = (x: number): number => Number(x.toPrecision(12));
    return [exact(at1.toVal - at0.toVal), exact(at0.toVal)];
  } catch {
    // The library throws on some malformed unit strings rather than reporting them.
    return null;
  }
}

/**
 * `value` in `from` expressed in `to`, or undefined when the engine does not know how. `factors`
 * are analyte-specific conversions keyed by the source unit: a multiplier, or `[scale, offset]`.
 */
export function convertUnit(
  value: number,
  from: string,
  to: string,
  factors: Readonly<Record<string, number | readonly [number, number]>> = {},
): number | undefined {
  if (from === to) return value;
  // Own keys only: units come from the record, and "valueOf" is not a conversion factor.
  const factor = Object.hasOwn(factors, from) ? factors[from] : undefined;
  if (typeof factor === 'number') return value * factor;
  if (Array.isArray(factor)) return value * factor[0] + factor[1];
  const line = linearConversion(from, to);
  return line ? value * line[0] + line[1] : undefined;
}
