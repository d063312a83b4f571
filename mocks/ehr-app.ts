/**
 * The mock EHR: one Express app that plays the EHR's side for the demo and the tests.
 * `/fhir` is a FHIR R4 server over the fixture store; with `smart`, `/auth` is its SMART
 * authorization server, `/fhir/.well-known/smart-configuration` its discovery document (found by
 * apps from `iss`), and the FHIR server requires that server's bearer tokens. With `openFhir`,
 * `/fhir-open` serves the same store to anyone, for reading and searching only, for tools that
 * need an open FHIR server (the CDS Hooks sandbox); never expose it outside a developer machine.
 * Both bases offer the sandbox's launch-context endpoint, `POST _services/smart/Launch`.
 */
import cors from 'cors';
import express from 'express';
import { z } from 'zod';
import { ApiError } from '../cds-service/errors';
import { errorHandler } from '../cds-service/http/error-handler';
import { createStderrLogger, type Logger } from '../cds-service/log';
import { createFhirRouter } from './fhir-server/app';
import type { FhirStore } from './fhir-server/store';
import { EHR_JWKS_PATH, type EhrKeys } from './ehr-identity';
import { createAuthRouter, launchProblem, originOf } from './smart/auth-router';
import type { SmartServer } from './smart/smart-server';
import type { Simulator } from './simulator/router';

export interface MockEhrOptions {
  store: FhirStore;
  /** The EHR's signing keys as a CDS client; their public JWKS is served at `EHR_JWKS_PATH`. */
  keys?: EhrKeys;
  /** The SMART authorization server; when given, FHIR access needs its tokens. */
  smart?: SmartServer;
  /** The EHR simulator page and its API, served at `/simulator/` (and `/` leads there). */
  simulator?: Simulator;
  /** Where internal errors are logged (kind only, as the service does); stderr by default. */
  logger?: Logger;
  /** Also serve `/fhir-open`: the same store, no token, read and search only. Off by default. */
  openFhir?: boolean;
}

/** Where the open-read FHIR base is mounted (see `openFhir`). */
export const OPEN_FHIR_PATH = '/fhir-open';

/** The launch-context request of the CDS Hooks sandbox (not a standard: what the sandbox sends). */
const SandboxLaunch = z.object({
  launchUrl: z.string().optional(),
  parameters: z.object({ patient: z.string(), appContext: z.string().optional() }),
});

export function createMockEhr({
  store,
  keys,
  smart,
  simulator,
  logger = createStderrLogger(),
  openFhir = false,
}: MockEhrOptions): express.Express {
  const fhirPaths = openFhir ? ['/fhir', OPEN_FHIR_PATH] : ['/fhir'];
  const app = express();
  app.disable('x-powered-by');
  if (simulator) {
    app.get('/', (_req, res) => {
      res.redirect(302, '/simulator/');
    });
    app.use('/simulator', simulator.router);
  }
  if (keys) {
    app.get(EHR_JWKS_PATH, (_req, res) => {
      res.json(keys.jwks);
    });
  }
  if (smart) {
    for (const path of fhirPaths) {
      app.get(`${path}/.well-known/smart-configuration`, (req, res) => {
        res.set('access-control-allow-origin', '*').json(smart.configuration(originOf(req)));
      });
      // SMART apps in the browser read FHIR cross-origin with a bearer token (preflighted).
      app.use(
        path,
        cors({ allowedHeaders: ['authorization', 'content-type', 'accept', 'prefer'] }),
      );
      // The sandbox's launch context: a launch id for the patient and the card's appContext, which
      // the sandbox adds to the card's SMART link with `iss` set to this FHIR base.
      app.post(`${path}/_services/smart/Launch`, express.json({ limit: '64kb' }), (req, res) => {
        const parsed = SandboxLaunch.safeParse(req.body);
        if (!parsed.success) {
          throw new ApiError(
            'bad_request',
            'Send {"launchUrl": ..., "parameters": {"patient": "<Patient id>", "appContext": "..."}}.',
          );
        }
        const { patient, appContext } = parsed.data.parameters;
        const problem = launchProblem(store, patient, appContext);
        if (problem) throw new ApiError('bad_request', problem);
        res.json({
          launch_id: smart.mintLaunch({ patient, ...(appContext ? { appContext } : {}) }),
        });
      });
    }
    app.use('/auth', createAuthRouter(smart, store, fhirPaths));
  }
  if (openFhir) {
    app.use(OPEN_FHIR_PATH, cors(), createFhirRouter({ store, readOnly: true }));
  }
  app.use(
    '/fhir',
    createFhirRouter({
      store,
      ...(smart
        ? {
            checkToken: (token: string) => {
              const r = smart.introspect(token);
              return r.active ? { active: true, grant: r.grant } : r;
            },
          }
        : {}),
    }),
  );
  // Bad bodies on /auth (malformed JSON, too large) get the service's answers, not a stack page.
  app.use(errorHandler(logger));
  return app;
}
