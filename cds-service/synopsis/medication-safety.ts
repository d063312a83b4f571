/** Medication-safety alerts: renal dosing, interacting pairs, duplicate therapy, drug-allergy. */
import type { Alert } from '../contract/synopsis';
import { wholeWords } from '../text';
import { groupByConcept } from '../fhir/codes';
import type { AllergyFact, MedicationFact } from '../fhir/facts';
import {
  allergenClassesOf,
  drugList,
  ingredientsOf,
  recentLatest,
  strengthMg,
  type EngineContext,
  type LabPoint,
} from './context';
import { day, DAY_MS, monthsBetween, pointValue } from './format';
import { cleanName } from './problems';
import { LAB_BY_ID } from './kb/labs';
import { QTC } from './kb/qt';
import { buildAnticoagulationAlerts } from './anticoagulation';
import { buildPregnancyAlerts } from './pregnancy';
import { LONG_ACTING_OPIOIDS as LA, MME, OPIOID_GUIDELINE_SCOPE } from './kb/opioids';
import { inEndOfLifeCare } from './care-gaps';
import {
  ALLERGY_RULES,
  DOSE_LIMITS,
  DRUG_DISEASE,
  OLDER_ADULT_RULES,
  DUPLICATE_CLASSES,
  INTERACTIONS,
  THERAPY_CONTINUITY,
  type InteractionRule,
  RENAL_LOOKBACK_SOURCE,
  STALE_RENAL_SEVERITY,
  RENAL_RULES,
  SAME_INGREDIENT_ALLERGY,
} from './kb/medication-safety';

const refs = (xs: readonly string[]): { reference: string }[] =>
  [...new Set(xs)].map((reference) => ({ reference }));

export function buildMedicationAlerts(ctx: EngineContext): Alert[] {
  const anticoagulation = buildAnticoagulationAlerts(ctx);
  const interactionAlerts = interactions(ctx);
  return [
    ...renal(ctx, anticoagulation.doacBelowMinimumClearance),
    ...anticoagulation.alerts,
    ...buildPregnancyAlerts(ctx),
    ...interactionAlerts,
    ...longQtcOnQtDrug(ctx, interactionAlerts),
    ...doseLimits(ctx),
    ...drugDisease(ctx),
    ...olderAdults(ctx),
    ...opioidDose(ctx),
    ...longActingOpioidStart(ctx),
    ...duplicates(ctx),
    ...allergies(ctx),
    // A statement may open with a drug named by its ingredient ("warfarin with INR 6.8 ..."):
    // it is still a sentence.
  ].map((a) => ({ ...a, text: a.text.charAt(0).toUpperCase() + a.text.slice(1) }));
}

function renal(ctx: EngineContext, doacBelowMinimum: boolean): Alert[] {
  const egfr = ctx.series.get('egfr') ?? [];
  const latest = egfr[egfr.length - 1];
  const lab = LAB_BY_ID.get('egfr');
  if (!lab) return [];
  const out: Alert[] = [];
  for (const drugClass of new Set(RENAL_RULES.map((r) => r.drugClass))) {
    const meds = ctx.activeClasses.get(drugClass);
    if (!meds?.length) continue;
    // The class's rules are listed most severe first: the first the latest eGFR meets applies.
    const rules = RENAL_RULES.filter((r) => r.drugClass === drugClass);
    const lookBackDays = Math.min(...rules.map((r) => r.lookBackDays));
    const months = String(monthsBetween(0, lookBackDays * DAY_MS));
    const stale = !latest || ctx.nowMs - latest.ms > lookBackDays * DAY_MS;
    const rule = latest ? rules.find((r) => latest.value < r.egfrBelow) : undefined;
    if (latest && rule && doacBelowMinimum && rule.quietWhenDoacRuledOut) continue;
    if (latest && rule) {
      // A low eGFR stands until a newer one says otherwise (kidney function at G4 rarely
      // recovers); an old one is named as old, with the recheck it calls for.
      const age = stale ? `, over ${months} months old: recheck kidney function` : '';
      out.push({
        id: `renal-${rule.id}`,
        // An old value calls for a recheck first: it is not today's emergency.
        severity: stale && rule.severity === 'critical' ? STALE_RENAL_SEVERITY : rule.severity,
        category: 'medication-safety',
        text: `${drugList(ctx, meds)} with eGFR ${pointValue(lab, latest)} (${day(latest.iso)}${age}): ${rule.advice}`,
        evidence: refs([...meds.map((m) => m.reference), latest.reference]),
        suggestedAction: stale ? `Recheck creatinine and eGFR. ${rule.advice}` : rule.advice,
        source: stale ? `${rule.source}; ${RENAL_LOOKBACK_SOURCE}` : rule.source,
      });
    } else if (stale && rules.some((r) => r.recheckYearly)) {
      // No eGFR of the last year for a renally dosed drug: the monitoring itself is missing.
      out.push({
        id: `renal-recheck-${drugClass}`,
        severity: 'info',
        category: 'medication-safety',
        text: latest
          ? `${drugList(ctx, meds)}: the latest eGFR, ${pointValue(lab, latest)} on ${day(latest.iso)}, is over ${months} months old; recheck kidney function.`
          : `${drugList(ctx, meds)}: no eGFR or creatinine in the record; check kidney function.`,
        evidence: refs([...meds.map((m) => m.reference), ...(latest ? [latest.reference] : [])]),
        suggestedAction: 'Recheck creatinine and eGFR.',
        source: `${rules[0]?.source ?? ''}; ${RENAL_LOOKBACK_SOURCE}`,
      });
    }
  }
  return out;
}

