/**
 * A governance store in process memory, for tests that exercise other parts and must not pay for
 * booting a database. Not selectable by configuration: data kept here dies with the process.
 */
import type {
  AuditRecord,
  FeedbackRecord,
  GovernanceStore,
  RefusedCount,
  SafetyReportRecord,
  TimeRange,
} from './records';

export function createMemoryStore(): GovernanceStore & {
  audit: AuditRecord[];
  feedback: FeedbackRecord[];
  refused: RefusedCount[];
  safetyReports: SafetyReportRecord[];
  failing: boolean;
} {
  const within = (t: string, { from, to }: TimeRange) => {
    const ms = Date.parse(t);
    return ms >= from.getTime() && ms < to.getTime();
  };
  const store = {
    kind: 'memory',
    audit: [] as AuditRecord[],
    feedback: [] as FeedbackRecord[],
    refused: [] as RefusedCount[],
    safetyReports: [] as SafetyReportRecord[],
    tokens: new Map<string, number>(),
    /** Set to simulate the database going away. */
    failing: false,
    check() {
      if (store.failing) return Promise.reject(new Error('store unavailable'));
      return Promise.resolve();
    },
    ping: () => store.check(),
    async insertAudit(r: AuditRecord) {
      await store.check();
      if (!store.audit.some((a) => a.id === r.id)) store.audit.push(r);
    },
    async insertFeedback(records: FeedbackRecord[]) {
      await store.check();
      for (const f of records)
        if (!store.feedback.some((x) => x.id === f.id)) store.feedback.push(f);
    },
    async listAudit(range: TimeRange) {
      await store.check();
      return store.audit.filter((a) => within(a.time, range));
    },
    async listFeedback(range: TimeRange) {
      await store.check();
      return store.feedback.filter((f) => within(f.receivedAt, range));
    },
    async addRefused(counts: RefusedCount[]) {
      await store.check();
      for (const c of counts) {
        const same = store.refused.find(
          (r) => r.minute === c.minute && r.route === c.route && r.reason === c.reason,
        );
        if (same) same.count += c.count;
        else store.refused.push({ ...c });
      }
    },
    async listRefused(range: TimeRange) {
      await store.check();
      return store.refused.filter((r) => within(r.minute, range)).map((r) => ({ ...r }));
    },
    async insertSafetyReport(r: SafetyReportRecord) {
      await store.check();
      if (!store.safetyReports.some((x) => x.id === r.id)) store.safetyReports.push(r);
    },
    async listSafetyReports(range: TimeRange) {
      await store.check();
      return store.safetyReports.filter((r) => within(r.receivedAt, range));
    },
    async firstTokenUse(key: string, expiresAt: Date) {
      await store.check();
      const known = store.tokens.get(key);
      if (known !== undefined && known > Date.now()) return false;
      store.tokens.set(key, expiresAt.getTime());
      return true;
    },
    close: () => Promise.resolve(),
  };
  return store;
}
