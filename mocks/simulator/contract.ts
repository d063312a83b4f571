/**
 * The simulator page's API (`/simulator/api/*`), as zod schemas that the server answers with and
 * the page parses with. Card shapes come from the one CDS Hooks contract of the project.
 */
import { z } from 'zod';
import { Action, Card, FeedbackItem } from '../../cds-service/contract/cds-hooks';

const nonEmpty = z.string().min(1);

export const PatientListItem = z.object({
  id: nonEmpty,
  name: z.string(),
  birthDate: z.string().nullable(),
  ageYears: z.number().int().nullable(),
  sex: z.string(),
  /** The few active problems a clinician would pick the patient by. */
  problems: z.array(z.string()),
  resourceCount: z.number().int(),
});
export type PatientListItem = z.infer<typeof PatientListItem>;
export const PatientList = z.object({ patients: z.array(PatientListItem) });

export const ChartProblem = z.object({ text: z.string(), onset: z.string().nullable() });
export const ChartResult = z.object({
  text: z.string(),
  value: z.string(),
  /** v3 interpretation code (`H`, `L`, `HH`, `LL`, `A`), or null when normal or unknown. */
  flag: z.string().nullable(),
  date: z.string().nullable(),
});
export type ChartResult = z.infer<typeof ChartResult>;
export const Chart = z.object({
  patient: PatientListItem,
  problems: z.array(ChartProblem),
  results: z.array(ChartResult),
  medications: z.array(z.string()),
  allergies: z.array(z.string()),
});
export type Chart = z.infer<typeof Chart>;

export const RegisteredService = z.object({
  /** The simulator's handle for the service: base URL and id together. */
  key: nonEmpty,
  baseUrl: nonEmpty,
  id: nonEmpty,
  hook: nonEmpty,
  title: z.string().nullable(),
  description: z.string(),
  prefetch: z.record(z.string(), z.string()),
});
export type RegisteredService = z.infer<typeof RegisteredService>;
export const ServiceList = z.object({ services: z.array(RegisteredService) });

export const RegisterServiceBody = z.object({ url: nonEmpty.max(2048) });

export const FireHookBody = z.object({ patientId: nonEmpty.max(64) });

/** One call of one hook to one service, as the page shows it (the access token redacted). */
export const HookRun = z.object({
  serviceKey: nonEmpty,
  serviceTitle: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  /** Round trip of the hook POST alone, in milliseconds. */
  ms: z.number().nullable(),
  /** Time the EHR spent filling the prefetch templates from its FHIR server. */
  prefetchMs: z.number(),
  cards: z.array(Card),
  /** Why the call gave no cards, in words (network failure, non-2xx answer, invalid response). */
  error: z.string().nullable(),
  request: z.unknown(),
  response: z.unknown(),
});
export type HookRun = z.infer<typeof HookRun>;
export const HookRuns = z.object({ runs: z.array(HookRun) });

export const FeedbackBody = z.object({ serviceKey: nonEmpty, feedback: FeedbackItem });
export type FeedbackBody = z.infer<typeof FeedbackBody>;
/** The service's HTTP status for the feedback it was sent. */
export const FeedbackAnswer = z.object({ status: z.number().int() });

export const ApplyActionsBody = z.object({
  patientId: nonEmpty.max(64),
  actions: z.array(Action).max(20),
});
export const AppliedAction = z.object({
  type: z.string(),
  resourceType: z.string().nullable(),
  /** `Type/id` of what the FHIR server created, or null when the action was not applied. */
  reference: z.string().nullable(),
  problem: z.string().nullable(),
});
export type AppliedAction = z.infer<typeof AppliedAction>;
export const AppliedActions = z.object({ applied: z.array(AppliedAction) });

export const LaunchBody = z.object({
  patientId: nonEmpty.max(64),
  url: nonEmpty.max(2048),
  appContext: z.string().max(8192).optional(),
});
export const LaunchAnswer = z.object({ url: z.string() });

/** The service's error answer (`cds-service/http/error-handler.ts`): a code and words to show. */
export const SimulatorError = z.object({ error: z.string(), message: z.string() });
