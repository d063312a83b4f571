/**
 * The CDS Hooks 2.0 contract as zod schemas, written from the specification
 * (https://cds-hooks.hl7.org/2.0/). Requests are parsed with these at the edge; the service's own
 * responses are checked against them in tests. Unknown members are kept (`looseObject`) because the
 * spec lets both sides add `extension` and clients send fields we do not use.
 */
import { FHIR_ID, referenceTo } from './fhir-primitives';
import { z } from 'zod';
import { StorableInstant, storableString } from './storable';

const nonEmpty = z.string().min(1);

/** CDS Hooks Coding: `code` and `system` required; `display` required where the spec says so. */
export const Coding = z.looseObject({
  code: nonEmpty,
  system: nonEmpty,
  display: z.string().optional(),
});
export type Coding = z.infer<typeof Coding>;
export const DisplayedCoding = Coding.extend({ display: nonEmpty });

// ---- discovery (spec: "Discovery") ------------------------------------------------------------

export const ServiceDefinition = z.looseObject({
  hook: nonEmpty,
  title: z.string().optional(),
  description: nonEmpty,
  id: nonEmpty.regex(/^[A-Za-z0-9._~-]+$/, 'a service id must be URL-safe'),
  prefetch: z.record(z.string(), nonEmpty).optional(),
  usageRequirements: z.string().optional(),
});
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;

export const DiscoveryResponse = z.looseObject({ services: z.array(ServiceDefinition) });
export type DiscoveryResponse = z.infer<typeof DiscoveryResponse>;

// ---- request (spec: "Calling a CDS Service") --------------------------------------------------

export const FhirAuthorization = z.looseObject({
  access_token: nonEmpty,
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().nonnegative(),
  scope: nonEmpty,
  subject: nonEmpty,
  patient: z.string().optional(),
});
export type FhirAuthorization = z.infer<typeof FhirAuthorization>;

const absoluteHttpUrl = z.url({ protocol: /^https?$/ });

/**
 * A prefetch value is a FHIR resource, or null when the client could not fetch it. Kept as
 * `unknown` here (the spec's own example sends a bare string); the FHIR normaliser reads only
 * what is a resource and ignores the rest.
 */
const PrefetchValue = z.unknown();

export const HookRequest = z
  .looseObject({
    hook: nonEmpty,
    hookInstance: nonEmpty,
    fhirServer: absoluteHttpUrl.optional(),
    fhirAuthorization: FhirAuthorization.optional(),
    context: z.record(z.string(), z.unknown()),
    prefetch: z.record(z.string(), PrefetchValue).optional(),
  })
  .refine((r) => r.fhirAuthorization === undefined || r.fhirServer !== undefined, {
    message: 'fhirAuthorization is only meaningful together with fhirServer',
    path: ['fhirServer'],
  });
export type HookRequest = z.infer<typeof HookRequest>;

/** Context of the `patient-view` hook (hooks library, patient-view 2.0). */
export const PatientViewContext = z.looseObject({
  userId: z
    .string()
    .regex(
      referenceTo(['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson']),
      'userId must be a Practitioner, PractitionerRole, Patient or RelatedPerson reference',
    ),
  patientId: z.string().regex(FHIR_ID, 'patientId must be a FHIR id'),
  encounterId: z.string().regex(FHIR_ID, 'encounterId must be a FHIR id').optional(),
});
export type PatientViewContext = z.infer<typeof PatientViewContext>;

// ---- response (spec: "CDS Service Response") --------------------------------------------------

export const Action = z
  .looseObject({
    type: z.enum(['create', 'update', 'delete']),
    description: z.string().optional(),
    resource: z.looseObject({ resourceType: nonEmpty }).optional(),
    resourceId: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
  })
  .refine((a) => a.type === 'delete' || a.resource !== undefined, {
    message: 'create and update actions carry a resource',
    path: ['resource'],
  })
  .refine((a) => a.type !== 'delete' || a.resourceId !== undefined, {
    message: 'delete actions carry a resourceId',
    path: ['resourceId'],
  });
export type Action = z.infer<typeof Action>;

export const Suggestion = z.looseObject({
  label: nonEmpty,
  uuid: z.string().optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(Action).optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Source = z.looseObject({
  label: nonEmpty,
  url: z.url().optional(),
  icon: z.url().optional(),
  topic: Coding.optional(),
});
export type Source = z.infer<typeof Source>;

export const Link = z
  .looseObject({
    label: nonEmpty,
    url: z.url(),
    type: z.enum(['absolute', 'smart']),
    appContext: z.string().optional(),
    autolaunchable: z.boolean().optional(),
  })
  .refine((l) => l.type === 'smart' || l.appContext === undefined, {
    message: 'appContext is only allowed on smart links',
    path: ['appContext'],
  });
export type Link = z.infer<typeof Link>;

export const Card = z
  .looseObject({
    uuid: z.string().optional(),
    summary: nonEmpty.max(139, 'summary must be shorter than 140 characters'),
    detail: z.string().optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: Source,
    suggestions: z.array(Suggestion).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(DisplayedCoding).optional(),
    links: z.array(Link).optional(),
  })
  .refine((c) => !c.suggestions?.length || c.selectionBehavior !== undefined, {
    message: 'selectionBehavior is required when a card has suggestions',
    path: ['selectionBehavior'],
  });
export type Card = z.infer<typeof Card>;

export const HookResponse = z.looseObject({
  cards: z.array(Card),
  systemActions: z.array(Action).optional(),
});
export type HookResponse = z.infer<typeof HookResponse>;

// ---- feedback (spec: "Feedback") -------------------------------------------------------------

export const FeedbackItem = z
  .looseObject({
    // Kept in the governance store as sent: only what it can hold is accepted.
    card: storableString(1, 200),
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id: storableString(1, 200) })).optional(),
    overrideReason: z
      .looseObject({
        reason: Coding.extend({
          code: storableString(1, 200),
          system: storableString(1, 500),
        }).optional(),
        userComment: storableString(0, 10_000).optional(),
      })
      .optional(),
    outcomeTimestamp: StorableInstant,
  })
  .refine((f) => f.outcome === 'accepted' || f.acceptedSuggestions === undefined, {
    message: 'acceptedSuggestions only go with outcome "accepted"',
    path: ['acceptedSuggestions'],
  })
  .refine((f) => f.outcome === 'overridden' || f.overrideReason === undefined, {
    message: 'overrideReason only goes with outcome "overridden"',
    path: ['overrideReason'],
  });
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const FeedbackRequest = z.looseObject({ feedback: z.array(FeedbackItem).min(1) });
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

/** A short, readable list of what is wrong, for a 400 answer a client developer can act on. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => {
    const where = i.path.length ? i.path.join('.') : '(body)';
    return `${where}: ${i.message}`;
  });
}
