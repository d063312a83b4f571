/**
 * The governance report: how the service is used and how clinicians respond, per model version
 * and per issuer. Computed from the stored rows, so PGlite and PostgreSQL report identically.
 */
import type {
  DayRow,
  FatiguePolicy,
  FeedbackMark,
  RuleRow,
  GovernanceReport,
  RefusedSummary,
  ResponseSummary,
  Slice,
} from '../contract/governance-report';
import { isOfferedReason } from '../contract/override-reasons';
import type {
  AuditCard,
  AuditRecord,
  FeedbackRecord,
  GovernanceStore,
  RefusedCount,
  SafetyReportRecord,
  TimeRange,
} from '../store/records';

export type { DayRow, GovernanceReport, Slice } from '../contract/governance-report';

/** Nearest-rank percentile over sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1] ?? null;
}

const count = (into: Record<string, number>, key: string): void => {
  into[key] = (into[key] ?? 0) + 1;
};

function slice(
  audits: AuditRecord[],
  feedback: FeedbackRecord[],
  markOf: (f: FeedbackRecord) => FeedbackMark | undefined,
): Slice {
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
    feedback: 0,
    accepted: 0,
    overridden: 0,
    agree: 0,
    disagree: 0,
    acceptanceRate: null,
    overrideRate: null,
    overrideReasons: {},
    marked: { unknownCard: 0, reasonNotOffered: 0 },
  };
  for (const f of feedback) {
    const mark = markOf(f);
    if (mark === 'unknown-card') responses.marked.unknownCard++;
    if (mark === 'reason-not-offered') responses.marked.reasonNotOffered++;
    if (mark) continue;
    responses.feedback++;
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

const DAY_MS = 86_400_000;

/**
 * A rule clinicians override this often, over enough decided cards to mean it, is flagged as an
 * alert-fatigue risk for the informatics team to review (a governance threshold, not a clinical one).
 */
const FATIGUE_POLICY: FatiguePolicy = { minDecided: 20, overrideRate: 0.8 };

/** The rule of a card: recorded since cards carry it; older rows are grouped by their kind. */
const ruleOf = (c: AuditCard): string => c.rule ?? `(${c.kind})`;

function ruleRows(
  audits: readonly AuditRecord[],
  feedback: readonly FeedbackRecord[],
  cardRule: (cardId: string | null) => string | undefined,
  markOf: (f: FeedbackRecord) => FeedbackMark | undefined,
): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  const row = (rule: string): RuleRow => {
    let r = rows.get(rule);
    if (!r) {
      r = {
        rule,
        issued: 0,
        shadow: 0,
        accepted: 0,
        overridden: 0,
        overrideReasons: {},
        overrideRate: null,
        fatigueRisk: false,
      };
      rows.set(rule, r);
    }
    return r;
  };
  for (const a of audits) {
    for (const c of a.cards) {
      if (a.outcome === 'shadow') row(ruleOf(c)).shadow++;
      else row(ruleOf(c)).issued++;
    }
  }
  for (const f of feedback) {
    if (f.source !== 'cds-hooks' || markOf(f)) continue;
    const rule = cardRule(f.cardId);
    if (rule === undefined) continue;
    const r = row(rule);
    if (f.outcome === 'accepted') r.accepted++;
    if (f.outcome === 'overridden') {
      r.overridden++;
      count(r.overrideReasons, f.overrideReasonCode ?? '(no reason given)');
    }
  }
  for (const r of rows.values()) {
    const decided = r.accepted + r.overridden;
    if (decided === 0) continue;
    r.overrideRate = r.overridden / decided;
    r.fatigueRisk =
      decided >= FATIGUE_POLICY.minDecided && r.overrideRate >= FATIGUE_POLICY.overrideRate;
  }
  return [...rows.values()].sort((a, b) => b.issued - a.issued || a.rule.localeCompare(b.rule));
}

