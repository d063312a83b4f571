import type { ErrorRequestHandler } from 'express';
import { toApiError } from '../../cds-service/errors';

const ISSUE_CODE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  413: 'too-costly',
};

export function operationOutcome(status: number, diagnostics: string): object {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: ISSUE_CODE[status] ?? 'exception', diagnostics }],
  };
}

/** Every error of the mock FHIR server is answered as a FHIR OperationOutcome. */
export const fhirErrorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const apiError = toApiError(err);
  const status = apiError?.status ?? 500;
  const message = apiError?.message ?? 'Internal server error.';
  res.status(status).type('application/fhir+json').json(operationOutcome(status, message));
};
