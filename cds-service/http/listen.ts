/**
 * The HTTP server of the service, with the time limits Express leaves to Node: a client that sends
 * its headers or body a byte at a time is cut off, not kept (Node's own defaults allow minutes,
 * checked every 30 s). `server.ts` and the demo both listen through here.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ListenOptions {
  port: number;
  host: string;
  /** Longest a whole request (headers and body) may take to arrive; then 408 and closed. */
  requestTimeoutMs: number;
  /** Longest the headers may take to arrive. */
  headersTimeoutMs: number;
}

/** How often Node checks connections against the two limits above. */
const CHECK_INTERVAL_MS = 1000;

export function listen(app: RequestListener, o: ListenOptions): Promise<Server> {
  const server = createServer(
    {
      requestTimeout: o.requestTimeoutMs,
      headersTimeout: Math.min(o.headersTimeoutMs, o.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, o.headersTimeoutMs),
    },
    app,
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
