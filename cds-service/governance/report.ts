/**
 * The governance report: how the service is used and how clinicians respond, per model version
 * and per issuer. Computed from the stored rows, so PGlite and PostgreSQL report identically.
 */
import type {
  AuditRecord,
  FeedbackRecord,
  GovernanceStore,
  RefusedCount,
  TimeRange,
} from '../store/records';

export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface ResponseSummary {
  feedback: number;
  accepted: number;
  overridden: number;
  agree: number;
  disagree: number;
  /** accepted / (accepted + overridden); null without CDS Hooks feedback. */
  acceptanceRate: number | null;
  overrideRate: number | null;
  overrideReasons: Record<string, number>;
}

export interface Slice {
  calls: number;
  errors: number;
  shadowCalls: number;
  latencyMs: LatencySummary;
  cardsByKind: Record<string, number>;
  cardsByIndicator: Record<string, number>;
  responses: ResponseSummary;
}

/** Calls refused before their caller was known: not EHR traffic, kept apart from it. */
export interface RefusedSummary {
  total: number;
  byReason: Record<string, number>;
  byRoute: Record<string, number>;
}

export interface GovernanceReport {
  from: string;
  to: string;
  overall: Slice;
  refused: RefusedSummary;
  byModelVersion: Record<string, Slice>;
  byIssuer: Record<string, Slice>;
}

/** Nearest-rank percentile over sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? null;
}

const count = (into: Record<string, number>, key: string): void => {
  into[key] = (into[key] ?? 0) + 1;
};

function slice(audits: AuditRecord[], feedback: FeedbackRecord[]): Slice {
  const latencies = audits.map((a) => a.latencyMs).sort((a, b) => a - b);
  const cardsByKind: Record<string, number> = {};
  const cardsByIndicator: Record<string, number> = {};
  for (const a of audits) {
    for (const c of a.cards) {
      count(cardsByKind, c.kind);
      count(cardsByIndicator, c.indicator);
    }
  }
  const responses: ResponseSummary = {
    feedback: feedback.length,
    accepted: 0,
    overridden: 0,
    agree: 0,
    disagree: 0,
    acceptanceRate: null,
    overrideRate: null,
    overrideReasons: {},
  };
  for (const f of feedback) {
    responses[f.outcome]++;
    if (f.outcome === 'overridden')
      count(responses.overrideReasons, f.overrideReasonCode ?? '(no reason given)');
  }
  const decided = responses.accepted + responses.overridden;
  if (decided > 0) {
    responses.acceptanceRate = responses.accepted / decided;
    responses.overrideRate = responses.overridden / decided;
  }
  return {
    calls: audits.length,
    errors: audits.filter((a) => a.outcome === 'client-error' || a.outcome === 'server-error')
      .length,
    shadowCalls: audits.filter((a) => a.outcome === 'shadow').length,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    },
    cardsByKind,
    cardsByIndicator,
    responses,
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function computeReport(
  audits: AuditRecord[],
  feedback: FeedbackRecord[],
  range: TimeRange,
  refusedCounts: readonly RefusedCount[] = [],
): GovernanceReport {
  const refused: RefusedSummary = { total: 0, byReason: {}, byRoute: {} };
  for (const r of refusedCounts) {
    refused.total += r.count;
    refused.byReason[r.reason] = (refused.byReason[r.reason] ?? 0) + r.count;
    refused.byRoute[r.route] = (refused.byRoute[r.route] ?? 0) + r.count;
  }
  // Feedback is attributed to the call that issued its card, when that call is in the trail.
  const cardOwner = new Map<string, AuditRecord>();
  for (const a of audits) for (const c of a.cards) cardOwner.set(c.uuid, a);
  const modelOf = (f: FeedbackRecord): string =>
    f.modelVersion ?? (f.cardId ? cardOwner.get(f.cardId)?.modelVersion : undefined) ?? '(unknown)';
  const issuerOf = (f: FeedbackRecord): string =>
    f.issuer ?? (f.cardId ? cardOwner.get(f.cardId)?.issuer : undefined) ?? '(none)';

  const bySlice = (
    auditKey: (a: AuditRecord) => string,
    feedbackKey: (f: FeedbackRecord) => string,
  ): Record<string, Slice> => {
    const a = groupBy(audits, auditKey);
    const f = groupBy(feedback, feedbackKey);
    const keys = [...new Set([...a.keys(), ...f.keys()])].sort();
    return Object.fromEntries(keys.map((k) => [k, slice(a.get(k) ?? [], f.get(k) ?? [])]));
  };

  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    overall: slice(audits, feedback),
    refused,
    byModelVersion: bySlice((a) => a.modelVersion ?? '(unknown)', modelOf),
    byIssuer: bySlice((a) => a.issuer ?? '(none)', issuerOf),
  };
}

/** The report over what `store` holds for `range`. */
export async function reportFromStore(
  store: GovernanceStore,
  range: TimeRange,
): Promise<GovernanceReport> {
  const [audits, feedback, refused] = await Promise.all([
    store.listAudit(range),
    store.listFeedback(range),
    store.listRefused(range),
  ]);
  return computeReport(audits, feedback, range, refused);
}
