/**
 * Writes audit rows and feedback without ever holding up a hook call: cards matter more than the
 * audit row. A write that fails goes into a bounded in-memory queue and is retried in order; only
 * when the queue is full is anything dropped, and every drop is counted and logged. A row the store
 * refuses for its values is never retried (it would hold up every row behind it): counted, logged.
 */
import { errorKind, type Logger } from '../log';
import {
  RowRejectedError,
  type AuditRecord,
  type FeedbackRecord,
  type GovernanceStore,
  type RefusedCount,
  type RefusedRoute,
} from './records';

type Item =
  { type: 'audit'; record: AuditRecord } | { type: 'feedback'; records: FeedbackRecord[] };

export interface WriterStats {
  written: number;
  queued: number;
  failedAttempts: number;
  dropped: number;
  /** Rows the store refused for their values: not retried. */
  rejected: number;
  /** Refused calls counted and not yet stored (they never enter the queue). */
  refusedPending: number;
  /** Refused calls whose counts had to be let go (storage down for days). */
  refusedDropped: number;
}

export interface AuditWriter {
  /** Writes in the background; never throws, never waits for the store. */
  audit(record: AuditRecord): void;
  /**
   * Builds the row once the current I/O has gone (the answer to the EHR is flushed on the next
   * tick), then writes it like `audit`: for rows whose making costs time, such as hashing.
   */
  auditLater(make: () => AuditRecord): void;
  /** Writes feedback; true once stored or safely queued, false if it had to be dropped. */
  feedback(records: FeedbackRecord[]): Promise<boolean>;
  /**
   * Counts a call refused before its caller was known (per minute, route and reason). Counts are
   * stored in the background apart from the queue: refused calls, however many, never displace
   * a genuine row or feedback.
   */
  refused(route: RefusedRoute, reason: string): void;
  /** Resolves when everything submitted or queued has been written (or the store still fails). */
  flush(): Promise<void>;
  stats(): WriterStats;
  close(): Promise<void>;
}

export interface WriterOptions {
  maxQueue?: number;
  retryMs?: number;
  /** How often refused-call counts are stored. */
  refusedFlushMs?: number;
  now?: () => Date;
}

/** Minute, route and reason groups held while storage is down: a week of minutes, a few reasons. */
const MAX_REFUSED_GROUPS = 50_000;

