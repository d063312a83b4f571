/**
 * `npm start`: the whole product on this machine. The mock EHR (FHIR server, JWKS, SMART, and the
 * EHR simulator page) and the CDS service, each on its own port on 127.0.0.1, with EHR
 * authentication on, URLs printed, and the simulator opened in a browser when there is one.
 */
import { PANEL_CLIENT_ID, PATIENT_PAGE_CLIENT_ID } from '../client/smart/scopes';
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { z } from 'zod';
import { composeService } from '../cds-service/compose';
import { loadConfig } from '../cds-service/config';
import { listen } from '../cds-service/http/listen';
import { createLogger } from '../cds-service/log';
import { openStore } from '../cds-service/store/open-store';
import { createMockEhr, OPEN_FHIR_PATH } from './ehr-app';
import { createEhrKeys } from './ehr-identity';
import { loadFixtureStore } from './fixtures';
import { createSmartServer } from './smart/smart-server';
import { createSimulator } from './simulator/router';

const DemoEnv = z.object({
  DEMO_SERVICE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DEMO_EHR_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  MOCK_FHIR_BUNDLES_DIR: z.string().optional(),
  /** `0` keeps the browser closed; by default the simulator opens when run from a terminal. */
  DEMO_OPEN: z.enum(['0', '1']).optional(),
  CI: z.string().optional(),
});

/** Opens `url` in the desktop browser, if the platform has an opener; failures are harmless. */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
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
  // The simulator signs hook calls as this EHR, whose URL is known once it listens.
  let ehrUrl = '';
  const simulator = createSimulator({ store, smart, keys, ehrUrl: () => ehrUrl });
  // The mock EHR and the service listen as the service does in production (its time limits).
  const defaults = loadConfig({ CDS_AUTH: 'off' });
  // The open-read base is for tools on this machine that need one (the CDS Hooks sandbox).
  const ehr = await listen(createMockEhr({ store, keys, smart, simulator, openFhir: true }), {
    requestTimeoutMs: defaults.requestTimeoutMs,
    headersTimeoutMs: defaults.headersTimeoutMs,
    host: '127.0.0.1',
    port: env.DEMO_EHR_PORT,
  });
  ehrUrl = `http://127.0.0.1:${portOf(ehr)}`;
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
  const service = await listen(app, { ...config, host: '127.0.0.1' });
  const serviceUrl = `http://127.0.0.1:${portOf(service)}`;
  smart.registerClient({
    clientId: PANEL_CLIENT_ID,
    redirectUris: [`${serviceUrl}/panel/index.html`],
  });
  smart.registerClient({
    clientId: PATIENT_PAGE_CLIENT_ID,
    redirectUris: [`${serviceUrl}/panel/patient.html`],
  });
  const panelLaunch = `${serviceUrl}/panel/launch.html`;
  // The EHR reads the service's discovery document, as an informatics team registers it.
  await simulator.services.register(serviceUrl);
  const simulatorUrl = `${ehrUrl}/simulator/`;

  const patients = store.patients();
  process.stdout.write(
    [
      '',
      'EHR Synopsis demo is running:',
      `  EHR simulator         ${simulatorUrl}   <- open this: pick a patient, see the cards`,
      `  CDS Hooks discovery   ${serviceUrl}/cds-services`,
      `  Mock FHIR R4 server   ${ehrUrl}/fhir  (${patients.length} synthetic patients)`,
      `  Open FHIR base        ${ehrUrl}${OPEN_FHIR_PATH}  (no token, read and search only: for the`,
      `                        CDS Hooks sandbox; README "Try it with the CDS Hooks sandbox")`,
      `  Mock EHR JWKS         ${signer.jwksUrl}  (hook calls are signed; CDS_AUTH is ${config.auth ? 'on' : 'OFF'})`,
      `  SMART panel           ${panelLaunch}?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}`,
      `                        (standalone launch: pick any fixture patient; EHR launch: POST`,
      `                        {"patient":"<id>"} to ${ehrUrl}/auth/launch, then add &launch=<id>)`,
      `  Patient page          ${serviceUrl}/panel/patient-launch.html?iss=${encodeURIComponent(`${ehrUrl}/fhir`)}`,
      `                        (a patient's own record in plain words; pick the patient you sign in as)`,
      config.adminToken
        ? `  Governance console    ${serviceUrl}/admin/  (sign in with ADMIN_TOKEN)`
        : `  Governance console    off: start with ADMIN_TOKEN=<24+ characters> to open ${serviceUrl}/admin/`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const interactive = process.stdout.isTTY && env.CI === undefined;
  if (env.DEMO_OPEN === '1' || (env.DEMO_OPEN === undefined && interactive)) {
    openBrowser(simulatorUrl);
  }
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
