/**
 * `npm run report -- [--from 2026-01-01] [--to 2026-02-01] [--json]`: the governance report from
 * the configured store (DATABASE_URL, or the embedded PGlite in DATA_DIR). PGlite allows one
 * process at a time: while the service runs on it, use GET /admin/report instead.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../cds-service/config';
import { formatReport } from '../cds-service/governance/format-report';
import { reportFromStore } from '../cds-service/governance/report';
import { rangeOf } from '../cds-service/http/admin-router';
import { openStore } from '../cds-service/store/open-store';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig({ ...process.env, CDS_AUTH: 'off' });
  const range = rangeOf({ from: values.from, to: values.to }, new Date());
  const store = await openStore(config);
  try {
    const report = await reportFromStore(store, range);
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  // Configuration and request errors say what to fix; the store's errors name no patient data.
  process.stderr.write(`report failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
