/**
 * What the governance store keeps. Identifiers only (issuer, user, patient, card ids) and hashes:
 * no clinical content, so the audit trail can be read by people who are not the patient's
 * clinicians. Safety reports keep the clinician's description, with the patient's identifiers
 * redacted and no patient id.
 */
import type { SafetyReportEntry } from '../contract/governance-report';

export type CardKind = 'summary' | 'alert' | 'differential';

export interface AuditCard {
  uuid: string;
  indicator: 'info' | 'warning' | 'critical';
  kind: CardKind;
  /** The rule behind the card (an alert's rule id, `summary`, `differential`); absent on old rows. */
  rule?: string;
}

export type AuditOutcome = 'success' | 'shadow' | 'client-error' | 'server-error';

export interface AuditRecord {
  id: string;
  time: string;
  kind: 'hook' | 'panel';
  serviceId: string;
  issuer: string | null;
  userId: string | null;
  patientId: string | null;
  modelProvider: string | null;
  modelVersion: string | null;
  knowledgeBaseVersion: string | null;
  inputHash: string | null;
  outputHash: string | null;
  /** Cards produced; in shadow mode these were computed but not returned. */
  cards: AuditCard[];
  latencyMs: number;
  status: number;
  outcome: AuditOutcome;
}

export type FeedbackOutcome = 'accepted' | 'overridden' | 'agree' | 'disagree';

export interface FeedbackRecord {
  id: string;
  receivedAt: string;
  source: 'cds-hooks' | 'panel';
  serviceId: string;
  /** The CDS Hooks card uuid (cds-hooks feedback). */
  cardId: string | null;
  /** The synopsis item (panel feedback): an alert or differential item id. */
  targetKind: string | null;
  targetId: string | null;
  outcome: FeedbackOutcome;
  acceptedSuggestions: string[];
  overrideReasonCode: string | null;
  overrideReasonSystem: string | null;
  userComment: string | null;
  issuer: string | null;
  modelVersion: string | null;
  outcomeTimestamp: string;
}

/** Where a refused call came in. */
export type RefusedRoute = 'hook' | 'feedback' | 'panel';

/**
 * Calls refused before the caller was known (no valid token, unknown service, rate limit, body
 * refused...): counted per minute, route and reason, never stored one row each, so that anonymous
 * noise cannot push genuine rows out of the audit trail.
 */
export interface RefusedCount {
  /** The minute, ISO 8601 (seconds zero). */
  minute: string;
  route: RefusedRoute;
  /** The error code answered (`unauthorized`, `too_many_requests`, ...). */
  reason: string;
  count: number;
}

/** A safety report, stored as the governance report lists it. */
export type SafetyReportRecord = SafetyReportEntry;

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The store refused the row itself (a value it cannot hold, a broken constraint), not the
 * connection: writing it again cannot succeed.
 */
export class RowRejectedError extends Error {
  constructor(options?: ErrorOptions) {
    super('the store refused the row', options);
    this.name = 'RowRejectedError';
  }
}

/** One storage interface, with an embedded (PGlite) and a server (PostgreSQL) implementation. */
export interface GovernanceStore {
  readonly kind: string;
  ping(): Promise<void>;
  insertAudit(record: AuditRecord): Promise<void>;
  insertFeedback(records: FeedbackRecord[]): Promise<void>;
  listAudit(range: TimeRange): Promise<AuditRecord[]>;
  listFeedback(range: TimeRange): Promise<FeedbackRecord[]>;
  /** Adds counts to those already kept for the same minute, route and reason. */
  addRefused(counts: RefusedCount[]): Promise<void>;
  listRefused(range: TimeRange): Promise<RefusedCount[]>;
  insertSafetyReport(report: SafetyReportRecord): Promise<void>;
  listSafetyReports(range: TimeRange): Promise<SafetyReportRecord[]>;
  /**
   * Records that a token id was used; true the first time `key` is seen while unexpired, false on
   * a replay. Expired keys are forgotten. Shared by every replica using the same database.
   */
  firstTokenUse(key: string, expiresAt: Date): Promise<boolean>;
  close(): Promise<void>;
}
