/**
 * `npm start`: the whole product on this machine. The mock EHR (FHIR server, JWKS) and the CDS
 * service, each on its own port on 127.0.0.1, with EHR authentication on, URLs printed.
 */
import type { Server } from 'node:http';
import { z } from 'zod';
import { composeService } from '../cds-service/compose';
import { loadConfig } from '../cds-service/config';
import { createLogger } from '../cds-service/log';
import { openStore } from '../cds-service/store/open-store';
import { createMockEhr } from './ehr-app';
import { createEhrKeys } from './ehr-identity';
import { loadFixtureStore } from './fixtures';
import { createSmartServer } from './smart/smart-server';

const DemoEnv = z.object({
  DEMO_SERVICE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DEMO_EHR_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  MOCK_FHIR_BUNDLES_DIR: z.string().optional(),
});

function listen(
  app: { listen: (port: number, host: string, cb: () => void) => Server },
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', () => {
      resolve(server);
    });
    server.on('error', reject);
  });
}

const portOf = (s: Server): number => {
  const a = s.address();
  return typeof a === 'object' && a ? a.port : 0;
};

async function main(): Promise<void> {
  const env = DemoEnv.parse(process.env);
  const store = loadFixtureStore(env.MOCK_FHIR_BUNDLES_DIR);
  const keys = await createEhrKeys();
  // SMART on: the mock FHIR server wants bearer tokens from the mock authorization server.
  const smart = createSmartServer();
  const ehr = await listen(createMockEhr({ store, keys, smart }), env.DEMO_EHR_PORT);
  const ehrUrl = `http://127.0.0.1:${portOf(ehr)}`;
  const signer = keys.signerFor(ehrUrl);

  // The demo trusts exactly one EHR, the mock, as an informatics team would configure theirs.
  // Cards link to the panel this same service serves (see the SMART panel line printed below).
  const panelLaunchUrl = `http://127.0.0.1:${String(env.DEMO_SERVICE_PORT)}/panel/launch.html`;
  const config = loadConfig(
    { PANEL_LAUNCH_URL: panelLaunchUrl, ...process.env, PORT: String(env.DEMO_SERVICE_PORT) },
    [{ iss: signer.iss, jwksUrl: signer.jwksUrl, fhirServers: [`${ehrUrl}/fhir`] }],
  );
  const logger = createLogger(config.logLevel, (line) => process.stderr.write(line + '\n'));
  const governance = await openStore(config);
  const { app } = composeService(config, logger, { store: governance });
  const service = await listen(app, config.port);
  const serviceUrl = `http://127.0.0.1:${portOf(service)}`;
  smart.registerClient({
    clientId: 'ehr-synopsis-panel',
    redirectUris: [`${serviceUrl}/panel/index.html`],
  });
  const panelLaunch = `${serviceUrl}/panel/launch.html`;

  const patients = store.patients();
  process.stdout.write(
    [
      '',
      'EHR Synopsis demo is running:',
      `  CDS Hooks discovery   ${serviceUrl}/cds-services`,
      `  Mock FHIR R4 server   ${ehrUrl}/fhir  (${patients.length} synthetic patients)`,
      `  Mock EHR JWKS         ${signer.jwksUrl}  (hook calls are signed; CDS_AUTH is ${config.auth ? 'on' : 'OFF'})`,
      `  SMART panel           ${panelLaunch}?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}`,
      `                        (standalone launch: pick any fixture patient; EHR launch: POST`,
      `                        {"patient":"<id>"} to ${ehrUrl}/auth/launch, then add &launch=<id>)`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    ehr.close();
    service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `demo failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