function interactions(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  const fired = new Set<string>();
  for (const rule of INTERACTIONS) {
    const picked: MedicationFact[] = [];
    for (const group of rule.groups) {
      // Each group needs another drug: not an order already picked, nor one of the same
      // ingredients (phenelzine ordered twice is not two MAO inhibitors).
      const taken = new Set(picked.flatMap((p) => ctx.activeIngredients.get(p.reference) ?? []));
      const candidates = group
        .flatMap((c) => ctx.activeClasses.get(c) ?? [])
        .filter(
          (m) =>
            !picked.some((p) => p.reference === m.reference) &&
            !(ctx.activeIngredients.get(m.reference) ?? []).some((i) => taken.has(i)),
        );
      const first = candidates[0];
      if (!first) break;
      picked.push(first);
    }
    if (picked.length !== rule.groups.length) continue;
    fired.add(rule.id);
    const named = rule.listAll ? everyDrugOf(ctx, rule.groups) : picked;
    const lab = rule.monitoredBy === undefined ? undefined : LAB_BY_ID.get(rule.monitoredBy);
    const high = criticalReading(ctx, rule);
    if (lab && high && rule.criticalAt) {
      out.push({
        id: `interaction-${rule.id}`,
        severity: 'critical',
        category: 'medication-safety',
        text: `${rule.text} (${drugList(ctx, named)}); ${lab.name} ${pointValue(lab, high)} on ${day(high.iso)}`,
        evidence: refs([...named.map((m) => m.reference), high.reference]),
        suggestedAction: rule.advice,
        source: `${rule.source}; ${rule.criticalAt.source}`,
      });
      continue;
    }
    const check = monitoredSince(ctx, rule, named);
    const answered = check !== undefined && answers(ctx, rule, check.value);
    const risks = (rule.escalatedBy ?? []).flatMap(({ lab: id, below, lookBackDays }) => {
      const point = recentLatest(ctx, id, lookBackDays);
      const def = LAB_BY_ID.get(id);
      return point && def && point.value < below ? [{ def, point }] : [];
    });
    // A monitored value out of the normal range is a risk too: it answers nothing.
    const prolonged =
      check && lab && !answered
        ? `; ${lab.name} ${pointValue(lab, check)} on ${day(check.iso)}, above normal`
        : '';
    const escalate = risks.length > 0 || prolonged !== '';
    const severity =
      answered && !escalate
        ? 'info'
        : escalate && rule.severity === 'info'
          ? 'warning'
          : rule.severity;
    out.push({
      id: `interaction-${rule.id}`,
      severity,
      category: 'medication-safety',
      text: `${rule.text} (${drugList(ctx, named)})${answered && lab ? `; ${lab.name} checked since: ${pointValue(lab, check)} on ${day(check.iso)}` : ''}${prolonged}${risks.map((r) => `; ${r.def.name} ${pointValue(r.def, r.point)} on ${day(r.point.iso)}`).join('')}`,
      evidence: refs([
        ...named.map((m) => m.reference),
        ...(check ? [check.reference] : []),
        ...risks.map((r) => r.point.reference),
      ]),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  // A broad rule says nothing the stronger rule that fired for the same patient has not said.
  const superseded = new Set(
    INTERACTIONS.filter((r) => r.supersedes !== undefined && fired.has(r.id)).map(
      (r) => `interaction-${r.supersedes ?? ''}`,
    ),
  );
  return out.filter((a) => !superseded.has(a.id));
}

/**
 * A QTc at the critical level while one QT-prolonging drug is taken (kb QTC). With two or more,
 * the combination alert already says it.
 */
function longQtcOnQtDrug(ctx: EngineContext, interactionAlerts: readonly Alert[]): Alert[] {
  const meds = ctx.activeClasses.get(QTC.drugClass) ?? [];
  const qtRules = new Set(
    INTERACTIONS.filter((r) => r.monitoredBy === QTC.lab).map((r) => `interaction-${r.id}`),
  );
  if (meds.length === 0 || interactionAlerts.some((a) => qtRules.has(a.id))) return [];
  const point = recentLatest(ctx, QTC.lab, QTC.lookBackDays);
  const def = LAB_BY_ID.get(QTC.lab);
  if (!point || !def || point.value < QTC.critical) return [];
  return [
    {
      id: 'qt-drug-long-qtc',
      severity: 'critical',
      category: 'medication-safety',
      text: `${def.name} ${pointValue(def, point)} on ${day(point.iso)} with a QT-prolonging drug (${drugList(ctx, meds)}): torsade de pointes risk.`,
      evidence: refs([...meds.map((m) => m.reference), point.reference]),
      suggestedAction: QTC.singleDrugAdvice,
      source: QTC.source,
    },
  ];
}

/** Drugs that worsen a condition on the problem list (kb DRUG_DISEASE). */
function drugDisease(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const rule of DRUG_DISEASE) {
    const condition = rule.conditions.flatMap((c) => ctx.activeConditions.get(c) ?? [])[0];
    if (!condition) continue;
    const meds = [...new Set(rule.drugClasses.flatMap((c) => ctx.activeClasses.get(c) ?? []))];
    if (meds.length === 0) continue;
    const evidence = [condition.reference, ...meds.map((m) => m.reference)];
    if (rule.maxLab) {
      const { lab, max, lookBackDays } = rule.maxLab;
      const latest = recentLatest(ctx, lab, lookBackDays);
      if (!latest || latest.value > max) continue;
      evidence.push(latest.reference);
    }
    out.push({
      id: `drug-disease-${rule.id}`,
      severity: rule.severity,
      category: 'medication-safety',
      text: `${rule.text} (${drugList(ctx, meds)}; ${cleanName(condition.concept.text)})`,
      evidence: refs(evidence),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  return out;
}

/**
 * The day's opioid dose in MME of one order, from its strength and structured dose (kb/opioids.ts);
 * undefined when the record does not give enough to compute it.
 */
export function orderMme(m: MedicationFact): number | undefined {
  for (const ingredient of ingredientsOf(m.concept)) {
    const mg = strengthMg(m.concept, ingredient);
    if (mg === undefined) continue;
    if (
      ingredient === 'fentanyl' &&
      /transdermal|patch|mg\/hr/i.test(m.concept.text + (m.concept.coding[0]?.display ?? ''))
    ) {
      return mg * 1000 * MME.fentanylPatchPerMcgHour;
    }
    const factor = MME.factors[ingredient];
    const dose = m.dose;
    if (factor === undefined || !dose?.perDay) continue;
    const mgPerDose =
      dose.unit === '' ? dose.amount * mg : dose.unit === 'mg' ? dose.amount : undefined;
    if (mgPerDose === undefined) continue;
    return mgPerDose * dose.perDay * factor;
  }
  return undefined;
}

/** Whether the CDC 2022 opioid guideline covers this patient's pain (OPIOID_GUIDELINE_SCOPE). */
function inOpioidGuidelineScope(ctx: EngineContext): boolean {
  const { notForConditions, minAgeYears } = OPIOID_GUIDELINE_SCOPE;
  const age = ctx.record.patient.ageYears;
  if (age === undefined || age < minAgeYears) return false;
  return !notForConditions.some((c) => ctx.activeConditions.has(c)) && !inEndOfLifeCare(ctx);
}

/** Opioids totalling 50 MME a day or more with no naloxone on the list (CDC 2022). */
function opioidDose(ctx: EngineContext): Alert[] {
  const opioids = ctx.activeClasses.get('opioid') ?? [];
  if (opioids.length === 0 || ctx.activeClasses.has('naloxone')) return [];
  const known = opioids.flatMap((m) => {
    const mme = orderMme(m);
    return mme === undefined ? [] : [{ m, mme }];
  });
  const total = Math.round(known.reduce((sum, k) => sum + k.mme, 0));
  if (total < MME.naloxoneAt) return [];
  const unknown = opioids.length - known.length;
  return [
    {
      id: 'opioid-naloxone',
      severity: 'warning',
      category: 'medication-safety',
      text: `Opioids at ${String(total)} MME a day${unknown > 0 ? ` or more (${String(unknown)} order${unknown === 1 ? '' : 's'} without a dose to count)` : ''} and no naloxone: ${drugList(
        ctx,
        known.map((k) => k.m),
      )}.`,
      evidence: refs(known.map((k) => k.m.reference)),
      suggestedAction: 'Offer naloxone; reassess the benefits and risks of this dose.',
      source: MME.source,
    },
  ];
}

const LA_NAMES = wholeWords([...LA.productWords, ...LA.brands]);
const NOT_LA_NAMES = wholeWords(LA.notProductWords);

/** Whether an opioid order is an extended-release or long-acting product (kb/opioids.ts). */
function isLongActing(m: MedicationFact): boolean {
  const names = `${m.concept.text} ${m.concept.coding.map((c) => c.display ?? '').join(' ')}`;
  if (NOT_LA_NAMES.test(names)) return false;
  if (ingredientsOf(m.concept).some((i) => LA.notIngredients.includes(i))) return false;
  return LA_NAMES.test(names);
}

/**
 * An ER/LA opioid started recently with no other opioid before it: started in a patient not
 * known to take opioids (CDC 2022, recommendation 3), within the guideline's scope.
 */
function longActingOpioidStart(ctx: EngineContext): Alert[] {
  const started = (ctx.activeClasses.get('opioid') ?? []).filter(
    (m) => m.time && ctx.nowMs - m.time.ms <= LA.startedWithinDays * DAY_MS && isLongActing(m),
  );
  if (started.length === 0 || !inOpioidGuidelineScope(ctx)) return [];
  const opioidOrders = ctx.record.medications.filter((m) =>
    ctx.medClasses.get(m.reference)?.includes('opioid'),
  );
  const out: Alert[] = [];
  for (const m of started) {
    const startMs = m.time?.ms ?? 0;
    // Another opioid ordered before it: still active, or ordered within the look-back.
    const before = opioidOrders.some(
      (o) =>
        o.reference !== m.reference &&
        o.time !== undefined &&
        o.time.ms < startMs &&
        (o.active || startMs - o.time.ms <= LA.priorOpioidDays * DAY_MS),
    );
    if (before) continue;
    out.push({
      id: 'opioid-long-acting-start',
      severity: 'warning',
      category: 'medication-safety',
      text: `${m.concept.text} started ${day(m.time?.iso ?? '')} with no other opioid before it on the record: ${LA.because}.`,
      evidence: refs([m.reference]),
      suggestedAction: LA.advice,
      source: LA.source,
    });
  }
  return out;
}

/** Drugs to avoid or reconsider in older adults (kb OLDER_ADULT_RULES). */
function olderAdults(ctx: EngineContext): Alert[] {
  const age = ctx.record.patient.ageYears;
  if (age === undefined) return [];
  const out: Alert[] = [];
  for (const rule of OLDER_ADULT_RULES) {
    if (age < rule.minAge) continue;
    const meds = [...new Set(rule.drugClasses.flatMap((c) => ctx.activeClasses.get(c) ?? []))];
    if (meds.length === 0) continue;
    const evidence = meds.map((m) => m.reference);
    let shown = '';
    if (rule.belowLab) {
      const { lab, value, lookBackDays } = rule.belowLab;
      const latest = recentLatest(ctx, lab, lookBackDays);
      const def = LAB_BY_ID.get(lab);
      if (!latest || !def || latest.value >= value) continue;
      evidence.push(latest.reference);
      shown = `; ${def.name} ${pointValue(def, latest)} on ${day(latest.iso)}`;
    }
    out.push({
      id: `older-adult-${rule.id}`,
      severity: rule.severity,
      category: 'medication-safety',
      text: `${rule.text} (${drugList(ctx, meds)}${shown})`,
      evidence: refs(evidence),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  return out;
}

/** A capped drug above its cap while a drug that lowers the cap is taken (kb DOSE_LIMITS). */
function doseLimits(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  const taking = (names: readonly string[]) =>
    ctx.activeMeds.filter((m) =>
      (ctx.activeIngredients.get(m.reference) ?? []).some((i) => names.includes(i)),
    );
  for (const rule of DOSE_LIMITS) {
    const capped = taking([rule.ingredient]);
    const others = taking(rule.with);
    if (capped.length === 0 || others.length === 0) continue;
    const over = capped.filter((m) => {
      const mg = strengthMg(m.concept, rule.ingredient);
      return mg === undefined || mg > rule.maxDailyMg;
    });
    if (over.length === 0) continue;
    // A combination contraindicated at any dose needs no dose to be known.
    const known =
      rule.maxDailyMg === 0 ||
      over.every((m) => strengthMg(m.concept, rule.ingredient) !== undefined);
    out.push({
      id: `dose-limit-${rule.id}`,
      // A dose the record does not give is not known to be too high: it only informs.
      severity: known ? rule.severity : 'info',
      category: 'medication-safety',
      text: known
        ? `${rule.text} (${drugList(ctx, [...over, ...others])})`
        : `${drugList(ctx, over)} with ${drugList(ctx, others)}: the dose is not in the record; keep ${rule.ingredient} at or below ${String(rule.maxDailyMg)} mg a day.`,
      evidence: refs([...over, ...others].map((m) => m.reference)),
      suggestedAction: rule.advice,
      source: rule.source,
    });
  }
  return out;
}

/** Every active drug of a rule's groups, each once. */
function everyDrugOf(ctx: EngineContext, groups: readonly (readonly string[])[]): MedicationFact[] {
  const meds = groups.flat().flatMap((c) => ctx.activeClasses.get(c) ?? []);
  return [...new Map(meds.map((m) => [m.reference, m])).values()];
}

/** Whether a monitored value answers the rule: any value, or one below where it is abnormal. */
function answers(ctx: EngineContext, rule: InteractionRule, value: number): boolean {
  const limits = rule.answeredBelow;
  if (!limits) return true;
  const { sex } = ctx.record.patient;
  const limit =
    sex === 'male' || sex === 'female' ? limits[sex] : Math.min(limits.male, limits.female);
  return value < limit;
}

/** The latest monitored value within the look-back, when it is at the rule's critical level. */
function criticalReading(ctx: EngineContext, rule: InteractionRule): LabPoint | undefined {
  if (!rule.criticalAt || rule.monitoredBy === undefined) return undefined;
  const latest = recentLatest(ctx, rule.monitoredBy, rule.criticalAt.lookBackDays);
  return latest && latest.value >= rule.criticalAt.atLeast ? latest : undefined;
}

/** The latest result of `lab` taken after every one of the drugs' courses began, if any. */
function monitoredSince(
  ctx: EngineContext,
  rule: InteractionRule,
  meds: readonly MedicationFact[],
): LabPoint | undefined {
  if (rule.monitoredBy === undefined) return undefined;
  const latest =
    rule.monitoredWithinDays === undefined
      ? ctx.series.get(rule.monitoredBy)?.at(-1)
      : recentLatest(ctx, rule.monitoredBy, rule.monitoredWithinDays);
  const started = meds.reduce((max, m) => Math.max(max, therapyStart(ctx, m)), -Infinity);
  return latest && latest.ms >= started ? latest : undefined;
}

/**
 * When the course an order belongs to began: the earliest of the orders of the same ingredients
 * that follow one another within THERAPY_CONTINUITY.maxGapDays (monthly renewals are one course).
 */
function therapyStart(ctx: EngineContext, m: MedicationFact): number {
  if (!m.time) return Infinity;
  const ingredients = ctx.activeIngredients.get(m.reference) ?? [];
  if (ingredients.length === 0) return m.time.ms;
  const earlier = ctx.record.medications
    .filter(
      (o) =>
        o.time !== undefined &&
        (m.time?.ms ?? 0) >= o.time.ms &&
        ingredientsOf(o.concept).some((i) => ingredients.includes(i)),
    )
    .map((o) => o.time?.ms ?? 0)
    .sort((a, b) => b - a);
  let start = m.time.ms;
  for (const t of earlier) {
    if (start - t > THERAPY_CONTINUITY.maxGapDays * DAY_MS) break;
    start = Math.min(start, t);
  }
  return start;
}

function duplicates(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const rule of DUPLICATE_CLASSES) {
    const meds = ctx.activeClasses.get(rule.drugClass) ?? [];
    // One entry per drug, however many codings each order carries.
    const list = groupByConcept(meds, (m) => m.concept).flatMap((g) => g.slice(-1));
    if (list.length < 2) continue;
    const count = list.length === 2 ? 'two' : String(list.length);
    const what = rule.drugClass.replace('-', ' ');
    out.push({
      id: `duplicate-${rule.drugClass}`,
      severity: 'warning',
      category: 'medication-safety',
      text: `Possible duplicate therapy: ${count} active ${what} orders (${drugList(ctx, list)}).${rule.risk ? ` ${rule.risk.charAt(0).toUpperCase()}${rule.risk.slice(1)}.` : ''}`,
      evidence: refs(meds.map((m) => m.reference)),
      suggestedAction: rule.advice ?? 'Confirm both are intended; stop one if not.',
      source: rule.source,
    });
  }
  return out;
}

/** The classes an allergy is to, by ingredient, class words or an "allergy to" code. */
function allergenClasses(allergy: AllergyFact): Set<string> {
  const classes = new Set(allergenClassesOf(allergy.concept));
  for (const rule of ALLERGY_RULES) {
    const coded = rule.codes.some((c) =>
      allergy.concept.coding.some((x) => x.system === c.system && x.code === c.code),
    );
    if (coded) classes.add(rule.allergen);
  }
  return classes;
}

/**
 * Drug-allergy checks by ingredient and class, never by matching words of the two texts: the
 * very ingredient (critical), then the class rules of the knowledge base (its own class, and
 * cross-reactive ones such as penicillin to cephalosporin).
 */
function allergies(ctx: EngineContext): Alert[] {
  const out: Alert[] = [];
  for (const allergy of ctx.record.allergies) {
    if (!allergy.active || allergy.noKnownAllergy) continue;
    const allergyId = allergy.reference.split('/')[1] ?? '';
    const allergen = new Set(ingredientsOf(allergy.concept));
    const same = ctx.activeMeds.filter((m) =>
      (ctx.activeIngredients.get(m.reference) ?? []).some((i) => allergen.has(i)),
    );
    if (same.length > 0) {
      out.push({
        id: `allergy-same-drug-${allergyId}`.slice(0, 80),
        rule: 'allergy-same-drug',
        severity: SAME_INGREDIENT_ALLERGY.severity,
        category: 'medication-safety',
        text: `${drugList(ctx, same)} ordered despite a recorded allergy to ${allergy.concept.text}: the same drug.`,
        evidence: refs([allergy.reference, ...same.map((m) => m.reference)]),
        suggestedAction: SAME_INGREDIENT_ALLERGY.advice,
        source: SAME_INGREDIENT_ALLERGY.source,
      });
    }
    const classes = allergenClasses(allergy);
    for (const rule of ALLERGY_RULES) {
      if (!classes.has(rule.allergen)) continue;
      const meds = [
        ...new Set(rule.drugClasses.flatMap((c) => ctx.activeClasses.get(c) ?? [])),
      ].filter((m) => !same.includes(m));
      if (meds.length === 0) continue;
      out.push({
        id: `allergy-${rule.id}-${allergyId}`.slice(0, 80),
        rule: `allergy-${rule.id}`,
        severity: rule.severity,
        category: 'medication-safety',
        text: `${drugList(ctx, meds)} ordered despite a recorded allergy to ${allergy.concept.text}.`,
        evidence: refs([allergy.reference, ...meds.map((m) => m.reference)]),
        suggestedAction: rule.advice,
        source: rule.source,
      });
    }
  }
  return out;
}
