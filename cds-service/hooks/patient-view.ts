/**
 * The `patient-view` service: prefetch (completed from the FHIR server when partial) ->
 * PatientRecord -> Synopsis -> cards. Hooks library: https://cds-hooks.org/hooks/patient-view/
 */
import { isPatient } from '../fhir/patient';
import type { SynopsisCache } from '../cache/synopsis-cache';
import { normaliseBaseUrl } from '../config';
import {
  PatientViewContext,
  describeIssues,
  type HookRequest,
  type Source,
} from '../contract/cds-hooks';
import type { PrefetchCompletion } from './complete-prefetch';
import { createFhirClient } from '../fhir-client/fhir-client';
import { ApiError } from '../errors';
import type { Logger } from '../log';
import type { ModelProvider } from '../providers/provider';
import { buildCards } from './cards';
import { PATIENT_VIEW_PREFETCH, runPipeline } from './synopsis-pipeline';
import type { CdsService, HookCall } from './service';

export const PATIENT_VIEW_SERVICE_ID = 'patient-synopsis';

export interface PatientViewDeps {
  provider: ModelProvider;
  cache: SynopsisCache;
  logger: Logger;
  now: () => Date;
  maxCards: number;
  /** `source.label` of every card; its `url` is the model card with the source attributes. */
  sourceLabel: string;
  panelLaunchUrl: string | undefined;
  /** Hard deadline for fetching what the prefetch lacks; after it, the hook uses what it has. */
  deadlineMs: number;
  /** How long to wait for a slow model (an LLM) before answering with the engine's cards. */
  modelBudgetMs?: number | undefined;
  fhirMaxResources: number;
  fetch?: typeof fetch;
}

export function createPatientViewService(deps: PatientViewDeps): CdsService {
  const templates: Record<string, string> = PATIENT_VIEW_PREFETCH;
  return {
    definition: {
      hook: 'patient-view',
      id: PATIENT_VIEW_SERVICE_ID,
      title: 'Patient synopsis',
      description:
        'Summarises the patient record into a problem-oriented synopsis with alerts, care gaps and a differential diagnosis; every statement cites its FHIR sources.',
      prefetch: { ...templates },
      usageRequirements:
        'Send the prefetch above, or fhirServer with fhirAuthorization (patient/*.read scopes) so the service can fetch what is missing.',
    },
    async handle(request: HookRequest, call: HookCall) {
      const parsed = PatientViewContext.safeParse(request.context);
      if (!parsed.success) {
        throw new ApiError(
          'bad_request',
          'The patient-view context is invalid.',
          describeIssues(parsed.error),
        );
      }
      const context = parsed.data;
      const server = trustedServer(request, call);
      const { completion, synopsis, finish } = await runPipeline(
        {
          patientId: context.patientId,
          prefetch: request.prefetch,
          client:
            server && request.fhirServer
              ? createFhirClient({
                  baseUrl: request.fhirServer,
                  accessToken: request.fhirAuthorization?.access_token,
                  signal: AbortSignal.timeout(deps.deadlineMs),
                  maxResources: deps.fhirMaxResources,
                  ...(deps.fetch ? { fetch: deps.fetch } : {}),
                })
              : undefined,
          // Kept for the panel only under a FHIR server this issuer is trusted for: a call that
          // names another EHR's server (with a record of its own making) must not be able to
          // put a synopsis where that EHR's clinicians would find it.
          cacheScope: server ? { fhirServer: server, tenants: [call.issuer] } : undefined,
          tenant: call.issuer,
          reuse: false,
          modelBudgetMs: deps.modelBudgetMs,
          accept(gathered) {
            const patient = gathered.data.patient;
            if (patient === undefined || patient === null) {
              throw preconditionFailed(request, call, gathered);
            }
            if (!isPatient(patient, context.patientId)) {
              throw new ApiError(
                'bad_request',
                'prefetch.patient must be the Patient resource named by context.patientId.',
              );
            }
          },
        },
        deps,
      );
      const issued = buildCards(synopsis, {
        maxCards: deps.maxCards,
        source: sourceFor(deps.sourceLabel, call.baseUrl),
        panelLaunchUrl: deps.panelLaunchUrl,
        appContext: JSON.stringify({ hookInstance: request.hookInstance }),
        missing: [
          ...completion.failed.map((f) => f.key),
          ...(completion.partial ? ['older data (a search stopped early)'] : []),
        ],
      });
      const cards = issued.map((i) => i.card);
      return {
        response: { cards },
        meta: {
          patientId: context.patientId,
          userId: context.userId,
          model: synopsis.model,
          cards: issued.map((i) => ({
            uuid: i.card.uuid ?? '',
            indicator: i.card.indicator,
            kind: i.kind,
            rule: i.rule,
          })),
        },
        // The record is hashed and the synopsis cached after the answer has been sent.
        finish,
      };
    },
  };
}

/** The call's `fhirServer`, normalised, when it is on the calling EHR's allowlist. */
function trustedServer(request: HookRequest, call: HookCall): string | undefined {
  if (request.fhirServer === undefined) return undefined;
  const server = normaliseBaseUrl(request.fhirServer);
  return call.allowedFhirServers.has(server) ? server : undefined;
}

/** 412 as the spec asks when the service cannot obtain the data it needs; the message says why. */
function preconditionFailed(
  request: HookRequest,
  call: HookCall,
  completion: PrefetchCompletion,
): ApiError {
  let why: string;
  if (!request.fhirServer) {
    why = 'no prefetch "patient" was sent and there is no fhirServer to fetch it from';
  } else if (!trustedServer(request, call)) {
    why =
      'no prefetch "patient" was sent and fhirServer is not on this service\'s allowlist for the calling EHR';
  } else {
    const failure = completion.failed.find((f) => f.key === 'patient');
    why = `the Patient could not be fetched from fhirServer (${failure?.reason ?? 'unknown reason'})`;
  }
  return new ApiError('precondition_failed', `Cannot build a synopsis: ${why}.`);
}

/** Path of the page describing the decision support's source attributes (ONC HTI-1). */
export const SOURCE_ATTRIBUTES_PATH = '/about/model-card';

const sourceFor = (label: string, baseUrl: string): Source => ({
  label,
  url: `${baseUrl}${SOURCE_ATTRIBUTES_PATH}`,
  topic: {
    system: 'https://ehr-synopsis.example.org/CodeSystem/card-topic',
    code: 'patient-synopsis',
    display: 'Patient synopsis',
  },
});
