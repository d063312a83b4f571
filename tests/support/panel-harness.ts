/**
 * The whole panel setting on 127.0.0.1: the mock EHR with its SMART authorization server (bearer
 * tokens required), and the CDS service that trusts that EHR's FHIR server and serves the panel.
 */
import { composeService } from '../../cds-service/compose';
import { defaultConfig, type Config } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { createMemoryStore } from '../../cds-service/store/memory-store';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { launchToken } from '../../mocks/smart/launch-token';
import { createSmartServer, type SmartServer } from '../../mocks/smart/smart-server';
import { FIXED_NOW, trustingFhirServer } from './fixtures';
import { PANEL_CLIENT_ID, PATIENT_PAGE_CLIENT_ID, panelScope } from '../../client/smart/scopes';
import { startServer, type RunningServer } from './server';

export { PANEL_CLIENT_ID };
export const PANEL_SCOPE = panelScope();

export interface PanelHarness {
  ehr: RunningServer;
  service: RunningServer;
  fhirBase: string;
  /** Every fixture patient the mock EHR serves. */
  patientIds: string[];
  smart: SmartServer;
  logs: string[];
  /** Where the service's audit rows and feedback land. */
  store: ReturnType<typeof createMemoryStore>;
  /** Waits for background audit writes. */
  flush(): Promise<void>;
  /** Advances the authorization server's clock (token expiry). */
  advance(ms: number): void;
  /** A SMART access token for `patient`, obtained through authorize + token with PKCE. */
  tokenFor(patient: string, scope?: string): string;
  close(): Promise<void>;
}

export async function startPanelHarness(
  overrides: Partial<Config> = {},
  /** A directory of extra patient bundles the mock EHR serves beside the fixtures. */
  extraBundles?: string,
): Promise<PanelHarness> {
  let skew = 0;
  const smart = createSmartServer({ now: () => Date.now() + skew });
  const fixtures = loadFixtureStore(extraBundles);
  const ehr = await startServer(createMockEhr({ store: fixtures, smart }));
  const fhirBase = `${ehr.url}/fhir`;
  const logger = createMemoryLogger();
  const config = defaultConfig({
    clients: trustingFhirServer(fhirBase, 'test-ehr'),
    ...overrides,
  });
  const store = createMemoryStore();
  const { app, writer } = composeService(config, logger, { now: () => FIXED_NOW, store });
  const service = await startServer(app);
  smart.registerClient({
    clientId: PANEL_CLIENT_ID,
    redirectUris: [`${service.url}/panel/index.html`, `${service.url}/panel/`],
  });
  smart.registerClient({
    clientId: PATIENT_PAGE_CLIENT_ID,
    redirectUris: [`${service.url}/panel/patient.html`],
  });
  return {
    ehr,
    service,
    fhirBase,
    patientIds: fixtures.patients().map((p) => p.id),
    smart,
    logs: logger.lines,
    store,
    flush: () => writer.flush(),
    advance: (ms) => {
      skew += ms;
    },
    tokenFor: (patient, scope = PANEL_SCOPE) =>
      launchToken(smart, {
        clientId: PANEL_CLIENT_ID,
        redirectUri: `${service.url}/panel/index.html`,
        scope,
        patient,
        fhirBase,
        origin: ehr.url,
      }),
    close: async () => {
      await Promise.all([ehr.close(), service.close()]);
    },
  };
}
