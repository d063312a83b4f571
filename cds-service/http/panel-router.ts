/**
 * HTTP for the panel API, mounted at `/api/panel`. Routes validate, call `load-synopsis.ts` and
 * send; errors go through the service's one error handler as `ApiError`s.
 */
import { audited } from './audited';
import express, { type Request, type Response } from 'express';
import { ApiError, toApiError } from '../errors';
import type { RateLimiter } from './rate-limit';
import { sha256 } from '../hash';
import type { PanelFeedbackSink } from '../store/panel-feedback';
import { panelAudit } from '../governance/audit-records';
import type { BodyBudget } from './json-body';
import { readBody } from './parse-body';
import type { AuditRecord } from '../store/records';
import {
  clientFor,
  loadPanelSynopsis,
  type LoadedSynopsis,
  type PanelCall,
  type PanelDeps,
} from '../panel/load-synopsis';
import { PanelFeedbackRequest, PanelSynopsisRequest, SafetyReportRequest } from '../contract/panel';
import { patientIdentifiers } from '../fhir/patient';
import { createRedactor } from '../providers/deidentify';
import type { SafetyReportRecord } from '../store/records';
import { randomUUID } from 'node:crypto';
import { readPatientWithToken } from '../panel/prove-token';
import { FhirFetchError } from '../fhir-client/fhir-client';
import { renderPlainSummary } from '../plain-language/render';
import { rewritePlainSummary } from '../plain-language/rewrite';

export interface PanelRouterDeps extends PanelDeps {
  feedback: PanelFeedbackSink;
  /** Where safety reports go (the governance store). */
  safetyReports: (report: SafetyReportRecord) => Promise<void>;
  /** Every panel request goes to the audit trail, like every hook call... */
  audit: (record: AuditRecord) => void;
  /** ...but one refused before its token was proven is only counted (per reason). */
  refused: (reason: string) => void;
  /** Requests per access token (per client address without one); each may cost FHIR reads. */
  limiter?: RateLimiter;
  /** Bytes of request bodies held at once, shared with the hook routes. */
  bodyBudget: BodyBudget;
  /**
   * Token proofs the FHIR server refused, per client address: each costs an outbound read, and a
   * fresh random token per request would otherwise buy one read per request.
   */
  failedProofLimiter?: RateLimiter;
}

/**
 * A panel request answered with these never proved its token (none, refused by the FHIR server,
 * not for this patient, or over its rate): counted, not audited.
 */
const REFUSED_STATUS = new Set([401, 403, 429]);

/** The panel's requests name a FHIR server, a patient and a verdict: a few hundred bytes. */
const PANEL_BODY_LIMIT = 64 * 1024;

