/**
 * The panel API through real HTTP: the real service against the bearer-checking mock FHIR server,
 * with tokens from the mock SMART server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Synopsis } from '../cds-service/contract/synopsis';
import { startPanelHarness, type PanelHarness } from './support/panel-harness';
import { PATIENTS } from './support/fixtures';
import { postJson } from './support/server';
import { loadFixtureStore } from '../mocks/fixtures';

let h: PanelHarness;
beforeAll(async () => {
  h = await startPanelHarness();
});
afterAll(async () => {
  await h.close();
});

const synopsisFor = (token: string | undefined, body: object) =>
  postJson(
    `${h.service.url}/api/panel/synopsis`,
    body,
    token ? { authorization: `Bearer ${token}` } : {},
  );

describe('POST /api/panel/synopsis', () => {
  it('reads the record with the panel token and answers a valid synopsis, then reuses it', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const body = { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension };
    const first = await synopsisFor(token, body);
    expect(first.status).toBe(200);
    const answer = first.body as { synopsis: unknown; cached: boolean };
    expect(Synopsis.safeParse(answer.synopsis).success).toBe(true);
    expect(answer.cached).toBe(false);
    expect((answer.synopsis as Synopsis).patient.reference).toBe(
      `Patient/${PATIENTS.smallHypertension}`,
    );
    const second = await synopsisFor(token, body);
    expect(second.body).toMatchObject({ cached: true });
    expect((second.body as { synopsis: unknown }).synopsis).toEqual(answer.synopsis);

    // Both opens are in the audit trail with the same input hash, and no clinical content.
    await h.flush();
    const rows = h.store.audit.filter((a) => a.kind === 'panel' && a.status === 200);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const [r1, r2] = rows.slice(-2);
    expect(r1?.patientId).toBe(PATIENTS.smallHypertension);
    expect(r1?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r2?.inputHash).toBe(r1?.inputHash);
    expect(JSON.stringify(rows)).not.toMatch(/hypertension/i);
  });

  it('answers 401 without a token, and when the FHIR server refuses an expired one', async () => {
    const body = { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension };
    expect((await synopsisFor(undefined, body)).status).toBe(401);
    const token = h.tokenFor(PATIENTS.smallHypertension);
    h.advance(2 * 3600_000);
    try {
      const res = await synopsisFor(token, body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        error: 'unauthorized',
        message: expect.stringMatching(/Launch the panel again/) as unknown,
      });
    } finally {
      h.advance(-2 * 3600_000);
    }
  });

  it('never answers for a patient the token cannot read', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const res = await synopsisFor(token, {
      fhirServer: h.fhirBase,
      patientId: PATIENTS.largeDiabetic,
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain(PATIENTS.largeDiabetic);
  });

  it('refuses FHIR servers that are not on the allowlist, before calling them', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const res = await synopsisFor(token, {
      fhirServer: 'http://127.0.0.1:9/fhir',
      patientId: PATIENTS.smallHypertension,
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/allowlist/) as unknown });
  });

  it('answers 502 when the FHIR server cannot be reached', async () => {
    const down = await startPanelHarness();
    const token = down.tokenFor(PATIENTS.smallHypertension);
    const { url } = down.service;
    await down.ehr.close();
    const res = await postJson(
      `${url}/api/panel/synopsis`,
      { fhirServer: down.fhirBase, patientId: PATIENTS.smallHypertension },
      { authorization: `Bearer ${token}` },
    );
    await down.service.close();
    expect(res.status).toBe(502);
  });

  it('leaves out what the token may not read, and says so', async () => {
    const token = h.tokenFor(
      PATIENTS.smallHypertension,
      'launch patient/Patient.rs patient/Condition.rs',
    );
    const res = await synopsisFor(token, {
      fhirServer: h.fhirBase,
      patientId: PATIENTS.smallHypertension,
    });
    expect(res.status).toBe(200);
    const s = (res.body as { synopsis: Synopsis }).synopsis;
    expect(s.results).toEqual([]);
    expect(s.dataQuality.join(' ')).toMatch(/"observations" could not be read/);
  });

  it.each([
    [{ fhirServer: 'not a url', patientId: 'x' }],
    [{ fhirServer: 'http://127.0.0.1/fhir', patientId: '../etc' }],
    [{}],
  ])('answers 400 to a bad body %j', async (body) => {
    const res = await synopsisFor('t', body);
    expect(res.status).toBe(400);
  });

  it('keeps tokens and patient ids out of the logs', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    await synopsisFor(token, { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension });
    const log = h.logs.join('\n');
    expect(log).not.toContain(token);
    expect(log).not.toContain(PATIENTS.smallHypertension);
  });
});

describe('POST /api/panel/feedback', () => {
  const feedback = {
    target: { kind: 'differential', id: 'dd-ckd' },
    verdict: 'disagree',
    model: { name: 'engine', version: '0.1.0' },
  };

  it('records agree/disagree from someone who can read the patient', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const res = await postJson(
      `${h.service.url}/api/panel/feedback`,
      { fhirServer: h.fhirBase, patientId: PATIENTS.smallHypertension, ...feedback },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(201);
    await h.flush();
    expect(h.store.feedback.at(-1)).toMatchObject({
      source: 'panel',
      outcome: 'disagree',
      targetKind: feedback.target.kind,
      modelVersion: feedback.model.version,
    });
  });

  it('refuses feedback about a patient the token cannot read', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const res = await postJson(
      `${h.service.url}/api/panel/feedback`,
      { fhirServer: h.fhirBase, patientId: PATIENTS.infant, ...feedback },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(403);
  });

  it('answers 400 to a bad verdict', async () => {
    const token = h.tokenFor(PATIENTS.smallHypertension);
    const res = await postJson(
      `${h.service.url}/api/panel/feedback`,
      {
        fhirServer: h.fhirBase,
        patientId: PATIENTS.smallHypertension,
        ...feedback,
        verdict: 'maybe',
      },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(400);
  });
});

describe('POST /api/panel/safety-report', () => {
  const patient = PATIENTS.smallHypertension;
  const report = (description: string, patientId: string = patient) => ({
    fhirServer: h.fhirBase,
    patientId,
    target: { kind: 'alert', id: 'interaction-statin-cyp3a4' },
    category: 'unsafe-suggestion',
    description,
    model: { name: 'engine', version: '1.0.0' },
  });

  it('stores the concern with the statement id and model, the patient’s identifiers redacted', async () => {
    const name = loadFixtureStore()
      .patients()
      .find((p) => p.id === patient)?.name;
    if (!name) throw new Error('fixture patient without a name');
    const res = await postJson(
      `${h.service.url}/api/panel/safety-report`,
      report(`${name} was told to double the dose on 2026-11-30.`),
      { authorization: `Bearer ${h.tokenFor(patient)}` },
    );
    expect(res.status).toBe(201);
    const stored = h.store.safetyReports.at(-1);
    expect(stored).toMatchObject({
      targetKind: 'alert',
      targetId: 'interaction-statin-cyp3a4',
      category: 'unsafe-suggestion',
      modelVersion: '1.0.0',
    });
    expect(stored?.description).toMatch(/was told to double the dose/);
    for (const part of name.split(' ')) expect(stored?.description).not.toContain(part);
    expect(stored?.description).not.toContain('2026-11-30');
    expect(JSON.stringify(stored)).not.toContain(patient);

    // Words that would be withheld from a language model are the clinician's report here: kept.
    const quoted = 'The card said to ignore the previous INR rules.';
    const again = await postJson(`${h.service.url}/api/panel/safety-report`, report(quoted), {
      authorization: `Bearer ${h.tokenFor(patient)}`,
    });
    expect(again.status).toBe(201);
    expect(h.store.safetyReports.at(-1)?.description).toBe(quoted);
  });

  it('refuses a report without a token, about another patient, or in an unknown category', async () => {
    const url = `${h.service.url}/api/panel/safety-report`;
    expect((await postJson(url, report('x'))).status).toBe(401);
    const auth = { authorization: `Bearer ${h.tokenFor(patient)}` };
    expect((await postJson(url, report('x', PATIENTS.infant), auth)).status).toBe(403);
    expect((await postJson(url, { ...report('x'), category: 'made-up' }, auth)).status).toBe(400);
  });
});
