/**
 * The mock EHR: one Express app that plays the EHR's side for the demo and the tests.
 * `/fhir` is a FHIR R4 server over the fixture store; with `smart`, `/auth` is its SMART
 * authorization server, `/fhir/.well-known/smart-configuration` its discovery document (found by
 * apps from `iss`), and the FHIR server requires that server's bearer tokens.
 */
import cors from 'cors';
import express from 'express';
import { errorHandler } from '../cds-service/http/error-handler';
import { createStderrLogger, type Logger } from '../cds-service/log';
import { createFhirRouter } from './fhir-server/app';
import type { FhirStore } from './fhir-server/store';
import { EHR_JWKS_PATH, type EhrKeys } from './ehr-identity';
import { createAuthRouter, originOf } from './smart/auth-router';
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
}

export function createMockEhr({
  store,
  keys,
  smart,
  simulator,
  logger = createStderrLogger(),
}: MockEhrOptions): express.Express {
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
    app.get('/fhir/.well-known/smart-configuration', (req, res) => {
      res.set('access-control-allow-origin', '*').json(smart.configuration(originOf(req)));
    });
    app.use('/auth', createAuthRouter(smart, store));
    // SMART apps in the browser read FHIR cross-origin with a bearer token (preflighted).
    app.use('/fhir', cors({ allowedHeaders: ['authorization', 'content-type', 'accept'] }));
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
