/**
 * `/admin`: the governance console (`/admin/`), the governance report and the audit trail as FHIR
 * AuditEvents, behind the admin token that only the informatics team holds: sent as a bearer
 * token (scripts), or exchanged at `POST /admin/session` for a session cookie (the console). Off
 * (404) when no token is configured.
 */
import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request } from 'express';
import { auditBundle } from '../governance/audit-event';
import { reportFromStore } from '../governance/report';
import type { GovernanceStore, TimeRange } from '../store/records';
import { ApiError } from '../errors';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { readBody } from './parse-body';
import type { BodyBudget } from './json-body';
import { z } from 'zod';
import {
  ADMIN_SESSION_COOKIE,
  ADMIN_SESSION_MS,
  cookieValue,
  isLiveSession,
  newSession,
} from './admin-session';

export interface AdminDeps {
  store: GovernanceStore;
  adminToken: string | undefined;
  /** The built front ends (`dist/panel`), where the console page is; none when not built. */
  pagesDir?: string | undefined;
  /** Security headers of the service's pages (CSP), set on the console page. */
  pageHeaders?: express.RequestHandler;
  /** Named as the AuditEvent observer (this deployment). */
  observer: string;
  now: () => Date;
  /**
   * The public base URL: when it is HTTPS the session cookie is `Secure` even if TLS ends at a
   * proxy in front of the service (the request then arrives as plain HTTP).
   */
  publicUrl?: string | undefined;
  /** The service's body budget, shared with every route that reads a body. */
  bodyBudget: BodyBudget;
  /** Wrong admin tokens, per client address (sign-in or bearer); by default 10 a minute. */
  failedSignInLimiter?: RateLimiter;
}

/** Wrong admin tokens allowed per client address and minute. */
export const ADMIN_FAILED_SIGN_INS_PER_MINUTE = 10;

const SignIn = z.object({ token: z.string().max(1024) });

const DAY_MS = 86_400_000;
/** The longest range a report or export covers. */
const MAX_RANGE_DAYS = 400;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

const sameToken = (given: string, adminToken: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function createAdminRouter(deps: AdminDeps): express.Router {
  const router = express.Router();
  const failures =
    deps.failedSignInLimiter ??
    createRateLimiter({
      perMinute: ADMIN_FAILED_SIGN_INS_PER_MINUTE,
      what: 'wrong admin tokens from this address',
    });
  const addressOf = (req: Request): string => `ip:${req.socket.remoteAddress ?? ''}`;
  /**
   * Whether `given` is the admin token. A wrong one spends the address's budget (429 once spent);
   * the right one always passes, so that guessers behind a shared proxy cannot lock admins out.
   */
  const proves = (req: Request, given: string): boolean => {
    if (sameToken(given, tokenOf())) return true;
    failures.take(addressOf(req));
    return false;
  };
  const tokenOf = (): string => {
    if (!deps.adminToken)
      throw new ApiError('not_found', 'The admin API is off: set ADMIN_TOKEN to turn it on.');
    return deps.adminToken;
  };
  router.use((_req, _res, next) => {
    tokenOf();
    next();
  });

  // The console page itself holds no data: it asks for a session, then for the report.
  const consoleHtml = deps.pagesDir ? join(deps.pagesDir, 'console.html') : undefined;
  // Read once: a console that vanished from disk after start-up still answers.
  const page =
    consoleHtml !== undefined && existsSync(consoleHtml)
      ? readFileSync(consoleHtml, 'utf8')
      : undefined;
  if (deps.pageHeaders) router.get('/', deps.pageHeaders);
  router.get('/', (_req, res) => {
    if (!page)
      throw new ApiError('not_found', 'The console has not been built: run npm run build.');
    res.set('cache-control', 'no-store').type('html').send(page);
  });

  router.post('/session', async (req: Request, res) => {
    const { token } = await readBody(req, res, SignIn, {
      limit: 4096,
      budget: deps.bodyBudget,
      maxDepth: 2,
      what: 'sign-in',
    });
    if (!proves(req, token)) throw new ApiError('unauthorized', 'That is not the admin token.');
    res
      .cookie(ADMIN_SESSION_COOKIE, newSession(tokenOf(), deps.now().getTime()), {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure || (deps.publicUrl?.startsWith('https://') ?? false),
        path: '/admin',
        maxAge: ADMIN_SESSION_MS,
      })
      .status(204)
      .end();
  });
  router.delete('/session', (_req, res) => {
    res.clearCookie(ADMIN_SESSION_COOKIE, { path: '/admin' }).status(204).end();
  });

  router.use((req, _res, next) => {
    const token = tokenOf();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const session = cookieValue(req.get('cookie'), ADMIN_SESSION_COOKIE);
    const ok =
      bearer !== undefined
        ? proves(req, bearer)
        : isLiveSession(token, session, deps.now().getTime());
    if (!ok) throw new ApiError('unauthorized', 'Authentication failed.');
    next();
  });

  router.get('/report', async (req, res) => {
    const range = rangeOf(req.query, deps.now());
    res.set('cache-control', 'no-store').json(await reportFromStore(deps.store, range));
  });

  /** The safety reports of a range, as a JSON file to keep or hand on. */
  router.get('/safety-reports', async (req, res) => {
    const range = rangeOf(req.query, deps.now());
    const reports = await deps.store.listSafetyReports(range);
    res
      .set('cache-control', 'no-store')
      .attachment(`safety-reports-${range.from.toISOString().slice(0, 10)}.json`)
      .json({ from: range.from.toISOString(), to: range.to.toISOString(), reports });
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
  // The report has a row per day: an unbounded range would build millions of them.
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw new ApiError(
      'bad_request',
      `A range may span at most ${String(MAX_RANGE_DAYS)} days; ask for longer periods in parts.`,
    );
  return { from, to };
}
