import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients, type Config } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { runPrefetch } from '../../mocks/prefetch';
import { startServer, type RunningServer } from './server';

export const FIXED_NOW = new Date('2025-07-01T12:00:00Z');

/**
 * One trusted EHR whose FHIR server is `fhirBase` (through the config parser, so that defaults of
 * new client fields apply). With CDS_AUTH=off, these servers are the ones self-fetch, the panel
 * and the hook-time cache may use.
 */
export const trustingFhirServer = (fhirBase: string, iss = 'https://ehr.example.org') =>
  parseClients([{ iss, jwksUrl: 'http://127.0.0.1:9/jwks', fhirServers: [fhirBase] }], 'test');

/** The fixture patients by a short name used in tests (synthetic Synthea records). */
export const PATIENTS = {
  smallHypertension: 'ee9f8dd8-72d2-4769-8020-89e504b1504b',
  largeDiabetic: 'bd6f9f37-7295-4cd6-b212-134afcef1253',
  infant: '1ae0605d-e5b8-4d6d-a96d-c93dcbd57e06',
  /** Offered hyperlipidaemia and depression in the differential (LDL 217 mg/dL, PHQ-9 13). */
  withDifferential: 'c4a44054-db10-9633-6b49-7267083323df',
} as const;

export interface Harness {
  ehr: RunningServer;
  service: RunningServer;
  fhirBase: string;
  logs: string[];
  patientIds: string[];
  prefetchFor(patientId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The mock EHR and the CDS service, both real HTTP servers on 127.0.0.1. */
export async function startHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const store = loadFixtureStore();
  const ehr = await startServer(createMockEhr({ store }));
  const logger = createMemoryLogger();
  const { app } = composeService(defaultConfig(overrides), logger, { now: () => FIXED_NOW });
  const service = await startServer(app);
  const fhirBase = `${ehr.url}/fhir`;
  return {
    ehr,
    service,
    fhirBase,
    logs: logger.lines,
    patientIds: store.patients().map((p) => p.id),
    prefetchFor: (patientId) =>
      runPrefetch(PATIENT_VIEW_PREFETCH, { patientId, userId: 'Practitioner/example' }, fhirBase),
    close: async () => {
      await Promise.all([ehr.close(), service.close()]);
    },
  };
}

export const patientViewRequest = (patientId: string, prefetch?: Record<string, unknown>) => ({
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  context: { userId: 'Practitioner/example', patientId },
  ...(prefetch ? { prefetch } : {}),
});
