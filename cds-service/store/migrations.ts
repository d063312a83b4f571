/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. Append only: a
 * migration that has shipped is never edited.
 */
import type { SqlClient } from './sql-client';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'audit and feedback',
    sql: `
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY,
        time timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('hook', 'panel')),
        service_id text NOT NULL,
        issuer text,
        user_id text,
        patient_id text,
        model_provider text,
        model_version text,
        knowledge_base_version text,
        input_hash text,
        output_hash text,
        cards jsonb NOT NULL DEFAULT '[]',
        latency_ms double precision NOT NULL,
        status integer NOT NULL,
        outcome text NOT NULL
      );
      CREATE INDEX audit_event_time ON audit_event (time);
      CREATE TABLE feedback (
        id uuid PRIMARY KEY,
        received_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('cds-hooks', 'panel')),
        service_id text NOT NULL,
        card_id text,
        target_kind text,
        target_id text,
        outcome text NOT NULL,
        accepted_suggestions jsonb NOT NULL DEFAULT '[]',
        override_reason_code text,
        override_reason_system text,
        user_comment text,
        issuer text,
        model_version text,
        outcome_timestamp timestamptz NOT NULL
      );
      CREATE INDEX feedback_received_at ON feedback (received_at);
      CREATE INDEX feedback_card ON feedback (card_id);
    `,
  },
  {
    version: 2,
    name: 'refused calls counted per minute',
    sql: `
      CREATE TABLE refused_call (
        minute timestamptz NOT NULL,
        route text NOT NULL,
        reason text NOT NULL,
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (minute, route, reason)
      );
    `,
  },
  {
    version: 3,
    name: 'token ids used, for the replay guard',
    sql: `
      CREATE TABLE token_use (
        key text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX token_use_expires_at ON token_use (expires_at);
    `,
  },
  {
    version: 4,
    name: 'safety reports from the panel',
    sql: `
      CREATE TABLE safety_report (
        id uuid PRIMARY KEY,
        received_at timestamptz NOT NULL,
        target_kind text NOT NULL,
        target_id text NOT NULL,
        category text NOT NULL,
        description text NOT NULL,
        model_name text NOT NULL,
        model_version text NOT NULL
      );
      CREATE INDEX safety_report_received_at ON safety_report (received_at);
    `,
  },
];

/** Any constant: the advisory lock under which replicas sharing one database migrate in turn. */
const MIGRATION_LOCK = 7_316_201;

/**
 * Applies the migrations the database lacks. Each runs in one statement that first takes a
 * transaction-scoped advisory lock and checks again, so replicas starting together on an empty
 * database apply each migration once and neither fails. Answers the versions this call found missing.
 */
export async function migrate(db: SqlClient): Promise<number[]> {
  await db.exec(`DO $migrate$ BEGIN
    PERFORM pg_advisory_xact_lock(${String(MIGRATION_LOCK)});
    CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
  END $migrate$;`);
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    if (m.sql.includes('$sql$')) throw new Error(`migration ${String(m.version)} quotes $sql$`);
    const version = String(m.version);
    await db.exec(`DO $migrate$ BEGIN
      PERFORM pg_advisory_xact_lock(${String(MIGRATION_LOCK)});
      IF NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ${version}) THEN
        EXECUTE $sql$ ${m.sql} $sql$;
        INSERT INTO schema_migrations (version, name) VALUES (${version}, '${m.name.replace(/'/g, "''")}');
      END IF;
    END $migrate$;`);
    applied.push(m.version);
  }
  return applied;
}
