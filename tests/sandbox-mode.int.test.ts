/**
 * The mock EHR as third-party tools use it: the CDS Hooks sandbox (open FHIR reads, `POST _search`,
 * its launch-context endpoint, then a SMART launch of the panel's kind through the open base with
 * the real fhirclient) and a SMART launcher (an unknown search parameter tolerated). Then the
 * service itself: a signed hook whose `fhirServer` is the open base, with no token, gets cards.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../cds-service/compose';
import { defaultConfig, parseClients } from '../cds-service/config';
import { HookResponse } from '../cds-service/contract/cds-hooks';
import { createMemoryLogger } from '../cds-service/log';
import { createMemoryStore } from '../cds-service/store/memory-store';
import { createMockEhr, OPEN_FHIR_PATH } from '../mocks/ehr-app';
import { createEhrKeys } from '../mocks/ehr-identity';
import { loadFixtureStore } from '../mocks/fixtures';
import { createSmartServer, type SmartServer } from '../mocks/smart/smart-server';
import { PATIENTS } from './support/fixtures';
import { getJson, postJson, startServer, type RunningServer } from './support/server';
import {
  redirectOf,
  startSmartTestApp,
  TEST_CLIENT_ID,
  type SmartTestApp,
} from './support/smart-app';

const PATIENT = PATIENTS.smallHypertension;
type Bundle = {
  resourceType: string;
  link: { relation: string; url: string }[];
  entry?: { resource: { resourceType: string; category?: { coding: { code: string }[] }[] } }[];
};

let smart: SmartServer;
let ehr: RunningServer;
let app: SmartTestApp;
let open: string;

beforeAll(async () => {
  smart = createSmartServer();
  ehr = await startServer(createMockEhr({ store: loadFixtureStore(), smart, openFhir: true }));
  open = `${ehr.url}${OPEN_FHIR_PATH}`;
  app = await startSmartTestApp('launch patient/Patient.rs patient/Observation.rs');
  smart.registerClient({ clientId: TEST_CLIENT_ID, redirectUris: [app.redirectUri] });
});
afterAll(async () => {
  await Promise.all([ehr.close(), app.close()]);
});

describe('the open FHIR base, as the CDS Hooks sandbox reads it', () => {
  it('reads without a token there, while the main base still wants one', async () => {
    expect((await getJson(`${open}/Patient/${PATIENT}`)).status).toBe(200);
    expect((await getJson(`${ehr.url}/fhir/Patient/${PATIENT}`)).status).toBe(401);
  });

  it('searches by POST with form-encoded parameters, joined with those in the URL', async () => {
    const res = await fetch(`${open}/Observation/_search?_count=3`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ patient: PATIENT, category: 'laboratory' }).toString(),
    });
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as Bundle;
    expect(bundle.entry?.length).toBe(3);
    for (const e of bundle.entry ?? []) {
      expect(e.resource.category?.flatMap((c) => c.coding.map((x) => x.code))).toContain(
        'laboratory',
      );
    }
    const self = new URL(bundle.link.find((l) => l.relation === 'self')?.url ?? '');
    expect([...self.searchParams.keys()].sort()).toEqual(['_count', 'category', 'patient']);
  });

  it('refuses a search body that is not form-encoded, and any create', async () => {
    const json = await postJson(`${open}/Observation/_search`, { patient: PATIENT });
    expect(json.status).toBe(415);
    const create = await postJson(`${open}/Observation`, { resourceType: 'Observation' });
    expect(create.status).toBe(405);
  });

  it('tolerates a parameter it does not know (the launcher’s _sort:desc), unless told to be strict', async () => {
    const path = `${open}/Condition?patient=${PATIENT}&_sort:desc=onset-date`;
    expect((await getJson(path)).status).toBe(200);
    const strict = await getJson(path, { headers: { prefer: 'handling=strict' } });
    expect(strict.status).toBe(400);
  });
});

describe('the sandbox’s launch of a card’s SMART link', () => {
  it('mints a launch id with the patient and appContext, usable through the open base', async () => {
    const appContext = JSON.stringify({ hookInstance: 'sandbox-1' });
    const minted = await postJson(`${open}/_services/smart/Launch`, {
      launchUrl: `${app.url}/launch`,
      parameters: { patient: PATIENT, appContext },
    });
    expect(minted.status).toBe(200);
    const launchId = (minted.body as { launch_id: string }).launch_id;
    expect(launchId).toMatch(/\S{8,}/);
    // What the sandbox opens: the link with launch and iss (the FHIR base it was given).
    const authorizeUrl = await redirectOf(
      `${app.url}/launch?iss=${encodeURIComponent(open)}&launch=${launchId}`,
    );
    expect(new URL(authorizeUrl).searchParams.get('aud')).toBe(open);
    const res = await getJson(await redirectOf(authorizeUrl));
    expect(res.status).toBe(200);
    const body = res.body as { patientId: string; tokenResponse: { appContext?: string } };
    expect(body.patientId).toBe(PATIENT);
    expect(body.tokenResponse.appContext).toBe(appContext);
  });

  it('refuses a launch for a patient it does not hold, or with an oversized appContext', async () => {
    const res = await postJson(`${ehr.url}/fhir/_services/smart/Launch`, {
      parameters: { patient: 'no-such-patient' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/known Patient id/);
    // The same limits as the simulator's own launch endpoint.
    const long = await postJson(`${open}/_services/smart/Launch`, {
      parameters: { patient: PATIENT, appContext: 'x'.repeat(9000) },
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toMatch(/appContext must be at most 8192/);
  });
});

describe('the service with the open base as fhirServer', () => {
  it('fetches what a signed hook without prefetch or token needs, and answers with cards', async () => {
    const keys = await createEhrKeys();
    const signer = keys.signerFor(ehr.url);
    const jwks = await startServer(
      express().get('/jwks', (_req, res) => {
        res.json(keys.jwks);
      }),
    );
    const config = defaultConfig({
      clients: parseClients(
        [{ iss: signer.iss, jwksUrl: `${jwks.url}/jwks`, fhirServers: [open] }],
        'test',
      ),
    });
    const { app: service } = composeService(config, createMemoryLogger(), {
      store: createMemoryStore(),
    });
    const running = await startServer(service);
    try {
      const url = `${running.url}/cds-services/patient-synopsis`;
      const res = await postJson(
        url,
        {
          hook: 'patient-view',
          hookInstance: crypto.randomUUID(),
          fhirServer: open,
          context: { userId: 'Practitioner/sandbox', patientId: PATIENT },
        },
        { authorization: `Bearer ${await signer.sign(url)}` },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(HookResponse.parse(res.body).cards[0]?.summary).toMatch(/female: hypertension/);
    } finally {
      await Promise.all([running.close(), jwks.close()]);
    }
  });
});
