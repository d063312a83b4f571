/**
 * Authentication of the calling EHR (CDS Hooks 2.0, "Trusting CDS Clients"): the bearer JWT is
 * signed by an issuer on our allowlist, with a key from that issuer's JWKS (inline, or fetched
 * from the URL the allowlist names), for exactly the URL being called, within its lifetime, once.
 * Every failure is the same 401 to the caller; the reason is logged (never the token).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import type { TrustedClient } from '../config';
import { ApiError } from '../errors';
import type { Logger } from '../log';
import { createMemoryReplayGuard, type ReplayGuard } from './replay-guard';

/** The spec's algorithms for the EHR's JWT; never `none`, never HMAC. */
export const ALLOWED_ALGORITHMS = ['ES384', 'RS384'] as const;

export interface EhrIdentity {
  iss: string;
  client: TrustedClient;
}

export interface EhrAuthenticator {
  /** Resolves with the caller's identity, or throws a 401 `ApiError`. */
  authenticate(authorization: string | undefined, audience: string): Promise<EhrIdentity>;
}

export interface AuthOptions {
  now?: () => Date;
  clockSkewSeconds?: number;
  /** How long a fetched JWKS is trusted before it is fetched again. */
  jwksCacheMs?: number;
  /** Least time between two fetches prompted by an unknown `kid`. */
  jwksCooldownMs?: number;
  /** Where used `jti`s are remembered; default: in process. */
  replayGuard?: ReplayGuard;
}

type Reason =
  | 'missing-token'
  | 'malformed-token'
  | 'algorithm-not-allowed'
  | 'unknown-issuer'
  | 'jku-not-allowed'
  | 'unknown-key'
  | 'bad-signature'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid'
  | 'missing-claim'
  | 'replayed'
  | 'jwks-unavailable'
  | 'lifetime-too-long'
  | 'invalid-claims';

/**
 * Longest lifetime (`exp - iat`) accepted. CDS Hooks 2.0 asks for short-lived tokens (its example
 * lives 5 minutes); a token valid for years is a stolen token waiting to be used.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;

class AuthFailure extends Error {
  constructor(readonly reason: Reason) {
    super(reason);
  }
}

export function createEhrAuthenticator(
  clients: TrustedClient[],
  logger: Logger,
  options: AuthOptions = {},
): EhrAuthenticator {
  const now = options.now ?? (() => new Date());
  const skew = options.clockSkewSeconds ?? 30;
  const byIssuer = new Map(clients.map((c) => [c.iss, c]));
  const keySets = new Map<string, JWTVerifyGetKey>();
  const replay = options.replayGuard ?? createMemoryReplayGuard();

  const keySetFor = (client: TrustedClient): JWTVerifyGetKey => {
    let set = keySets.get(client.iss);
    if (!set) {
      set = client.jwks
        ? createLocalJWKSet(client.jwks)
        : createRemoteJWKSet(new URL(client.jwksUrl ?? ''), {
            cacheMaxAge: options.jwksCacheMs ?? 10 * 60_000,
            cooldownDuration: options.jwksCooldownMs ?? 30_000,
            timeoutDuration: 3000,
          });
      keySets.set(client.iss, set);
    }
    return set;
  };

  const verify = async (
    authorization: string | undefined,
    audience: string,
  ): Promise<EhrIdentity> => {
    // The scheme is case-insensitive (RFC 9110, section 11.1).
    const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new AuthFailure(authorization ? 'malformed-token' : 'missing-token');
    const token = match[1];

    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: ReturnType<typeof decodeJwt>;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw new AuthFailure('malformed-token');
    }
    if (!ALLOWED_ALGORITHMS.includes(header.alg as (typeof ALLOWED_ALGORITHMS)[number])) {
      throw new AuthFailure('algorithm-not-allowed');
    }
    const client = typeof unverified.iss === 'string' ? byIssuer.get(unverified.iss) : undefined;
    if (!client) throw new AuthFailure('unknown-issuer');
    // A `jku` is only followed when it is the JWKS URL the allowlist names for this issuer.
    if (header.jku !== undefined && client.jwksUrl !== undefined && header.jku !== client.jwksUrl) {
      throw new AuthFailure('jku-not-allowed');
    }

    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, keySetFor(client), {
        algorithms: [...ALLOWED_ALGORITHMS],
        issuer: client.iss,
        audience,
        clockTolerance: skew,
        currentDate: now(),
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
      }));
    } catch (err) {
      throw new AuthFailure(reasonOf(err));
    }
    const nowSeconds = now().getTime() / 1000;
    if (typeof payload.iat === 'number' && payload.iat > nowSeconds + skew)
      throw new AuthFailure('not-yet-valid');
    // `aud` names this service and nothing else: a token minted for several services at once is
    // one that each of them could replay to the others.
    const aud = payload.aud;
    if (!(aud === audience || (Array.isArray(aud) && aud.length === 1 && aud[0] === audience)))
      throw new AuthFailure('wrong-audience');
    if (
      typeof payload.exp === 'number' &&
      typeof payload.iat === 'number' &&
      payload.exp - payload.iat > MAX_TOKEN_LIFETIME_SECONDS + skew
    )
      throw new AuthFailure('lifetime-too-long');
    if (typeof payload.jti !== 'string' || payload.jti === '')
      throw new AuthFailure('missing-claim');
    if (
      !(await replay.firstUse(
        `${client.iss}|${payload.jti}`,
        (payload.exp ?? nowSeconds) + skew,
        nowSeconds,
      ))
    ) {
      throw new AuthFailure('replayed');
    }
    return { iss: client.iss, client };
  };

  return {
    async authenticate(authorization, audience) {
      try {
        return await verify(authorization, audience);
      } catch (err) {
        const reason = err instanceof AuthFailure ? err.reason : 'malformed-token';
        logger.warn('ehr authentication failed', { reason });
        throw new ApiError('unauthorized', 'Authentication failed.');
      }
    },
  };
}

function reasonOf(err: unknown): Reason {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'unknown-key';
  if (
    err instanceof joseErrors.JWKSTimeout ||
    (err instanceof joseErrors.JOSEError && err.code === 'ERR_JWKS_INVALID')
  ) {
    return 'jwks-unavailable';
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'wrong-audience';
    if (err.claim === 'nbf') return 'not-yet-valid';
    if (err.reason === 'missing') return 'missing-claim';
    return 'invalid-claims';
  }
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  if (err instanceof Error && /fetch|network|ECONNREFUSED/i.test(err.message))
    return 'jwks-unavailable';
  return 'malformed-token';
}
