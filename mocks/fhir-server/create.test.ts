import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startServer, type RunningServer } from '../../tests/support/server';
import { createMockEhr } from '../ehr-app';
import { loadFixtureStore } from '../fixtures';
import { createSmartServer } from '../smart/smart-server';

const SMALL = 'ee9f8dd8-72d2-4769-8020-89e504b1504b';
const LARGE = 'bd6f9f37-7295-4cd6-b212-134afcef1253';

const serviceRequest = (patient: string) => ({
  resourceType: 'ServiceRequest',
  id: 'chosen-by-client',
  status: 'draft',
  intent: 'proposal',
  code: { text: 'Hemoglobin A1c' },
  subject: { reference: `Patient/${patient}` },
});

describe('mock FHIR server: create', () => {
  let server: RunningServer;
  let fhir: string;
  beforeAll(async () => {
    server = await startServer(createMockEhr({ store: loadFixtureStore() }));
    fhir = `${server.url}/fhir`;
  });
  afterAll(() => server.close());

  it('stores the resource under a server-assigned id, answers 201 with Location, and finds it', async () => {
    const res = await postJson(`${fhir}/ServiceRequest`, serviceRequest(SMALL), {
      'content-type': 'application/fhir+json',
    });
    expect(res.status).toBe(201);
    const created = res.body as { id: string; meta: { versionId: string } };
    expect(created.id).not.toBe('chosen-by-client');
    expect(created.meta.versionId).toBe('1');
    expect(res.headers.get('location')).toBe(`${fhir}/ServiceRequest/${created.id}/_history/1`);
    expect((await getJson(`${fhir}/ServiceRequest/${created.id}`)).status).toBe(200);
    const found = await getJson(`${fhir}/ServiceRequest?patient=${SMALL}`);
    expect((found.body as { total: number }).total).toBe(1);
  });

  it.each([
    ['a body of another type', 'ServiceRequest', { resourceType: 'Observation' }, 400],
    ['a body that is not a resource', 'ServiceRequest', [1, 2], 400],
    ['a type the server does not hold', 'Spaceship', { resourceType: 'Spaceship' }, 404],
    ['malformed JSON', 'ServiceRequest', '{"resourceType":', 400],
  ])('refuses %s with an OperationOutcome', async (_name, type, body, status) => {
    const res = await postJson(`${fhir}/${type}`, body);
    expect(res.status).toBe(status);
    expect((res.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});

describe('mock FHIR server: create with SMART bearer tokens', () => {
  const smart = createSmartServer();
  let server: RunningServer;
  let fhir: string;
  beforeAll(async () => {
    server = await startServer(createMockEhr({ store: loadFixtureStore(), smart }));
    fhir = `${server.url}/fhir`;
  });
  afterAll(() => server.close());

  const token = (scopes: string[], patient: string) =>
    smart.issueToken({ clientId: 'ehr', scopes, patient, aud: fhir }).accessToken;
  const create = (bearer: string, patient: string) =>
    postJson(`${fhir}/ServiceRequest`, serviceRequest(patient), {
      authorization: `Bearer ${bearer}`,
    });

  it('needs a create scope', async () => {
    const res = await create(token(['patient/*.rs'], SMALL), SMALL);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it.each([['patient/ServiceRequest.c'], ['patient/*.cruds'], ['patient/*.write']])(
    'creates with %s for the token patient',
    async (scope) => {
      expect((await create(token([scope], SMALL), SMALL)).status).toBe(201);
    },
  );

  it("refuses to create in another patient's compartment", async () => {
    const res = await create(token(['patient/ServiceRequest.c'], SMALL), LARGE);
    expect(res.status).toBe(403);
  });

  it('needs a token at all', async () => {
    expect((await postJson(`${fhir}/ServiceRequest`, serviceRequest(SMALL))).status).toBe(401);
  });
});
