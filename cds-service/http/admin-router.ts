/**
 * `/admin`: the governance report and the audit trail as FHIR AuditEvents, behind a bearer token
 * that only the informatics team holds. Off (404) when no token is configured.
 */
import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import { auditBundle } from '../governance/audit-event';
import { computeReport } from '../governance/report';
import type { GovernanceStore, TimeRange } from '../store/records';
import { ApiError } from './errors';

export interface AdminDeps {
  store: GovernanceStore;
  adminToken: string | undefined;
  /** Named as the AuditEvent observer (this deployment). */
  observer: string;
  now: () => Date;
}

const DAY_MS = 86_400_000;

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
    const [audits, feedback] = await Promise.all([
      deps.store.listAudit(range),
      deps.store.listFeedback(range),
    ]);
    res.set('cache-control', 'no-store').json(computeReport(audits, feedback, range));
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
    if (Number.isNaN(t))
      throw new ApiError('bad_request', `'${name}' must be an ISO date such as 2026-01-31.`);
    return new Date(t);
  };
  const to = parse('to', now);
  const from = parse('from', new Date(to.getTime() - 30 * DAY_MS));
  if (from >= to) throw new ApiError('bad_request', "'from' must be before 'to'.");
  return { from, to };
}
