/** Condition and AllergyIntolerance readers. */
import { codeIn, readConcept, SYSTEMS, type Concept } from './codes';
import type { AllergyFact, ConditionFact } from './facts';
import { FUTURE_SLACK_MS, type ReadContext } from './read-context';
import { arr, firstInstant, isObject, text, type RawResource } from './raw';

const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION =
  'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

export function readCondition(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
): ConditionFact | undefined {
  const concept = readConcept(r.code, ctx.note);
  if (!concept) {
    ctx.note('A Condition without a code was skipped.');
    return undefined;
  }
  const verificationStatus = codeIn(
    readConcept(r.verificationStatus, ctx.note),
    SYSTEMS.conditionVerification,
  );
  if (verificationStatus === 'entered-in-error' || verificationStatus === 'refuted')
    return undefined;
  const onset = firstInstant(r, ['onsetDateTime', 'onsetPeriod', 'recordedDate']);
  const future = onset !== undefined && onset.ms > ctx.nowMs + FUTURE_SLACK_MS;
  if (future) ctx.note('A Condition with an onset date in the future was kept without its onset.');
  const abatement = firstInstant(r, ['abatementDateTime', 'abatementPeriod']);
  const clinicalStatus =
    codeIn(readConcept(r.clinicalStatus, ctx.note), SYSTEMS.conditionClinical) ??
    // FHIR R4: a Condition with an abatement and no clinicalStatus is not active.
    (abatement ? 'resolved' : undefined);
  return {
    reference,
    concept,
    clinicalStatus,
    verificationStatus,
    onset: future ? undefined : onset?.iso,
    abatement: abatement?.iso,
    onsetMs: future ? undefined : onset?.ms,
  };
}

/** SNOMED CT codes that state the absence of allergies rather than an allergy. */
const NO_KNOWN_ALLERGY = new Set([
  '716186003', // No known allergy
  '409137002', // No known drug allergy
  '428607008', // No known environmental allergy
  '429625007', // No known food allergy
]);

export function readAllergy(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
): AllergyFact | undefined {
  const concept = readConcept(r.code, ctx.note);
  if (!concept) {
    ctx.note('An AllergyIntolerance without a code was skipped.');
    return undefined;
  }
  const verificationStatus = codeIn(
    readConcept(r.verificationStatus, ctx.note),
    ALLERGY_VERIFICATION,
  );
  if (verificationStatus === 'entered-in-error' || verificationStatus === 'refuted')
    return undefined;
  const clinicalStatus = codeIn(readConcept(r.clinicalStatus, ctx.note), ALLERGY_CLINICAL);
  const reactions = arr(r.reaction)
    .filter(isObject)
    .map((x) => ({
      manifestations: arr(x.manifestation)
        .map((c) => readConcept(c, ctx.note))
        .filter((c): c is Concept => c !== undefined),
      severity: text(x.severity, ctx.note),
    }));
  return {
    reference,
    concept,
    clinicalStatus,
    verificationStatus,
    criticality: text(r.criticality, ctx.note),
    type: text(r.type, ctx.note),
    categories: arr(r.category).filter((c): c is string => typeof c === 'string'),
    reactions,
    recorded: firstInstant(r, ['recordedDate', 'onsetDateTime', 'onsetPeriod']),
    noKnownAllergy: concept.coding.some(
      (c) => c.system === SYSTEMS.snomed && NO_KNOWN_ALLERGY.has(c.code),
    ),
    active: clinicalStatus === undefined || clinicalStatus === 'active',
  };
}
