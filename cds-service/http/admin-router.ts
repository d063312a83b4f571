/**
 * `/admin`: the governance report and the audit trail as FHIR AuditEvents, behind a bearer token
 * that only the informatics team holds. Off (404) when no token is configured.
 */
import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import { auditBundle } from '../governance/audit-event';
import { reportFromStore } from '../governance/report';
import type { GovernanceStore, TimeRange } from '../store/records';
import { ApiError } from '../errors';

export interface AdminDeps {
  store: GovernanceStore;
  adminToken: string | undefined;
  /** Named as the AuditEvent observer (this deployment). */
  observer: string;
  now: () => Date;
}

const DAY_MS = 86_400_000;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

export function createAdminRouter(deps: AdminDeps): express.Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    if (!deps.adminToken)
      throw new ApiError('not_found', 'The admin API is off: set ADMIN_TOKEN to turn it on.');
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(deps.adminToken);
    if (a.length !== b.length || !timingSafeEqual(a, b))
      throw new ApiError('unauthorized', 'Authentication failed.');
    next();
  });

  router.get('/report', async (req, res) => {
    const range = rangeOf(req.query, deps.now());
    res.set('cache-control', 'no-store').json(await reportFromStore(deps.store, range));
  });

  router.get('/audit-events', async (req, res) => {
    const range = rangeOf(req.query, deps.now());
    const audits = await deps.store.listAudit(range);
    res
      .set('cache-control', 'no-store')
      .type('application/fhir+json')
      .json(auditBundle(audits, deps.observer));
  });
  return router;
}

/** `from`/`to` as ISO dates or date-times; default: the last 30 days. `to` is exclusive. */
export function rangeOf(query: Record<string, unknown>, now: Date): TimeRange {
  const parse = (name: string, fallback: Date): Date => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const t = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : NaN;
    // Years the stores can hold and a report can mean (PostgreSQL refuses year 0000).
    if (Number.isNaN(t) || t < EARLIEST || t > LATEST)
      throw new ApiError(
        'bad_request',
        `'${name}' must be an ISO date between 1970-01-01 and 9999-12-31, such as 2026-01-31.`,
      );
    return new Date(t);
  };
  const to = parse('to', now);
  const from = parse('from', new Date(to.getTime() - 30 * DAY_MS));
  if (from >= to) throw new ApiError('bad_request', "'from' must be before 'to'.");
  return { from, to };
}
