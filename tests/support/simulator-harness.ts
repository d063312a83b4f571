/**
 * The whole demo setting on 127.0.0.1, as `npm start` builds it: the mock EHR (FHIR, SMART,
 * JWKS, simulator page and API) and the CDS service that trusts that EHR (JWT checks on), with
 * the service registered in the simulator. The service's store is in memory and inspectable.
 */
import { createServer } from 'node:http';
import type { Express } from 'express';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { createMemoryStore } from '../../cds-service/store/memory-store';
import { createMockEhr } from '../../mocks/ehr-app';
import { createEhrKeys } from '../../mocks/ehr-identity';
import { loadFixtureStore } from '../../mocks/fixtures';
import { createSmartServer, type SmartServer } from '../../mocks/smart/smart-server';
import { createSimulator, type Simulator } from '../../mocks/simulator/router';
import { FIXED_NOW } from './fixtures';
import { PANEL_CLIENT_ID } from './panel-harness';
import { startServer, type RunningServer } from './server';

export interface SimulatorHarness {
  ehr: RunningServer;
  service: RunningServer;
  fhirBase: string;
  smart: SmartServer;
  simulator: Simulator;
  store: ReturnType<typeof createMemoryStore>;
  logs: string[];
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatorHarness(
  dirs: { pageDir?: string; panelDir?: string } = {},
): Promise<SimulatorHarness> {
  const fixtures = loadFixtureStore();
  const keys = await createEhrKeys();
  const smart = createSmartServer();
  let ehrUrl = '';
  const simulator = createSimulator({
    store: fixtures,
    smart,
    keys,
    ehrUrl: () => ehrUrl,
    now: () => FIXED_NOW,
    ...(dirs.pageDir ? { pageDir: dirs.pageDir } : {}),
  });
  const ehr = await startServer(createMockEhr({ store: fixtures, keys, smart, simulator }));
  ehrUrl = ehr.url;
  const fhirBase = `${ehr.url}/fhir`;
  const signer = keys.signerFor(ehr.url);

  // The service's cards link to its own panel, so its URL must be known before it is composed.
  const target: { app?: Express } = {};
  const service = await startServer({
    listen: (port, host, cb) =>
      createServer((req, res) => {
        if (target.app) target.app(req, res);
        else res.writeHead(503).end();
      }).listen(port, host, cb),
  });
  const logger = createMemoryLogger();
  const store = createMemoryStore();
  const config = defaultConfig({
    auth: true,
    clients: parseClients(
      [{ iss: signer.iss, jwksUrl: signer.jwksUrl, fhirServers: [fhirBase] }],
      'test',
    ),
    panelLaunchUrl: `${service.url}/panel/launch.html`,
    ...(dirs.panelDir ? { panelDir: dirs.panelDir } : {}),
  });
  const { app, writer } = composeService(config, logger, { now: () => FIXED_NOW, store });
  target.app = app;
  smart.registerClient({
    clientId: PANEL_CLIENT_ID,
    redirectUris: [`${service.url}/panel/index.html`],
  });
  await simulator.services.register(service.url);
  return {
    ehr,
    service,
    fhirBase,
    smart,
    simulator,
    store,
    logs: logger.lines,
    flush: () => writer.flush(),
    close: async () => {
      await Promise.all([ehr.close(), service.close()]);
    },
  };
}
