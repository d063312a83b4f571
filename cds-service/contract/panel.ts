/**
 * The panel API's request and response shapes (ours, versioned with the panel). The SMART access
 * token travels in `Authorization: Bearer`, never in a body or URL, so it stays out of logs.
 */
import { FHIR_ID } from './fhir-primitives';
import { z } from 'zod';
import { SAFETY_CATEGORIES } from './safety-categories';
import { storableString } from './storable';
import { Synopsis } from './synopsis';

const FhirId = z.string().regex(FHIR_ID, 'a FHIR id (1-64 of A-Z a-z 0-9 - .)');
const FhirBase = z.url({ protocol: /^https?$/ });

export const PanelSynopsisRequest = z.object({ fhirServer: FhirBase, patientId: FhirId });
export type PanelSynopsisRequest = z.infer<typeof PanelSynopsisRequest>;

export const PanelSynopsisResponse = z.object({
  synopsis: Synopsis,
  /** True when the synopsis computed at hook time (or an earlier panel open) was reused. */
  cached: z.boolean(),
});
export type PanelSynopsisResponse = z.infer<typeof PanelSynopsisResponse>;

export const PanelFeedbackRequest = z.object({
  fhirServer: FhirBase,
  patientId: FhirId,
  target: z.object({
    kind: z.enum(['alert', 'differential']),
    id: storableString(1, 200),
  }),
  verdict: z.enum(['agree', 'disagree']),
  /** The model that wrote the statement, as the synopsis named it. */
  model: z.object({ name: storableString(1, 200), version: storableString(1, 100) }),
});
export type PanelFeedbackRequest = z.infer<typeof PanelFeedbackRequest>;
export const SafetyReportRequest = z.object({
  fhirServer: FhirBase,
  patientId: FhirId,
  /** The statement it concerns: an alert, a differential item or another synopsis statement. */
  target: z.object({
    kind: z.enum(['alert', 'differential', 'statement']),
    id: storableString(1, 200),
  }),
  category: z.enum(SAFETY_CATEGORIES),
  /** The clinician's words; patient identifiers in it are redacted before it is stored. */
  description: storableString(1, 2000),
  model: z.object({ name: storableString(1, 200), version: storableString(1, 100) }),
});
export type SafetyReportRequest = z.infer<typeof SafetyReportRequest>;
export type SafetyReportInput = Omit<SafetyReportRequest, 'fhirServer' | 'patientId'>;

/** What the panel says in feedback; the session adds the FHIR server and the patient. */
export type PanelFeedbackInput = Omit<PanelFeedbackRequest, 'fhirServer' | 'patientId'>;