export function createAuditWriter(
  store: GovernanceStore,
  logger: Logger,
  options: WriterOptions = {},
): AuditWriter {
  const maxQueue = options.maxQueue ?? 10_000;
  const retryMs = options.retryMs ?? 1000;
  const queue: Item[] = [];
  const stats: WriterStats = {
    written: 0,
    queued: 0,
    failedAttempts: 0,
    dropped: 0,
    rejected: 0,
    refusedPending: 0,
    refusedDropped: 0,
  };
  const now = options.now ?? (() => new Date());
  const refusedFlushMs = options.refusedFlushMs ?? 5000;
  /** Refused-call counts not yet stored, by minute|route|reason. */
  const refused = new Map<string, RefusedCount>();
  let refusedTimer: NodeJS.Timeout | undefined;
  let refusedFlushing: Promise<void> | undefined;

  const addRefused = (c: RefusedCount): void => {
    const key = `${c.minute}|${c.route}|${c.reason}`;
    const known = refused.get(key);
    if (known) known.count += c.count;
    else if (refused.size < MAX_REFUSED_GROUPS) refused.set(key, { ...c });
    else {
      stats.refusedDropped += c.count;
      return;
    }
    stats.refusedPending += c.count;
  };

  const scheduleRefused = (): void => {
    refusedTimer ??= setTimeout(() => {
      refusedTimer = undefined;
      void flushRefused();
    }, refusedFlushMs);
    refusedTimer.unref();
  };

  const flushRefused = (): Promise<void> => {
    refusedFlushing ??= (async () => {
      if (refused.size === 0) return;
      const batch = [...refused.values()];
      refused.clear();
      stats.refusedPending = 0;
      try {
        await store.addRefused(batch);
      } catch (err) {
        // Kept for the next flush; counts of one minute merge, so nothing is counted twice.
        for (const c of batch) addRefused(c);
        scheduleRefused();
        logger.warn('refused-call counts not stored: kept for retry', { kind: errorKind(err) });
      }
    })().finally(() => {
      refusedFlushing = undefined;
    });
    return refusedFlushing;
  };
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const write = (item: Item): Promise<void> =>
    item.type === 'audit' ? store.insertAudit(item.record) : store.insertFeedback(item.records);

  const reject = (item: Item, err: unknown): false => {
    stats.rejected++;
    logger.error('store refused a row: not retried', {
      type: item.type,
      rejected: stats.rejected,
      kind: errorKind(err instanceof RowRejectedError ? err.cause : err),
    });
    return false;
  };

  /** False when the item is refused, or the queue is full and it is dropped (counted, logged). */
  const enqueue = (item: Item, err: unknown): boolean => {
    if (err instanceof RowRejectedError) return reject(item, err);
    stats.failedAttempts++;
    if (queue.length >= maxQueue) {
      stats.dropped++;
      logger.error('audit queue full: row dropped', {
        type: item.type,
        dropped: stats.dropped,
        kind: errorKind(err),
      });
      return false;
    }
    queue.push(item);
    stats.queued = queue.length;
    logger.warn('store write failed: queued for retry', {
      type: item.type,
      queued: queue.length,
      kind: errorKind(err),
    });
    schedule();
    return true;
  };

  const schedule = (): void => {
    if (timer || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, retryMs);
    timer.unref();
  };

  const drain = (): Promise<void> => {
    draining ??= (async () => {
      while (queue.length > 0) {
        const item = queue[0];
        if (!item) break;
        try {
          await write(item);
          stats.written++;
        } catch (err) {
          if (!(err instanceof RowRejectedError)) {
            stats.failedAttempts++;
            schedule();
            return;
          }
          reject(item, err);
        }
        queue.shift();
        stats.queued = queue.length;
      }
    })().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  const inFlight = new Set<Promise<boolean>>();
  const track = (p: Promise<boolean>): Promise<boolean> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  /** True when the item is stored or queued for retry; false when it had to be dropped. */
  const submit = async (item: Item): Promise<boolean> => {
    // Keep order: while older rows wait, new ones queue behind them.
    if (queue.length > 0) {
      if (queue.length >= maxQueue) return enqueue(item, new Error('queue full'));
      queue.push(item);
      stats.queued = queue.length;
      return true;
    }
    try {
      await write(item);
      stats.written++;
      return true;
    } catch (err) {
      return enqueue(item, err);
    }
  };

  return {
    audit(record) {
      void track(submit({ type: 'audit', record }));
    },
    auditLater(make) {
      void track(
        new Promise<boolean>((resolve) => {
          setImmediate(() => {
            try {
              resolve(submit({ type: 'audit', record: make() }));
            } catch (err) {
              stats.dropped++;
              logger.error('audit row could not be built: dropped', { kind: errorKind(err) });
              resolve(false);
            }
          });
        }),
      );
    },
    feedback: (records) => track(submit({ type: 'feedback', records })),
    refused(route, reason) {
      const minute = new Date(Math.floor(now().getTime() / 60_000) * 60_000).toISOString();
      addRefused({ minute, route, reason, count: 1 });
      scheduleRefused();
    },
    async flush() {
      await Promise.all(inFlight);
      await Promise.all([drain(), flushRefused()]);
    },
    stats: () => ({ ...stats }),
    async close() {
      if (timer) clearTimeout(timer);
      if (refusedTimer) clearTimeout(refusedTimer);
      timer = undefined;
      refusedTimer = undefined;
      await Promise.all([drain(), flushRefused()]);
    },
  };
}
