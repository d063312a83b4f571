/**
 * The `patient-view` service: prefetch (completed from the FHIR server when partial) ->
 * PatientRecord -> Synopsis -> cards. Hooks library: https://cds-hooks.org/hooks/patient-view/
 */
import { isPatient } from '../fhir/patient';
import { recordHash, synopsisCacheKey, type SynopsisCache } from '../cache/synopsis-cache';
import { normaliseBaseUrl } from '../config';
import {
  PatientViewContext,
  describeIssues,
  type HookRequest,
  type Source,
} from '../contract/cds-hooks';
import {
  completePrefetch,
  completionNotes,
  type PrefetchCompletion,
} from '../hooks/complete-prefetch';
import { createFhirClient } from '../fhir-client/fhir-client';
import { normalise } from '../fhir/record';
import { sha256 } from '../hash';
import { ApiError } from '../errors';
import type { Logger } from '../log';
import type { ModelProvider } from '../providers/provider';
import type { Synopsis } from '../contract/synopsis';
import { buildCards } from './cards';
import type { CdsService, HookCall } from './service';

export const PATIENT_VIEW_SERVICE_ID = 'patient-synopsis';

/**
 * What the engine reads, as prefetch templates (spec: "Prefetch Template"). The EHR fills the
 * `{{context.patientId}}` token; a key it cannot fill arrives absent or null and is fetched here.
 */
export const PATIENT_VIEW_PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}&_count=500',
  observations:
    'Observation?patient={{context.patientId}}&category=laboratory,vital-signs,survey&_sort=-date&_count=1000',
  // The Medication a request references comes along (US Core: servers support this _include).
  medications:
    'MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication&_count=500',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
  procedures: 'Procedure?patient={{context.patientId}}&_sort=-date&_count=500',
  immunizations: 'Immunization?patient={{context.patientId}}&_count=200',
  // Orders placed, awaiting signature or done: an order already placed answers its care gap.
  orders: 'ServiceRequest?patient={{context.patientId}}&status=active,draft,completed&_count=500',
} as const satisfies Record<string, string>;

export interface PatientViewDeps {
  provider: ModelProvider;
  cache: SynopsisCache;
  logger: Logger;
  now: () => Date;
  maxCards: number;
  /** `source.label` of every card; its `url` is the decision-support source attributes page. */
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
      const completion = await gather(request, context, call);
      const patient = completion.data.patient;
      if (patient === undefined || patient === null) {
        throw preconditionFailed(request, call, completion);
      }
      if (!isPatient(patient, context.patientId)) {
        throw new ApiError(
          'bad_request',
          'prefetch.patient must be the Patient resource named by context.patientId.',
        );
      }

      const now = deps.now();
      const record = normalise(completion.data, context.patientId, now);
      const notes = completionNotes(completion);
      const withNotes = (s: Synopsis): Synopsis => ({
        ...s,
        dataQuality: [...s.dataQuality, ...notes],
      });

      // The cache key needs the record hash, computed after the answer is sent (`finish`).
      // Writes wait for it and run in order, so a model answer arriving after the budget
      // replaces the fallback.
      let resolveKey: (key: string | undefined) => void = () => undefined;
      const keyReady = new Promise<string | undefined>((resolve) => {
        resolveKey = resolve;
      });
      let writes = Promise.resolve();
      let late: Synopsis | undefined;
      const store = (s: Synopsis): void => {
        writes = writes
          .then(async () => {
            const key = await keyReady;
            if (key !== undefined) await deps.cache.set(key, s);
          })
          .catch(() => {
            deps.logger.warn('synopsis cache write failed');
          });
      };
      const synopsis = withNotes(
        await deps.provider.summarise(record, {
          now,
          tenant: call.issuer,
          ...(deps.modelBudgetMs === undefined ? {} : { budgetMs: deps.modelBudgetMs }),
          onLate: (s) => {
            late = withNotes(s);
            store(late);
          },
        }),
      );
      // A late answer already stored is better than the fallback the hook answers with.
      if (!late) store(synopsis);
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
          })),
        },
        finish() {
          const inputHash = recordHash(record);
          // Kept for the panel only under a FHIR server this issuer is trusted for: a call that
          // names another EHR's server (with a record of its own making) must not be able to
          // put a synopsis where that EHR's clinicians would find it.
          const server = trustedServer(request, call);
          resolveKey(
            server
              ? synopsisCacheKey({
                  tenant: call.issuer,
                  fhirServer: server,
                  patientId: context.patientId,
                  recordHash: inputHash,
                  model: deps.provider.info,
                })
              : undefined,
          );
          return { inputHash, outputHash: sha256(JSON.stringify(synopsis)) };
        },
      };
    },
  };

  async function gather(
    request: HookRequest,
    context: PatientViewContext,
    call: HookCall,
  ): Promise<PrefetchCompletion> {
    if (!trustedServer(request, call) || !request.fhirServer) {
      return completePrefetch(templates, request.prefetch, context, undefined);
    }
    const started = Date.now();
    const completion = await completePrefetch(
      templates,
      request.prefetch,
      context,
      createFhirClient({
        baseUrl: request.fhirServer,
        accessToken: request.fhirAuthorization?.access_token,
        signal: AbortSignal.timeout(deps.deadlineMs),
        maxResources: deps.fhirMaxResources,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      }),
    );
    if (completion.fetched.length + completion.failed.length === 0) return completion;
    deps.logger.info('prefetch completed from fhir server', {
      fetched: completion.fetched.length,
      failed: completion.failed.length,
      partial: completion.partial,
      ms: Date.now() - started,
    });
    return completion;
  }
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
export const SOURCE_ATTRIBUTES_PATH = '/about/decision-support';

const sourceFor = (label: string, baseUrl: string): Source => ({
  label,
  url: `${baseUrl}${SOURCE_ATTRIBUTES_PATH}`,
  topic: {
    system: 'https://ehr-synopsis.example.org/CodeSystem/card-topic',
    code: 'patient-synopsis',
    display: 'Patient synopsis',
  },
});
