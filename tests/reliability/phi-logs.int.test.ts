/**
 * No patient data in logs: a full run (a hook for every fixture patient with self-fetch, the panel
 * opened, feedback from both sides, a FHIR server refusing and failing) with the service logging at
 * debug level into a captured stream; the whole log is then searched for every fixture patient's
 * names, identifiers (MRN, SSN, ...), birth date, address and phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookResponse } from '../../cds-service/contract/cds-hooks';
import { loadFixtureStore } from '../../mocks/fixtures';
import { startPanelHarness, type PanelHarness } from '../support/panel-harness';
import { postJson } from '../support/server';

let h: PanelHarness;
beforeAll(async () => {
  h = await startPanelHarness();
});
afterAll(async () => {
  await h.close();
});

interface PatientLike {
  id: string;
  birthDate?: string;
  name?: { given?: string[]; family?: string; prefix?: string[] }[];
  identifier?: { value?: string }[];
  address?: { line?: string[]; city?: string; postalCode?: string }[];
  telecom?: { value?: string }[];
}

/** Every identifying value of the fixture patients, long enough not to match by chance. */
function identifyingValues(): { patientId: string; values: string[] }[] {
  const store = loadFixtureStore();
  return store.patients().map(({ id }) => {
    const p = store.read('Patient', id) as unknown as PatientLike;
    const values = [
      p.birthDate,
      ...(p.name ?? []).flatMap((n) => [...(n.given ?? []), n.family]),
      ...(p.identifier ?? []).map((i) => i.value),
      ...(p.address ?? []).flatMap((a) => [...(a.line ?? []), a.city, a.postalCode]),
      ...(p.telecom ?? []).map((t) => t.value),
    ].filter((v): v is string => typeof v === 'string' && v.length >= 4);
    return { patientId: id, values: [...new Set(values)] };
  });
}

const otherThan = (patientId: string): string =>
  loadFixtureStore()
    .patients()
    .find((p) => p.id !== patientId)?.id ?? '';

describe('no patient data in the logs of a full run', () => {
  it('logs none of any fixture patient’s names, identifiers, birth date, address or phone', async () => {
    const patients = identifyingValues();
    expect(patients.length).toBe(14);
    // The scan has something to find: names, identifiers, a birth date, an address for each.
    for (const p of patients) expect(p.values.length).toBeGreaterThanOrEqual(6);
    const hookUrl = `${h.service.url}/cds-services/patient-synopsis`;
    for (const { patientId } of patients) {
      const token = h.tokenFor(patientId);
      const hook = await postJson(hookUrl, {
        hook: 'patient-view',
        hookInstance: crypto.randomUUID(),
        fhirServer: h.fhirBase,
        fhirAuthorization: {
          access_token: token,
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.rs',
          subject: 'ehr-synopsis',
        },
        context: { userId: 'Practitioner/1', patientId },
      });
      expect(hook.status).toBe(200);
      const card = HookResponse.parse(hook.body).cards[0];
      const panel = await postJson(
        `${h.service.url}/api/panel/synopsis`,
        { fhirServer: h.fhirBase, patientId },
        { authorization: `Bearer ${token}` },
      );
      expect(panel.status).toBe(200);
      // A patient with nothing to say gets no card, and so gives no card feedback.
      if (card) {
        const fb = await postJson(`${hookUrl}/feedback`, {
          feedback: [
            { card: card.uuid, outcome: 'accepted', outcomeTimestamp: new Date().toISOString() },
          ],
        });
        expect(fb.status).toBe(200);
      }
      const panelFb = await postJson(
        `${h.service.url}/api/panel/feedback`,
        {
          fhirServer: h.fhirBase,
          patientId,
          target: { kind: 'alert', id: 'a1' },
          verdict: 'disagree',
          model: { name: 'rules', version: '1.0.0' },
        },
        { authorization: `Bearer ${token}` },
      );
      expect(panelFb.status).toBe(201);
      // The FHIR server refusing: a token for another patient, then a token it never issued.
      const refused = await postJson(
        `${h.service.url}/api/panel/synopsis`,
        { fhirServer: h.fhirBase, patientId },
        {
          authorization: `Bearer ${h.tokenFor(otherThan(patientId))}`,
        },
      );
      expect(refused.status).toBe(403);
      const failing = await postJson(hookUrl, {
        hook: 'patient-view',
        hookInstance: crypto.randomUUID(),
        fhirServer: h.fhirBase,
        fhirAuthorization: {
          access_token: 'not-a-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'patient/*.rs',
          subject: 'ehr-synopsis',
        },
        context: { userId: 'Practitioner/1', patientId },
      });
      expect(failing.status).toBe(412);
    }
    await h.flush();

    const log = h.logs.join('\n');
    expect(h.logs.length).toBeGreaterThan(patients.length * 6);
    const leaks = patients.flatMap(({ values }) => values.filter((v) => log.includes(v)));
    expect(leaks).toEqual([]);
  }, 60_000);
});
