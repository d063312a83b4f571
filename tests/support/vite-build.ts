import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE_BIN = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

/**
 * A production build of a front end for a browser test, as `npm start` makes it: in a child
 * process, since Vitest sets NODE_ENV=test. Each test passes its own `--outDir`, because browser
 * tests build in parallel.
 */
export function viteBuild(args: string[]): void {
  execFileSync(process.execPath, [VITE_BIN, 'build', ...args, '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
