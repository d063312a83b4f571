/**
 * HTTP for the panel API, mounted at `/api/panel`. Routes validate, call `load-synopsis.ts` and
 * send; errors go through the service's one error handler as `ApiError`s.
 */
import express, { type Request } from 'express';
import type { ZodType } from 'zod';
import { describeIssues } from '../contract/cds-hooks';
import { ApiError } from '../http/errors';
import type { Logger } from '../log';
import type { PanelFeedbackSink } from '../store/panel-feedback';
import { clientFor, loadPanelSynopsis, type PanelCall, type PanelDeps } from './load-synopsis';
import { PanelFeedbackRequest, PanelSynopsisRequest } from './panel-contract';
import { readPatientWithToken } from './prove-token';

export interface PanelRouterDeps extends PanelDeps {
  logger: Logger;
  feedback: PanelFeedbackSink;
}

export function createPanelRouter(deps: PanelRouterDeps): express.Router {
  const router = express.Router();

  router.post('/synopsis', async (req, res) => {
    const call = callOf(req);
    const body = parseBody(req, PanelSynopsisRequest, 'panel synopsis request');
    const started = Date.now();
    const answer = await loadPanelSynopsis(body, call, deps);
    deps.logger.info('panel synopsis served', { cached: answer.cached, ms: Date.now() - started });
    res.set('cache-control', 'no-store').json(answer);
  });

  router.post('/feedback', async (req, res) => {
    const call = callOf(req);
    const body = parseBody(req, PanelFeedbackRequest, 'panel feedback');
    // Feedback is accepted only from someone who may read the patient the statement was about.
    await readPatientWithToken(clientFor(deps, body.fhirServer, call), body.patientId);
    await deps.feedback.record({
      targetKind: body.target.kind,
      targetId: body.target.id,
      verdict: body.verdict,
      modelName: body.model.name,
      modelVersion: body.model.version,
    });
    res.status(201).json({ recorded: true });
  });

  return router;
}

function callOf(req: Request): PanelCall {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!m?.[1]) {
    throw new ApiError(
      'unauthorized',
      'Send the panel’s SMART access token as Authorization: Bearer <token>.',
    );
  }
  return { accessToken: m[1] };
}

function parseBody<T>(req: Request, schema: ZodType<T>, what: string): T {
  if (!req.is(['application/json'])) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${what} as JSON with Content-Type: application/json.`,
    );
  }
  const parsed = schema.safeParse(req.body);
  if (!parsed.success) {
    throw new ApiError(
      'bad_request',
      `The body is not a valid ${what}.`,
      describeIssues(parsed.error),
    );
  }
  return parsed.data;
}
