/**
 * The service's governance store for the benchmark: the local PostgreSQL when it answers (what a
 * production deployment uses), in a database of the benchmark's own; else undefined, and the
 * service falls back to embedded PGlite, whose in-process database weighs on the RSS figure.
 */
import pg from 'pg';

export const BENCH_DATABASE = 'ehr_synopsis_bench';

/** A URL for the bench database on the server of `adminUrl`, or undefined when it cannot be had. */
export async function benchDatabaseUrl(adminUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      BENCH_DATABASE,
    ]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    return url.toString();
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
