import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startServer, type RunningServer } from '../../tests/support/server';
import { composeService } from '../compose';
import { defaultConfig } from '../config';
import { createMemoryLogger } from '../log';
import { ADMIN_FAILED_SIGN_INS_PER_MINUTE } from './admin-router';

const ADMIN = 'governance-console-token-4f9c2a7e';
let server: RunningServer;

beforeAll(async () => {
  // TLS ends at a proxy in front of the service: it is reached over plain HTTP here.
  const config = defaultConfig({ adminToken: ADMIN, publicUrl: 'https://cds.example.org' });
  server = await startServer(composeService(config, createMemoryLogger()).app);
});
afterAll(() => server.close());

const signIn = (token: string) =>
  fetch(`${server.url}/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });

describe('admin sign-in', () => {
  it('marks the session cookie Secure when the public URL is HTTPS, behind a TLS proxy', async () => {
    const res = await signIn(ADMIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses an address after too many wrong tokens, sign-in and bearer alike', async () => {
    const wrong = 'x'.repeat(ADMIN.length);
    for (let i = 0; i < ADMIN_FAILED_SIGN_INS_PER_MINUTE - 1; i++) {
      expect((await signIn(wrong)).status).toBe(401);
    }
    // The last of the budget spent by a wrong bearer token.
    const bearer = await getJson(`${server.url}/admin/report`, {
      headers: { authorization: `Bearer ${wrong}` },
    });
    expect(bearer.status).toBe(401);
    const locked = await signIn(wrong);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right token still signs in: guessers sharing a proxy's address cannot lock admins out.
    expect((await signIn(ADMIN)).status).toBe(204);
    expect((await signIn(wrong)).status).toBe(429);
  });

  it('refuses a sign-in body that is not a token with 400, not 500', async () => {
    const res = await fetch(`${server.url}/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: { $ne: '' } }),
    });
    expect(res.status).toBe(400);
  });
});
