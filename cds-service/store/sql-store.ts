/** The governance store over SQL: the same statements on PGlite and on PostgreSQL. */
import { migrate } from './migrations';
import type {
  AuditCard,
  AuditRecord,
  FeedbackRecord,
  GovernanceStore,
  RefusedCount,
  TimeRange,
} from './records';
import type { SqlClient } from './sql-client';

interface AuditRow {
  id: string;
  time: Date | string;
  kind: AuditRecord['kind'];
  service_id: string;
  issuer: string | null;
  user_id: string | null;
  patient_id: string | null;
  model_provider: string | null;
  model_version: string | null;
  knowledge_base_version: string | null;
  input_hash: string | null;
  output_hash: string | null;
  cards: AuditCard[] | string;
  latency_ms: number;
  status: number;
  outcome: AuditRecord['outcome'];
}

interface FeedbackRow {
  id: string;
  received_at: Date | string;
  source: FeedbackRecord['source'];
  service_id: string;
  card_id: string | null;
  target_kind: string | null;
  target_id: string | null;
  outcome: FeedbackRecord['outcome'];
  accepted_suggestions: string[] | string;
  override_reason_code: string | null;
  override_reason_system: string | null;
  user_comment: string | null;
  issuer: string | null;
  model_version: string | null;
  outcome_timestamp: Date | string;
}

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export async function createSqlStore(db: SqlClient): Promise<GovernanceStore> {
  await migrate(db);
  let tokenUses = 0;
  return {
    kind: db.kind,
    async ping() {
      await db.query('SELECT 1');
    },
    async insertAudit(r) {
      await db.query(
        `INSERT INTO audit_event (id, time, kind, service_id, issuer, user_id, patient_id, model_provider,
           model_version, knowledge_base_version, input_hash, output_hash, cards, latency_ms, status, outcome)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
         ON CONFLICT (id) DO NOTHING`,
        [
          r.id,
          r.time,
          r.kind,
          r.serviceId,
          r.issuer,
          r.userId,
          r.patientId,
          r.modelProvider,
          r.modelVersion,
          r.knowledgeBaseVersion,
          r.inputHash,
          r.outputHash,
          JSON.stringify(r.cards),
          r.latencyMs,
          r.status,
          r.outcome,
        ],
      );
    },
    async insertFeedback(records) {
      // Ids make retries idempotent: a row written before a failure is not written twice.
      for (const f of records) {
        await db.query(
          `INSERT INTO feedback (id, received_at, source, service_id, card_id, target_kind, target_id, outcome,
             accepted_suggestions, override_reason_code, override_reason_system, user_comment, issuer,
             model_version, outcome_timestamp)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
           ON CONFLICT (id) DO NOTHING`,
          [
            f.id,
            f.receivedAt,
            f.source,
            f.serviceId,
            f.cardId,
            f.targetKind,
            f.targetId,
            f.outcome,
            JSON.stringify(f.acceptedSuggestions),
            f.overrideReasonCode,
            f.overrideReasonSystem,
            f.userComment,
            f.issuer,
            f.modelVersion,
            f.outcomeTimestamp,
          ],
        );
      }
    },
    async listAudit({ from, to }: TimeRange) {
      const rows = await db.query<AuditRow>(
        'SELECT * FROM audit_event WHERE time >= $1 AND time < $2 ORDER BY time, id',
        [from.toISOString(), to.toISOString()],
      );
      return rows.map((r) => ({
        id: r.id,
        time: iso(r.time),
        kind: r.kind,
        serviceId: r.service_id,
        issuer: r.issuer,
        userId: r.user_id,
        patientId: r.patient_id,
        modelProvider: r.model_provider,
        modelVersion: r.model_version,
        knowledgeBaseVersion: r.knowledge_base_version,
        inputHash: r.input_hash,
        outputHash: r.output_hash,
        cards: json(r.cards),
        latencyMs: r.latency_ms,
        status: r.status,
        outcome: r.outcome,
      }));
    },
    async listFeedback({ from, to }: TimeRange) {
      const rows = await db.query<FeedbackRow>(
        'SELECT * FROM feedback WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id',
        [from.toISOString(), to.toISOString()],
      );
      return rows.map((r) => ({
        id: r.id,
        receivedAt: iso(r.received_at),
        source: r.source,
        serviceId: r.service_id,
        cardId: r.card_id,
        targetKind: r.target_kind,
        targetId: r.target_id,
        outcome: r.outcome,
        acceptedSuggestions: json(r.accepted_suggestions),
        overrideReasonCode: r.override_reason_code,
        overrideReasonSystem: r.override_reason_system,
        userComment: r.user_comment,
        issuer: r.issuer,
        modelVersion: r.model_version,
        outcomeTimestamp: iso(r.outcome_timestamp),
      }));
    },
    async addRefused(counts) {
      for (const c of counts) {
        await db.query(
          `INSERT INTO refused_call (minute, route, reason, count) VALUES ($1,$2,$3,$4)
           ON CONFLICT (minute, route, reason) DO UPDATE SET count = refused_call.count + EXCLUDED.count`,
          [c.minute, c.route, c.reason, c.count],
        );
      }
    },
    async listRefused({ from, to }: TimeRange) {
      const rows = await db.query<RefusedRow>(
        'SELECT * FROM refused_call WHERE minute >= $1 AND minute < $2 ORDER BY minute, route, reason',
        [from.toISOString(), to.toISOString()],
      );
      return rows.map((r) => ({
        minute: iso(r.minute),
        route: r.route,
        reason: r.reason,
        count: r.count,
      }));
    },
    async insertSafetyReport(r) {
      await db.query(
        `INSERT INTO safety_report (id, received_at, target_kind, target_id, category, description,
           model_name, model_version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (id) DO NOTHING`,
        [
          r.id,
          r.receivedAt,
          r.targetKind,
          r.targetId,
          r.category,
          r.description,
          r.modelName,
          r.modelVersion,
        ],
      );
    },
    async listSafetyReports({ from, to }: TimeRange) {
      const rows = await db.query<SafetyReportRow>(
        'SELECT * FROM safety_report WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id',
        [from.toISOString(), to.toISOString()],
      );
      return rows.map((r) => ({
        id: r.id,
        receivedAt: iso(r.received_at),
        targetKind: r.target_kind,
        targetId: r.target_id,
        category: r.category,
        description: r.description,
        modelName: r.model_name,
        modelVersion: r.model_version,
      }));
    },
    async firstTokenUse(key, expiresAt) {
      // An expired use of the same key is replaced; a live one makes the insert a no-op.
      const rows = await db.query<{ key: string }>(
        `INSERT INTO token_use (key, expires_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at
           WHERE token_use.expires_at <= now()
         RETURNING key`,
        [key, expiresAt.toISOString()],
      );
      // Forget expired ids now and then, so the table stays as small as the tokens alive.
      if (++tokenUses % 100 === 0)
        await db.query('DELETE FROM token_use WHERE expires_at <= now()');
      return rows.length === 1;
    },
    close: () => db.close(),
  };
}

interface SafetyReportRow {
  id: string;
  received_at: Date | string;
  target_kind: string;
  target_id: string;
  category: string;
  description: string;
  model_name: string;
  model_version: string;
}

interface RefusedRow {
  minute: Date | string;
  route: RefusedCount['route'];
  reason: string;
  count: number;
}
