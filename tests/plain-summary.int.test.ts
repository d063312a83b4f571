/**
 * The patient-facing summary through real HTTP: a patient's SMART token from the mock
 * authorization server (standalone patient launch, PKCE, OpenID Connect id_token), the real
 * service, the bearer-checking mock FHIR server.
 */
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlainSummaryResponse } from '../cds-service/contract/plain-summary';
import { VOCABULARY } from '../cds-service/plain-language/rewrite';
import { PLAIN_REWRITE_SCHEMA_NAME } from '../cds-service/providers/plain-rewrite';
import { createMockModelServer } from '../mocks/model-server/model-server';
import { mockModelConfig } from './support/mock-model';
import { startServer, type RunningServer } from './support/server';
import { PATIENT_PAGE_CLIENT_ID, patientPageScope } from '../client/smart/scopes';
import { launchToken } from '../mocks/smart/launch-token';
import { s256 } from '../mocks/smart/pkce';
import { PATIENTS } from './support/fixtures';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { postJson } from './support/server';

let h: PanelHarness;
beforeAll(async () => {
  h = await startPanelHarness();
});
afterAll(async () => {
  await h.close();
});

const redirectUri = () => `${h.service.url}/panel/patient.html`;

const patientToken = (patient: string, harness = h) =>
  launchToken(harness.smart, {
    clientId: PATIENT_PAGE_CLIENT_ID,
    redirectUri: `${harness.service.url}/panel/patient.html`,
    scope: patientPageScope('launch'),
    patient,
    fhirBase: harness.fhirBase,
    origin: harness.ehr.url,
  });

const summaryFor = (token: string | undefined, patientId: string, harness = h) =>
  postJson(
    `${harness.service.url}/api/panel/plain-summary`,
    { fhirServer: harness.fhirBase, patientId },
    token ? { authorization: `Bearer ${token}` } : {},
  );

describe('POST /api/panel/plain-summary', () => {
  it('answers the patient’s own record in plain words, audited as the patient page', async () => {
    const res = await summaryFor(
      patientToken(PATIENTS.smallHypertension),
      PATIENTS.smallHypertension,
    );
    expect(res.status).toBe(200);
    const answer = PlainSummaryResponse.parse(res.body);
    expect(answer.summary.patient.reference).toBe(`Patient/${PATIENTS.smallHypertension}`);
    expect(answer.summary.conditions.map((c) => c.name)).toContain('High blood pressure');

    await h.flush();
    const row = h.store.audit.filter((a) => a.serviceId === 'patient-page').at(-1);
    expect(row).toMatchObject({ status: 200, patientId: PATIENTS.smallHypertension });
    expect(JSON.stringify(row)).not.toMatch(/blood pressure|hypertension/i);
  });

  it('refuses a request without a token, and a token for another patient', async () => {
    expect((await summaryFor(undefined, PATIENTS.smallHypertension)).status).toBe(401);
    const other = await summaryFor(
      patientToken(PATIENTS.smallHypertension),
      PATIENTS.largeDiabetic,
    );
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain(PATIENTS.largeDiabetic);
  });
});

describe('standalone patient launch (mock SMART server)', () => {
  it('issues a signed id_token naming the patient as fhirUser', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${h.ehr.url}/auth/authorize`);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: PATIENT_PAGE_CLIENT_ID,
      redirect_uri: redirectUri(),
      scope: patientPageScope('launch/patient'),
      state: 'st',
      aud: h.fhirBase,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      // What the patient picks (signs in as) on the portal's page.
      patient_pick: PATIENTS.infant,
    }))
      authorize.searchParams.set(k, v);
    const redirected = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirected.headers.get('location') ?? '').searchParams.get('code');
    expect(code).toBeTruthy();
    const token = await fetch(`${h.ehr.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code ?? '',
        redirect_uri: redirectUri(),
        client_id: PATIENT_PAGE_CLIENT_ID,
        code_verifier: verifier,
      }),
    });
    const body = (await token.json()) as { id_token?: string; patient?: string };
    expect(body.patient).toBe(PATIENTS.infant);
    const config = (await (
      await fetch(`${h.fhirBase}/.well-known/smart-configuration`)
    ).json()) as {
      jwks_uri: string;
    };
    const { payload } = await jwtVerify(
      body.id_token ?? '',
      createRemoteJWKSet(new URL(config.jwks_uri)),
      {
        issuer: h.ehr.url,
        audience: PATIENT_PAGE_CLIENT_ID,
      },
    );
    expect(payload.fhirUser).toBe(`${h.fhirBase}/Patient/${PATIENTS.infant}`);
  });
});

describe('with a language model configured (mock model server)', () => {
  const mock = createMockModelServer();
  let model: RunningServer;
  let withModel: PanelHarness;
  beforeAll(async () => {
    model = await startServer(mock.app);
    withModel = await startPanelHarness({
      model: mockModelConfig(model.url, { hookBudgetMs: 4000, maxRetries: 0 }),
    });
  });
  afterAll(async () => {
    await Promise.all([withModel.close(), model.close()]);
  });

  const rewriteRequests = () =>
    mock.received
      .map(
        (r) =>
          r.body as {
            response_format?: { json_schema?: { name?: string } };
            messages?: { role: string; content: string }[];
          },
      )
      .filter((b) => b.response_format?.json_schema?.name === PLAIN_REWRITE_SCHEMA_NAME);

  it('shows the model’s rewrites that keep to the boundary, drops the rest, and sends no record data', async () => {
    // The first request's rewrites: every other one adds a diagnosis.
    mock.script(
      { kind: 'good' },
      {
        kind: 'rewrite',
        build: (sentences) =>
          sentences.map((s, i) =>
            i % 2 === 0
              ? s.replace(/\busual range\b/g, 'normal range')
              : `${s} You may have cancer.`,
          ),
      },
    );
    const patient = PATIENTS.largeDiabetic;
    const res = await summaryFor(patientToken(patient, withModel), patient, withModel);
    expect(res.status).toBe(200);
    const { summary } = PlainSummaryResponse.parse(res.body);
    expect(summary.rewrittenBy).toMatchObject({ provider: 'openai-compatible', name: 'mock-gpt' });
    const text = JSON.stringify(summary);
    expect(text).toContain('normal range');
    expect(text).not.toContain('may have cancer');

    const requests = rewriteRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      const sent = JSON.parse(r.messages?.find((m) => m.role === 'user')?.content ?? '{}') as {
        sentences: string[];
      };
      for (const sentence of sent.sentences) expect(VOCABULARY).toContain(sentence);
      expect(JSON.stringify(sent)).not.toContain(patient);
    }
  });
});
