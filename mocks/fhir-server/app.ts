import { FHIR_ID } from '../../cds-service/contract/fhir-primitives';
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { ApiError } from '../../cds-service/errors';
import {
  bearerGate,
  compartmentOf,
  grantOf,
  inCompartment,
  requireScope,
  type AccessGrant,
  type TokenCheck,
} from './bearer';
import { patientScopeAllows } from '../smart/scopes';
import { fhirErrorHandler } from './operation-outcome';
import { CONTROL_PARAMS, INCLUDES, parseQuery, SEARCH_PARAMS, sortDate } from './search';
import { isObject, referenceOf, type FhirStore, type StoredResource } from './store';

const FHIR_JSON = 'application/fhir+json';

export interface FhirServerOptions {
  store: FhirStore;
  /** When given, every interaction but `metadata` needs an active bearer token with the right scopes. */
  checkToken?: TokenCheck;
  /** Read and search only (the open base for sandboxes): no create. */
  readOnly?: boolean;
}

/**
 * A FHIR R4 server over an in-memory store (read, search, and create for what an EHR user accepts
 * from a CDS card); mount it where the base URL should be.
 */
export function createFhirRouter({
  store,
  checkToken,
  readOnly = false,
}: FhirServerOptions): express.Router {
  const router = express.Router();
  if (checkToken) router.use(bearerGate(checkToken));

  router.get('/metadata', (_req, res) => {
    res.type(FHIR_JSON).json(capabilityStatement());
  });

  router.get('/:type', (req, res) => {
    search(req, res, queryPairs(req));
  });

  // FHIR R4 search by POST (http.html#search): the parameters form-encoded in the body, joined
  // with any in the URL. Clients such as the CDS Hooks sandbox try this first.
  router.post(
    '/:type/_search',
    express.urlencoded({ extended: false, limit: '64kb' }),
    (req, res) => {
      if (!req.is('application/x-www-form-urlencoded')) {
        throw new ApiError(
          'unsupported_media_type',
          'POST _search takes its parameters as application/x-www-form-urlencoded.',
        );
      }
      const body = isObject(req.body) ? req.body : {};
      const fromBody = Object.entries(body).flatMap(([k, v]): [string, string][] =>
        (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string').map((x) => [k, x]),
      );
      search(req, res, [...queryPairs(req), ...fromBody]);
    },
  );

  function search(req: Request, res: Response, params: [string, string][]): void {
    const { type } = req.params as { type: string };
    // Lenient unless the client asks otherwise (FHIR R4 search 3.1.1.5.6).
    const strict = /\bhandling\s*=\s*strict\b/i.test(req.get('prefer') ?? '');
    const query = parseQuery(type, params, strict);
    const grant = grantOf(res);
    if (grant) requireScope(res, grant, type, 'search');
    const matches: StoredResource[] = [];
    // A patient-context token searches its patient's compartment only.
    const inScope = grant ? compartmentOf(grant, type) : () => true;
    for (const r of store.all(type)) {
      if (!inScope(r)) continue;
      if (query.filters.every((f) => f(r))) matches.push(r);
    }
    if (query.sort) sortResources(type, matches, query.sort);
    const page = matches.slice(query.offset, query.offset + query.count);
    const base = baseUrl(req);
    // The links carry the parameters the search used: what it ignored is not among them.
    const used = query.applied;
    const link = [{ relation: 'self', url: searchUrl(base, type, used, query.offset) }];
    if (query.count > 0 && query.offset + query.count < matches.length) {
      link.push({
        relation: 'next',
        url: searchUrl(base, type, used, query.offset + query.count),
      });
    }
    if (query.offset > 0) {
      link.push({
        relation: 'previous',
        url: searchUrl(base, type, used, Math.max(0, query.offset - query.count)),
      });
    }
    res.type(FHIR_JSON).json({
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link,
      entry: [
        ...page.map((resource) => ({
          fullUrl: `${base}/${type}/${resource.id}`,
          resource,
          search: { mode: 'match' },
        })),
        ...included(store, page, query.includes, grant).map((resource) => ({
          fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
          resource,
          search: { mode: 'include' },
        })),
      ],
    });
  }

  router.get('/:type/:id', (req, res) => {
    const { type, id } = req.params;
    if (!(type in SEARCH_PARAMS)) {
      throw new ApiError('not_found', `Resource type '${type}' is not supported by this server.`);
    }
    if (!FHIR_ID.test(id)) {
      throw new ApiError(
        'bad_request',
        `'${id}' is not a valid FHIR id (1-64 of A-Z a-z 0-9 - .).`,
      );
    }
    const grant = grantOf(res);
    if (grant) requireScope(res, grant, type, 'read');
    const resource = store.read(type, id);
    // Outside the token's compartment is answered like absent, so ids of others are not confirmed.
    if (resource && grant && !inCompartment(grant, type, resource)) {
      throw new ApiError('not_found', `${type}/${id} is not known to this server.`);
    }
    if (!resource) throw new ApiError('not_found', `${type}/${id} is not known to this server.`);
    res.type(FHIR_JSON).json(resource);
  });

  if (readOnly) {
    router.post('/:type', () => {
      throw new ApiError(
        'method_not_allowed',
        'This FHIR base is open for reading and searching only; create resources at the EHR’s main FHIR base.',
      );
    });
  } else {
    // FHIR R4 "create" (http.html#create): the server assigns the id and answers 201 with Location.
    router.post(
      '/:type',
      express.json({ limit: '1mb', type: ['application/fhir+json', 'application/json'] }),
      (req, res) => {
        const { type } = req.params;
        if (!(type in SEARCH_PARAMS)) {
          throw new ApiError(
            'not_found',
            `Resource type '${type}' is not supported by this server.`,
          );
        }
        const body: unknown = req.body;
        if (!isObject(body) || body.resourceType !== type) {
          throw new ApiError(
            'bad_request',
            `The body must be a JSON ${type} resource (resourceType '${type}').`,
          );
        }
        const stamped = new Date().toISOString();
        const resource: StoredResource = {
          // An EHR stamps an order with the time it was placed when the client did not.
          ...(type === 'ServiceRequest' && body.authoredOn === undefined
            ? { authoredOn: stamped }
            : {}),
          ...body,
          resourceType: type,
          // The client's id, if any, is ignored on create (FHIR R4 http.html#create).
          id: randomUUID(),
          meta: { versionId: '1', lastUpdated: stamped },
        };
        const grant = grantOf(res);
        if (grant) {
          requireScope(res, grant, type, 'create');
          if (!inCompartment(grant, type, resource)) {
            throw new ApiError(
              'forbidden',
              `The access token may create ${type} only for its own patient.`,
            );
          }
        }
        store.put(resource);
        const location = `${baseUrl(req)}/${type}/${resource.id}/_history/1`;
        res.status(201).location(location).type(FHIR_JSON).json(resource);
      },
    );
  }

  router.use((req, _res, next) => {
    next(new ApiError('not_found', `No FHIR interaction at ${req.method} ${req.path}.`));
  });
  router.use(fhirErrorHandler);
  return router;
}

/**
 * The resources `_include` names from a page of matches, each once. Ones the token may not read
 * are left out, as a server leaves out what a client cannot see.
 */
function included(
  store: FhirStore,
  page: readonly StoredResource[],
  includes: readonly string[],
  grant: AccessGrant | undefined,
): StoredResource[] {
  const found = new Map<string, StoredResource>();
  for (const key of includes) {
    const include = INCLUDES[key];
    if (!include) continue;
    if (grant && !patientScopeAllows(grant.scopes, include.target, 'read')) continue;
    for (const r of page) {
      const ref = referenceOf(r[include.path]);
      const [refType, id] = ref?.split('/').slice(-2) ?? [];
      if (refType !== include.target || id === undefined) continue;
      const target = store.read(include.target, id);
      if (target) found.set(`${include.target}/${id}`, target);
    }
  }
  return [...found.values()];
}

function queryPairs(req: Request): [string, string][] {
  return [...new URL(req.originalUrl, 'http://local').searchParams.entries()];
}

function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

function searchUrl(base: string, type: string, params: [string, string][], offset: number): string {
  const qs = new URLSearchParams(params.filter(([k]) => k !== '_offset'));
  if (offset > 0) qs.set('_offset', String(offset));
  const s = qs.toString();
  return `${base}/${type}${s ? `?${s}` : ''}`;
}

function sortResources(type: string, list: StoredResource[], sort: string): void {
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  // Each resource's sort value once, not at every comparison.
  const keyed = list.map((r) => ({ r, v: key === '_id' ? r.id : sortDate(type, r) }));
  keyed.sort((a, b) => {
    const cmp = a.v < b.v ? -1 : a.v > b.v ? 1 : a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0;
    return desc ? -cmp : cmp;
  });
  keyed.forEach((k, i) => {
    list[i] = k.r;
  });
}

function capabilityStatement(): object {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-22',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'ehr-synopsis mock FHIR server' },
    rest: [
      {
        mode: 'server',
        resource: Object.entries(SEARCH_PARAMS).map(([type, params]) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
          searchInclude: Object.keys(INCLUDES).filter((k) => k.startsWith(`${type}:`)),
          searchParam: [
            ...Object.entries(params).map(([name, def]) => ({ name, type: def.kind })),
            { name: '_id', type: 'token' },
          ],
        })),
        searchParam: [...CONTROL_PARAMS]
          .filter((p) => p !== '_id' && p !== '_include')
          .map((name) => ({ name, type: 'special' })),
      },
    ],
  };
}
