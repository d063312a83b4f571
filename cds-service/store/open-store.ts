/**
 * Opens the configured governance store: PostgreSQL when `DATABASE_URL` is set, otherwise the
 * embedded PGlite in `DATA_DIR`, so that the default needs no database server.
 */
import { join } from 'node:path';
import type { Config } from '../config';
import type { GovernanceStore } from './records';
import { openPglite, openPostgres } from './sql-client';
import { createSqlStore } from './sql-store';

export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
): Promise<GovernanceStore> {
  const client = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(join(config.dataDir, 'pglite'));
  return createSqlStore(client);
}
