import { randomUUID } from 'node:crypto';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../tests/support/server';
import { parseClients } from '../config';
import { createMemoryLogger } from '../log';
import { createEhrAuthenticator } from './ehr-jwt';

const ISS = 'https://ehr.example.org';
const AUD = 'https://cds.example.org/cds-services/patient-synopsis';
const NOW = new Date('2025-06-01T12:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

interface KeyPair {
  kid: string;
  alg: 'ES384' | 'RS384';
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(alg: 'ES384' | 'RS384'): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

interface TokenSpec {
  key: KeyPair;
  iss?: string;
  aud?: string | string[];
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string | null;
  kid?: string;
  jku?: string;
}

function sign(s: TokenSpec): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: s.iss ?? ISS,
    aud: s.aud ?? AUD,
    iat: s.iat ?? nowSec,
    exp: s.exp ?? nowSec + 300,
    ...(s.nbf === undefined ? {} : { nbf: s.nbf }),
    ...(s.jti === null ? {} : { jti: s.jti ?? randomUUID() }),
  };
  return new SignJWT(payload)
    .setProtectedHeader({
      alg: s.key.alg,
      typ: 'JWT',
      kid: s.kid ?? s.key.kid,
      ...(s.jku ? { jku: s.jku } : {}),
    })
    .sign(s.key.privateKey);
}

const b64url = (v: object | Buffer): string =>
  (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

let es: KeyPair;
let rs: KeyPair;
let other: KeyPair;
beforeAll(async () => {
  [es, rs, other] = await Promise.all([makeKey('ES384'), makeKey('RS384'), makeKey('ES384')]);
});

function inlineAuth() {
  const logger = createMemoryLogger();
  const clients = parseClients([{ iss: ISS, jwks: { keys: [es.jwk, rs.jwk] } }], 'test');
  return { logger, auth: createEhrAuthenticator(clients, logger, { now: () => NOW }) };
}

const bearer = (t: string): string => `Bearer ${t}`;

describe('EHR JWT authentication', () => {
  it.each(['ES384', 'RS384'] as const)(
    'accepts a valid %s token from a trusted issuer',
    async (alg) => {
      const { auth } = inlineAuth();
      const key = alg === 'ES384' ? es : rs;
      await expect(auth.authenticate(bearer(await sign({ key })), AUD)).resolves.toMatchObject({
        iss: ISS,
      });
    },
  );

  it('accepts small clock skew on exp and iat', async () => {
    const { auth } = inlineAuth();
    const token = await sign({ key: es, iat: nowSec + 10, exp: nowSec - 10 });
    await expect(auth.authenticate(bearer(token), AUD)).resolves.toBeDefined();
  });

  const rejections: [string, () => Promise<string>, string][] = [
    ['no token', () => Promise.resolve(''), 'missing-token'],
    [
      'a wrong signature',
      async () => {
        const [h, p] = (await sign({ key: es })).split('.');
        const forged = await sign({ key: other, kid: es.kid });
        return `${h ?? ''}.${p ?? ''}.${forged.split('.')[2] ?? ''}`;
      },
      'bad-signature',
    ],
    [
      'an unknown issuer',
      () => sign({ key: es, iss: 'https://evil.example.org' }),
      'unknown-issuer',
    ],
    ['an unknown kid', () => sign({ key: other }), 'unknown-key'],
    [
      'alg none',
      () =>
        Promise.resolve(
          `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: ISS, aud: AUD, iat: nowSec, exp: nowSec + 60, jti: 'x' })}.`,
        ),
      'algorithm-not-allowed',
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const { createHmac } = await import('node:crypto');
        const header = b64url({ alg: 'HS256', typ: 'JWT', kid: rs.kid });
        const body = b64url({
          iss: ISS,
          aud: AUD,
          iat: nowSec,
          exp: nowSec + 60,
          jti: randomUUID(),
        });
        const sig = createHmac('sha256', JSON.stringify(rs.jwk))
          .update(`${header}.${body}`)
          .digest('base64url');
        return `${header}.${body}.${sig}`;
      },
      'algorithm-not-allowed',
    ],
    [
      'a wrong audience',
      () => sign({ key: es, aud: 'https://cds.example.org/cds-services/other' }),
      'wrong-audience',
    ],
    ['an expired token', () => sign({ key: es, iat: nowSec - 900, exp: nowSec - 600 }), 'expired'],
    ['a token not yet valid (nbf)', () => sign({ key: es, nbf: nowSec + 600 }), 'not-yet-valid'],
    [
      'a token issued in the future',
      () => sign({ key: es, iat: nowSec + 600, exp: nowSec + 900 }),
      'not-yet-valid',
    ],
    ['a token without jti', () => sign({ key: es, jti: null }), 'missing-claim'],
    [
      'a token living ten years',
      () => sign({ key: es, exp: nowSec + 10 * 365 * 86_400 }),
      'lifetime-too-long',
    ],
    [
      'a token living six minutes (over 5 minutes plus skew)',
      () => sign({ key: es, exp: nowSec + 6 * 60 + 31 }),
      'lifetime-too-long',
    ],
    [
      'an audience array that also names another service',
      () => sign({ key: es, aud: [AUD, 'https://other.example.org/cds-services/x'] }),
      'wrong-audience',
    ],
    ['garbage', () => Promise.resolve('not.a.jwt'), 'malformed-token'],
  ];

  it.each(rejections)('refuses %s with a bare 401 and logs why', async (_name, token, reason) => {
    const { auth, logger } = inlineAuth();
    const t = await token();
    const err: unknown = await auth
      .authenticate(t ? bearer(t) : undefined, AUD)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, message: 'Authentication failed.' });
    expect(logger.lines.join('\n')).toContain(`"reason":"${reason}"`);
    if (t) expect(logger.lines.join('\n')).not.toContain(t);
  });

  it('accepts an audience array naming only this service, and a lower-case scheme', async () => {
    const { auth } = inlineAuth();
    await expect(
      auth.authenticate(`bearer ${await sign({ key: es, aud: [AUD] })}`, AUD),
    ).resolves.toBeDefined();
  });

  it('refuses a replayed jti, and accepts the same jti from nowhere else twice', async () => {
    const { auth, logger } = inlineAuth();
    const token = await sign({ key: es });
    await auth.authenticate(bearer(token), AUD);
    await expect(auth.authenticate(bearer(token), AUD)).rejects.toMatchObject({ status: 401 });
    expect(logger.lines.join('\n')).toContain('"reason":"replayed"');
    await expect(auth.authenticate(bearer(await sign({ key: es })), AUD)).resolves.toBeDefined();
  });
});

