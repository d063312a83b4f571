/**
 * The mock EHR's identity as a CDS client: an ES384 key pair, its public JWKS (served by the mock
 * EHR) and the signed JWT an EHR sends with every hook call (CDS Hooks 2.0, "Trusting CDS Clients").
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const EHR_JWKS_PATH = '/.well-known/jwks.json';

export interface EhrKeys {
  jwks: { keys: JWK[] };
  /** A JWT signer for the EHR at `baseUrl`: `iss` is that URL, `jku` its JWKS URL. */
  signerFor(baseUrl: string): EhrSigner;
}

export interface EhrSigner {
  iss: string;
  jwksUrl: string;
  /** A fresh, short-lived JWT for one call to `audience` (the exact service URL). */
  sign(audience: string): Promise<string>;
}

export async function createEhrKeys(): Promise<EhrKeys> {
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    signerFor(baseUrl) {
      const jwksUrl = `${baseUrl}${EHR_JWKS_PATH}`;
      return {
        iss: baseUrl,
        jwksUrl,
        sign: (audience) =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid, jku: jwksUrl })
            .setIssuer(baseUrl)
            .setSubject('mock-ehr')
            .setAudience(audience)
            .setIssuedAt()
            .setExpirationTime('5m')
            .setJti(randomUUID())
            .sign(privateKey),
      };
    },
  };
}
