/** What this machine offers the tests: CI or not, and the optional servers. */
import { execFileSync } from 'node:child_process';

/** In CI a missing prerequisite fails the test instead of skipping it. */
export const isCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

/** True when `redis-server` is installed (the Redis fault tests start and kill their own). */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
