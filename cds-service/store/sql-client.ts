/**
 * The few SQL operations the store needs, over PGlite (PostgreSQL compiled to WebAssembly, in
 * process) or a PostgreSQL server through `pg`. Both run the same SQL.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { RowRejectedError } from './records';

export interface SqlClient {
  readonly kind: 'pglite' | 'postgres';
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) are about the values
 * sent, the same on PGlite and PostgreSQL: they become `RowRejectedError`, anything else is kept.
 */
async function rowErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^2[23]/.test(code)) throw new RowRejectedError({ cause: err });
    throw err;
  }
}

/** `dataDir` undefined keeps the database in memory (tests); otherwise it persists there. */
export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return {
    kind: 'pglite',
    query: <T extends object>(sql: string, params: unknown[] = []) =>
      rowErrors(async () => (await db.query<T>(sql, params)).rows),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}

/**
 * A pooled PostgreSQL client. `schema`, when given, is created and used as the search path, so
 * that test runs sharing one database do not see each other's tables.
 */
export async function openPostgres(url: string, schema?: string): Promise<SqlClient> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: 5,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  else await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: <T extends object>(sql: string, params: unknown[] = []) =>
      rowErrors(async () => (await pool.query<T & pg.QueryResultRow>(sql, params)).rows),
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
