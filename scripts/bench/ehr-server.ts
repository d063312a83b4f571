/**
 * The EHR side of the benchmark, in its own process so that serving FHIR does not share an event
 * loop with the load generator: the mock FHIR server over the fixture patients, behind the mock
 * SMART authorization server. Prints `{"url", "fhirBase", "token"}` once listening; the token is a
 * panel token for the patient named on the command line, obtained with authorize + PKCE + token.
 */
import { PANEL_CLIENT_ID } from '../../client/smart/scopes';
import type { AddressInfo } from 'node:net';
import { DATA_SCOPES } from '../../client/smart/scopes';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { launchToken } from '../../mocks/smart/launch-token';
import { createSmartServer } from '../../mocks/smart/smart-server';

const REDIRECT_URI = 'http://127.0.0.1/bench/callback';

const patient = process.argv[2];
if (!patient) throw new Error('usage: ehr-server.ts <patientId>');
const smart = createSmartServer({ accessTokenTtlSeconds: 3600 });
smart.registerClient({ clientId: PANEL_CLIENT_ID, redirectUris: [REDIRECT_URI] });
const server = createMockEhr({ store: loadFixtureStore(), smart }).listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBase = `${url}/fhir`;
  const token = launchToken(smart, {
    clientId: PANEL_CLIENT_ID,
    redirectUri: REDIRECT_URI,
    scope: ['launch', ...DATA_SCOPES].join(' '),
    patient,
    fhirBase,
    origin: url,
  });
  process.stdout.write(`${JSON.stringify({ url, fhirBase, token })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
