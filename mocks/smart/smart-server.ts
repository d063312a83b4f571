/**
 * A SMART App Launch 2.x authorization server for the mock EHR (no Express in here: the router in
 * `auth-router.ts` only translates HTTP). Grants live in memory; tokens are opaque random strings
 * that the mock FHIR server introspects. Spec: https://hl7.org/fhir/smart-app-launch/app-launch.html
 * Errors use the codes of RFC 6749 (4.1.2.1, 5.2), RFC 7636 (4.4.1, 4.6) and RFC 6750 (3.1).
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { trimTrailing } from '../../cds-service/text';
import { isValidVerifier, s256 } from './pkce';
import { isSupportedScope, splitScopes } from './scopes';

export interface SmartClient {
  clientId: string;
  /** Exact redirect URIs (RFC 6749 3.1.2.2: compared as registered, no prefix matching). */
  redirectUris: string[];
}

export interface LaunchContext {
  patient: string;
  encounter?: string;
  /**
   * A CDS Hooks SMART link's `appContext`, handed to the app in the token response (CDS Hooks 2.0,
   * "Link": "the EHR SHALL pass the appContext ... as a launch context parameter").
   */
  appContext?: string;
  /**
   * The user, as the `fhirUser` claim of an id_token names them: `Patient/<id>` for a patient in
   * a portal, `Practitioner/<id>` for a clinician.
   */
  user?: string;
}

export interface TokenGrant {
  clientId: string;
  scopes: string[];
  patient: string | undefined;
  /** The FHIR base URL the token is for (the `aud` of the authorize request). */
  aud: string;
  expiresAt: number;
}

export interface SmartServerOptions {
  clients?: SmartClient[];
  now?: () => number;
  accessTokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  launchTtlSeconds?: number;
  /** Sent as `smart_style_url` in token responses, resolved against the EHR origin. */
  styleUrlPath?: string;
}

export type AuthorizeOutcome =
  | { kind: 'redirect'; location: string }
  /** Errors that must not be redirected (unknown client or redirect URI: RFC 6749 4.1.2.1). */
  | { kind: 'error-page'; status: number; message: string }
  /** Standalone launch asked for `launch/patient`: the user picks the patient. */
  | { kind: 'pick-patient' };

export interface TokenOutcome {
  status: number;
  body: Record<string, unknown>;
}

export type Introspection =
  { active: true; grant: TokenGrant } | { active: false; reason: 'unknown' | 'expired' };

interface CodeGrant extends Omit<TokenGrant, 'expiresAt'> {
  redirectUri: string;
  user: string | undefined;
  codeChallenge: string;
  encounter: string | undefined;
  appContext?: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  scope: string;
}

const newId = (): string => randomBytes(24).toString('base64url');

export interface SmartServer {
  registerClient(client: SmartClient): void;
  mintLaunch(context: LaunchContext): string;
  /**
   * An access token issued by the EHR itself, with no authorization request: what an EHR hands a
   * CDS service as `fhirAuthorization`, or uses for its own writes (CDS Hooks 2.0, "FHIR Resource
   * Access"). The scopes are taken as given.
   */
  issueToken(grant: Omit<TokenGrant, 'expiresAt'>): IssuedToken;
  authorize(params: Record<string, string | undefined>, fhirBase: string): AuthorizeOutcome;
  token(params: Record<string, string | undefined>, origin: string): TokenOutcome;
  introspect(accessToken: string): Introspection;
  /** The public key id_tokens are signed with (OpenID Connect). */
  jwks(): { keys: object[] };
  configuration(origin: string): Record<string, unknown>;
}

