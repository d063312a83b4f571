/**
 * Assembles the service from its configuration: the one place that picks implementations.
 * `server.ts` and the demo both call it; tests may build `createApp` with their own parts.
 */
import type { ModelInfo } from './contract/synopsis';
import type { RequestHandler } from 'express';
import { createEhrAuthenticator, type AuthOptions } from './auth/ehr-jwt';
import { createStoreReplayGuard } from './auth/replay-guard';
import { createMemorySynopsisCache, type SynopsisCache } from './cache/synopsis-cache';
import { allFhirServers, type Config } from './config';
import { createPatientViewService } from './hooks/patient-view';
import { createPanelRouter } from './http/panel-router';
import { DEFAULT_PANEL_DIR, panelStatic } from './http/panel-static';
import { createRegistry } from './hooks/service';
import { LAST_EVALUATION, modelCard, modelCardPage, modelCardXml } from './governance/model-card';
import { sourceAttributes } from './governance/source-attributes';
import { createApp } from './http/app';
import type { Logger } from './log';
import { selectProvider } from './providers/select-provider';
import { createAdminRouter } from './http/admin-router';
import { keepFeedback } from './governance/audit-records';
import { createBodyBudget } from './http/json-body';
import { createRateLimiter, unlimited } from './http/rate-limit';
import { originOf, pageSecurityHeaders } from './http/security-headers';
import { createAuditWriter } from './store/audit-writer';
import { createMemoryStore } from './store/memory-store';
import { panelFeedbackRecord, type PanelFeedbackSink } from './store/panel-feedback';
import type { GovernanceStore } from './store/records';

export const PRODUCT_NAME = 'EHR Synopsis';

export interface ComposeOptions {
  /** The clinical "now" (ages, trends, intervals); tests fix it to keep fixtures stable. */
  now?: () => Date;
  /**
   * Where audit rows and feedback go. `server.ts` and the demo always pass a durable store
   * (`openStore`); without one, an in-memory store is used, which only tests should rely on.
   */
  store?: GovernanceStore;
  /** The synopsis cache; default: in process. `server.ts` passes Redis when REDIS_URL is set. */
  cache?: SynopsisCache & { ping?: () => Promise<boolean> };
  auth?: AuthOptions;
  fetch?: typeof fetch;
}

export function composeService(config: Config, logger: Logger, options: ComposeOptions = {}) {
  const now = options.now ?? (() => new Date());
  const { provider, hookBudgetMs } = selectProvider(config.model, logger);
  const store = options.store ?? createMemoryStore();
  const writer = createAuditWriter(store, logger, { maxQueue: config.auditQueueMax });
  const cache: SynopsisCache & { ping?: () => Promise<boolean> } =
    options.cache ?? createMemorySynopsisCache();
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
      modelBudgetMs: hookBudgetMs,
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
  // Used token ids: in Redis when the caller passes that guard (several replicas), else in the
  // governance store, so that a restart does not forget them.
  const authenticator = config.auth
    ? createEhrAuthenticator(config.clients, logger, {
        replayGuard: createStoreReplayGuard(store),
        ...options.auth,
      })
    : undefined;
  const panelFeedback: PanelFeedbackSink = {
    record: (f) => keepFeedback(writer, [panelFeedbackRecord(f)]),
  };
  const panelLimiter =
    config.panelRateLimitPerMinute > 0
      ? createRateLimiter({
          perMinute: config.panelRateLimitPerMinute,
          what: 'panel requests for this access token',
        })
      : unlimited;
  const bodyBudget = createBodyBudget(config.bodyBudget);
  const panelApi = createPanelRouter({
    bodyBudget,
    provider,
    cache,
    now,
    logger,
    feedback: panelFeedback,
    safetyReports: (report) => store.insertSafetyReport(report),
    audit: (record) => {
      writer.audit(record);
    },
    refused: (reason) => {
      writer.refused('panel', reason);
    },
    allowedFhirServers: allFhirServers(config),
    tenantsOf: (server) =>
      config.auth
        ? config.clients.filter((c) => c.fhirServers.includes(server)).map((c) => c.iss)
        : [undefined],
    fhirMaxResources: config.fhirMaxResources,
    deadlineMs: config.panelDeadlineMs,
    limiter: panelLimiter,
    failedProofLimiter:
      config.panelFailedProofsPerMinute > 0
        ? createRateLimiter({
            perMinute: config.panelFailedProofsPerMinute,
            what: 'access tokens refused by the FHIR server from this address',
          })
        : unlimited,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ehrOrigins = [...allFhirServers(config), ...config.clients.map((c) => c.iss)].flatMap(
    (u) => originOf(u) ?? [],
  );
  const pageHeaders = pageSecurityHeaders({
    connectSrc: [...ehrOrigins, ...config.panelConnectSrc],
    frameAncestors: config.panelFrameAncestors ?? ehrOrigins,
  });
  const panelPages = panelStatic(config.panelDir);
  const routers: [string, RequestHandler][] = [
    ['/api/panel', panelApi],
    [
      '/admin',
      createAdminRouter({
        store,
        adminToken: config.adminToken,
        observer: PRODUCT_NAME,
        now: () => new Date(),
        publicUrl: config.publicUrl,
        bodyBudget,
        pagesDir: panelPages ? (config.panelDir ?? DEFAULT_PANEL_DIR) : undefined,
        // Only the service's own origin talks to the console, and nothing frames it.
        pageHeaders: pageSecurityHeaders({ connectSrc: [], frameAncestors: [] }),
      }),
    ],
  ];
  if (panelPages) routers.push(['/panel', pageHeaders], ['/panel', panelPages]);
  const app = createApp({
    routers,
    registry,
    logger,
    writer,
    shadowAll: config.shadow,
    readiness: async () => ({
      storage: await store.ping().then(
        () => true,
        () => false,
      ),
      cache: cache.ping ? await cache.ping() : true,
      // An LLM that is down (circuit open) does not make a replica unready: every replica shares
      // it, and each still answers with the embedded engine. The breaker's state is logged.
      model: true,
    }),
    bodyLimit: config.bodyLimit,
    bodyBudget,
    hookLimiter:
      config.hookRateLimitPerMinute > 0
        ? createRateLimiter({
            perMinute: config.hookRateLimitPerMinute,
            what: 'hook calls and feedback from this EHR',
          })
        : unlimited,
    pageHeaders,
    authenticator,
    fhirServersWhenAuthOff: allFhirServers(config),
    corsOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    modelCard: modelCardFor(provider.info),
  });
  return { app, registry, provider, cache, store, writer, bodyBudget };
}

/** The model card of the running model: HTML, JSON (with the source attributes and figures), XML. */
function modelCardFor(model: ModelInfo): { html: string; json: unknown; xml: string } {
  const attributes = sourceAttributes(model, PRODUCT_NAME);
  const card = modelCard(model, PRODUCT_NAME, attributes);
  return {
    html: modelCardPage(card, attributes, PRODUCT_NAME),
    json: { AppliedModelCard: card, sourceAttributes: attributes, evaluation: LAST_EVALUATION },
    xml: modelCardXml(card),
  };
}
