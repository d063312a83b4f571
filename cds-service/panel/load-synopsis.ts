/**
 * The panel's synopsis: the record is read from the FHIR server with the panel's own SMART token
 * (so the answer never holds more than that token could read), then the synopsis computed at hook
 * time is looked up by (FHIR server, patient, record hash, model version) and reused, or computed
 * and stored, by the same pipeline as the hook's. No Express in here.
 */
import type { SynopsisCache } from '../cache/synopsis-cache';
import { normaliseBaseUrl } from '../config';
import { createFhirClient, type FhirClient } from '../fhir-client/fhir-client';
import { runPipeline } from '../hooks/synopsis-pipeline';
import { ApiError } from '../errors';
import type { Logger } from '../log';
import type { ModelProvider } from '../providers/provider';
import type { PanelSynopsisRequest, PanelSynopsisResponse } from '../contract/panel';
import { readPatientWithToken } from './prove-token';

export interface PanelDeps {
  provider: ModelProvider;
  cache: SynopsisCache;
  logger: Logger;
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

/** The answer, plus the hashes for the audit trail (not sent to the panel). */
export type LoadedSynopsis = PanelSynopsisResponse & { inputHash: string; outputHash: string };

export async function loadPanelSynopsis(
  request: PanelSynopsisRequest,
  call: PanelCall,
  deps: PanelDeps,
): Promise<LoadedSynopsis> {
  const client = clientFor(deps, request.fhirServer, call);
  const patient = await readPatientWithToken(client, request.patientId);
  // The hook's synopsis is reused only when it was computed for the same FHIR server, by an
  // EHR trusted for it, from exactly the record this token read.
  const fhirServer = normaliseBaseUrl(request.fhirServer);
  const tenants = deps.tenantsOf(fhirServer);
  const { synopsis, cached, finish } = await runPipeline(
    {
      patientId: request.patientId,
      prefetch: { patient },
      client,
      cacheScope: { fhirServer, tenants },
      tenant: tenants[0],
      reuse: true,
    },
    deps,
  );
  return { synopsis, cached, ...finish() };
}
