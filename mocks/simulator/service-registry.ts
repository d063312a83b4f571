/**
 * The CDS services registered with the simulator, as an EHR keeps them: one entry per service of
 * a discovery document, keyed by base URL and id. In memory: the demo registers its own service at
 * start, a person may add others from the page.
 */
import { DiscoveryResponse, describeIssues } from '../../cds-service/contract/cds-hooks';
import type { RegisteredService } from './contract';
import { OutboundError, outboundJson, parseServiceBaseUrl, type OutboundOptions } from './outbound';

export interface ServiceRegistry {
  list(): RegisteredService[];
  get(key: string): RegisteredService | undefined;
  /** Reads `<url>/cds-services` and registers every service it lists; answers those services. */
  register(url: string): Promise<RegisteredService[]>;
}

export function createServiceRegistry(options: OutboundOptions = {}): ServiceRegistry {
  const services = new Map<string, RegisteredService>();
  return {
    list: () => [...services.values()],
    get: (key) => services.get(key),
    async register(url) {
      const baseUrl = parseServiceBaseUrl(url);
      const { status, body } = await outboundJson(
        `${baseUrl}/cds-services`,
        { headers: { accept: 'application/json' } },
        options,
      );
      if (status !== 200) {
        throw new OutboundError(`Discovery at ${baseUrl}/cds-services answered ${status}.`);
      }
      const parsed = DiscoveryResponse.safeParse(body);
      if (!parsed.success) {
        throw new OutboundError(
          `Discovery at ${baseUrl}/cds-services is not a CDS Hooks discovery document: ${describeIssues(parsed.error).join('; ')}`,
        );
      }
      // A re-registration replaces what that base URL offered before.
      for (const [key, s] of services) if (s.baseUrl === baseUrl) services.delete(key);
      const added = parsed.data.services.map((s): RegisteredService => ({
        key: `${baseUrl}#${s.id}`,
        baseUrl,
        id: s.id,
        hook: s.hook,
        title: s.title ?? null,
        description: s.description,
        prefetch: s.prefetch ?? {},
      }));
      for (const s of added) services.set(s.key, s);
      return added;
    },
  };
}
