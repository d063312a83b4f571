/** What every resource reader needs: reference resolution, the clock, and the data-quality log. */
export interface ReadContext {
  fullUrls: ReadonlyMap<string, string>;
  nowMs: number;
  /** Counts data-quality notes by message; messages never carry patient values or names. */
  note: (message: string) => void;
  /**
   * Counts why a resource is left out (for the record's input coverage) and, given `note`, says
   * so in the data-quality notes too. Reasons, like notes, carry no patient values.
   */
  skip: (reason: string, note?: string) => void;
}

/** A day of slack before a date counts as "in the future": time zones and clock skew. */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

export function createQualityLog(): { note: (m: string) => void; render: () => string[] } {
  const counts = new Map<string, number>();
  return {
    note: (m) => counts.set(m, (counts.get(m) ?? 0) + 1),
    render: () => [...counts].map(([m, n]) => (n > 1 ? `${m} (${n} resources)` : m)),
  };
}
