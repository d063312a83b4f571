import { describe, expect, it } from 'vitest';
import { REDACTED, redactHookRequest } from './redact';

describe('redactHookRequest', () => {
  it('hides the access token and keeps everything else', () => {
    const request = {
      hook: 'patient-view',
      fhirAuthorization: { access_token: 'secret', scope: 'patient/Patient.rs', subject: 's' },
    };
    expect(redactHookRequest(request)).toEqual({
      hook: 'patient-view',
      fhirAuthorization: { access_token: REDACTED, scope: 'patient/Patient.rs', subject: 's' },
    });
    expect(request.fhirAuthorization.access_token).toBe('secret');
  });

  it('leaves a request without fhirAuthorization as it is', () => {
    const request = { hook: 'patient-view' };
    expect(redactHookRequest(request)).toBe(request);
  });
});
