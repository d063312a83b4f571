import type { HookRequest, HookResponse, ServiceDefinition } from '../contract/cds-hooks';
import type { HookMeta } from '../governance/audit-records';

/** What the HTTP edge learned about a call before handing it to a service. */
export interface HookCall {
  /** FHIR servers this caller may send as `fhirServer` (normalised base URLs). */
  allowedFhirServers: ReadonlySet<string>;
  /** The authenticated EHR issuer; undefined when authentication is off. */
  issuer: string | undefined;
  /** The service's own base URL as the caller reached it, for absolute links in cards. */
  baseUrl: string;
  /** Shadow mode for this caller: compute and audit, return no cards. */
  shadow: boolean;
}

export interface HookResult {
  response: HookResponse;
  /** What the audit needs, but the hashes: those are computed after the answer is sent. */
  meta: Omit<HookMeta, 'inputHash' | 'outputHash'>;
  /**
   * Work that need not delay the EHR: hashing the record and the synopsis (tens of ms on a large
   * record), which also keys the synopsis cache. The HTTP edge calls it once the answer is sent.
   */
  finish(): Pick<HookMeta, 'inputHash' | 'outputHash'>;
}

/** One CDS service: its discovery entry and the function that answers its hook. */
export interface CdsService {
  definition: ServiceDefinition;
  handle(request: HookRequest, call: HookCall): Promise<HookResult>;
}

/** The services this deployment offers. Discovery is derived from it, never written by hand. */
export type ServiceRegistry = ReadonlyMap<string, CdsService>;

export const createRegistry = (services: CdsService[]): ServiceRegistry =>
  new Map(services.map((s) => [s.definition.id, s]));
