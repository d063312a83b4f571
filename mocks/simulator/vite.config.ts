import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The EHR simulator page: plain TypeScript and DOM (no framework, to keep it small), built into
 * `dist/simulator`, which the mock EHR serves at `/simulator/`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: '/simulator/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/simulator', import.meta.url)),
    emptyOutDir: true,
    // Modern browsers only; the polyfill would be the page's one inline script.
    modulePreload: { polyfill: false },
  },
});
