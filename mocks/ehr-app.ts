/**
 * The mock EHR: one Express app that plays the EHR's side for the demo and the tests.
 * `/fhir` is a FHIR R4 server over the fixture store.
 */
import express from 'express';
import { createFhirRouter } from './fhir-server/app';
import type { FhirStore } from './fhir-server/store';
import { EHR_JWKS_PATH, type EhrKeys } from './ehr-identity';

export interface MockEhrOptions {
  store: FhirStore;
  /** The EHR's signing keys as a CDS client; their public JWKS is served at `EHR_JWKS_PATH`. */
  keys?: EhrKeys;
}

export function createMockEhr({ store, keys }: MockEhrOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (keys) {
    app.get(EHR_JWKS_PATH, (_req, res) => {
      res.json(keys.jwks);
    });
  }
  app.use('/fhir', createFhirRouter({ store }));
  return app;
}
