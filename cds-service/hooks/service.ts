import type { HookRequest, HookResponse, ServiceDefinition } from '../contract/cds-hooks';

/** One CDS service: its discovery entry and the function that answers its hook. */
export interface CdsService {
  definition: ServiceDefinition;
  handle(request: HookRequest): Promise<HookResponse>;
}

/** The services this deployment offers. Discovery is derived from it, never written by hand. */
export type ServiceRegistry = ReadonlyMap<string, CdsService>;

export const createRegistry = (services: CdsService[]): ServiceRegistry =>
  new Map(services.map((s) => [s.definition.id, s]));
