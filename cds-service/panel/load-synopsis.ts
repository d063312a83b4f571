/**
 * The panel's synopsis: the record is read from the FHIR server with the panel's own SMART token
 * (so the answer never holds more than that token could read), then the synopsis computed at hook
 * time is looked up by (FHIR server, patient, record hash, model version) and reused, or computed
 * and stored. No Express in here.
 */
import { recordHash, synopsisCacheKey, type SynopsisCache } from '../cache/synopsis-cache';
import { normaliseBaseUrl } from '../config';
import { completePrefetch, completionNotes } from '../hooks/complete-prefetch';
import { createFhirClient, type FhirClient } from '../fhir-client/fhir-client';
import { normalise } from '../fhir/record';
import { PATIENT_VIEW_PREFETCH } from '../hooks/patient-view';
import { ApiError } from '../errors';
import type { ModelProvider } from '../providers/provider';
import type { PanelSynopsisRequest, PanelSynopsisResponse } from '../contract/panel';
import { readPatientWithToken } from './prove-token';

export interface PanelDeps {
  provider: ModelProvider;
  cache: SynopsisCache;
  now: () => Date;
  /** Normalised FHIR base URLs the panel may name (every trusted EHR's servers). */
  allowedFhirServers: ReadonlySet<string>;
  /**
   * The tenants (verified EHR issuers) that are trusted for an allowed FHIR server: the panel
   * reuses a hook-time synopsis only from one of them. `[undefined]` with CDS_AUTH=off.
   */
  tenantsOf: (fhirServer: string) => readonly (string | undefined)[];
  fhirMaxResources: number;
  /** Time budget for reading the record from the FHIR server. */
  deadlineMs: number;
  fetch?: typeof fetch;
}

export interface PanelCall {
  accessToken: string;
}

/** A FHIR client for an allowlisted server only; anything else is refused before any request. */
export function clientFor(deps: PanelDeps, fhirServer: string, call: PanelCall): FhirClient {
  const base = normaliseBaseUrl(fhirServer);
  if (!deps.allowedFhirServers.has(base)) {
    throw new ApiError(
      'forbidden',
      'fhirServer is not on this service’s allowlist of FHIR servers; ask the administrator to add it.',
    );
  }
  return createFhirClient({
    baseUrl: base,
    accessToken: call.accessToken,
    signal: AbortSignal.timeout(deps.deadlineMs),
    maxResources: deps.fhirMaxResources,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

/** The answer, plus the record hash for the audit trail (not sent to the panel). */
export type LoadedSynopsis = PanelSynopsisResponse & { recordHash: string };

export async function loadPanelSynopsis(
  request: PanelSynopsisRequest,
  call: PanelCall,
  deps: PanelDeps,
): Promise<LoadedSynopsis> {
  const client = clientFor(deps, request.fhirServer, call);
  const patient = await readPatientWithToken(client, request.patientId);
  const completion = await completePrefetch(
    PATIENT_VIEW_PREFETCH,
    { patient },
    { patientId: request.patientId },
    client,
  );
  const now = deps.now();
  const record = normalise(completion.data, request.patientId, now);
  const hash = recordHash(record);
  // The hook's synopsis is reused only when it was computed for the same FHIR server, by an
  // EHR trusted for it, from exactly the record this token read.
  const fhirServer = normaliseBaseUrl(request.fhirServer);
  const tenants = deps.tenantsOf(fhirServer);
  const keys = tenants.map((tenant) =>
    synopsisCacheKey({
      tenant,
      fhirServer,
      patientId: request.patientId,
      recordHash: hash,
      model: deps.provider.info,
    }),
  );
  for (const key of keys) {
    const hit = await deps.cache.get(key).catch(() => undefined);
    if (hit) return { synopsis: hit, cached: true, recordHash: hash };
  }

  const [tenant] = tenants;
  const computed = await deps.provider.summarise(record, { now, tenant });
  const synopsis = {
    ...computed,
    dataQuality: [...computed.dataQuality, ...completionNotes(completion)],
  };
  const [key] = keys;
  if (key !== undefined) await deps.cache.set(key, synopsis).catch(() => undefined);
  return { synopsis, cached: false, recordHash: hash };
}
