/**
 * Assembles the service from its configuration: the one place that picks implementations.
 * `server.ts` and the demo both call it; tests may build `createApp` with their own parts.
 */
import { createEhrAuthenticator, type AuthOptions } from './auth/ehr-jwt';
import { createMemorySynopsisCache } from './cache/synopsis-cache';
import { allFhirServers, type Config } from './config';
import { createPatientViewService } from './hooks/patient-view';
import { createRegistry } from './hooks/service';
import { sourceAttributes, sourceAttributesPage } from './hooks/source-attributes';
import { createApp } from './http/app';
import type { Logger } from './log';
import { createRulesProvider } from './providers/rules';
import { createMemoryFeedbackStore } from './store/memory-feedback';

export const PRODUCT_NAME = 'EHR Synopsis';

export interface ComposeOptions {
  /** The clinical "now" (ages, trends, intervals); tests fix it to keep fixtures stable. */
  now?: () => Date;
  auth?: AuthOptions;
  fetch?: typeof fetch;
}

export function composeService(config: Config, logger: Logger, options: ComposeOptions = {}) {
  const now = options.now ?? (() => new Date());
  const provider = createRulesProvider();
  const feedback = createMemoryFeedbackStore(now);
  const cache = createMemorySynopsisCache();
  const registry = createRegistry([
    createPatientViewService({
      provider,
      cache,
      logger,
      now,
      maxCards: config.maxCards,
      sourceLabel: `${PRODUCT_NAME} (${provider.info.name} ${provider.info.version})`,
      panelLaunchUrl: config.panelLaunchUrl,
      deadlineMs: config.hookDeadlineMs,
      fhirMaxResources: config.fhirMaxResources,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  ]);
  if (!config.auth) {
    logger.warn(
      'CDS_AUTH=off: EHR JWTs are NOT checked. Use this for local experiments only, never with real data.',
    );
  }
  // JWT lifetimes run on the wall clock, whatever clock the clinical engine is given.
  const authenticator = config.auth
    ? createEhrAuthenticator(config.clients, logger, options.auth)
    : undefined;
  const app = createApp({
    registry,
    logger,
    feedback,
    bodyLimit: config.bodyLimit,
    authenticator,
    fhirServersWhenAuthOff: allFhirServers(config),
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    sourceAttributesHtml: sourceAttributesPage(
      sourceAttributes(provider.info, PRODUCT_NAME),
      PRODUCT_NAME,
    ),
  });
  return { app, registry, feedback, provider, cache };
}
