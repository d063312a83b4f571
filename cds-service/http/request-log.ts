import type { Request, RequestHandler } from 'express';
import type { Logger } from '../log';

/** One JSON line per request: method, route, status, duration. Never bodies or identifiers. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const route = routeOf(req);
      const cards = res.locals.cardCount as number | undefined;
      logger.info('request', {
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(cards === undefined ? {} : { cards }),
      });
    });
    next();
  };
}

/** The matched route pattern (`/cds-services/:id`), never the concrete path with its ids. */
export const routeOf = (req: Request): string =>
  req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : 'unmatched';
