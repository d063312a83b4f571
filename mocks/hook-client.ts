/**
 * The EHR side of a CDS Hooks call: read discovery, fill the prefetch templates from the EHR's
 * FHIR server, sign the request JWT for the exact service URL, post, and time it.
 */
import { randomUUID } from 'node:crypto';
import type { EhrSigner } from './ehr-identity';
import { runPrefetch } from './prefetch';

export interface FireHookOptions {
  /** Base URL of the CDS service (the part before `/cds-services`). */
  serviceBaseUrl: string;
  serviceId: string;
  prefetchTemplates: Record<string, string>;
  context: Record<string, unknown> & { patientId: string; userId: string };
  fhirServer: string;
  fhirAuthorization?: Record<string, unknown>;
  signer: EhrSigner | undefined;
  hook?: string;
}

export interface HookCallResult {
  status: number;
  body: unknown;
  request: Record<string, unknown>;
  ms: number;
}

export async function fireHook(o: FireHookOptions): Promise<HookCallResult> {
  const prefetch = await runPrefetch(o.prefetchTemplates, o.context, o.fhirServer);
  const url = `${o.serviceBaseUrl}/cds-services/${encodeURIComponent(o.serviceId)}`;
  const request = {
    hook: o.hook ?? 'patient-view',
    hookInstance: randomUUID(),
    fhirServer: o.fhirServer,
    ...(o.fhirAuthorization ? { fhirAuthorization: o.fhirAuthorization } : {}),
    context: o.context,
    prefetch,
  };
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.signer ? { authorization: `Bearer ${await o.signer.sign(url)}` } : {}),
    },
    body: JSON.stringify(request),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    request,
    ms,
  };
}