describe('EHR JWT authentication with a JWKS URL', () => {
  let jwksServer: RunningServer;
  let served: JWK[] = [];
  let fetches = 0;
  beforeAll(async () => {
    const app = express();
    app.get('/jwks.json', (_req, res) => {
      fetches++;
      res.json({ keys: served });
    });
    jwksServer = await startServer(app);
  });
  afterAll(() => jwksServer.close());

  const remoteAuth = () => {
    const logger = createMemoryLogger();
    const jwksUrl = `${jwksServer.url}/jwks.json`;
    const auth = createEhrAuthenticator(parseClients([{ iss: ISS, jwksUrl }], 'test'), logger, {
      now: () => NOW,
      jwksCooldownMs: 0,
    });
    return { auth, logger, jwksUrl };
  };

  it('fetches the keys once, caches them, and refetches when a new kid appears (rotation)', async () => {
    served = [es.jwk];
    fetches = 0;
    const { auth, jwksUrl } = remoteAuth();
    await auth.authenticate(bearer(await sign({ key: es, jku: jwksUrl })), AUD);
    await auth.authenticate(bearer(await sign({ key: es, jku: jwksUrl })), AUD);
    expect(fetches).toBe(1);
    served = [es.jwk, rs.jwk]; // the EHR rotates in a new key
    await expect(
      auth.authenticate(bearer(await sign({ key: rs, jku: jwksUrl })), AUD),
    ).resolves.toBeDefined();
    expect(fetches).toBe(2);
  });

  it('never follows a jku that the allowlist does not name', async () => {
    served = [es.jwk];
    fetches = 0;
    const { auth, logger } = remoteAuth();
    const token = await sign({ key: es, jku: 'http://169.254.169.254/latest/keys' });
    await expect(auth.authenticate(bearer(token), AUD)).rejects.toMatchObject({ status: 401 });
    expect(fetches).toBe(0);
    expect(logger.lines.join('\n')).toContain('"reason":"jku-not-allowed"');
  });
});
