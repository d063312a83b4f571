/**
 * A small, defensive FHIR REST client for fetching a patient's data from an EHR's FHIR server.
 * It only ever talks to a base URL the caller has already checked against the allowlist, refuses
 * redirects, follows `next` links only under that base, and bounds time, pages, bytes and count.
 * The access token goes in the Authorization header and nowhere else (never logged, never stored).
 */
import { readBodyLimited } from '../read-body';
import { trimTrailing } from '../text';

export type FhirFetchFailure = 'timeout' | 'http' | 'invalid' | 'network' | 'too-large';

export class FhirFetchError extends Error {
  constructor(
    readonly kind: FhirFetchFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FhirFetchError';
  }
}

export interface FhirClientOptions {
  baseUrl: string;
  accessToken: string | undefined;
  signal: AbortSignal;
  /** Most resources a search may gather across its pages. */
  maxResources: number;
  maxPages?: number;
  maxBytesPerResponse?: number;
  fetch?: typeof fetch;
}

export interface SearchResult {
  bundle: { resourceType: 'Bundle'; type: 'searchset'; entry: { resource: unknown }[] };
  /** False when paging stopped early (limit or deadline): the data is usable but partial. */
  complete: boolean;
}

export interface FhirClient {
  read(path: string): Promise<unknown>;
  search(query: string): Promise<SearchResult>;
  /** Follows a search's `next` link (absolute, under the base) to the end of its pages. */
  continueSearch(nextUrl: string): Promise<SearchResult>;
}

const DEFAULT_MAX_PAGES = 50;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function createFhirClient(options: FhirClientOptions): FhirClient {
  const base = trimTrailing(options.baseUrl, '/');
  const doFetch = options.fetch ?? fetch;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const maxBytes = options.maxBytesPerResponse ?? DEFAULT_MAX_BYTES;

  const get = async (url: string): Promise<unknown> => {
    if (!isUnder(base, url))
      throw new FhirFetchError('invalid', 'the FHIR server sent a link outside its base URL');
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: {
          accept: 'application/fhir+json, application/json',
          ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
        },
        redirect: 'manual',
        signal: options.signal,
      });
    } catch (err) {
      throw options.signal.aborted
        ? new FhirFetchError('timeout', 'the FHIR server did not answer in time')
        : new FhirFetchError(
            'network',
            `the FHIR server could not be reached (${err instanceof Error ? err.name : 'error'})`,
          );
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      throw new FhirFetchError(
        'http',
        'the FHIR server answered with a redirect, which is not followed',
        res.status,
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FhirFetchError('http', `the FHIR server answered ${res.status}`, res.status);
    }
    const text = await readBodyLimited(res, maxBytes, {
      tooLarge: () =>
        new FhirFetchError(
          'too-large',
          'the FHIR server answer is larger than this service accepts',
        ),
      failed: () =>
        options.signal.aborted
          ? new FhirFetchError('timeout', 'the FHIR server did not answer in time')
          : new FhirFetchError('network', 'the connection to the FHIR server failed'),
    });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new FhirFetchError('invalid', 'the FHIR server answered with invalid JSON');
    }
  };

  const collect = async (start: string): Promise<SearchResult> => {
    const entry: { resource: unknown }[] = [];
    let url: string | undefined = start;
    let pages = 0;
    while (url) {
      if (pages >= maxPages || entry.length >= options.maxResources) {
        return { bundle: searchset(entry), complete: false };
      }
      let page: unknown;
      try {
        page = await get(url);
      } catch (err) {
        // Pages already in hand are still good data; a first page failing is a real failure.
        if (pages > 0 && err instanceof FhirFetchError && err.kind === 'timeout') {
          return { bundle: searchset(entry), complete: false };
        }
        throw err;
      }
      pages++;
      if (!isObject(page) || page.resourceType !== 'Bundle') {
        throw new FhirFetchError(
          'invalid',
          'the FHIR server answered a search with something other than a Bundle',
        );
      }
      for (const e of Array.isArray(page.entry) ? page.entry : []) {
        if (isObject(e) && isObject(e.resource) && entry.length < options.maxResources) {
          // `include` and `outcome` entries are not matches (FHIR R4 search, 3.1.1.6).
          const mode = isObject(e.search) ? e.search.mode : undefined;
          if (mode === undefined || mode === 'match') entry.push({ resource: e.resource });
        }
      }
      url = nextLink(page);
    }
    return { bundle: searchset(entry), complete: true };
  };

  return {
    read: (path) => get(`${base}/${path.replace(/^\/+/, '')}`),
    search: (query) => collect(`${base}/${query.replace(/^\/+/, '')}`),
    continueSearch: (nextUrl) => collect(nextUrl),
  };
}

/** The `next` link of a searchset Bundle, if it has one. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const searchset = (entry: { resource: unknown }[]): SearchResult['bundle'] => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry,
});

/** The `next` link of a searchset Bundle, if it has one. */
export function nextLink(bundle: Record<string, unknown>): string | undefined {
  if (!Array.isArray(bundle.link)) return undefined;
  for (const l of bundle.link) {
    if (isObject(l) && l.relation === 'next' && typeof l.url === 'string') return l.url;
  }
  return undefined;
}

/** True when `url` is the base itself or lies under it (path or query), on the same origin. */
export function isUnder(base: string, url: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(base);
  } catch {
    return false;
  }
  if (u.origin !== b.origin || u.username || u.password) return false;
  const basePath = trimTrailing(b.pathname, '/');
  return u.pathname === basePath || u.pathname.startsWith(`${basePath}/`);
}
