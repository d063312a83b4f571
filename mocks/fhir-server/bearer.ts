/**
 * Optional bearer-token protection of the mock FHIR server, as a SMART resource server does it:
 * the token must be active, its scopes must allow the interaction on the resource type, and a
 * patient-context token only ever sees its patient's compartment. Answers follow RFC 6750 3.1.
 */
import type { RequestHandler, Response } from 'express';
import { ApiError } from '../../cds-service/errors';
import { patientScopeAllows, type Interaction } from '../smart/scopes';
import { parseQuery, SEARCH_PARAMS } from './search';
import type { StoredResource } from './store';

export interface AccessGrant {
  patient: string | undefined;
  scopes: readonly string[];
}

export type TokenCheck = (
  token: string,
) => { active: true; grant: AccessGrant } | { active: false; reason: 'unknown' | 'expired' };

const REALM = 'Bearer realm="mock-fhir"';

/** Authenticates every request but `metadata`; the grant is left in `res.locals.accessGrant`. */
export function bearerGate(check: TokenCheck): RequestHandler {
  return (req, res, next) => {
    if (req.path === '/metadata') {
      next();
      return;
    }
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m?.[1]) {
      res.set('www-authenticate', REALM);
      next(new ApiError('unauthorized', 'This FHIR server requires a bearer access token.'));
      return;
    }
    const result = check(m[1]);
    if (!result.active) {
      const description =
        result.reason === 'expired'
          ? 'The access token has expired.'
          : 'The access token is not known.';
      res.set(
        'www-authenticate',
        `${REALM}, error="invalid_token", error_description="${description}"`,
      );
      next(new ApiError('unauthorized', description));
      return;
    }
    res.locals.accessGrant = result.grant;
    next();
  };
}

export const grantOf = (res: Response): AccessGrant | undefined =>
  res.locals.accessGrant as AccessGrant | undefined;

/** Throws 403 `insufficient_scope` unless the grant allows `interaction` on `type`. */
export function requireScope(
  res: Response,
  grant: AccessGrant,
  type: string,
  interaction: Interaction,
): void {
  if (patientScopeAllows(grant.scopes, type, interaction) && grant.patient !== undefined) return;
  res.set('www-authenticate', `${REALM}, error="insufficient_scope"`);
  throw new ApiError('forbidden', `The access token does not allow ${interaction} of ${type}.`);
}

/**
 * The test for "lies in the grant's patient compartment (or is not patient data)" for resources of
 * `type`: built once, then applied to each resource a search scans.
 */
export function compartmentOf(
  grant: AccessGrant,
  type: string,
): (resource: StoredResource) => boolean {
  const patient = grant.patient;
  if (patient === undefined) return () => false;
  if (type === 'Patient') return (r) => r.id === patient;
  if (!SEARCH_PARAMS[type]?.patient) return () => true;
  const { filters } = parseQuery(type, [['patient', patient]]);
  return (r) => filters.every((f) => f(r));
}

/** True when `resource` lies in the grant's patient compartment (or is not patient data). */
export const inCompartment = (
  grant: AccessGrant,
  type: string,
  resource: StoredResource,
): boolean => compartmentOf(grant, type)(resource);
