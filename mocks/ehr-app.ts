/**
 * The mock EHR: one Express app that plays the EHR's side for the demo and the tests.
 * `/fhir` is a FHIR R4 server over the fixture store.
 */
import express from 'express';
import { createFhirRouter } from './fhir-server/app';
import type { FhirStore } from './fhir-server/store';

export interface MockEhrOptions {
  store: FhirStore;
}

export function createMockEhr({ store }: MockEhrOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/fhir', createFhirRouter({ store }));
  return app;
}
