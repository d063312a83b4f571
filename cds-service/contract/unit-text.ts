/**
 * How a UCUM unit of a result is written for its reader: synopses carry the UCUM code (`mm[Hg]`,
 * `Cel`), the clinician panel, the cards and the patient page show it as people write it.
 */
const UNIT_TEXT: Readonly<Record<string, string>> = {
  'mL/min/{1.73_m2}': 'mL/min/1.73m2',
  'mm[Hg]': 'mmHg',
  '{score}': '',
  '{T-score}': '',
  '{INR}': '',
  '10*3/uL': 'x10^3/uL',
  'm[IU]/L': 'mIU/L',
  Cel: '°C',
  '[degF]': '°F',
};

export function unitText(unit: string): string {
  return UNIT_TEXT[unit] ?? unit;
}
