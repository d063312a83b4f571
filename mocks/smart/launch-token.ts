/**
 * An EHR launch of a public client run through the mock SMART server's own functions, without a
 * browser: authorize with a fresh PKCE verifier and a launch id for `patient`, then exchange the
 * code. For tests and the bench, which need a real panel token quickly.
 */
import { randomBytes } from 'node:crypto';
import { s256 } from './pkce';
import type { SmartServer } from './smart-server';

export interface LaunchTokenRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  patient: string;
  fhirBase: string;
  /** The origin the token endpoint is reached at (the mock EHR's base URL). */
  origin: string;
}

export function launchToken(smart: SmartServer, r: LaunchTokenRequest): string {
  const verifier = randomBytes(32).toString('base64url');
  const outcome = smart.authorize(
    {
      response_type: 'code',
      client_id: r.clientId,
      redirect_uri: r.redirectUri,
      scope: r.scope,
      state: 'launch-token',
      aud: r.fhirBase,
      launch: smart.mintLaunch({ patient: r.patient }),
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    },
    r.fhirBase,
  );
  if (outcome.kind !== 'redirect') throw new Error(`authorize failed: ${outcome.kind}`);
  const code = new URL(outcome.location).searchParams.get('code');
  if (!code) throw new Error(`authorize refused: ${outcome.location}`);
  const token = smart.token(
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: r.redirectUri,
      client_id: r.clientId,
      code_verifier: verifier,
    },
    r.origin,
  );
  if (typeof token.body.access_token !== 'string') throw new Error('token refused');
  return token.body.access_token;
}
