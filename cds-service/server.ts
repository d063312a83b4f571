/** Entry point of `npm run serve`: the CDS service alone, as deployed. */
import { composeService } from './compose';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const { app } = composeService(config, logger);
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info('cds service listening', { url: `http://${config.host}:${port}/cds-services` });
  });
  const stop = (): void => {
    logger.info('shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
