import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Two SMART apps, each a launch page (SMART authorize) and the page it completes on: the
 * clinician panel (`launch/launch.html`, `client/index.html`) and the patient-facing page
 * (`launch/patient-launch.html`, `client/patient.html`), and the governance console
 * (`client/console.html`, served at `/admin/`). All are written flat into `dist/panel/`, which
 * the CDS service serves at `/panel/`.
 */
const PAGES = {
  launch: 'launch/launch.html',
  index: 'client/index.html',
  patientLaunch: 'launch/patient-launch.html',
  patient: 'client/patient.html',
  console: 'client/console.html',
} as const;

/** Writes `launch/launch.html` as `launch.html` and `client/index.html` as `index.html`. */
function flattenPages(): Plugin {
  return {
    name: 'flatten-panel-pages',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.fileName.endsWith('.html')) file.fileName = file.fileName.replace(/^.*\//, '');
      }
    },
  };
}

export default defineConfig({
  base: '/panel/',
  plugins: [react(), flattenPages()],
  // fhirclient's "pure" browser mode: modern browsers need none of its fetch polyfills.
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: {
    alias: {
      'isomorphic-webcrypto': fileURLToPath(
        new URL('client/smart/webcrypto-shim.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist/panel',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { input: PAGES },
  },
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'cds-service/**/*.test.ts',
            'mocks/**/*.test.ts',
            'tests/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['client/**/*.test.{ts,tsx}', 'launch/**/*.test.{ts,tsx}'],
          setupFiles: ['client/test/setup.ts'],
          testTimeout: 10_000,
        },
      },
    ],
  },
});
