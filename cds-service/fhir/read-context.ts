import type { ConceptTable } from './codes';

/** What every resource reader needs: reference resolution, the clock, and the data-quality log. */
export interface ReadContext {
  fullUrls: ReadonlyMap<string, string>;
  /**
   * The record's concepts by their content (`internedConcept`): a record repeats the same few
   * hundred codes over thousands of results, and one shared, read-only Concept per code keeps the
   * reader's allocations (and the garbage collector's work) down. Per record, never shared across
   * patients.
   */
  concepts: ConceptTable;
  /** Single-code lists (an Observation's category, its interpretation) shared the same way. */
  codeLists: Map<string, readonly string[]>;
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
