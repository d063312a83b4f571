import type { ModelInfo, Synopsis } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/record';

export interface SummariseContext {
  now: Date;
  /** Aborted when the caller's time budget runs out. */
  signal?: AbortSignal;
}

/** A model that writes a synopsis. `rules` is the embedded default; others plug in here. */
export interface ModelProvider {
  readonly info: ModelInfo;
  summarise(record: PatientRecord, ctx: SummariseContext): Promise<Synopsis>;
}
