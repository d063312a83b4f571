/**
 * SSRF: nothing a caller sends makes the service call a host the administrator did not allowlist.
 * A canary server on 127.0.0.1 (a "private" address) records every request it gets: it must get none.
 */
import express from 'express';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { createMockEhr } from '../../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../../mocks/ehr-identity';
import { loadFixtureStore } from '../../mocks/fixtures';
import { FIXED_NOW, PATIENTS } from '../support/fixtures';
import { postJson, startServer, type RunningServer } from '../support/server';

const PATIENT = PATIENTS.smallHypertension;
let canary: RunningServer;
let canaryHits: string[] = [];
let ehr: RunningServer;
let service: RunningServer;
let signer: EhrSigner;
let fhirBase: string;
let redirectBase: string;
const inlineIss = 'https://inline-ehr.example.org';
let inlineKey: CryptoKey;
let inlineKid: string;

beforeAll(async () => {
  const canaryApp = express();
  canaryApp.use((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.json({ resourceType: 'Patient', id: PATIENT, keys: [] });
  });
  canary = await startServer(canaryApp);
  const keys = await createEhrKeys();
  const front = express();
  // An allowlisted FHIR server that answers searches with a redirect to the canary.
  front.use('/redirecting-fhir', (req, res) => {
    res.redirect(302, `${canary.url}${req.url}`);
  });
  front.use(createMockEhr({ store: loadFixtureStore(), keys }));
  ehr = await startServer(front);
  signer = keys.signerFor(ehr.url);
  fhirBase = `${ehr.url}/fhir`;
  redirectBase = `${ehr.url}/redirecting-fhir`;
  const inline = await generateKeyPair('ES384', { extractable: true });
  inlineKey = inline.privateKey;
  inlineKid = crypto.randomUUID();
  const config = defaultConfig({
    auth: true,
    clients: parseClients(
      [
        { iss: signer.iss, jwksUrl: signer.jwksUrl, fhirServers: [fhirBase, redirectBase] },
        {
          iss: inlineIss,
          jwks: {
            keys: [{ ...(await exportJWK(inline.publicKey)), kid: inlineKid, alg: 'ES384' }],
          },
        },
      ],
      'test',
    ),
  });
  service = await startServer(
    composeService(config, createMemoryLogger(), { now: () => FIXED_NOW }).app,
  );
});
afterAll(async () => {
  await Promise.all([canary.close(), ehr.close(), service.close()]);
});

const hookUrl = () => `${service.url}/cds-services/patient-synopsis`;
const hook = async (fhirServer: string) =>
  postJson(
    hookUrl(),
    {
      hook: 'patient-view',
      hookInstance: crypto.randomUUID(),
      fhirServer,
      fhirAuthorization: {
        access_token: 't',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.read',
        subject: 's',
      },
      context: { userId: 'Practitioner/1', patientId: PATIENT },
    },
    { authorization: `Bearer ${await signer.sign(hookUrl())}` },
  );

describe('SSRF through fhirServer', () => {
  it.each([
    ['a private address not on the allowlist', () => `${canary.url}/fhir`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data'],
    ['a private range', () => 'http://10.0.0.1/fhir'],
    ['file:', () => 'file:///etc/passwd'],
    ['gopher:', () => `gopher://127.0.0.1:${new URL(canary.url).port}/_FLUSHALL`],
    ['data:', () => 'data:application/json,{"resourceType":"Patient"}'],
    ['an allowlisted host with userinfo', () => fhirBase.replace('http://', 'http://x@')],
    ['an allowlisted prefix on another path', () => `${fhirBase}/../../other`],
  ])('refuses %s with a 4xx and calls nothing', async (_name, url) => {
    canaryHits = [];
    const res = await hook(url());
    expect([400, 412]).toContain(res.status);
    expect(canaryHits).toEqual([]);
  });

  it('does not follow an allowlisted server redirecting elsewhere', async () => {
    canaryHits = [];
    const res = await hook(redirectBase);
    expect(res.status).toBe(412); // the Patient itself answered with a redirect
    expect(canaryHits).toEqual([]);
  });

  it('panel API: refuses a fhirServer that is not allowlisted before calling it', async () => {
    canaryHits = [];
    for (const fhirServer of [`${canary.url}/fhir`, 'file:///etc/passwd', 'gopher://127.0.0.1/']) {
      const res = await postJson(
        `${service.url}/api/panel/synopsis`,
        { fhirServer, patientId: PATIENT },
        { authorization: 'Bearer t' },
      );
      expect([400, 403]).toContain(res.status);
    }
    expect(canaryHits).toEqual([]);
  });
});

describe('SSRF through jku', () => {
  const tokenWithJku = async (iss: string, kid: string, key: CryptoKey) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES384', kid, jku: `${canary.url}/jwks.json` })
      .setIssuer(iss)
      .setAudience(hookUrl())
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(crypto.randomUUID())
      .sign(key);

  it('never fetches a jku: neither for a JWKS-URL issuer nor for an inline-keys issuer', async () => {
    canaryHits = [];
    const stranger = await generateKeyPair('ES384');
    for (const iss of [signer.iss, inlineIss]) {
      const res = await postJson(
        hookUrl(),
        {},
        {
          authorization: `Bearer ${await tokenWithJku(iss, 'unknown-kid', stranger.privateKey)}`,
        },
      );
      expect(res.status).toBe(401);
    }
    // A correctly signed token that also names a foreign jku: the jku is ignored, not fetched.
    const res = await postJson(
      hookUrl(),
      {
        hook: 'patient-view',
        hookInstance: crypto.randomUUID(),
        context: { userId: 'Practitioner/1', patientId: 'p1' },
        prefetch: { patient: { resourceType: 'Patient', id: 'p1' } },
      },
      { authorization: `Bearer ${await tokenWithJku(inlineIss, inlineKid, inlineKey)}` },
    );
    expect(res.status).toBe(200);
    expect(canaryHits).toEqual([]);
  });
});
