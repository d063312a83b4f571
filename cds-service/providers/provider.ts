import type { ModelInfo, Synopsis } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import type { PlainRewriter } from './plain-rewrite';

export interface SummariseContext {
  now: Date;
  /**
   * The verified EHR issuer the synopsis is for (undefined only with CDS_AUTH=off). Whatever a
   * provider caches is kept per tenant.
   */
  tenant: string | undefined;
  /** Aborted when the caller's time budget runs out. */
  signal?: AbortSignal;
  /**
   * How long the caller can wait (the hook's time budget). A provider slower than this answers
   * with the embedded engine's synopsis when it runs out, and hands its own answer, if one comes,
   * to `onLate`. Without it, the provider takes as long as its own timeout allows.
   */
  budgetMs?: number;
  /** Receives the provider's synopsis when it arrives after `budgetMs` (e.g. to cache it). */
  onLate?: (synopsis: Synopsis) => void;
}

/** A model that writes a synopsis. `rules` is the embedded default; others plug in here. */
export interface ModelProvider {
  readonly info: ModelInfo;
  /** A language model's rewriting of the patient page's sentences, where one is configured. */
  readonly plainRewriter?: PlainRewriter;
  summarise(record: PatientRecord, ctx: SummariseContext): Promise<Synopsis>;
}
