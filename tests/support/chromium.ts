/**
 * Debian's Chromium for browser tests (never a downloaded browser). Without it, browser tests are
 * skipped locally but FAIL in CI (CI=true), with how to install it.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, it } from 'vitest';
import { isCi } from './environment';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

export type ChromiumAvailability = { ok: true } | { ok: false; reason: string };

export function chromiumAvailability(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return { ok: true };
  return { ok: false, reason: `no Chromium at ${CHROMIUM_PATH}; install it with: ${INSTALL_HINT}` };
}

/**
 * Whether this file's browser tests can run; declares the test that fails in CI (CI=true) when
 * they cannot, and warns locally. Use its answer in `describe.skipIf(!availability.ok)`.
 */
export function requireChromium(what: string): ChromiumAvailability {
  const availability = chromiumAvailability();
  describe(`chromium for the ${what} browser test`, () => {
    it('is installed when running in CI', () => {
      if (!availability.ok && isCi()) {
        throw new Error(`Browser tests cannot run: ${availability.reason}`);
      }
      if (!availability.ok) console.warn(`browser test skipped: ${availability.reason}`);
    });
  });
  return availability;
}

export function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'panel-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
