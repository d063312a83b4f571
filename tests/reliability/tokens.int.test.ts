/**
 * Issue: a token with `exp` ten years ahead was accepted; the replay guard lived in process memory,
 * so a restart (or a second replica without Redis) accepted the same token again; an `aud` array
 * naming other services too was accepted; `bearer` in lower case was refused; hook answers had no
 * `Cache-Control: no-store`. Replayed over HTTP against two service instances sharing one store.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeService } from '../../cds-service/compose';
import { defaultConfig, parseClients } from '../../cds-service/config';
import { createMemoryLogger } from '../../cds-service/log';
import { createMemoryStore } from '../../cds-service/store/memory-store';
import { openPglite } from '../../cds-service/store/sql-client';
import { createSqlStore } from '../../cds-service/store/sql-store';
import type { GovernanceStore } from '../../cds-service/store/records';
import { FIXED_NOW, patientViewRequest } from '../support/fixtures';
import { postJson, startServer, type RunningServer } from '../support/server';

const PUBLIC_URL = 'https://cds.example.org';
const PATH = '/cds-services/patient-synopsis';
const AUD = `${PUBLIC_URL}${PATH}`;
const PATIENT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-03-01' };

const ISS = 'https://ehr.example.org';
const KID = 'ehr-key-1';
let privateKey: CryptoKey;
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('ES384', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'ES384' };
});

/** One service instance ("a replica", or the same service after a restart) on `store`. */
async function instance(store: GovernanceStore): Promise<RunningServer> {
  const config = defaultConfig({
    auth: true,
    publicUrl: PUBLIC_URL,
    clients: parseClients([{ iss: ISS, jwks: { keys: [publicJwk] } }], 'test'),
  });
  return startServer(
    composeService(config, createMemoryLogger(), { now: () => FIXED_NOW, store }).app,
  );
}

const call = (on: RunningServer, authorization: string) =>
  postJson(`${on.url}${PATH}`, patientViewRequest('p1', { patient: PATIENT }), {
    authorization,
  });

/** A token with the claims given, signed with the EHR's own key. */
async function token(claims: { aud?: string | string[]; lifetimeSeconds?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: KID })
    .setIssuer(ISS)
    .setAudience(claims.aud ?? AUD)
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.lifetimeSeconds ?? 300))
    .setJti(randomUUID())
    .sign(privateKey);
}

describe.each([
  ['the embedded store (PGlite)', async () => createSqlStore(await openPglite(undefined))],
  ['an in-memory store', () => Promise.resolve(createMemoryStore())],
])('tokens, with used ids kept in %s', (_name, openStore) => {
  let store: GovernanceStore;
  let first: RunningServer;
  beforeAll(async () => {
    store = await openStore();
    first = await instance(store);
  }, 60_000);
  afterAll(async () => {
    await first.close();
    await store.close();
  });

  it('a token used once is refused after a restart, and by a second replica', async () => {
    const authorization = `Bearer ${await token()}`;
    const used = await call(first, authorization);
    expect(used.status).toBe(200);
    expect(used.headers.get('cache-control')).toBe('no-store');
    await first.close();
    first = await instance(store); // the same service, restarted
    expect((await call(first, authorization)).status).toBe(401);
    const replica = await instance(store);
    try {
      expect((await call(replica, authorization)).status).toBe(401);
    } finally {
      await replica.close();
    }
  });

  it('refuses a token living ten years, and an audience naming another service too', async () => {
    const longLived = await token({ lifetimeSeconds: 10 * 365 * 86_400 });
    expect((await call(first, `Bearer ${longLived}`)).status).toBe(401);
    const shared = await token({ aud: [AUD, 'https://other.example.org/cds-services/x'] });
    expect((await call(first, `Bearer ${shared}`)).status).toBe(401);
  });

  it('accepts the scheme in lower case', async () => {
    expect((await call(first, `bearer ${await token()}`)).status).toBe(200);
  });
});
