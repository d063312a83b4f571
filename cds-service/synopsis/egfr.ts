/**
 * eGFR from creatinine, the way clinicians compute it (CKD-EPI 2021): added to the eGFR series for
 * days with a creatinine and no reported eGFR. A reported eGFR is never overwritten (it may be
 * cystatin-based, or from a sample of another hour); one that cannot come from the creatinine of
 * the same day is flagged. Each computed point cites the creatinine it came from.
 */
import type { PatientFacts } from '../fhir/facts';
import { ageInYears } from '../fhir/record';
import type { LabPoint } from './context';
import { CKD_EPI_2021 as EQ } from './kb/egfr-equation';

/** eGFR (mL/min/1.73 m2) from serum creatinine (mg/dL), age and sex; CKD-EPI 2021. */
export function ckdEpi2021(
  creatinineMgDl: number,
  ageYears: number,
  sex: 'female' | 'male',
): number {
  const ratio = creatinineMgDl / EQ.kappa[sex];
  return (
    EQ.multiplier *
    Math.min(ratio, 1) ** EQ.alpha[sex] *
    Math.max(ratio, 1) ** EQ.exponentAbove *
    EQ.ageBase ** ageYears *
    (sex === 'female' ? EQ.femaleFactor : 1)
  );
}

const dayOf = (p: LabPoint): string => p.iso.slice(0, 10);

/**
 * Adds computed eGFR points to `series` (kept sorted by time) for days without a reported one,
 * counts reported ones that disagree, and says both through `note`. Nothing is computed without
 * sex, birth date or adult age.
 */
export function addComputedEgfr(
  series: Map<string, LabPoint[]>,
  patient: PatientFacts,
  note: (message: string) => void,
): void {
  const creatinine = series.get('creatinine') ?? [];
  if (creatinine.length === 0) return;
  const sex = patient.sex === 'female' || patient.sex === 'male' ? patient.sex : undefined;
  if (!sex || !patient.birthDate) {
    note('eGFR was not computed from creatinine: the record gives no sex or birth date.');
    return;
  }
  const reported = series.get('egfr') ?? [];
  const reportedByDay = new Map(reported.map((p) => [dayOf(p), p]));
  const computed: LabPoint[] = [];
  /** Reported points replaced by the lower value computed from the same day's creatinine. */
  const replaced = new Set<LabPoint>();
  const derivation = `computed from creatinine, ${EQ.name}`;
  let disagreeing = 0;
  let children = 0;
  for (const c of creatinine) {
    // A censored creatinine ("<0.3") gives no number to compute from.
    if (c.censored) continue;
    const age = ageInYears(patient.birthDate, new Date(c.ms));
    if (age === undefined || age < EQ.minAgeYears) {
      children++;
      continue;
    }
    const value = Math.round(ckdEpi2021(c.value, age, sex) * 10) / 10;
    const same = reportedByDay.get(dayOf(c));
    if (!same) {
      computed.push({ value, ms: c.ms, iso: c.iso, reference: c.reference, derivation });
    } else if (Math.abs(same.value - value) / value > EQ.disagreementFraction) {
      disagreeing++;
      if (value < same.value && !same.censored) {
        replaced.add(same);
        computed.push({
          value,
          ms: c.ms,
          iso: c.iso,
          reference: c.reference,
          derivation: `${derivation}, not the reported ${String(Math.round(same.value))}`,
        });
      }
    }
  }
  const added = computed.length - replaced.size;
  if (added > 0) {
    note(
      `eGFR computed from creatinine (${EQ.name}) where none was reported (${String(added)} result${added === 1 ? '' : 's'}); each cites its creatinine.`,
    );
  }
  if (computed.length > 0) {
    series.set(
      'egfr',
      [...reported.filter((p) => !replaced.has(p)), ...computed].sort((a, b) => a.ms - b.ms),
    );
  }
  if (disagreeing > 0) {
    note(
      `A reported eGFR differs by more than ${String(EQ.disagreementFraction * 100)}% from the one ${EQ.name} gives for the creatinine of the same day (${String(disagreeing)} result${disagreeing === 1 ? '' : 's'}): check the laboratory's equation (cystatin C, race coefficient, another sample). The lower of the two is used${replaced.size > 0 ? ` (the computed one for ${String(replaced.size)})` : ''}, the safer assumption for renally cleared drugs.`,
    );
  }
  if (children > 0) {
    note(
      `eGFR was not computed for creatinine measured before age ${String(EQ.minAgeYears)}: ${EQ.name} is for adults.`,
    );
  }
}