/** The UTC days from `range.from` up to (not including) `range.to`, as `YYYY-MM-DD`. */
function daysOf(range: TimeRange): string[] {
  const days: string[] = [];
  const first = Math.floor(range.from.getTime() / DAY_MS) * DAY_MS;
  for (let t = first; t < range.to.getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function dayRows(audits: readonly AuditRecord[], days: readonly string[]): DayRow[] {
  const byDay = groupBy([...audits], (a) => a.time.slice(0, 10));
  return days.map((day) => {
    const calls = byDay.get(day) ?? [];
    const latencies = calls.map((a) => a.latencyMs).sort((a, b) => a - b);
    return {
      day,
      calls: calls.length,
      shadowCalls: calls.filter((a) => a.outcome === 'shadow').length,
      clientErrors: calls.filter((a) => a.outcome === 'client-error').length,
      serverErrors: calls.filter((a) => a.outcome === 'server-error').length,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      },
    };
  });
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

/**
 * The report over these rows. `issued` holds the calls whose cards feedback may name: the audits
 * themselves by default; the store passes them with a look-back before the range, since feedback
 * comes after its card.
 */
export function computeReport(
  audits: AuditRecord[],
  feedback: FeedbackRecord[],
  range: TimeRange,
  refusedCounts: readonly RefusedCount[] = [],
  issued: readonly AuditRecord[] = audits,
  safetyReports: readonly SafetyReportRecord[] = [],
): GovernanceReport {
  const refused: RefusedSummary = { total: 0, byReason: {}, byRoute: {} };
  for (const r of refusedCounts) {
    refused.total += r.count;
    refused.byReason[r.reason] = (refused.byReason[r.reason] ?? 0) + r.count;
    refused.byRoute[r.route] = (refused.byRoute[r.route] ?? 0) + r.count;
  }
  // Feedback is attributed to the call that issued its card, when that call is in the trail.
  const cardOwner = new Map<string, AuditRecord>();
  const cards = new Map<string, AuditCard>();
  for (const a of issued) {
    for (const c of a.cards) {
      cardOwner.set(c.uuid, a);
      cards.set(c.uuid, c);
    }
  }
  const cardRule = (cardId: string | null): string | undefined => {
    const card = cardId === null ? undefined : cards.get(cardId);
    return card ? ruleOf(card) : undefined;
  };
  const markOf = (f: FeedbackRecord): FeedbackMark | undefined => {
    if (f.source !== 'cds-hooks') return undefined;
    if (f.cardId === null || !cardOwner.has(f.cardId)) return 'unknown-card';
    if (!isOfferedReason(f.overrideReasonSystem, f.overrideReasonCode)) return 'reason-not-offered';
    return undefined;
  };
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
    return Object.fromEntries(keys.map((k) => [k, slice(a.get(k) ?? [], f.get(k) ?? [], markOf)]));
  };

  const days = daysOf(range);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    overall: slice(audits, feedback, markOf),
    refused,
    byModelVersion: bySlice((a) => a.modelVersion ?? '(unknown)', modelOf),
    byKnowledgeBaseVersion: bySlice(
      (a) => a.knowledgeBaseVersion ?? '(unknown)',
      (f) => (f.cardId ? cardOwner.get(f.cardId)?.knowledgeBaseVersion : undefined) ?? '(unknown)',
    ),
    byIssuer: bySlice((a) => a.issuer ?? '(none)', issuerOf),
    byDay: dayRows(audits, days),
    byRule: ruleRows(audits, feedback, cardRule, markOf),
    safetyReports: {
      total: safetyReports.length,
      byCategory: safetyReports.reduce<Record<string, number>>((into, r) => {
        count(into, r.category);
        return into;
      }, {}),
      reports: [...safetyReports].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
    },
    fatiguePolicy: FATIGUE_POLICY,
    shadowByIssuer: Object.fromEntries(
      [
        ...groupBy(
          audits.filter((a) => a.outcome === 'shadow'),
          (a) => a.issuer ?? '(none)',
        ),
      ].map(([issuer, rows]) => {
        const byRule: Record<string, number> = {};
        for (const a of rows) for (const c of a.cards) count(byRule, ruleOf(c));
        return [issuer, byRule];
      }),
    ),
    byDayByIssuer: Object.fromEntries(
      [...groupBy(audits, (a) => a.issuer ?? '(none)')].map(([k, rows]) => [
        k,
        dayRows(rows, days),
      ]),
    ),
  };
}

/** How long before the report's range a card may have been issued and still get its feedback. */
const CARD_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

/** The report over what `store` holds for `range`. */
export async function reportFromStore(
  store: GovernanceStore,
  range: TimeRange,
): Promise<GovernanceReport> {
  // One read of the trail: the range, and the look-back before it for the cards feedback names.
  const issuedSince = { from: new Date(range.from.getTime() - CARD_LOOKBACK_MS), to: range.to };
  const [issued, feedback, refused, safety] = await Promise.all([
    store.listAudit(issuedSince),
    store.listFeedback(range),
    store.listRefused(range),
    store.listSafetyReports(range),
  ]);
  const audits = issued.filter((a) => Date.parse(a.time) >= range.from.getTime());
  return computeReport(audits, feedback, range, refused, issued, safety);
}
