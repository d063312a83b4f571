/**
 * The few SQL operations the store needs, over PGlite (PostgreSQL compiled to WebAssembly, in
 * process) or a PostgreSQL server through `pg`. Both run the same SQL.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface SqlClient {
  readonly kind: 'pglite' | 'postgres';
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** `dataDir` undefined keeps the database in memory (tests); otherwise it persists there. */
export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return {
    kind: 'pglite',
    query: async <T extends object>(sql: string, params: unknown[] = []) =>
      (await db.query<T>(sql, params)).rows,
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
    query: async <T extends object>(sql: string, params: unknown[] = []) =>
      (await pool.query<T & pg.QueryResultRow>(sql, params)).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
