/**
 * Assembles the service from its configuration: the one place that picks implementations.
 * `server.ts` and the demo both call it; tests may build `createApp` with their own parts.
 */
import type { Config } from './config';
import { createPatientViewService } from './hooks/patient-view';
import { createRegistry } from './hooks/service';
import { createApp } from './http/app';
import type { Logger } from './log';
import { createRulesProvider } from './providers/rules';
import { createMemoryFeedbackStore } from './store/memory-feedback';

export const PRODUCT_NAME = 'EHR Synopsis';

export function composeService(config: Config, logger: Logger, now: () => Date = () => new Date()) {
  const provider = createRulesProvider();
  const feedback = createMemoryFeedbackStore(now);
  const registry = createRegistry([
    createPatientViewService({
      provider,
      now,
      maxCards: config.maxCards,
      source: { label: `${PRODUCT_NAME} (${provider.info.name} ${provider.info.version})` },
      panelLaunchUrl: config.panelLaunchUrl,
    }),
  ]);
  const app = createApp({ registry, logger, feedback, bodyLimit: config.bodyLimit });
  return { app, registry, feedback, provider };
}
