/**
 * Issue: EHR B (trusted, its own keys) signed a hook call naming EHR A's FHIR server, with a copy
 * of an A patient's record plus one entry whose `fullUrl` re-pointed every `subject`; A's
 * clinician then opened the panel and was served B's poisoned synopsis from the cache ("no active
 * problems"). Replayed here over HTTP with two mock EHRs, each with its own signing keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { HookResponse } from '../../cds-service/contract/cds-hooks';
import type { Synopsis } from '../../cds-service/contract/synopsis';
import { PATIENT_VIEW_PREFETCH } from '../../cds-service/hooks/synopsis-pipeline';
import { createMemoryLogger } from '../../cds-service/log';
import { createMockEhr } from '../../mocks/ehr-app';
import { createEhrKeys, type EhrSigner } from '../../mocks/ehr-identity';
import { loadFixtureStore } from '../../mocks/fixtures';
import { runPrefetch } from '../../mocks/prefetch';
import { launchToken } from '../../mocks/smart/launch-token';
import { createSmartServer, type SmartServer } from '../../mocks/smart/smart-server';
import { FIXED_NOW, PATIENTS } from '../support/fixtures';
import { PANEL_CLIENT_ID, PANEL_SCOPE } from '../support/panel-harness';
import { postJson, startServer, type RunningServer } from '../support/server';

const PATIENT: string = PATIENTS.largeDiabetic;
/** A patient no other test here touches, so that nothing else has put A's synopsis in the cache. */
const OTHER = PATIENTS.smallHypertension;

let ehrA: RunningServer;
let ehrB: RunningServer;
let service: RunningServer;
/** A second deployment where B is trusted for A's FHIR server too (a shared server). */
let shared: RunningServer;
let signerA: EhrSigner;
let signerB: EhrSigner;
let smartA: SmartServer;
const fhirA = () => `${ehrA.url}/fhir`;
const fhirB = () => `${ehrB.url}/fhir`;
const hookUrl = (on = service) => `${on.url}/cds-services/patient-synopsis`;

async function startService(fhirServersOfB: string[]): Promise<RunningServer> {
  const config = defaultConfig({
    auth: true,
    clients: parseClients(
      [
        { iss: signerA.iss, jwksUrl: signerA.jwksUrl, fhirServers: [fhirA()] },
        { iss: signerB.iss, jwksUrl: signerB.jwksUrl, fhirServers: fhirServersOfB },
      ],
      'test',
    ),
  });
  return startServer(composeService(config, createMemoryLogger(), { now: () => FIXED_NOW }).app);
}

beforeAll(async () => {
  const [keysA, keysB] = await Promise.all([createEhrKeys(), createEhrKeys()]);
  smartA = createSmartServer();
  ehrA = await startServer(
    createMockEhr({ store: loadFixtureStore(), keys: keysA, smart: smartA }),
  );
  // B serves the same synthetic patients without SMART: the attacker has a copy of the record.
  ehrB = await startServer(createMockEhr({ store: loadFixtureStore(), keys: keysB }));
  signerA = keysA.signerFor(ehrA.url);
  signerB = keysB.signerFor(ehrB.url);
  service = await startService([fhirB()]);
  shared = await startService([fhirB(), fhirA()]);
  // The token's redirect URI is the first deployment's; either deployment accepts the token.
  smartA.registerClient({
    clientId: PANEL_CLIENT_ID,
    redirectUris: [`${service.url}/panel/index.html`],
  });
});
afterAll(async () => {
  await Promise.all([ehrA.close(), ehrB.close(), service.close(), shared.close()]);
});

const tokenA = (patient = PATIENT) =>
  launchToken(smartA, {
    clientId: PANEL_CLIENT_ID,
    redirectUri: `${service.url}/panel/index.html`,
    scope: PANEL_SCOPE,
    patient,
    fhirBase: fhirA(),
    origin: ehrA.url,
  });

/** The record as B holds it, plus the entry that re-points every `subject` elsewhere. */
async function poisonedPrefetch(patientId = PATIENT): Promise<Record<string, unknown>> {
  const copy = await runPrefetch(
    PATIENT_VIEW_PREFETCH,
    { patientId, userId: 'Practitioner/example' },
    fhirB(),
  );
  const conditions = copy.conditions as { entry?: unknown[] };
  conditions.entry = [
    ...(conditions.entry ?? []),
    { fullUrl: `Patient/${patientId}`, resource: { resourceType: 'Patient', id: 'not valid!' } },
  ];
  return copy;
}

async function hookAs(signer: EhrSigner, body: Record<string, unknown>, on = service) {
  const res = await postJson(hookUrl(on), body, {
    authorization: `Bearer ${await signer.sign(hookUrl(on))}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return HookResponse.parse(res.body);
}

const hookBody = (extra: Record<string, unknown>, patientId = PATIENT) => ({
  hook: 'patient-view',
  hookInstance: crypto.randomUUID(),
  context: { userId: 'Practitioner/example', patientId },
  ...extra,
});

async function panelA(
  patient = PATIENT,
  on = service,
): Promise<{ synopsis: Synopsis; cached: boolean }> {
  const res = await postJson(
    `${on.url}/api/panel/synopsis`,
    { fhirServer: fhirA(), patientId: patient },
    { authorization: `Bearer ${tokenA(patient)}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { synopsis: Synopsis; cached: boolean };
}

describe('one tenant cannot change what another tenant’s clinicians see', () => {
  it('the attack replayed: A’s panel shows A’s real synopsis, computed from A’s record', async () => {
    const cards = await hookAs(
      signerB,
      hookBody({ fhirServer: fhirA(), prefetch: await poisonedPrefetch() }),
    );
    // The re-pointing entry is ignored: B's own answer is about the real record too.
    expect(cards.cards[0]?.summary).not.toMatch(/no active problems/);

    const { synopsis, cached } = await panelA();
    expect(cached).toBe(false);
    expect(synopsis.problems.filter((p) => p.status === 'active').length).toBeGreaterThan(0);
    expect(synopsis.medications.length).toBeGreaterThan(0);
  });

  it('on a FHIR server both EHRs are trusted for, an altered record is never reused for the real one', async () => {
    await hookAs(
      signerB,
      hookBody({ fhirServer: fhirA(), prefetch: await poisonedPrefetch(OTHER) }, OTHER),
      shared,
    );
    const { synopsis, cached } = await panelA(OTHER, shared);
    expect(cached).toBe(false);
    expect(synopsis.problems.filter((p) => p.status === 'active').length).toBeGreaterThan(0);
  });

  it('A’s own hook call is still reused by A’s panel for the same record', async () => {
    await hookAs(
      signerA,
      hookBody({
        fhirServer: fhirA(),
        fhirAuthorization: {
          access_token: tokenA(),
          token_type: 'Bearer',
          expires_in: 300,
          scope: PANEL_SCOPE,
          subject: 'cds-service',
        },
      }),
    );
    const { cached } = await panelA();
    expect(cached).toBe(true);
  });
});
