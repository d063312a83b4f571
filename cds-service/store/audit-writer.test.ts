import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { createAuditWriter } from './audit-writer';
import { createMemoryStore } from './memory-store';
import { RowRejectedError } from './records';
import { auditRow, feedbackRow } from './test-rows';

describe('audit writer', () => {
  it('writes straight through while the store is up', async () => {
    const store = createMemoryStore();
    const writer = createAuditWriter(store, createMemoryLogger());
    writer.audit(auditRow());
    expect(await writer.feedback([feedbackRow()])).toBe(true);
    await writer.flush();
    expect(store.audit).toHaveLength(1);
    expect(store.feedback).toHaveLength(1);
    expect(writer.stats()).toMatchObject({ written: 2, queued: 0, dropped: 0 });
  });

  it('queues while the store is down and writes everything, in order, when it returns', async () => {
    const store = createMemoryStore();
    const logger = createMemoryLogger();
    const writer = createAuditWriter(store, logger, { retryMs: 10 });
    store.failing = true;
    const rows = [auditRow(), auditRow(), auditRow()];
    for (const r of rows) writer.audit(r);
    expect(await writer.feedback([feedbackRow()])).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(store.audit).toHaveLength(0);
    expect(writer.stats().queued).toBe(4);
    store.failing = false;
    await new Promise((r) => setTimeout(r, 50));
    await writer.flush();
    expect(store.audit.map((a) => a.id)).toEqual(rows.map((r) => r.id));
    expect(store.feedback).toHaveLength(1);
    expect(writer.stats()).toMatchObject({ queued: 0, dropped: 0, written: 4 });
    expect(logger.lines.join('\n')).toContain('queued for retry');
  });

  it('counts refused calls apart from the queue: stored per minute, kept while the store is down', async () => {
    const store = createMemoryStore();
    const writer = createAuditWriter(store, createMemoryLogger(), {
      maxQueue: 10,
      refusedFlushMs: 10,
      now: () => new Date('2026-03-05T10:00:42Z'),
    });
    store.failing = true;
    for (let i = 0; i < 500; i++) writer.refused('hook', 'unauthorized');
    writer.audit(auditRow());
    await new Promise((r) => setTimeout(r, 40));
    expect(writer.stats()).toMatchObject({ queued: 1, dropped: 0, refusedPending: 500 });
    store.failing = false;
    await writer.flush();
    expect(store.refused).toEqual([
      { minute: '2026-03-05T10:00:00.000Z', route: 'hook', reason: 'unauthorized', count: 500 },
    ]);
    expect(store.audit).toHaveLength(1);
    expect(writer.stats().refusedPending).toBe(0);
  });

  it('drops only beyond the queue bound, counts and logs it, and refuses feedback it cannot keep', async () => {
    const store = createMemoryStore();
    const logger = createMemoryLogger();
    const writer = createAuditWriter(store, logger, { maxQueue: 2, retryMs: 10_000 });
    store.failing = true;
    writer.audit(auditRow());
    writer.audit(auditRow());
    writer.audit(auditRow());
    await new Promise((r) => setTimeout(r, 10));
    expect(await writer.feedback([feedbackRow()])).toBe(false);
    expect(writer.stats()).toMatchObject({ queued: 2, dropped: 2 });
    expect(logger.lines.filter((l) => l.includes('row dropped'))).toHaveLength(2);
    store.failing = false;
    await writer.close();
    expect(store.audit).toHaveLength(2);
  });

  it('does not let a row the store refuses hold up the rows behind it', async () => {
    const store = createMemoryStore();
    const logger = createMemoryLogger();
    const poison = feedbackRow();
    // The memory store holds anything; this one refuses one row, as PostgreSQL refuses a NUL.
    const refusing: typeof store = {
      ...store,
      insertFeedback: (records) =>
        !store.failing && records.some((r) => r.id === poison.id)
          ? Promise.reject(new RowRejectedError())
          : store.insertFeedback(records),
    };
    const writer = createAuditWriter(refusing, logger, { retryMs: 10 });
    // Straight through: refused at once, the next rows are written.
    expect(await writer.feedback([poison])).toBe(false);
    writer.audit(auditRow());
    await writer.flush();
    expect(store.audit).toHaveLength(1);
    // At the front of the retry queue after an outage: refused, and the queue moves on.
    store.failing = true;
    expect(await writer.feedback([poison])).toBe(true);
    const later = [auditRow(), auditRow()];
    for (const r of later) writer.audit(r);
    await new Promise((r) => setTimeout(r, 20));
    store.failing = false;
    await new Promise((r) => setTimeout(r, 40));
    await writer.flush();
    expect(store.audit.slice(1).map((a) => a.id)).toEqual(later.map((r) => r.id));
    expect(writer.stats()).toMatchObject({ queued: 0, dropped: 0, rejected: 2 });
    expect(logger.lines.filter((l) => l.includes('store refused a row'))).toHaveLength(2);
  });

  it('builds deferred rows after the current turn; flush waits for them; a failing build is counted', async () => {
    const store = createMemoryStore();
    const logger = createMemoryLogger();
    const writer = createAuditWriter(store, logger);
    const row = auditRow();
    let built = false;
    writer.auditLater(() => {
      built = true;
      return row;
    });
    expect(built).toBe(false);
    writer.auditLater(() => {
      throw new Error('cannot hash');
    });
    await writer.flush();
    expect(built).toBe(true);
    expect(store.audit.map((a) => a.id)).toEqual([row.id]);
    expect(writer.stats().dropped).toBe(1);
    expect(logger.lines.join('\n')).toContain('audit row could not be built');
  });
});
