/**
 * Rate limits over real HTTP: hook calls and feedback per verified EHR issuer, the panel API per
 * access token; 429 with Retry-After, and a forged token cannot spend another EHR's budget.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { createMockEhr } from '../../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../../mocks/ehr-identity';
import { loadFixtureStore } from '../../mocks/fixtures';
import { FIXED_NOW, PATIENTS, patientViewRequest } from '../support/fixtures';
import { startPanelHarness, type PanelHarness } from '../support/panel-harness';
import { postJson, startServer, type RunningServer } from '../support/server';

const PATIENT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-03-01' };
const LIMIT = 3;

describe('hook and feedback limits per EHR issuer', () => {
  let ehr: RunningServer;
  let service: RunningServer;
  let a: EhrSigner;
  let b: EhrSigner;
  beforeAll(async () => {
    const [ka, kb] = await Promise.all([createEhrKeys(), createEhrKeys()]);
    // One mock EHR app serves A's JWKS; B's keys are given inline.
    ehr = await startServer(createMockEhr({ store: loadFixtureStore(), keys: ka }));
    a = ka.signerFor(ehr.url);
    b = kb.signerFor('https://ehr-b.example.org');
    const config = defaultConfig({
      auth: true,
      hookRateLimitPerMinute: LIMIT,
      clients: parseClients(
        [
          { iss: a.iss, jwksUrl: a.jwksUrl },
          { iss: b.iss, jwks: kb.jwks },
        ],
        'test',
      ),
    });
    const { app } = composeService(config, createMemoryLogger(), { now: () => FIXED_NOW });
    service = await startServer(app);
  });
  afterAll(async () => {
    await Promise.all([ehr.close(), service.close()]);
  });

  const hookUrl = () => `${service.url}/cds-services/patient-synopsis`;
  const hook = async (signer: EhrSigner) =>
    postJson(hookUrl(), patientViewRequest('p1', { patient: PATIENT }), {
      authorization: `Bearer ${await signer.sign(hookUrl())}`,
    });

  it('answers 429 with Retry-After once an issuer spends its budget; others are untouched', async () => {
    // A forged token naming A's issuer is refused before it can spend A's budget.
    const { privateKey } = await generateKeyPair('ES384');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES384' })
      .setIssuer(a.iss)
      .setAudience(hookUrl())
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(crypto.randomUUID())
      .sign(privateKey);
    for (let i = 0; i < 5; i++) {
      const r = await postJson(hookUrl(), patientViewRequest('p1', { patient: PATIENT }), {
        authorization: `Bearer ${forged}`,
      });
      expect(r.status).toBe(401);
    }

    for (let i = 0; i < LIMIT - 1; i++) expect((await hook(a)).status).toBe(200);
    // Feedback shares the issuer's budget.
    const fbUrl = `${hookUrl()}/feedback`;
    const fb = await postJson(
      fbUrl,
      {
        feedback: [{ card: 'c1', outcome: 'accepted', outcomeTimestamp: FIXED_NOW.toISOString() }],
      },
      { authorization: `Bearer ${await a.sign(fbUrl)}` },
    );
    expect(fb.status).toBe(200);

    const refused = await hook(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ error: 'too_many_requests' });
    expect((refused.body as { message: string }).message).toMatch(/per minute/);

    expect((await hook(b)).status).toBe(200);
  });
});

describe('panel API limits per access token', () => {
  let h: PanelHarness;
  beforeAll(async () => {
    h = await startPanelHarness({ panelRateLimitPerMinute: 2 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After to a token past its budget, and serves a fresh token', async () => {
    const body = { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension };
    const open = (token: string) =>
      postJson(`${h.service.url}/api/panel/synopsis`, body, { authorization: `Bearer ${token}` });
    const token = h.tokenFor(PATIENTS.smallHypertension);
    expect((await open(token)).status).toBe(200);
    expect((await open(token)).status).toBe(200);
    const refused = await open(token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect((await open(h.tokenFor(PATIENTS.smallHypertension))).status).toBe(200);
    expect(h.logs.join('\n')).not.toContain(token);
  });
});
