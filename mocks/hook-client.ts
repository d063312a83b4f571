/**
 * The EHR side of one CDS Hooks call: fill the service's prefetch templates from the EHR's FHIR
 * server, sign the request JWT for the exact service URL (CDS Hooks 2.0, "Trusting CDS Clients"),
 * post, and time the round trip. Failures come back as results with words, never as throws: an
 * EHR shows a broken service beside the working ones.
 */
import { randomUUID } from 'node:crypto';
import type { FhirAuthorization } from '../cds-service/contract/cds-hooks';
import type { HookContext } from '../cds-service/contract/prefetch-template';
import type { EhrSigner } from './ehr-identity';
import { runPrefetch } from './prefetch';
import { OutboundError, outboundJson, type OutboundOptions } from './simulator/outbound';

export interface FireHookOptions {
  /** The service endpoint: `<base>/cds-services/<id>`. */
  serviceUrl: string;
  hook: string;
  context: HookContext;
  prefetchTemplates: Record<string, string>;
  fhirServer: string;
  /** The EHR's own headers for its FHIR server (its bearer token) while it fills prefetch. */
  prefetchHeaders?: Record<string, string>;
  fhirAuthorization?: FhirAuthorization;
  signer: EhrSigner | undefined;
  outbound?: OutboundOptions;
}

export interface HookCallResult {
  url: string;
  request: Record<string, unknown>;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  body: unknown;
  /** Round trip of the POST alone, or null when it did not complete. */
  ms: number | null;
  prefetchMs: number;
  error: string | null;
}

export async function fireHook(o: FireHookOptions): Promise<HookCallResult> {
  const prefetchStarted = performance.now();
  const prefetch = await runPrefetch(
    o.prefetchTemplates,
    o.context,
    o.fhirServer,
    o.prefetchHeaders,
  );
  const prefetchMs = performance.now() - prefetchStarted;
  const request: Record<string, unknown> = {
    hook: o.hook,
    hookInstance: randomUUID(),
    fhirServer: o.fhirServer,
    ...(o.fhirAuthorization ? { fhirAuthorization: o.fhirAuthorization } : {}),
    context: o.context,
    prefetch,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (o.signer) headers.authorization = `Bearer ${await o.signer.sign(o.serviceUrl)}`;
  const started = performance.now();
  try {
    const res = await outboundJson(
      o.serviceUrl,
      { method: 'POST', headers, body: JSON.stringify(request) },
      o.outbound,
    );
    return {
      url: o.serviceUrl,
      request,
      status: res.status,
      body: res.body,
      ms: performance.now() - started,
      prefetchMs,
      error: null,
    };
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    return {
      url: o.serviceUrl,
      request,
      status: null,
      body: undefined,
      ms: null,
      prefetchMs,
      error: err.message,
    };
  }
}
