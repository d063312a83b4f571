/**
 * Entry point of the CDS service alone, as deployed: bundled to `dist/service/server.js` by
 * `npm run build:service` and run with `node` (`npm run serve`, the container's entry).
 */
import type { Server } from 'node:http';
import { createRedisReplayGuard } from './auth/replay-guard';
import { createRedisSynopsisCache, type RedisCache } from './cache/redis-cache';
import { composeService } from './compose';
import {
  ConfigError,
  loadConfig,
  SHUTDOWN_GRACE_MS,
  transportWarnings,
  type Config,
} from './config';
import { listen } from './http/listen';
import { createLogger, errorKind } from './log';
import { openStore } from './store/open-store';
import type { GovernanceStore } from './store/records';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  for (const warning of transportWarnings(config)) logger.warn(warning);

  // Storage down at start is a clear error and an exit: a service that cannot keep its audit
  // trail must not start taking calls.
  let store: GovernanceStore;
  try {
    store = await openStore(config);
  } catch (err) {
    fail(
      `Cannot open storage (${config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${config.dataDir}`}): ${
        err instanceof Error ? err.message : errorKind(err)
      }`,
    );
  }
  const cache: RedisCache | undefined = config.redisUrl
    ? createRedisSynopsisCache(config.redisUrl, logger)
    : undefined;
  const { app, writer } = composeService(config, logger, {
    store,
    ...(cache ? { cache, auth: { replayGuard: createRedisReplayGuard(cache.client) } } : {}),
  });
  const server: Server = await listen(app, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info('cds service listening', {
    url: `http://${config.host}:${port}/cds-services`,
    storage: store.kind,
    cache: cache ? 'redis' : 'memory',
    auth: config.auth,
    shadow: config.shadow,
  });
  // SIGTERM (Kubernetes, `docker stop`): stop accepting, let in-flight hooks and panel calls
  // finish, write every queued audit row, close storage; within the pod's grace period.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    server.close(() => {
      void (async () => {
        await writer.close();
        await store.close().catch(() => undefined);
        await cache?.close();
        const audit = writer.stats();
        logger.info('shut down', { auditWritten: audit.written, auditDropped: audit.dropped });
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.error('shutdown took too long: exiting with work unfinished', {
        graceMs: SHUTDOWN_GRACE_MS,
      });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
