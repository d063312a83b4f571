/** What the debug view may show of a hook request: everything but the bearer token. */
export const REDACTED = '[redacted]';

export function redactHookRequest(request: Record<string, unknown>): Record<string, unknown> {
  const auth = request.fhirAuthorization;
  if (typeof auth !== 'object' || auth === null) return request;
  return { ...request, fhirAuthorization: { ...auth, access_token: REDACTED } };
}
