/**
 * The governance console's HTTP client: the admin session (`/admin/session`) and the report
 * (`/admin/report`), same origin; the session cookie travels by itself.
 */
import type { GovernanceReport } from '../../cds-service/contract/governance-report';

export class SignInNeeded extends Error {
  constructor() {
    super('sign-in-needed');
    this.name = 'SignInNeeded';
  }
}

export interface ConsoleApi {
  /** `locked`: too many wrong tokens from this address; the service says when to try again. */
  signIn(token: string): Promise<'ok' | 'refused' | 'locked'>;
  signOut(): Promise<void>;
  report(range: { from: Date; to: Date }): Promise<GovernanceReport>;
  /** Where the safety reports of a range download as JSON (the session cookie goes along). */
  safetyExportUrl(range: { from: Date; to: Date }): string;
}

export function createConsoleApi(
  base: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
): ConsoleApi {
  const rangeUrl = (path: string, { from, to }: { from: Date; to: Date }): URL => {
    const url = new URL(path, base);
    url.searchParams.set('from', from.toISOString());
    url.searchParams.set('to', to.toISOString());
    return url;
  };
  return {
    async signIn(token) {
      const res = await fetchFn(new URL('session', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (res.status === 401) return 'refused';
      if (res.status === 429) return 'locked';
      if (!res.ok) throw new Error(`sign-in failed: ${String(res.status)}`);
      return 'ok';
    },
    async signOut() {
      await fetchFn(new URL('session', base), { method: 'DELETE' });
    },
    safetyExportUrl: (range) => rangeUrl('safety-reports', range).toString(),
    async report(range) {
      const res = await fetchFn(rangeUrl('report', range));
      if (res.status === 401) throw new SignInNeeded();
      if (!res.ok) throw new Error(`report failed: ${String(res.status)}`);
      return (await res.json()) as GovernanceReport;
    },
  };
}
