/**
 * Every request the simulator makes to a CDS service someone registered by URL. The URL comes from
 * a person at the page, so the server is careful with it (SSRF): http(s) only, no credentials in
 * the URL, no redirects followed (a redirect could lead anywhere), a time limit, a size limit, and
 * errors that never echo the remote body.
 */
import { ApiError } from '../../cds-service/errors';
import { readBodyLimited } from '../../cds-service/read-body';
import { trimTrailing } from '../../cds-service/text';

/** A refused URL is the person's mistake (400); a remote that misbehaves is a bad gateway (502). */
export class OutboundError extends ApiError {
  constructor(message: string, code: 'bad_request' | 'bad_gateway' = 'bad_gateway') {
    super(code, message);
    this.name = 'OutboundError';
  }
}

export interface OutboundOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A CDS service base URL as a person may type it: the base (`https://x/cds`) or the discovery
 * URL itself (`https://x/cds/cds-services`). Answers the base without a trailing slash.
 */
export function parseServiceBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new OutboundError(
      'That is not a URL; give the service base URL, e.g. https://host/cds.',
      'bad_request',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('Only http and https CDS services can be registered.', 'bad_request');
  }
  if (url.username || url.password) {
    throw new OutboundError('The URL must not carry a user name or password.', 'bad_request');
  }
  if (url.search || url.hash) {
    throw new OutboundError('The URL must not carry a query or a fragment.', 'bad_request');
  }
  return trimTrailing(url.toString(), '/').replace(/\/cds-services$/, '');
}

export interface OutboundResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/** Sends one request and reads a JSON answer within the limits. */
export async function outboundJson(
  url: string,
  init: RequestInit,
  options: OutboundOptions = {},
): Promise<OutboundResponse> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);
  const late = () => new OutboundError(`No answer within ${timeoutMs} ms.`);
  let res: Response;
  try {
    res = await doFetch(url, { ...init, redirect: 'manual', signal });
  } catch {
    throw signal.aborted ? late() : new OutboundError('The service could not be reached.');
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new OutboundError(`The service answered with a redirect (${res.status}); not followed.`);
  }
  const text = await readBodyLimited(res, maxBytes, {
    tooLarge: () => new OutboundError(`The answer is larger than ${maxBytes} bytes.`),
    failed: () =>
      signal.aborted ? late() : new OutboundError('The connection broke while reading the answer.'),
  });
  if (!text) return { status: res.status, body: undefined };
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new OutboundError(`The service answered ${res.status} with a body that is not JSON.`);
  }
}