export function createSmartServer(options: SmartServerOptions = {}): SmartServer {
  const now = options.now ?? Date.now;
  const tokenTtl = (options.accessTokenTtlSeconds ?? 3600) * 1000;
  const codeTtl = (options.codeTtlSeconds ?? 60) * 1000;
  const launchTtl = (options.launchTtlSeconds ?? 600) * 1000;
  const styleUrlPath = options.styleUrlPath ?? '/auth/smart-style.json';
  const clients = new Map<string, SmartClient>();
  for (const c of options.clients ?? []) clients.set(c.clientId, c);
  const launches = new Map<string, LaunchContext & { expiresAt: number }>();
  const codes = new Map<string, CodeGrant>();
  const tokens = new Map<string, TokenGrant>();
  const refreshTokens = new Map<
    string,
    Omit<CodeGrant, 'used' | 'codeChallenge' | 'redirectUri'>
  >();

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const idToken = (
    grant: Pick<CodeGrant, 'clientId' | 'scopes' | 'user' | 'aud'>,
    origin: string,
  ): string => {
    const iat = Math.floor(now() / 1000);
    const claims: Record<string, unknown> = {
      iss: origin,
      sub: grant.user ?? 'anonymous',
      aud: grant.clientId,
      iat,
      exp: iat + Math.round(tokenTtl / 1000),
    };
    if (grant.user && grant.scopes.includes('fhirUser'))
      claims.fhirUser = `${grant.aud}/${grant.user}`;
    return signedJwt(claims, signingKey.privateKey);
  };

  const issue = (
    grant: Omit<CodeGrant, 'used' | 'codeChallenge' | 'redirectUri'>,
    origin: string,
  ): TokenOutcome => {
    const accessToken = newId();
    const expiresAt = now() + tokenTtl;
    tokens.set(accessToken, {
      clientId: grant.clientId,
      scopes: grant.scopes,
      patient: grant.patient,
      aud: grant.aud,
      expiresAt,
    });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: Math.round(tokenTtl / 1000),
      scope: grant.scopes.join(' '),
      need_patient_banner: true,
    };
    body.smart_style_url = new URL(styleUrlPath, origin).toString();
    if (grant.patient) body.patient = grant.patient;
    if (grant.encounter) body.encounter = grant.encounter;
    if (grant.appContext !== undefined) body.appContext = grant.appContext;
    // OpenID Connect: an id_token when asked for `openid`, naming the user when `fhirUser` is too.
    if (grant.scopes.includes('openid')) body.id_token = idToken(grant, origin);
    if (grant.scopes.includes('offline_access') || grant.scopes.includes('online_access')) {
      const refresh = newId();
      refreshTokens.set(refresh, { ...grant, expiresAt: now() + 24 * 3600_000 });
      body.refresh_token = refresh;
    }
    return { status: 200, body };
  };

  return {
    registerClient(client) {
      clients.set(client.clientId, client);
    },

    mintLaunch(context) {
      const id = newId();
      launches.set(id, { ...context, expiresAt: now() + launchTtl });
      return id;
    },

    issueToken(grant) {
      const accessToken = newId();
      tokens.set(accessToken, {
        clientId: grant.clientId,
        scopes: [...grant.scopes],
        patient: grant.patient,
        aud: stripSlash(grant.aud),
        expiresAt: now() + tokenTtl,
      });
      return {
        accessToken,
        expiresIn: Math.round(tokenTtl / 1000),
        scope: grant.scopes.join(' '),
      };
    },

    authorize(p, fhirBase) {
      const client = p.client_id ? clients.get(p.client_id) : undefined;
      if (!client) return { kind: 'error-page', status: 400, message: 'Unknown client_id.' };
      if (!p.redirect_uri || !client.redirectUris.includes(p.redirect_uri)) {
        return {
          kind: 'error-page',
          status: 400,
          message: 'redirect_uri is not registered for this client.',
        };
      }
      const fail = (error: string, description: string): AuthorizeOutcome => {
        const url = new URL(p.redirect_uri ?? '');
        url.searchParams.set('error', error);
        url.searchParams.set('error_description', description);
        if (p.state) url.searchParams.set('state', p.state);
        return { kind: 'redirect', location: url.toString() };
      };
      if (p.response_type !== 'code')
        return fail('unsupported_response_type', 'Only response_type=code is supported.');
      if (!p.state) return fail('invalid_request', 'state is required.');
      // SMART 2.x requires PKCE with S256 for every client; `plain` is not allowed.
      if (!p.code_challenge) return fail('invalid_request', 'code_challenge is required (PKCE).');
      if (p.code_challenge_method !== 'S256') {
        return fail('invalid_request', 'code_challenge_method must be S256.');
      }
      if (!p.aud || stripSlash(p.aud) !== stripSlash(fhirBase)) {
        return fail('invalid_request', 'aud must be the FHIR base URL of this EHR.');
      }
      const scopes = splitScopes(p.scope ?? '');
      if (scopes.length === 0) return fail('invalid_scope', 'scope is required.');
      const unsupported = scopes.filter((s) => !isSupportedScope(s));
      if (unsupported.length > 0)
        return fail('invalid_scope', `Scopes not offered: ${unsupported.join(' ')}.`);

      let context: LaunchContext | undefined;
      if (p.launch !== undefined) {
        const launch = launches.get(p.launch);
        if (!launch || launch.expiresAt <= now()) {
          return fail(
            'invalid_request',
            'launch is unknown or expired; launch the app from the EHR again.',
          );
        }
        if (!scopes.includes('launch'))
          return fail('invalid_scope', 'An EHR launch must request the launch scope.');
        context = launch;
      } else if (scopes.includes('launch')) {
        return fail(
          'invalid_request',
          'The launch scope needs the launch parameter of an EHR launch.',
        );
      } else if (scopes.includes('launch/patient')) {
        if (!p.patient_pick) return { kind: 'pick-patient' };
        // A standalone patient launch is a patient signing in to their own record.
        context = { patient: p.patient_pick, user: `Patient/${p.patient_pick}` };
      }

      const code = newId();
      codes.set(code, {
        clientId: client.clientId,
        redirectUri: p.redirect_uri,
        scopes,
        patient: context?.patient,
        encounter: context?.encounter,
        appContext: context?.appContext,
        user: context?.user,
        aud: stripSlash(fhirBase),
        codeChallenge: p.code_challenge,
        expiresAt: now() + codeTtl,
        used: false,
      });
      const url = new URL(p.redirect_uri);
      url.searchParams.set('code', code);
      url.searchParams.set('state', p.state);
      return { kind: 'redirect', location: url.toString() };
    },

    token(p, origin) {
      const error = (status: number, err: string, description: string): TokenOutcome => ({
        status,
        body: { error: err, error_description: description },
      });
      if (p.grant_type === 'refresh_token') {
        const grant = p.refresh_token ? refreshTokens.get(p.refresh_token) : undefined;
        if (!grant || grant.expiresAt <= now() || grant.clientId !== p.client_id) {
          return error(
            400,
            'invalid_grant',
            'The refresh token is unknown, expired or not for this client.',
          );
        }
        return issue(grant, origin);
      }
      if (p.grant_type !== 'authorization_code') {
        return error(
          400,
          'unsupported_grant_type',
          'grant_type must be authorization_code or refresh_token.',
        );
      }
      if (!p.code || !p.redirect_uri || !p.code_verifier) {
        return error(400, 'invalid_request', 'code, redirect_uri and code_verifier are required.');
      }
      const grant = codes.get(p.code);
      if (!grant) return error(400, 'invalid_grant', 'The authorization code is unknown.');
      if (grant.used) {
        // RFC 6749 4.1.2: a code used twice is refused, and tokens issued from it SHOULD be revoked.
        for (const [t, g] of tokens)
          if (g.clientId === grant.clientId && g.patient === grant.patient) tokens.delete(t);
        return error(400, 'invalid_grant', 'The authorization code has already been used.');
      }
      grant.used = true;
      if (grant.expiresAt <= now())
        return error(400, 'invalid_grant', 'The authorization code has expired.');
      if (p.client_id !== undefined && p.client_id !== grant.clientId) {
        return error(400, 'invalid_grant', 'The authorization code was issued to another client.');
      }
      if (p.redirect_uri !== grant.redirectUri) {
        return error(
          400,
          'invalid_grant',
          'redirect_uri does not match the authorization request.',
        );
      }
      if (!isValidVerifier(p.code_verifier) || s256(p.code_verifier) !== grant.codeChallenge) {
        return error(
          400,
          'invalid_grant',
          'code_verifier does not match the code_challenge (PKCE).',
        );
      }
      return issue(grant, origin);
    },

    introspect(accessToken) {
      const grant = tokens.get(accessToken);
      if (!grant) return { active: false, reason: 'unknown' };
      if (grant.expiresAt <= now()) return { active: false, reason: 'expired' };
      return { active: true, grant };
    },

    jwks() {
      return {
        keys: [
          {
            ...signingKey.publicKey.export({ format: 'jwk' }),
            kid: KEY_ID,
            alg: 'RS256',
            use: 'sig',
          },
        ],
      };
    },

    configuration(origin) {
      return {
        issuer: origin,
        jwks_uri: `${origin}/auth/jwks`,
        authorization_endpoint: `${origin}/auth/authorize`,
        token_endpoint: `${origin}/auth/token`,
        token_endpoint_auth_methods_supported: ['none'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        scopes_supported: [
          'launch',
          'launch/patient',
          'openid',
          'fhirUser',
          'offline_access',
          'online_access',
          'patient/*.rs',
          'patient/*.read',
        ],
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        capabilities: [
          'launch-ehr',
          'launch-standalone',
          'client-public',
          'context-ehr-patient',
          'context-standalone-patient',
          'context-banner',
          'context-style',
          'permission-patient',
          'permission-v1',
          'permission-v2',
          'permission-offline',
        ],
      };
    },
  };
}

const stripSlash = (url: string): string => trimTrailing(url, '/');

const KEY_ID = 'mock-ehr-id-token';

/** A compact JWS (RS256) of `claims`. */
function signedJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KEY_ID })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
