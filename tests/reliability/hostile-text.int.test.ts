/**
 * Issue: one Condition whose text held 200 KB of spaces blocked the event loop for 94 s (a
 * quadratic clean-up regex), so /healthz and every other tenant waited. Replayed over HTTP, by
 * prefetch and by self-fetch from the FHIR server, and then with 1 MB attack strings in every
 * text field the normaliser reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { HookResponse } from '../../cds-service/contract/cds-hooks';
import { buildCards } from '../../cds-service/hooks/cards';
import { CLIPPED_TEXT_NOTE } from '../../cds-service/fhir/raw';
import { normalise } from '../../cds-service/fhir/record';
import { createMemoryLogger } from '../../cds-service/log';
import { runEngine } from '../../cds-service/synopsis/engine';
import { MAX_TEXT_LENGTH } from '../../cds-service/text';
import { createMockEhr } from '../../mocks/ehr-app';
import { loadFixtureStore } from '../../mocks/fixtures';
import { FIXED_NOW, PATIENTS, patientViewRequest } from '../support/fixtures';
import { getJson, postJson, startServer, type RunningServer } from '../support/server';
import { hostileCases, replayHostileText } from './hostile-text';

const PATIENT = PATIENTS.smallHypertension;
/** Far above what linear work on a few megabytes takes, far below a quadratic match's minutes. */
const FAST_MS = 3000;

const hostileCondition = (text: string) => ({
  resourceType: 'Condition',
  id: 'hostile-text',
  clinicalStatus: {
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
    ],
  },
  code: { text },
  subject: { reference: `Patient/${PATIENT}` },
});

/** The attack as reported: 200 KB of spaces, then a character that makes the match fail. */
const REPORTED = `${' '.repeat(200_000)}x`;

let ehr: RunningServer;
let service: RunningServer;
let fhirBase: string;

beforeAll(async () => {
  const store = loadFixtureStore();
  store.put(hostileCondition(REPORTED));
  ehr = await startServer(createMockEhr({ store }));
  fhirBase = `${ehr.url}/fhir`;
  const config = defaultConfig({
    clients: parseClients(
      [{ iss: ehr.url, jwksUrl: `${ehr.url}/.well-known/jwks.json`, fhirServers: [fhirBase] }],
      'test',
    ),
  });
  service = await startServer(
    composeService(config, createMemoryLogger(), { now: () => FIXED_NOW }).app,
  );
});
afterAll(async () => {
  await Promise.all([ehr.close(), service.close()]);
});

/** Sends the hook and, while it runs, asks /healthz: both must come back quickly. */
async function hookWhileProbing(body: unknown) {
  const started = performance.now();
  const hook = postJson(`${service.url}/cds-services/patient-synopsis`, body);
  const health = (async () => {
    const t = performance.now();
    const res = await getJson(`${service.url}/healthz`);
    return { status: res.status, ms: performance.now() - t };
  })();
  const [answer, probe] = await Promise.all([hook, health]);
  return { answer, probe, ms: performance.now() - started };
}

describe('hostile record text over HTTP', () => {
  it('the reported Condition in prefetch: answered fast, liveness never waits', async () => {
    const patient = await getJson(`${fhirBase}/Patient/${PATIENT}`);
    const { answer, probe, ms } = await hookWhileProbing(
      patientViewRequest(PATIENT, {
        patient: patient.body,
        conditions: {
          resourceType: 'Bundle',
          type: 'searchset',
          entry: [{ resource: hostileCondition(REPORTED) }],
        },
      }),
    );
    expect(answer.status).toBe(200);
    expect(ms).toBeLessThan(FAST_MS);
    expect(probe.status).toBe(200);
    expect(probe.ms).toBeLessThan(FAST_MS);
    const { cards } = HookResponse.parse(answer.body);
    for (const c of cards) expect(c.detail?.length ?? 0).toBeLessThan(10 * MAX_TEXT_LENGTH);
  });

  it('the reported Condition read from the FHIR server by self-fetch: answered fast', async () => {
    const { answer, probe, ms } = await hookWhileProbing({
      ...patientViewRequest(PATIENT),
      fhirServer: fhirBase,
    });
    expect(answer.status).toBe(200);
    expect(ms).toBeLessThan(FAST_MS);
    expect(probe.ms).toBeLessThan(FAST_MS);
  });

  it('1 MB attack strings in the text fields of every resource type: every call answers 200', async () => {
    const report = await replayHostileText(hostileCases(['text fields']));
    expect(report.failures).toEqual([]);
    expect(report.requests).toBeGreaterThan(30);
    expect(report.slowestMs).toBeLessThan(FAST_MS);
  });
});

describe('hostile record text in process', () => {
  it('every string of every resource type: the synopsis and cards come back fast, texts bounded', () => {
    for (const c of hostileCases()) {
      const started = performance.now();
      const record = normalise(c.bundle, c.patientId, FIXED_NOW);
      const synopsis = runEngine(record, FIXED_NOW);
      const cards = buildCards(synopsis, {
        maxCards: 3,
        source: { label: 'test' },
        panelLaunchUrl: undefined,
      });
      expect(performance.now() - started, c.label).toBeLessThan(FAST_MS);
      for (const p of synopsis.problems) {
        expect(p.text.length, c.label).toBeLessThanOrEqual(MAX_TEXT_LENGTH + 40);
      }
      for (const card of cards) expect(card.card.summary.length).toBeLessThan(140);
    }
  });

  it('says in the data-quality notes that a text was shortened', () => {
    const record = normalise(
      { resourceType: 'Bundle', entry: [{ resource: hostileCondition(REPORTED) }] },
      PATIENT,
      FIXED_NOW,
    );
    expect(record.conditions[0]?.concept.text.length).toBe(MAX_TEXT_LENGTH);
    expect(record.dataQuality).toContain(CLIPPED_TEXT_NOTE);
  });
});
