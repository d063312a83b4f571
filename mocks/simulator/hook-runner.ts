/**
 * Fires a hook at every registered service the way an EHR does, in parallel: per service a FHIR
 * token narrowed to what its prefetch reads (`fhirAuthorization`), the prefetch filled with the
 * EHR's own token, a JWT signed for the exact service URL, the answer checked against CDS Hooks.
 */
import { ErrorBody } from '../../cds-service/contract/errors';
import { clipAtWord } from '../../cds-service/text';
import { describeIssues, HookResponse } from '../../cds-service/contract/cds-hooks';
import type { EhrSigner } from '../ehr-identity';
import { fireHook, type HookCallResult } from '../hook-client';
import type { SmartServer } from '../smart/smart-server';
import type { HookRun, RegisteredService } from './contract';
import type { OutboundOptions } from './outbound';
import { redactHookRequest } from './redact';
import { scopesForPrefetch } from './scopes-for';

export interface HookRunnerDeps {
  smart: SmartServer;
  fhirBase: string;
  signer: EhrSigner;
  /** The clinician at the keyboard (`context.userId`). */
  userId: string;
  outbound?: OutboundOptions;
}

/** The EHR's own client id at its authorization server, for the tokens it uses itself. */
export const EHR_CLIENT_ID = 'ehr-simulator';

export async function firePatientView(
  deps: HookRunnerDeps,
  services: readonly RegisteredService[],
  patientId: string,
): Promise<HookRun[]> {
  const ehrToken = deps.smart.issueToken({
    clientId: EHR_CLIENT_ID,
    scopes: ['patient/*.rs'],
    patient: patientId,
    aud: deps.fhirBase,
  });
  return Promise.all(
    services
      .filter((s) => s.hook === 'patient-view')
      .map(async (service) => {
        const scopes = scopesForPrefetch(service.prefetch);
        const token = deps.smart.issueToken({
          clientId: service.key,
          scopes,
          patient: patientId,
          aud: deps.fhirBase,
        });
        const result = await fireHook({
          serviceUrl: `${service.baseUrl}/cds-services/${encodeURIComponent(service.id)}`,
          hook: 'patient-view',
          context: { userId: deps.userId, patientId },
          prefetchTemplates: service.prefetch,
          fhirServer: deps.fhirBase,
          prefetchHeaders: { authorization: `Bearer ${ehrToken.accessToken}` },
          fhirAuthorization: {
            access_token: token.accessToken,
            token_type: 'Bearer',
            expires_in: token.expiresIn,
            scope: token.scope,
            subject: service.key,
            patient: patientId,
          },
          signer: deps.signer,
          ...(deps.outbound ? { outbound: deps.outbound } : {}),
        });
        return toRun(service, result);
      }),
  );
}

function toRun(service: RegisteredService, result: HookCallResult): HookRun {
  const base = {
    serviceKey: service.key,
    serviceTitle: service.title ?? service.id,
    url: result.url,
    status: result.status,
    ms: result.ms,
    prefetchMs: result.prefetchMs,
    request: redactHookRequest(result.request),
    response: result.body ?? null,
  };
  if (result.error !== null) return { ...base, cards: [], error: result.error };
  if (result.status !== 200) {
    // A CDS service of this product says why in its error body; another service may not.
    const problem = ErrorBody.safeParse(result.body);
    // Another service's words, shown in the page: a sentence, not whatever length it sent.
    const why = problem.success ? `: ${clipAtWord(problem.data.message, 300)}` : '.';
    return { ...base, cards: [], error: `The service answered ${result.status}${why}` };
  }
  const parsed = HookResponse.safeParse(result.body);
  if (!parsed.success) {
    return {
      ...base,
      cards: [],
      error: `The answer is not a valid CDS Hooks response: ${describeIssues(parsed.error).join('; ')}`,
    };
  }
  return { ...base, cards: parsed.data.cards, error: null };
}
