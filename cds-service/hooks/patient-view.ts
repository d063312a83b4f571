/**
 * The `patient-view` service: prefetched FHIR -> PatientRecord -> Synopsis -> cards.
 * Hooks library: https://cds-hooks.org/hooks/patient-view/
 */
import {
  PatientViewContext,
  describeIssues,
  type HookRequest,
  type Source,
} from '../contract/cds-hooks';
import { normalise } from '../fhir/record';
import { ApiError } from '../http/errors';
import type { ModelProvider } from '../providers/provider';
import { buildCards } from './cards';
import type { CdsService } from './service';

export const PATIENT_VIEW_SERVICE_ID = 'patient-synopsis';

/**
 * What the engine reads, as prefetch templates (spec: "Prefetch Template"). The EHR fills the
 * `{{context.patientId}}` token; a key it cannot fill arrives absent or null.
 */
export const PATIENT_VIEW_PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations:
    'Observation?patient={{context.patientId}}&category=laboratory,vital-signs&_sort=-date&_count=1000',
  medications: 'MedicationRequest?patient={{context.patientId}}',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
} as const satisfies Record<string, string>;

export interface PatientViewDeps {
  provider: ModelProvider;
  now: () => Date;
  maxCards: number;
  source: Source;
  panelLaunchUrl: string | undefined;
}

export function createPatientViewService(deps: PatientViewDeps): CdsService {
  return {
    definition: {
      hook: 'patient-view',
      id: PATIENT_VIEW_SERVICE_ID,
      title: 'Patient synopsis',
      description:
        'Summarises the patient record into a problem-oriented synopsis with alerts, care gaps and a differential diagnosis; every statement cites its FHIR sources.',
      prefetch: { ...PATIENT_VIEW_PREFETCH },
      usageRequirements:
        'Send the prefetch above, or fhirServer with fhirAuthorization (patient/*.read scopes) so the service can fetch what is missing.',
    },
    async handle(request: HookRequest) {
      const parsed = PatientViewContext.safeParse(request.context);
      if (!parsed.success) {
        throw new ApiError(
          'bad_request',
          'The patient-view context is invalid.',
          describeIssues(parsed.error),
        );
      }
      const { patientId } = parsed.data;
      const prefetch = request.prefetch ?? {};
      const patient = prefetch.patient;
      if (!patient) {
        throw new ApiError(
          'precondition_failed',
          'The prefetch key "patient" is missing and the service cannot fetch it: send prefetch, or fhirServer with fhirAuthorization.',
        );
      }
      if (patient.resourceType !== 'Patient' || patient.id !== patientId) {
        throw new ApiError(
          'bad_request',
          'prefetch.patient must be the Patient resource named by context.patientId.',
        );
      }
      const now = deps.now();
      const record = normalise(prefetch, patientId, now);
      const synopsis = await deps.provider.summarise(record, { now });
      return {
        cards: buildCards(synopsis, {
          maxCards: deps.maxCards,
          source: deps.source,
          panelLaunchUrl: deps.panelLaunchUrl,
        }),
      };
    },
  };
}
