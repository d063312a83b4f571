/**
 * The EHR simulator's server side against real parts on 127.0.0.1: the mock EHR (FHIR, SMART,
 * JWKS), the CDS service with EHR JWT checks on, and a third-party CDS service registered by URL.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { s256 } from '../mocks/smart/pkce';
import {
  AppliedActions,
  Chart,
  HookRuns,
  PatientList,
  ServiceList,
  type HookRun,
} from '../mocks/simulator/contract';
import { REDACTED } from '../mocks/simulator/redact';
import { SIMULATOR_CSP } from '../mocks/simulator/router';
import { PATIENTS } from './support/fixtures';
import { PANEL_CLIENT_ID } from './support/panel-harness';
import { getJson, postJson, startServer, type RunningServer } from './support/server';
import { startSimulatorHarness, type SimulatorHarness } from './support/simulator-harness';
import {
  startThirdPartyCds,
  THIRD_PARTY_SERVICE_ID,
  type ThirdPartyCds,
} from './support/third-party-cds';

let h: SimulatorHarness;
let third: ThirdPartyCds;
let api: string;
beforeAll(async () => {
  h = await startSimulatorHarness();
  third = await startThirdPartyCds(() => h.ehr.url);
  api = `${h.ehr.url}/simulator/api`;
});
afterAll(async () => {
  await third.close();
  await h.close();
});

const fire = async (patientId: string): Promise<HookRun[]> => {
  const res = await postJson(`${api}/hooks/patient-view`, { patientId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return HookRuns.parse(res.body).runs;
};

describe('patients and chart', () => {
  it('lists every fixture patient with name, age, sex and main problems', async () => {
    const { patients } = PatientList.parse((await getJson(`${api}/patients`)).body);
    expect(patients).toHaveLength(14);
    const josue = patients.find((p) => p.id === PATIENTS.largeDiabetic);
    expect(josue).toMatchObject({ name: 'Josue Sipes', ageYears: 69, sex: 'male' });
    expect(josue?.problems.length).toBeGreaterThan(0);
    expect(josue?.problems.some((p) => /\((finding|disorder)\)/.test(p))).toBe(false);
    // Synthea's digits in synthetic names are not shown.
    expect(patients.every((p) => !/\d/.test(p.name))).toBe(true);
  });

  it('builds a chart: banner, active problems, newest results with flags', async () => {
    const chart = Chart.parse(
      (await getJson(`${api}/patients/${PATIENTS.largeDiabetic}/chart`)).body,
    );
    expect(chart.patient.name).toBe('Josue Sipes');
    expect(chart.problems.map((p) => p.text)).toContain('Diabetes');
    expect(chart.results.length).toBeGreaterThan(5);
    const dates = chart.results.map((r) => r.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(chart.results.map((r) => r.text)).size).toBe(chart.results.length);
    expect(chart.results.some((r) => r.flag !== null)).toBe(true);
  });

  it('answers an unknown patient with 404 in words', async () => {
    const res = await getJson(`${api}/patients/no-such-patient/chart`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: 'No fixture patient has that id.' });
  });
});

describe('registering CDS services by URL', () => {
  it('has the product service registered from its discovery document', async () => {
    const { services } = ServiceList.parse((await getJson(`${api}/services`)).body);
    expect(services.map((s) => s.id)).toEqual(['patient-synopsis']);
    expect(services[0]?.baseUrl).toBe(h.service.url);
    expect(services[0]?.prefetch.patient).toBe('Patient/{{context.patientId}}');
  });

  it('registers a third-party service given its discovery URL', async () => {
    const res = await postJson(`${api}/services`, { url: `${third.server.url}/cds-services` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { services } = ServiceList.parse((await getJson(`${api}/services`)).body);
    expect(services.map((s) => s.id).sort()).toEqual([THIRD_PARTY_SERVICE_ID, 'patient-synopsis']);
  });

  it.each([
    ['a file URL', 'file:///etc/passwd', 'Only http and https'],
    ['a gopher URL', 'gopher://127.0.0.1:70/', 'Only http and https'],
    ['credentials in the URL', 'http://user:secret@127.0.0.1:9/', 'user name or password'],
    ['not a URL', 'localhost', 'not a URL'],
  ])('refuses %s before any request is sent', async (_name, url, words) => {
    const res = await postJson(`${api}/services`, { url });
    // The person's URL is refused (400), with words saying why.
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain(words);
  });

  it('refuses a service that redirects (never followed) or is not a CDS service', async () => {
    const odd = express();
    odd.get('/moved/cds-services', (_req, res) => {
      res.redirect(302, 'http://169.254.169.254/latest/meta-data');
    });
    odd.get('/plain/cds-services', (_req, res) => {
      res.json({ hello: 'world' });
    });
    const server: RunningServer = await startServer(odd);
    try {
      const moved = await postJson(`${api}/services`, { url: `${server.url}/moved` });
      expect(moved.status).toBe(502);
      expect((moved.body as { message: string }).message).toMatch(/redirect .*not followed/);
      const plain = await postJson(`${api}/services`, { url: `${server.url}/plain` });
      expect(plain.status).toBe(502);
      expect((plain.body as { message: string }).message).toMatch(/not a CDS Hooks discovery/);
    } finally {
      await server.close();
    }
  });

  it('says so when a service cannot be reached', async () => {
    const res = await postJson(`${api}/services`, { url: 'http://127.0.0.1:9' });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({
      error: 'bad_gateway',
      message: 'The service could not be reached.',
    });
  });
});

describe('firing patient-view as an EHR', () => {
  let runs: HookRun[];
  beforeAll(async () => {
    await postJson(`${api}/services`, { url: third.server.url });
    runs = await fire(PATIENTS.largeDiabetic);
  });
  const runOf = (id: string) => {
    const run = runs.find((r) => r.url.endsWith(`/cds-services/${id}`));
    if (!run) throw new Error(`no run for ${id}`);
    return run;
  };

  it('calls every service, passes the JWT check, and times each call', async () => {
    const product = runOf('patient-synopsis');
    expect(product.status, JSON.stringify(product.response)).toBe(200);
    expect(product.error).toBeNull();
    expect(product.cards.length).toBeGreaterThan(0);
    expect(product.ms).toBeGreaterThan(0);
    expect(product.prefetchMs).toBeGreaterThan(0);
    expect(HookResponse.parse(product.response).cards).toHaveLength(product.cards.length);
    // The service verified the EHR's JWT: its audit trail names the simulator's EHR as issuer.
    await h.flush();
    const audit = h.store.audit.filter((a) => a.kind === 'hook');
    expect(audit.at(-1)).toMatchObject({ issuer: h.ehr.url, status: 200 });
    expect(runOf(THIRD_PARTY_SERVICE_ID).cards[0]?.suggestions).toHaveLength(1);
  });

  it('signs for the exact service URL and fills the prefetch from the FHIR server', () => {
    const received = third.hooks.at(-1);
    expect(received?.claims.aud).toBe(`${third.server.url}/cds-services/${THIRD_PARTY_SERVICE_ID}`);
    const prefetch = received?.body.prefetch as { patient?: { id?: string } };
    expect(prefetch.patient?.id).toBe(PATIENTS.largeDiabetic);
    expect(received?.body.fhirServer).toBe(h.fhirBase);
  });

  it('sends a real token narrowed to the prefetch, and shows it redacted', async () => {
    const auth = third.hooks.at(-1)?.body.fhirAuthorization as {
      access_token: string;
      scope: string;
      subject: string;
      patient: string;
    };
    expect(auth.scope).toBe('patient/Patient.rs');
    expect(auth.patient).toBe(PATIENTS.largeDiabetic);
    const read = (path: string) =>
      getJson(`${h.fhirBase}/${path}`, {
        headers: { authorization: `Bearer ${auth.access_token}` },
      });
    expect((await read(`Patient/${PATIENTS.largeDiabetic}`)).status).toBe(200);
    expect((await read(`Condition?patient=${PATIENTS.largeDiabetic}`)).status).toBe(403);
    expect((await read(`Patient/${PATIENTS.smallHypertension}`)).status).toBe(404);

    const shown = runOf(THIRD_PARTY_SERVICE_ID).request as {
      fhirAuthorization: { access_token: string; scope: string };
    };
    expect(shown.fhirAuthorization.access_token).toBe(REDACTED);
    expect(JSON.stringify(runs)).not.toContain(auth.access_token);
  });

  it('reports a failing service beside the working ones', async () => {
    const broken = express();
    broken.get('/cds-services', (_req, res) => {
      res.json({
        services: [
          { hook: 'patient-view', id: 'broken', description: 'fails' },
          { hook: 'patient-view', id: 'limited', description: 'says why it refuses' },
          { hook: 'patient-view', id: 'verbose', description: 'says far too much' },
        ],
      });
    });
    broken.post('/cds-services/broken', (_req, res) => {
      res.status(500).json({ error: 'boom' });
    });
    broken.post('/cds-services/verbose', (_req, res) => {
      res.status(503).json({ error: 'service_unavailable', message: 'Down. '.repeat(400) });
    });
    broken.post('/cds-services/limited', (_req, res) => {
      res
        .status(429)
        .json({ error: 'too_many_requests', message: 'Slow down: 60 calls a minute.' });
    });
    const server = await startServer(broken);
    try {
      await postJson(`${api}/services`, { url: server.url });
      const again = await fire(PATIENTS.smallHypertension);
      const failed = again.find((r) => r.url.endsWith('/broken'));
      expect(failed).toMatchObject({ status: 500, cards: [], error: 'The service answered 500.' });
      expect(again.find((r) => r.url.endsWith('/limited'))?.error).toBe(
        'The service answered 429: Slow down: 60 calls a minute.',
      );
      const verbose = again.find((r) => r.url.endsWith('/verbose'))?.error ?? '';
      expect(verbose).toMatch(/^The service answered 503: Down\. Down\./);
      expect(verbose.length).toBeLessThan(340);
      expect(again.find((r) => r.url.endsWith('/patient-synopsis'))?.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('acting on cards', () => {
  it('applies an accepted suggestion to the FHIR server and sends accepted feedback', async () => {
    const [run] = (await fire(PATIENTS.largeDiabetic)).filter((r) =>
      r.url.endsWith(THIRD_PARTY_SERVICE_ID),
    );
    const card = run?.cards[0];
    const suggestion = card?.suggestions?.[0];
    if (!run || !card?.uuid || !suggestion?.uuid) throw new Error('no suggestion card');
    const applied = await postJson(`${api}/actions`, {
      patientId: PATIENTS.largeDiabetic,
      actions: suggestion.actions,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const [created] = AppliedActions.parse(applied.body).applied;
    expect(created?.reference).toMatch(/^ServiceRequest\//);
    const token = h.smart.issueToken({
      clientId: 'test',
      scopes: ['patient/*.rs'],
      patient: PATIENTS.largeDiabetic,
      aud: h.fhirBase,
    }).accessToken;
    const read = await getJson(`${h.fhirBase}/${created?.reference ?? ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);

    const feedback = {
      card: card.uuid,
      outcome: 'accepted',
      acceptedSuggestions: [{ id: suggestion.uuid }],
      outcomeTimestamp: new Date().toISOString(),
    };
    const sent = await postJson(`${api}/feedback`, { serviceKey: run.serviceKey, feedback });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(third.feedback.at(-1)).toEqual({ feedback: [feedback] });
  });

  it('an accepted order answers its care gap: the next visit does not offer it again', async () => {
    const suggestionsOf = async () => {
      const [run] = (await fire(PATIENTS.largeDiabetic)).filter((r) =>
        r.url.endsWith('patient-synopsis'),
      );
      return (run?.cards ?? []).flatMap((c) => c.suggestions ?? []);
    };
    // (The HbA1c order of an earlier test, placed through the third-party service, already
    // answers that gap; the creatinine is still due.)
    const CREATININE = 'Order Creatinine';
    const order = (await suggestionsOf()).find((s) => s.label === CREATININE);
    if (!order) throw new Error('no creatinine order offered');
    const applied = await postJson(`${api}/actions`, {
      patientId: PATIENTS.largeDiabetic,
      actions: order.actions,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const labels = (await suggestionsOf()).map((s) => s.label);
    expect(labels).not.toContain(CREATININE);
    // The other overdue tests are still offered: only the order placed answers its gap.
    expect(labels).toContain('Order Urine albumin/creatinine ratio');
    expect(labels).not.toContain('Order HbA1c');
  });

  it('sends overridden feedback with the reason to the product service, which stores it', async () => {
    const [run] = (await fire(PATIENTS.largeDiabetic)).filter((r) =>
      r.url.endsWith('patient-synopsis'),
    );
    const card = run?.cards.find((c) => c.overrideReasons?.length);
    const reason = card?.overrideReasons?.[0];
    if (!run || !card?.uuid || !reason) throw new Error('no card with override reasons');
    const sent = await postJson(`${api}/feedback`, {
      serviceKey: run.serviceKey,
      feedback: {
        card: card.uuid,
        outcome: 'overridden',
        overrideReason: { reason, userComment: 'seen last week' },
        outcomeTimestamp: new Date().toISOString(),
      },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await h.flush();
    expect(h.store.feedback.find((f) => f.cardId === card.uuid)).toMatchObject({
      outcome: 'overridden',
      overrideReasonCode: reason.code,
      issuer: h.ehr.url,
    });
  });

  it("refuses actions about another patient than the chart's", async () => {
    const res = await postJson(`${api}/actions`, {
      patientId: PATIENTS.largeDiabetic,
      actions: [
        {
          type: 'create',
          resource: {
            resourceType: 'ServiceRequest',
            subject: { reference: `Patient/${PATIENTS.smallHypertension}` },
          },
        },
      ],
    });
    expect(res.status).toBe(400);
  });
});

describe('SMART links', () => {
  it('mints an EHR launch whose token response carries the appContext', async () => {
    const appContext = JSON.stringify({ hookInstance: 'abc' });
    const res = await postJson(`${api}/launch`, {
      patientId: PATIENTS.largeDiabetic,
      url: `${h.service.url}/panel/launch.html`,
      appContext,
    });
    expect(res.status).toBe(200);
    const url = new URL((res.body as { url: string }).url);
    expect(url.searchParams.get('iss')).toBe(h.fhirBase);
    const launch = url.searchParams.get('launch') ?? '';

    // Redeem it as the panel would: authorize with PKCE, then the token endpoint over HTTP.
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = `${h.service.url}/panel/index.html`;
    const authorize = new URL(`${h.ehr.url}/auth/authorize`);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: PANEL_CLIENT_ID,
      redirect_uri: redirectUri,
      scope: 'launch patient/*.rs',
      state: 's',
      aud: h.fhirBase,
      launch,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(k, v);
    const redirect = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await fetch(`${h.ehr.url}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: PANEL_CLIENT_ID,
        code_verifier: verifier,
      }),
    });
    expect(await token.json()).toMatchObject({ patient: PATIENTS.largeDiabetic, appContext });
  });

  it.each([
    ['a javascript: link', 'javascript:alert(1)'],
    ['not a URL', 'panel'],
  ])('refuses %s', async (_name, url) => {
    const res = await postJson(`${api}/launch`, { patientId: PATIENTS.largeDiabetic, url });
    expect(res.status).toBe(400);
  });
});

describe('the page', () => {
  it('is sent with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${h.ehr.url}/simulator/`);
    expect(res.headers.get('content-security-policy')).toBe(SIMULATOR_CSP);
    expect(SIMULATOR_CSP).toContain("script-src 'self'");
    expect(SIMULATOR_CSP).not.toContain('unsafe-inline');
  });

  it('is where the mock EHR root leads', async () => {
    const res = await fetch(`${h.ehr.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/simulator/');
  });

  it('answers API requests that are not JSON with 415', async () => {
    const res = await fetch(`${api}/hooks/patient-view`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'patientId=x',
    });
    expect(res.status).toBe(415);
  });
});
