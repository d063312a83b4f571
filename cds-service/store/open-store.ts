/**
 * Opens the configured governance store: PostgreSQL when `DATABASE_URL` is set, otherwise the
 * embedded PGlite in `DATA_DIR`, so that the default needs no database server.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';
import type { GovernanceStore } from './records';
import { openPglite, openPostgres } from './sql-client';
import { createSqlStore } from './sql-store';

export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
): Promise<GovernanceStore> {
  if (config.databaseUrl) return createSqlStore(await openPostgres(config.databaseUrl));
  const dir = join(config.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const client = await openPglite(dir);
  return createSqlStore(client);
}
