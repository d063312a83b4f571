/**
 * The governance report's shape: what `npm run report`, `GET /admin/report` and the governance
 * console read. Computed by `governance/report.ts`; the console imports these types.
 */

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
  /**
   * Feedback stored but kept out of every figure above: for a card the service never issued
   * (not in the audit trail), or with an override reason the cards did not offer.
   */
  marked: { unknownCard: number; reasonNotOffered: number };
}

/** Why a feedback row is kept out of the rates; undefined for good feedback. */
export type FeedbackMark = 'unknown-card' | 'reason-not-offered';

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

/** One UTC day of traffic: what the console plots over time. */
export interface DayRow {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  calls: number;
  shadowCalls: number;
  clientErrors: number;
  serverErrors: number;
  latencyMs: LatencySummary;
}

/** Cards and clinicians' responses for one rule (an alert's rule, `summary`, `differential`). */
export interface RuleRow {
  rule: string;
  /** Cards returned to clinicians. */
  issued: number;
  /** Cards computed for an EHR in shadow mode and not returned. */
  shadow: number;
  accepted: number;
  overridden: number;
  overrideReasons: Record<string, number>;
  /** overridden / (accepted + overridden); null without CDS Hooks feedback on the rule's cards. */
  overrideRate: number | null;
  /** Overridden at `fatiguePolicy.overrideRate` or more over at least `minDecided` decided cards. */
  fatigueRisk: boolean;
}

/**
 * A clinician's safety concern about a statement, from the panel: what it concerns (by id), the
 * category, the description with patient identifiers redacted, and the model. No patient id.
 */
export interface SafetyReportEntry {
  id: string;
  receivedAt: string;
  targetKind: string;
  targetId: string;
  category: string;
  description: string;
  modelName: string;
  modelVersion: string;
}

/** When a rule counts as an alert-fatigue risk. */
export interface FatiguePolicy {
  minDecided: number;
  overrideRate: number;
}

export interface GovernanceReport {
  from: string;
  to: string;
  overall: Slice;
  refused: RefusedSummary;
  byModelVersion: Record<string, Slice>;
  byKnowledgeBaseVersion: Record<string, Slice>;
  byIssuer: Record<string, Slice>;
  /** Every UTC day the range touches, oldest first, days without calls included. */
  byDay: DayRow[];
  /** The same per EHR issuer. */
  byDayByIssuer: Record<string, DayRow[]>;
  /** Per rule, most issued first. */
  byRule: RuleRow[];
  fatiguePolicy: FatiguePolicy;
  /** Would-be cards per rule, for each EHR issuer with calls in shadow mode. */
  shadowByIssuer: Record<string, Record<string, number>>;
  /** Safety concerns reported from the panel, newest first. */
  safetyReports: {
    total: number;
    byCategory: Record<string, number>;
    reports: SafetyReportEntry[];
  };
}
