import type { HookRequest, HookResponse, ServiceDefinition } from '../contract/cds-hooks';

/** What the HTTP edge learned about a call before handing it to a service. */
export interface HookCall {
  /** FHIR servers this caller may send as `fhirServer` (normalised base URLs). */
  allowedFhirServers: ReadonlySet<string>;
  /** The authenticated EHR issuer; undefined when authentication is off. */
  issuer: string | undefined;
  /** The service's own base URL as the caller reached it, for absolute links in cards. */
  baseUrl: string;
}

/** One CDS service: its discovery entry and the function that answers its hook. */
export interface CdsService {
  definition: ServiceDefinition;
  handle(request: HookRequest, call: HookCall): Promise<HookResponse>;
}

/** The services this deployment offers. Discovery is derived from it, never written by hand. */
export type ServiceRegistry = ReadonlyMap<string, CdsService>;

export const createRegistry = (services: CdsService[]): ServiceRegistry =>
  new Map(services.map((s) => [s.definition.id, s]));
