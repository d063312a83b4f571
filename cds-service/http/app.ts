/**
 * Express wiring for the CDS service. Routes validate, call the core and send; nothing clinical
 * happens here. `listen` lives in `server.ts`.
 */
import { audited } from './audited';
import cors from 'cors';
import express, { type Request } from 'express';
import type { EhrAuthenticator } from '../auth/ehr-jwt';
import { FeedbackRequest, HookRequest, type DiscoveryResponse } from '../contract/cds-hooks';
import { SOURCE_ATTRIBUTES_PATH } from '../hooks/patient-view';
import type { HookCall, HookResult, ServiceRegistry } from '../hooks/service';
import type { AuditWriter } from '../store/audit-writer';
import {
  feedbackRecords,
  hookAudit,
  keepFeedback,
  type HookMeta,
} from '../governance/audit-records';
import type { Logger } from '../log';
import { errorHandler } from './error-handler';
import { MAX_JSON_DEPTH, type BodyBudget } from './json-body';
import { readBody } from './parse-body';
import { ApiError, toApiError } from '../errors';
import type { RateLimiter } from './rate-limit';
import { requestLog } from './request-log';

export interface AppDeps {
  registry: ServiceRegistry;
  logger: Logger;
  /** Audit rows and feedback go through here: never blocking a hook, never silently lost. */
  writer: AuditWriter;
  /** Shadow mode for every EHR; per EHR it is `shadow` in the clients file. */
  shadowAll: boolean;
  /** Reachability of storage, cache and model, for `/readyz`. */
  readiness: () => Promise<Record<string, boolean>>;
  /** Largest hook request body, bytes (feedback and the panel API take far less). */
  bodyLimit: number;
  /** Bytes of request bodies held at once, shared by every route that reads one. */
  bodyBudget: BodyBudget;
  /** Verifies the EHR's JWT; undefined only when CDS_AUTH=off. */
  authenticator: EhrAuthenticator | undefined;
  /** FHIR servers any caller may send when authentication is off. */
  fhirServersWhenAuthOff: ReadonlySet<string>;
  corsOrigins: '*' | string[];
  /** The public base URL; without it each request's own Host is used for the JWT audience. */
  publicUrl: string | undefined;
  /**
   * The model card with the HTI-1 source attributes, where every card's `source.url` points: as
   * HTML, JSON and CHAI Applied Model Card XML.
   */
  modelCard: { html: string; json: unknown; xml: string };
  /** Hook calls and feedback per verified EHR issuer (per client address when auth is off). */
  hookLimiter?: RateLimiter;
  /** Security headers (CSP and friends) for the HTML pages the service serves. */
  pageHeaders?: express.RequestHandler;
  /** More routers to mount (the panel API, static pages), as [path, router] pairs. */
  routers?: [string, express.RequestHandler][];
}

