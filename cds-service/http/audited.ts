/**
 * Audit at the edge, written once: a route's work runs, and whatever happens (answer, refusal,
 * failure) the route's `record` is called exactly once with the outcome; errors go on to the
 * error handler unchanged.
 */
import { toApiError, type ApiError } from '../errors';

export interface EdgeOutcome {
  /** The HTTP status the caller gets (200 when the work finished). */
  status: number;
  /** The error code of a refusal or failure (`internal` for anything unforeseen). */
  reason: string;
  latencyMs: number;
}

export async function audited(
  work: () => Promise<void>,
  record: (outcome: EdgeOutcome) => void,
  onError?: (err: unknown, apiError: ApiError | undefined) => void,
): Promise<void> {
  const started = performance.now();
  let status = 200;
  let reason = 'internal';
  let latencyMs: number | undefined;
  try {
    await work();
    latencyMs = performance.now() - started;
  } catch (err) {
    const apiError = toApiError(err);
    status = apiError?.status ?? 500;
    reason = apiError?.code ?? reason;
    onError?.(err, apiError);
    throw err;
  } finally {
    record({ status, reason, latencyMs: latencyMs ?? performance.now() - started });
  }
}
