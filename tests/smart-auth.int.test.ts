/**
 * The real fhirclient against the mock SMART authorization server and the bearer-checking mock
 * FHIR server: EHR and standalone launch with PKCE, and each refusal with the error its spec names.
 */
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockEhr } from '../mocks/ehr-app';
import { loadFixtureStore } from '../mocks/fixtures';
import { s256 } from '../mocks/smart/pkce';
import { createSmartServer, type SmartServer } from '../mocks/smart/smart-server';
import { PATIENTS } from './support/fixtures';
import { getJson, startServer, type RunningServer } from './support/server';
import {
  redirectOf,
  startSmartTestApp,
  TEST_CLIENT_ID,
  type SmartTestApp,
} from './support/smart-app';

const SCOPE = 'launch patient/Patient.rs patient/Observation.rs';
let clock = Date.now();
let smart: SmartServer;
let ehr: RunningServer;
let app: SmartTestApp;
let fhirBase: string;

beforeAll(async () => {
  smart = createSmartServer({ now: () => clock, accessTokenTtlSeconds: 300 });
  ehr = await startServer(createMockEhr({ store: loadFixtureStore(), smart }));
  fhirBase = `${ehr.url}/fhir`;
  app = await startSmartTestApp(SCOPE);
  smart.registerClient({ clientId: TEST_CLIENT_ID, redirectUris: [app.redirectUri] });
});
afterAll(async () => {
  await Promise.all([ehr.close(), app.close()]);
});
beforeEach(() => {
  clock = Date.now();
  app.session.clear();
});

/** EHR launch up to the authorization server's answer: the redirect back to the app. */
async function launchToCallback(patient: string = PATIENTS.smallHypertension, iss = fhirBase) {
  const launch = smart.mintLaunch({ patient });
  const authorizeUrl = await redirectOf(
    `${app.url}/launch?iss=${encodeURIComponent(iss)}&launch=${launch}`,
  );
  return { authorizeUrl, callback: await redirectOf(authorizeUrl) };
}

const verifierInSession = (session: Map<string, unknown>): string => {
  const state = [...session.values()].find(
    (v): v is { codeVerifier: string } =>
      typeof v === 'object' && v !== null && 'codeVerifier' in v,
  );
  if (!state) throw new Error('fhirclient kept no code verifier');
  return state.codeVerifier;
};

