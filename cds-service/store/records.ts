/**
 * What the governance store keeps. Identifiers only (issuer, user, patient, card ids) and hashes:
 * no clinical content, so the audit trail can be read by people who are not the patient's clinicians.
 */
export type CardKind = 'summary' | 'alert' | 'differential';

export interface AuditCard {
  uuid: string;
  indicator: 'info' | 'warning' | 'critical';
  kind: CardKind;
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
  close(): Promise<void>;
}
