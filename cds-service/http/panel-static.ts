/**
 * The built SMART panel (`npm run build` writes `dist/panel`), served by the service itself at
 * `/panel/` so that the panel and its API share one origin. Hashed assets are cached for long;
 * the HTML pages never, so a new build is picked up at the next launch.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';

/**
 * Two folders up, then `dist/panel`: the same folder from the source (`cds-service/panel/`) and from
 * the bundle (`dist/service/server.js`), which the production smoke test checks.
 */
export const DEFAULT_PANEL_DIR = fileURLToPath(new URL('../../dist/panel', import.meta.url));

/** The static handler, or undefined when the panel has not been built. */
export function panelStatic(dir: string = DEFAULT_PANEL_DIR): express.RequestHandler | undefined {
  if (!existsSync(dir)) return undefined;
  return express.static(dir, {
    index: 'index.html',
    setHeaders(res, path) {
      res.set(
        'cache-control',
        path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      );
    },
  });
}
