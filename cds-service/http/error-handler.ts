import type { ErrorRequestHandler } from 'express';
import { errorKind, type Logger } from '../log';
import type { ErrorBody } from '../contract/errors';
import { toApiError } from '../errors';
import { routeOf } from './request-log';

/**
 * The one place errors become HTTP answers. Client errors say what was wrong; server errors say
 * nothing internal (no message, no stack) and are logged with their kind for the operator.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const apiError = toApiError(err);
    // Refused before its body was read: close the connection rather than read the rest of it.
    if (!req.complete) res.set('Connection', 'close');
    if (apiError) {
      if (apiError.status === 401) res.set('WWW-Authenticate', 'Bearer');
      if (apiError.retryAfterSeconds !== undefined)
        res.set('Retry-After', String(apiError.retryAfterSeconds));
      const body: ErrorBody = {
        error: apiError.code,
        message: apiError.message,
        ...(apiError.details?.length ? { details: [...apiError.details] } : {}),
      };
      res.status(apiError.status).json(body);
      return;
    }
    logger.error('unhandled error', { route: routeOf(req), kind: errorKind(err) });
    const body: ErrorBody = {
      error: 'internal',
      message: 'The service failed to answer; the failure has been logged.',
    };
    res.status(500).json(body);
  };
}