describe('SMART EHR launch with the real fhirclient', () => {
  it('discovers the server from iss, uses PKCE S256 and reads the launch patient', async () => {
    const { authorizeUrl, callback } = await launchToCallback();
    const authorize = new URL(authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('aud')).toBe(fhirBase);
    expect(new URL(callback).searchParams.get('code')).toBeTruthy();

    const res = await getJson(callback);
    expect(res.status).toBe(200);
    const body = res.body as {
      patientId: string;
      patient: { id: string };
      tokenResponse: Record<string, unknown>;
    };
    expect(body.patientId).toBe(PATIENTS.smallHypertension);
    expect(body.patient.id).toBe(PATIENTS.smallHypertension);
    expect(body.tokenResponse).toMatchObject({
      token_type: 'Bearer',
      need_patient_banner: true,
      scope: SCOPE,
      expires_in: 300,
      smart_style_url: expect.stringMatching(/smart-style\.json$/) as unknown,
    });
  });

  it('refuses a wrong code verifier with invalid_grant', async () => {
    const { callback } = await launchToCallback();
    const code = new URL(callback).searchParams.get('code') ?? '';
    const wrong = 'x'.repeat(43);
    const res = await tokenRequest({ code, code_verifier: wrong });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
    // ...and fhirclient itself fails when its verifier is swapped.
    for (const v of app.session.values()) {
      if (typeof v === 'object' && v !== null && 'codeVerifier' in v)
        Object.assign(v, { codeVerifier: wrong });
    }
    const { callback: again } = await launchToCallback();
    for (const v of app.session.values()) {
      if (typeof v === 'object' && v !== null && 'codeVerifier' in v)
        Object.assign(v, { codeVerifier: wrong });
    }
    const viaClient = await getJson(again);
    expect(viaClient.status).toBe(500);
    expect(JSON.stringify(viaClient.body)).toMatch(/400|invalid_grant|Bad Request/);
  });

  it('refuses a reused authorization code with invalid_grant', async () => {
    const { callback } = await launchToCallback();
    expect((await getJson(callback)).status).toBe(200);
    const code = new URL(callback).searchParams.get('code') ?? '';
    const res = await tokenRequest({ code, code_verifier: verifierInSession(app.session) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers an expired token with 401 invalid_token', async () => {
    const { callback } = await launchToCallback();
    const body = (await getJson(callback)).body as { tokenResponse: { access_token: string } };
    const token = body.tokenResponse.access_token;
    const read = () =>
      fetch(`${fhirBase}/Patient/${PATIENTS.smallHypertension}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await read()).status).toBe(200);
    clock += 301_000;
    const res = await read();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('refuses an authorization request for another audience with invalid_request', async () => {
    // A look-alike FHIR base that hands out this EHR's SMART configuration: fhirclient sends aud=itself.
    const proxy = express();
    proxy.get('/fhir/.well-known/smart-configuration', async (_req, res) => {
      res.json(await (await fetch(`${fhirBase}/.well-known/smart-configuration`)).json());
    });
    const other = await startServer(proxy);
    try {
      const { callback } = await launchToCallback(PATIENTS.smallHypertension, `${other.url}/fhir`);
      const params = new URL(callback).searchParams;
      expect(params.get('error')).toBe('invalid_request');
      expect(params.get('error_description')).toMatch(/aud/);
      expect(params.get('code')).toBeNull();
      const viaClient = await getJson(callback);
      expect(viaClient.status).toBe(500);
    } finally {
      await other.close();
    }
  });

  it('keeps a patient-context token inside its patient', async () => {
    const { callback } = await launchToCallback();
    const body = (await getJson(callback)).body as { tokenResponse: { access_token: string } };
    const headers = { authorization: `Bearer ${body.tokenResponse.access_token}` };
    const other = await fetch(`${fhirBase}/Patient/${PATIENTS.largeDiabetic}`, { headers });
    expect(other.status).toBe(404);
    const search = await getJson(`${fhirBase}/Observation?patient=${PATIENTS.largeDiabetic}`, {
      headers,
    });
    expect(search.body).toMatchObject({ total: 0 });
    const outOfScope = await fetch(`${fhirBase}/Condition?patient=${PATIENTS.smallHypertension}`, {
      headers,
    });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    const anonymous = await fetch(`${fhirBase}/Patient/${PATIENTS.smallHypertension}`);
    expect(anonymous.status).toBe(401);
  });
});

describe('SMART standalone launch with the real fhirclient', () => {
  it('lets the user pick a patient, then completes with PKCE', async () => {
    const standalone = await startSmartTestApp('launch/patient patient/Patient.rs');
    smart.registerClient({
      clientId: TEST_CLIENT_ID,
      redirectUris: [app.redirectUri, standalone.redirectUri],
    });
    try {
      const authorizeUrl = await redirectOf(
        `${standalone.url}/launch?iss=${encodeURIComponent(fhirBase)}`,
      );
      const picker = await fetch(authorizeUrl);
      expect(picker.status).toBe(200);
      const html = await picker.text();
      const href = new RegExp(`href="(\\?[^"]*patient_pick=${PATIENTS.infant})"`).exec(html)?.[1];
      expect(href).toBeDefined();
      const callback = await redirectOf(
        new URL((href ?? '').replace(/&amp;/g, '&'), authorizeUrl).toString(),
      );
      const res = await getJson(callback);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ patientId: PATIENTS.infant });
    } finally {
      await standalone.close();
    }
  });
});

describe('SMART authorization server refusals without a redirect', () => {
  it('shows an error page (no redirect) for an unregistered redirect_uri', async () => {
    const qs = new URLSearchParams({
      response_type: 'code',
      client_id: TEST_CLIENT_ID,
      redirect_uri: 'https://evil.example/cb',
      scope: SCOPE,
      state: 's',
      aud: fhirBase,
      code_challenge: s256('v'.repeat(43)),
      code_challenge_method: 'S256',
    });
    const res = await fetch(`${ehr.url}/auth/authorize?${qs.toString()}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses the plain PKCE method', async () => {
    const qs = new URLSearchParams({
      response_type: 'code',
      client_id: TEST_CLIENT_ID,
      redirect_uri: app.redirectUri,
      scope: SCOPE,
      state: 's',
      aud: fhirBase,
      launch: smart.mintLaunch({ patient: PATIENTS.infant }),
      code_challenge: 'v'.repeat(43),
      code_challenge_method: 'plain',
    });
    const location = await redirectOf(`${ehr.url}/auth/authorize?${qs.toString()}`);
    expect(new URL(location).searchParams.get('error')).toBe('invalid_request');
  });
});

function tokenRequest(extra: Record<string, string>) {
  return getJson(`${ehr.url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      redirect_uri: app.redirectUri,
      client_id: TEST_CLIENT_ID,
      ...extra,
    }).toString(),
  });
}

describe('the authorization server with a bad request body', () => {
  it.each([
    ['malformed JSON', '{"patient": ', 400, 'invalid_json'],
    [
      'a body over the limit',
      JSON.stringify({ patient: 'x'.repeat(200_000) }),
      413,
      'payload_too_large',
    ],
  ])('answers %s in words, with no stack trace', async (_name, body, status, code) => {
    const res = await fetch(`${ehr.url}/auth/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: code });
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
