/**
 * A governance store in process memory, for tests that exercise other parts and must not pay for
 * booting a database. Not selectable by configuration: data kept here dies with the process.
 */
import type { AuditRecord, FeedbackRecord, GovernanceStore, TimeRange } from './records';

export function createMemoryStore(): GovernanceStore & {
  audit: AuditRecord[];
  feedback: FeedbackRecord[];
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
    close: () => Promise.resolve(),
  };
  return store;
}
