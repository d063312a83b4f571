/**
 * Units: UCUM codes (https://ucum.org/ucum) are the canonical form. Free-text units that EHRs send
 * instead of UCUM codes are mapped when unambiguous; conversions that do not depend on the analyte
 * live here, analyte-specific ones (glucose mmol/L -> mg/dL) come from the knowledge base.
 */
import { isObject, num, str } from './raw';
import { SYSTEMS } from './codes';
import { clip } from '../text';

export interface Quantity {
  value: number;
  /** UCUM code when known, else the unit text as sent; `''` for a dimensionless number. */
  unit: string;
}

/** Common non-UCUM spellings mapped to their UCUM code. */
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
  'mmol/l': 'mmol/L',
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'u/l': 'U/L',
  'umol/l': 'umol/L',
  'µmol/l': 'umol/L',
  'meq/l': 'meq/L',
  'mg/mmol': 'mg/mmol',
  'mg/g': 'mg/g',
  'pg/ml': 'pg/mL',
  'ng/l': 'ng/L',
  'miu/l': 'm[IU]/L',
  'uiu/ml': 'u[IU]/mL',
  'µiu/ml': 'u[IU]/mL',
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
  return { value, unit: canonicalUnit(text) };
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

type Conversion = (value: number) => number;

/** Conversions between units of one dimension, independent of the analyte. */
const GENERIC: Readonly<Record<string, Conversion>> = {
  'g/L->g/dL': (v) => v / 10,
  'mg/L->mg/dL': (v) => v / 10,
  'mmol/L->meq/L': (v) => v,
  'meq/L->mmol/L': (v) => v,
  '[lb_av]->kg': (v) => v * 0.45359237,
  'g->kg': (v) => v / 1000,
  '[in_i]->cm': (v) => v * 2.54,
  'm->cm': (v) => v * 100,
  '[degF]->Cel': (v) => ((v - 32) * 5) / 9,
  'mL/min->mL/min/{1.73_m2}': (v) => v,
  'ng/mL->ug/L': (v) => v,
  'ug/L->ng/mL': (v) => v,
  'pg/mL->ng/L': (v) => v,
  'ng/L->pg/mL': (v) => v,
  'u[IU]/mL->m[IU]/L': (v) => v,
  'm[IU]/L->u[IU]/mL': (v) => v,
  '10*3/uL->10*9/L': (v) => v,
  '10*9/L->10*3/uL': (v) => v,
  '10*6/uL->10*12/L': (v) => v,
  '10*12/L->10*6/uL': (v) => v,
};

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
  const pair = `${from}->${to}`;
  const generic = Object.hasOwn(GENERIC, pair) ? GENERIC[pair] : undefined;
  return generic ? generic(value) : undefined;
}
