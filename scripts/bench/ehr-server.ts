/**
 * The EHR side of the benchmark, in its own process so that serving FHIR does not share an event
 * loop with the load generator: the mock FHIR server over the fixture patients, behind the mock
 * SMART authorization server. Prints `{"url", "fhirBase", "token"}` once listening; the token is a
 * panel token for the patient named on the command line, obtained with authorize + PKCE + token.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DATA_SCOPES } from '../../client/smart/scopes';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { s256 } from '../../mocks/smart/pkce';
import { createSmartServer, type SmartServer } from '../../mocks/smart/smart-server';

const CLIENT_ID = 'ehr-synopsis-panel';
const REDIRECT_URI = 'http://127.0.0.1/bench/callback';

function panelToken(smart: SmartServer, origin: string, fhirBase: string, patient: string): string {
  const verifier = randomBytes(32).toString('base64url');
  const outcome = smart.authorize(
    {
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: ['launch', ...DATA_SCOPES].join(' '),
      state: 'bench',
      aud: fhirBase,
      launch: smart.mintLaunch({ patient }),
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    },
    fhirBase,
  );
  if (outcome.kind !== 'redirect') throw new Error(`authorize failed: ${outcome.kind}`);
  const code = new URL(outcome.location).searchParams.get('code');
  if (!code) throw new Error('authorize refused the bench client');
  const token = smart.token(
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: verifier,
    },
    origin,
  );
  if (typeof token.body.access_token !== 'string') throw new Error('token refused');
  return token.body.access_token;
}

const patient = process.argv[2];
if (!patient) throw new Error('usage: ehr-server.ts <patientId>');
const smart = createSmartServer({ accessTokenTtlSeconds: 3600 });
smart.registerClient({ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI] });
const server = createMockEhr({ store: loadFixtureStore(), smart }).listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fhirBase = `${url}/fhir`;
  const token = panelToken(smart, url, fhirBase, patient);
  process.stdout.write(`${JSON.stringify({ url, fhirBase, token })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
