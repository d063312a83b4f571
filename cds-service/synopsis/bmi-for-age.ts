/**
 * BMI percentiles for children and teens, computed from their BMI (CDC 2000 BMI-for-age, kb/
 * growth-charts.ts) when the record reports none for the day: an adult BMI cut-off says nothing
 * about a child, the percentile does.
 */
import type { PatientFacts } from '../fhir/facts';
import type { LabPoint } from './context';
import { DAY_MS } from './format';
import { BMI_FOR_AGE, bmiPercentile } from './kb/growth-charts';

/** Average days in a month, for an age in months as the growth charts count it. */
const MONTH_MS = 30.4375 * DAY_MS;

export function addComputedBmiPercentiles(
  series: Map<string, LabPoint[]>,
  patient: PatientFacts,
): void {
  const bmi = series.get('bmi');
  const sex = patient.sex === 'female' || patient.sex === 'male' ? patient.sex : undefined;
  const born = patient.birthDate === undefined ? NaN : Date.parse(patient.birthDate);
  if (!bmi?.length || !sex || Number.isNaN(born)) return;
  const reported = series.get('bmi-percentile') ?? [];
  const reportedDays = new Set(reported.map((p) => p.iso.slice(0, 10)));
  const derivation = `computed from BMI, ${BMI_FOR_AGE.source}`;
  const computed: LabPoint[] = [];
  for (const p of bmi) {
    if (p.censored || reportedDays.has(p.iso.slice(0, 10))) continue;
    const value = bmiPercentile(p.value, sex, (p.ms - born) / MONTH_MS);
    if (value === undefined) continue;
    computed.push({
      value: Math.round(value * 10) / 10,
      ms: p.ms,
      iso: p.iso,
      reference: p.reference,
      derivation,
    });
  }
  if (computed.length === 0) return;
  series.set(
    'bmi-percentile',
    [...reported, ...computed].sort((a, b) => a.ms - b.ms),
  );
}