export function createPanelRouter(deps: PanelRouterDeps): express.Router {
  const router = express.Router();
  const body = (what: string) => ({
    limit: PANEL_BODY_LIMIT,
    budget: deps.bodyBudget,
    maxDepth: 16,
    what,
  });

  /** A request from an address that has failed too many token proofs gets no FHIR read. */
  const addressOf = (req: Request): string => `ip:${req.socket.remoteAddress ?? ''}`;
  router.use((req, _res, next) => {
    try {
      deps.failedProofLimiter?.check(addressOf(req));
    } catch (err) {
      deps.refused('too_many_requests');
      throw err;
    }
    next();
  });
  const noteFailedProof = (req: Request, err: unknown): void => {
    if (toApiError(err)?.cause instanceof FhirFetchError) {
      try {
        deps.failedProofLimiter?.take(addressOf(req));
      } catch {
        // Already over: the next request from this address is refused by the check above.
      }
    }
  };

  /**
   * Reads the record with the caller's token and answers with what `answer` makes of the
   * synopsis; audited under `serviceId` (the clinician panel, or the patient-facing page).
   */
  const serveSynopsis =
    (serviceId: string, answer: (loaded: LoadedSynopsis) => object | Promise<object>) =>
    async (req: Request, res: Response): Promise<void> => {
      const started = performance.now();
      let patientId: string | undefined;
      let loaded: LoadedSynopsis | undefined;
      const work = async (): Promise<void> => {
        const call = callOf(req, deps.limiter);
        const request = await readBody(
          req,
          res,
          PanelSynopsisRequest,
          body(`${serviceId} synopsis request`),
        );
        patientId = request.patientId;
        loaded = await loadPanelSynopsis(request, call, deps);
        deps.logger.info(`${serviceId} synopsis served`, {
          cached: loaded.cached,
          ms: Math.round(performance.now() - started),
        });
        const answered = await answer(loaded);
        res.set('cache-control', 'no-store').json(answered);
      };
      await audited(
        work,
        ({ status, reason, latencyMs }) => {
          if (patientId === undefined || REFUSED_STATUS.has(status)) deps.refused(reason);
          else deps.audit(panelAudit(patientId, loaded, status, latencyMs, serviceId));
        },
        (err, apiError) => {
          if (apiError?.status === 401 || apiError?.status === 403) noteFailedProof(req, err);
        },
      );
    };

  router.post(
    '/synopsis',
    serveSynopsis('panel', (loaded) => ({ synopsis: loaded.synopsis, cached: loaded.cached })),
  );
  // The patient-facing page: the same synopsis, rendered in plain words for the patient.
  router.post(
    '/plain-summary',
    serveSynopsis('patient-page', async (loaded) => ({
      // With a language model configured, its rewrites that pass the boundary replace templates.
      summary: await rewritePlainSummary(
        renderPlainSummary(loaded.synopsis),
        { rewriter: deps.provider.plainRewriter, info: deps.provider.info },
        deps.logger,
        AbortSignal.timeout(deps.deadlineMs),
      ),
      cached: loaded.cached,
    })),
  );

  /** A route that records what a clinician sends: refusals are counted, failed proofs limited. */
  const recording =
    (handle: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response, next: (err: unknown) => void): Promise<void> => {
      try {
        await handle(req, res);
      } catch (err) {
        const apiError = toApiError(err);
        if (apiError && REFUSED_STATUS.has(apiError.status)) deps.refused(apiError.code);
        if (apiError?.status === 401 || apiError?.status === 403) noteFailedProof(req, err);
        next(err);
      }
    };

  router.post('/feedback', (req, res, next) => recording(recordFeedback)(req, res, next));
  router.post('/safety-report', (req, res, next) => recording(recordSafetyReport)(req, res, next));

  const recordSafetyReport = async (req: Request, res: Response): Promise<void> => {
    const call = callOf(req, deps.limiter);
    const report = await readBody(req, res, SafetyReportRequest, body('safety report'));
    // Only someone who may read the patient may report on what was said about them; their
    // identifiers (names, record numbers, contacts) are redacted from the description.
    const patient = await readPatientWithToken(
      clientFor(deps, report.fhirServer, call),
      report.patientId,
    );
    // Wall-clock time, as feedback rows have (`deps.now` is the clinical clock, fixed in tests).
    const now = new Date();
    const redact = createRedactor(
      patientIdentifiers(patient as Record<string, unknown>),
      now.getTime(),
    );
    const id = randomUUID();
    await deps.safetyReports({
      id,
      receivedAt: now.toISOString(),
      targetKind: report.target.kind,
      targetId: report.target.id,
      category: report.category,
      description: redact(report.description),
      modelName: report.model.name,
      modelVersion: report.model.version,
    });
    deps.logger.info('safety report recorded', { category: report.category });
    res.status(201).json({ recorded: true, id });
  };

  const recordFeedback = async (req: Request, res: Response): Promise<void> => {
    const call = callOf(req, deps.limiter);
    const feedback = await readBody(req, res, PanelFeedbackRequest, body('panel feedback'));
    // Feedback is accepted only from someone who may read the patient the statement was about.
    await readPatientWithToken(clientFor(deps, feedback.fhirServer, call), feedback.patientId);
    await deps.feedback.record({
      targetKind: feedback.target.kind,
      targetId: feedback.target.id,
      verdict: feedback.verdict,
      // Grouped by version, as audit rows are (the report's "by model version").
      modelVersion: feedback.model.version,
    });
    res.status(201).json({ recorded: true });
  };

  return router;
}

function callOf(req: Request, limiter: RateLimiter | undefined): PanelCall {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  // Hashed: the limiter's memory must not hold usable tokens.
  limiter?.take(m?.[1] ? `token:${sha256(m[1])}` : `ip:${req.socket.remoteAddress ?? ''}`);
  if (!m?.[1]) {
    throw new ApiError(
      'unauthorized',
      'Send the panel’s SMART access token as Authorization: Bearer <token>.',
    );
  }
  return { accessToken: m[1] };
}
