/** Condition and AllergyIntolerance readers. */
import { codeIn, readConcept, SYSTEMS, type Concept } from './codes';
import type { AllergyFact, ConditionFact } from './facts';
import { FUTURE_SLACK_MS, type ReadContext } from './read-context';
import { arr, firstInstant, isObject, text, type RawResource } from './raw';

const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION =
  'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** The codes of each status CodeSystem (FHIR R4), for reading a coding whose system is mistyped. */
const STATUS_CODES: Readonly<Record<string, ReadonlySet<string>>> = {
  [SYSTEMS.conditionClinical]: new Set([
    'active',
    'recurrence',
    'relapse',
    'inactive',
    'remission',
    'resolved',
  ]),
  [SYSTEMS.conditionVerification]: new Set([
    'unconfirmed',
    'provisional',
    'differential',
    'confirmed',
    'refuted',
    'entered-in-error',
  ]),
  [ALLERGY_CLINICAL]: new Set(['active', 'inactive', 'resolved']),
  [ALLERGY_VERIFICATION]: new Set(['unconfirmed', 'confirmed', 'refuted', 'entered-in-error']),
};

/** `http://x/CodeSystem/condition-clinical/` -> `condition-clinical`: the part EHRs rarely mistype. */
const lastSegment = (uri: string): string =>
  uri.trim().toLowerCase().split('/').filter(Boolean).at(-1) ?? '';

/**
 * A status code read tolerantly: the coding of `system` if there is one; else one whose system
 * ends in the same CodeSystem name (a trailing space or slash, `https`, the STU3 URI
 * `http://hl7.org/fhir/condition-clinical`) and whose code is one of that CodeSystem's, noted.
 */
function statusCode(value: unknown, system: string, ctx: ReadContext): string | undefined {
  const concept = readConcept(value, ctx.note);
  const exact = codeIn(concept, system);
  if (exact !== undefined) return exact;
  const codes = STATUS_CODES[system];
  const name = lastSegment(system);
  const near = concept?.coding.find(
    (c) => lastSegment(c.system) === name && codes?.has(c.code.trim().toLowerCase()),
  );
  if (!near) return undefined;
  ctx.note('A status coded under a non-standard system URI was read by its code.');
  return near.code.trim().toLowerCase();
}

export function readCondition(
  r: RawResource,
  reference: string,
  ctx: ReadContext,
): ConditionFact | undefined {
  const concept = readConcept(r.code, ctx.note);
  if (!concept) {
    ctx.skip('no code', 'A Condition without a code was skipped.');
    return undefined;
  }
  const verificationStatus = statusCode(r.verificationStatus, SYSTEMS.conditionVerification, ctx);
  if (verificationStatus === 'entered-in-error' || verificationStatus === 'refuted') {
    ctx.skip(`verification status ${verificationStatus}`);
    return undefined;
  }
  const onset = firstInstant(r, ['onsetDateTime', 'onsetPeriod', 'recordedDate']);
  const future = onset !== undefined && onset.ms > ctx.nowMs + FUTURE_SLACK_MS;
  if (future) ctx.note('A Condition with an onset date in the future was kept without its onset.');
  const abatement = firstInstant(r, ['abatementDateTime', 'abatementPeriod']);
  const clinicalStatus =
    statusCode(r.clinicalStatus, SYSTEMS.conditionClinical, ctx) ??
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
    ctx.skip('no code', 'An AllergyIntolerance without a code was skipped.');
    return undefined;
  }
  const verificationStatus = statusCode(r.verificationStatus, ALLERGY_VERIFICATION, ctx);
  if (verificationStatus === 'entered-in-error' || verificationStatus === 'refuted') {
    ctx.skip(`verification status ${verificationStatus}`);
    return undefined;
  }
  const clinicalStatus = statusCode(r.clinicalStatus, ALLERGY_CLINICAL, ctx);
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
