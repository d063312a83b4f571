/**
 * Request bodies, read only when a route has decided to read them (after the caller proved who
 * it is), within a size limit, within one budget of bytes buffered at once across all requests,
 * and refused when nested deeper than any FHIR payload is, before JSON.parse spends seconds on it.
 * Replaces a global body parser, which read up to the limit on every route before any check.
 */
import type { Request, Response } from 'express';
import { ApiError } from '../errors';

/** Bytes of request bodies held in memory at once, shared by every route that reads one. */
export interface BodyBudget {
  /** Takes `bytes` from the budget; false (nothing taken) when that would pass the maximum. */
  reserve(bytes: number): boolean;
  release(bytes: number): void;
  /** Bytes held now, and the most held at once so far. */
  stats(): { held: number; peak: number; refused: number };
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let held = 0;
  let peak = 0;
  let refused = 0;
  return {
    reserve(bytes) {
      if (held + bytes > maxBytes) {
        refused++;
        return false;
      }
      held += bytes;
      peak = Math.max(peak, held);
      return true;
    },
    release(bytes) {
      held = Math.max(0, held - bytes);
    },
    stats: () => ({ held, peak, refused }),
  };
}

export interface JsonBodyOptions {
  /** Largest body this route accepts, in bytes. */
  limit: number;
  budget: BodyBudget;
  /** Deepest nesting of arrays and objects accepted (`MAX_JSON_DEPTH` unless a route needs less). */
  maxDepth: number;
  /** What the body is, for messages ("CDS Hooks request"). */
  what: string;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Deepest nesting accepted in any request body. A FHIR prefetch nests about 15 levels (prefetch,
 * Bundle, entry, resource, component, code, coding, extensions within extensions); JSON.parse of a
 * body nested millions deep takes seconds.
 */
export const MAX_JSON_DEPTH = 64;
/** Seconds a client is asked to wait when the body budget is spent. */
const BUSY_RETRY_SECONDS = 2;

/**
 * Tracks the nesting depth of JSON text chunk by chunk (strings and escapes understood), so that
 * a body nested millions deep is refused as it arrives, in time linear in its size.
 */
export function createNestingGauge(maxDepth: number) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return {
    /** False as soon as the nesting passes `maxDepth`. */
    take(chunk: Uint8Array): boolean {
      // Locals and an indexed loop (a for-of iterator over closure variables was ten times
      // slower); inside a string, the next quote is found natively rather than byte by byte.
      let d = depth;
      let str = inString;
      let esc = escaped;
      const n = chunk.length;
      let i = 0;
      while (i < n) {
        if (str) {
          if (esc) {
            esc = false;
            i++;
            continue;
          }
          const quote = chunk.indexOf(0x22, i);
          const end = quote === -1 ? n : quote;
          // Backslashes right before the quote (or the chunk's end): an odd run escapes it.
          let run = 0;
          while (end - run - 1 >= i && chunk[end - run - 1] === 0x5c) run++;
          if (quote === -1) {
            esc = run % 2 === 1;
            break;
          }
          if (run % 2 === 0) str = false;
          i = quote + 1;
          continue;
        }
        const c = chunk[i];
        if (c === 0x22) str = true;
        else if (c === 0x5b || c === 0x7b) {
          if (++d > maxDepth) return false;
        } else if (c === 0x5d || c === 0x7d) d--;
        i++;
      }
      depth = d;
      inString = str;
      escaped = esc;
      return true;
    },
  };
}

/**
 * Reads and parses the request's JSON body under `options`; 415 when it is not JSON or is
 * compressed, 413 when it
 * is larger than the limit, 503 with Retry-After when the service holds too many bodies at once,
 * 400 when it is nested too deeply or is not JSON. The budget is held until the answer is sent.
 */
export async function readJsonBody(
  req: Request,
  res: Response,
  options: JsonBodyOptions,
): Promise<unknown> {
  if (!req.is(JSON_TYPES)) {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${options.what} as JSON with Content-Type: application/json.`,
    );
  }
  // Decompressing is not offered: a small gzip body can inflate past every limit above.
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    throw new ApiError(
      'unsupported_media_type',
      `Send the ${options.what} uncompressed (Content-Encoding '${encoding.slice(0, 20)}' is not accepted).`,
    );
  }
  const declared = Number(req.get('content-length') ?? NaN);
  if (declared > options.limit) throw tooLarge(options);
  let reserved = 0;
  const take = (bytes: number): void => {
    if (!options.budget.reserve(bytes)) {
      throw new ApiError(
        'service_unavailable',
        'The service is reading too many requests at once; send this one again shortly.',
        undefined,
        { retryAfterSeconds: BUSY_RETRY_SECONDS },
      );
    }
    reserved += bytes;
  };
  res.once('close', () => {
    options.budget.release(reserved);
  });
  // With a declared length the whole body is reserved up front, so a refusal costs no reading.
  if (Number.isFinite(declared)) take(declared);
  const gauge = createNestingGauge(options.maxDepth);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > options.limit) throw tooLarge(options);
      if (received > reserved) take(received - reserved);
      if (!gauge.take(chunk)) {
        throw new ApiError(
          'bad_request',
          `The ${options.what} is nested more than ${String(options.maxDepth)} levels deep; no FHIR payload is.`,
        );
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // The client went away mid-body (connection reset, timeout): its error, not ours.
    throw new ApiError('bad_request', `The ${options.what} broke off before its end.`, undefined, {
      cause: err,
    });
  }
  try {
    return JSON.parse(Buffer.concat(chunks, received).toString('utf8')) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

const tooLarge = (options: JsonBodyOptions): ApiError =>
  new ApiError(
    'payload_too_large',
    `The ${options.what} is larger than this service accepts (${String(options.limit)} bytes).`,
  );