/** Feedback names a few cards; a megabyte of it is not feedback. */
const FEEDBACK_LIMIT = 1024 * 1024;

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLog(deps.logger));
  // Browser-based EHRs and the public sandbox call from other origins (spec: "CORS").
  app.use(
    '/cds-services',
    cors({
      origin: deps.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  // Cards and feedback answers are about one patient at one moment: no cache may keep them.
  app.use('/cds-services', (req, res, next) => {
    if (req.method === 'POST') res.set('cache-control', 'no-store');
    next();
  });

  // No body is read before the route has checked the caller: see `readBody` in each route.
  const hookBody = {
    limit: deps.bodyLimit,
    budget: deps.bodyBudget,
    maxDepth: MAX_JSON_DEPTH,
    what: 'CDS Hooks request',
  };
  const feedbackBody = { ...hookBody, limit: FEEDBACK_LIMIT, what: 'CDS Hooks feedback' };

  const authenticate = async (req: Request): Promise<HookCall> => {
    const baseUrl = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`;
    if (!deps.authenticator) {
      deps.hookLimiter?.take(`ip:${req.socket.remoteAddress ?? ''}`);
      return {
        allowedFhirServers: deps.fhirServersWhenAuthOff,
        issuer: undefined,
        baseUrl,
        shadow: deps.shadowAll,
      };
    }
    // `aud` must be exactly the URL called (spec: "Trusting CDS Clients"), feedback included.
    const audience = `${baseUrl}${req.originalUrl.split('?')[0] ?? ''}`;
    const identity = await deps.authenticator.authenticate(req.get('authorization'), audience);
    deps.hookLimiter?.take(`iss:${identity.iss}`);
    return {
      allowedFhirServers: new Set(identity.client.fhirServers),
      issuer: identity.iss,
      baseUrl,
      shadow: deps.shadowAll || identity.client.shadow,
    };
  };

  // Liveness: the process answers. Readiness: it can also reach what it needs.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every(Boolean);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', checks, audit: deps.writer.stats() });
  });

  if (deps.pageHeaders) app.use(SOURCE_ATTRIBUTES_PATH, deps.pageHeaders);
  app.get(SOURCE_ATTRIBUTES_PATH, (_req, res) => {
    res
      .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .type('html')
      .send(deps.modelCard.html);
  });
  app.get(`${SOURCE_ATTRIBUTES_PATH}.json`, (_req, res) => {
    res.json(deps.modelCard.json);
  });
  app.get(`${SOURCE_ATTRIBUTES_PATH}.xml`, (_req, res) => {
    res.type('application/xml').send(deps.modelCard.xml);
  });
  // Where cards pointed before the model card: links already stored in EHRs keep working.
  app.get('/about/decision-support', (_req, res) => {
    res.redirect(301, SOURCE_ATTRIBUTES_PATH);
  });

  app.get('/cds-services', (_req, res) => {
    const body: DiscoveryResponse = {
      services: [...deps.registry.values()].map((s) => s.definition),
    };
    res.json(body);
  });

  app.post('/cds-services/:id', async (req, res) => {
    const service = serviceFor(deps.registry, req.params.id);
    let call: HookCall | undefined;
    let result: HookResult | undefined;
    const work = async (): Promise<void> => {
      call = await authenticate(req);
      const request = await readBody(req, res, HookRequest, hookBody);
      if (request.hook !== service.definition.hook) {
        throw new ApiError(
          'bad_request',
          `Service '${service.definition.id}' answers the '${service.definition.hook}' hook, not '${request.hook}'.`,
        );
      }
      result = await service.handle(request, call);
      // Shadow mode: the model runs and is audited, the clinician sees nothing.
      const response = call.shadow ? { cards: [] } : result.response;
      res.locals.cardCount = response.cards.length;
      res.json(response);
    };
    await audited(work, ({ status, reason, latencyMs }) => {
      const record = (meta: HookMeta | undefined) =>
        hookAudit(service.definition.id, call, meta, status, latencyMs);
      const done = result;
      // Hashing the record waits until the answer has gone to the EHR.
      if (done) deps.writer.auditLater(() => record({ ...done.meta, ...done.finish() }));
      // Refused before the caller was known: counted, not a row of the audit trail.
      else if (!call) deps.writer.refused('hook', reason);
      else deps.writer.audit(record(undefined));
    });
  });

  app.post('/cds-services/:id/feedback', async (req, res) => {
    const service = serviceFor(deps.registry, req.params.id);
    let call: HookCall;
    try {
      call = await authenticate(req);
    } catch (err) {
      deps.writer.refused('feedback', toApiError(err)?.code ?? 'internal');
      throw err;
    }
    const feedback = await readBody(req, res, FeedbackRequest, feedbackBody);
    await keepFeedback(deps.writer, feedbackRecords(service.definition.id, call.issuer, feedback));
    res.status(200).json({});
  });

  for (const [path, router] of deps.routers ?? []) app.use(path, router);

  app.use((req, _res, next) => {
    next(
      new ApiError(
        'not_found',
        `Nothing at ${req.method} ${req.path}. Discovery is at GET /cds-services.`,
      ),
    );
  });
  app.use(errorHandler(deps.logger));
  return app;
}

function serviceFor(registry: ServiceRegistry, id: string) {
  const service = registry.get(id);
  if (!service) {
    throw new ApiError(
      'not_found',
      `No CDS service '${id}'. The services offered are listed at GET /cds-services.`,
    );
  }
  return service;
}
