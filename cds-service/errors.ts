/**
 * The one error vocabulary of the service. Anything thrown with an `ApiError` becomes an HTTP
 * answer with its status and an `ErrorBody` (see `http/error-handler.ts`); anything else becomes a
 * plain 500. Messages of an ApiError are sent to the caller, so they never carry patient data.
 * On the ground floor: hooks, the panel API, auth and the mock EHR all throw it.
 */
import type { ErrorCode } from './contract/errors';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_failed: 412,
  too_many_requests: 429,
  bad_gateway: 502,
  service_unavailable: 503,
  internal: 500,
};

export interface ApiErrorOptions extends ErrorOptions {
  /** Sent as `Retry-After` (429, 503): when the client may try again. */
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly string[],
    options?: ApiErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
    this.status = STATUS[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

/** Body-parser and friends signal client errors with `status`/`type`; map them to our vocabulary. */
export function toApiError(err: unknown): ApiError | undefined {
  if (isApiError(err)) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status } = err as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') {
    return new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
  if (type === 'entity.too.large') {
    return new ApiError(
      'payload_too_large',
      'The request body is larger than this service accepts.',
    );
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError('bad_request', 'The request could not be read.');
  }
  return undefined;
}
