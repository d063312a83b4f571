/**
 * Record to synopsis, once for the hook and the panel: gather (what the caller has, completed from
 * the FHIR server) -> normalise -> hash -> cache lookup -> model -> cache write, with a late model
 * answer replacing the fallback in the cache. The callers only decide where the data comes from,
 * whether an earlier synopsis may be reused, and what to do with the answer.
 */
import { recordHash, synopsisCacheKey, type SynopsisCache } from '../cache/synopsis-cache';
import type { Synopsis } from '../contract/synopsis';
import type { FhirClient } from '../fhir-client/fhir-client';
import { normalise } from '../fhir/record';
import { sha256 } from '../hash';
import type { Logger } from '../log';
import type { ModelProvider } from '../providers/provider';
import { completePrefetch, completionNotes, type PrefetchCompletion } from './complete-prefetch';

/**
 * What the engine reads, as prefetch templates (spec: "Prefetch Template"). The EHR fills the
 * `{{context.patientId}}` token; a key it cannot fill arrives absent or null and is fetched here.
 */
export const PATIENT_VIEW_PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}&_count=500',
  // US Core puts smoking status, pack-years and the quit date under social-history, and ECG
  // measurements such as the QTc under procedure (clinical-test in US Core 5): all are read.
  observations:
    'Observation?patient={{context.patientId}}&category=laboratory,vital-signs,survey,social-history,procedure,clinical-test&_sort=-date&_count=1000',
  // The Medication a request references comes along (US Core: servers support this _include).
  medications:
    'MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication&_count=500',
  allergies: 'AllergyIntolerance?patient={{context.patientId}}',
  procedures: 'Procedure?patient={{context.patientId}}&_sort=-date&_count=500',
  immunizations: 'Immunization?patient={{context.patientId}}&_count=200',
  // Orders placed, awaiting signature or done: an order already placed answers its care gap.
  orders: 'ServiceRequest?patient={{context.patientId}}&status=active,draft,completed&_count=500',
} as const satisfies Record<string, string>;

export interface PipelineDeps {
  provider: ModelProvider;
  cache: SynopsisCache;
  logger: Logger;
  now: () => Date;
}

export interface PipelineRequest {
  patientId: string;
  /** What the caller already has (the EHR's prefetch, or the Patient the panel read). */
  prefetch: Record<string, unknown> | undefined;
  /** Where to fetch what is missing; undefined: use what is there. */
  client: FhirClient | undefined;
  /**
   * Where the synopsis may be kept and found: a FHIR server the tenants are trusted for, the
   * first tenant the one it is computed for. Undefined: neither kept nor looked up.
   */
  cacheScope: { fhirServer: string; tenants: readonly (string | undefined)[] } | undefined;
  /** The verified EHR issuer the synopsis is computed for (undefined with CDS_AUTH=off). */
  tenant: string | undefined;
  /** Look for a synopsis already computed from exactly this record first (the panel does). */
  reuse: boolean;
  /** How long to wait for a slow model before the engine's synopsis stands (the hook's budget). */
  modelBudgetMs?: number | undefined;
  /** Checked on the gathered data before anything is computed; throws to refuse the call. */
  accept?: (completion: PrefetchCompletion) => void;
}

export interface PipelineResult {
  completion: PrefetchCompletion;
  synopsis: Synopsis;
  /** True when a synopsis computed earlier from the same record was reused. */
  cached: boolean;
  /**
   * The hashes for the audit trail. Without `reuse` the record is hashed here, after the caller
   * has answered, and the cache write (queued until then) goes ahead.
   */
  finish: () => { inputHash: string; outputHash: string };
}

export async function runPipeline(
  request: PipelineRequest,
  deps: PipelineDeps,
): Promise<PipelineResult> {
  const completion = await gather(request, deps.logger);
  request.accept?.(completion);
  const now = deps.now();
  const record = normalise(completion.data, request.patientId, now);
  const notes = completionNotes(completion);
  const withNotes = (s: Synopsis): Synopsis => ({
    ...s,
    dataQuality: [...s.dataQuality, ...notes],
  });
  const scope = request.cacheScope;
  const keysFor = (hash: string): string[] =>
    (scope?.tenants ?? []).map((tenant) =>
      synopsisCacheKey({
        tenant,
        fhirServer: scope?.fhirServer ?? '',
        patientId: request.patientId,
        recordHash: hash,
        model: deps.provider.info,
      }),
    );

  let hash: string | undefined;
  if (request.reuse) {
    hash = recordHash(record);
    for (const key of keysFor(hash)) {
      const hit = await deps.cache.get(key).catch(() => undefined);
      if (hit) return { completion, synopsis: hit, cached: true, finish: hashes(hash, hit) };
    }
  }

  // The write waits for the key (the record hash), and writes run in order, so that a model
  // answer arriving after the budget replaces the fallback.
  const writer = orderedWrites(deps.cache, deps.logger);
  let late: Synopsis | undefined;
  const synopsis = withNotes(
    await deps.provider.summarise(record, {
      now,
      tenant: request.tenant,
      ...(request.modelBudgetMs === undefined ? {} : { budgetMs: request.modelBudgetMs }),
      onLate: (s) => {
        late = withNotes(s);
        writer.write(late);
      },
    }),
  );
  // A late answer already stored is better than the fallback the caller answers with.
  if (!late) writer.write(synopsis);
  const keyOf = (h: string): string | undefined => keysFor(h)[0];
  if (hash !== undefined) writer.keyReady(keyOf(hash));
  return {
    completion,
    synopsis,
    cached: false,
    finish: () => {
      hash ??= recordHash(record);
      writer.keyReady(keyOf(hash));
      return hashes(hash, synopsis)();
    },
  };
}

const hashes = (inputHash: string, synopsis: Synopsis) => () => ({
  inputHash,
  outputHash: sha256(JSON.stringify(synopsis)),
});

/** Cache writes queued in order until the key is known; `keyReady(undefined)`: none happen. */
function orderedWrites(cache: SynopsisCache, logger: Logger) {
  let resolveKey: (key: string | undefined) => void = () => undefined;
  const key = new Promise<string | undefined>((resolve) => {
    resolveKey = resolve;
  });
  let writes = Promise.resolve();
  return {
    write(s: Synopsis): void {
      writes = writes
        .then(async () => {
          const k = await key;
          if (k !== undefined) await cache.set(k, s);
        })
        .catch(() => {
          logger.warn('synopsis cache write failed');
        });
    },
    keyReady: (k: string | undefined): void => {
      resolveKey(k);
    },
  };
}

async function gather(request: PipelineRequest, logger: Logger): Promise<PrefetchCompletion> {
  const started = Date.now();
  const completion = await completePrefetch(
    PATIENT_VIEW_PREFETCH,
    request.prefetch,
    { patientId: request.patientId },
    request.client,
  );
  if (request.client && completion.fetched.length + completion.failed.length > 0) {
    logger.info('prefetch completed from fhir server', {
      fetched: completion.fetched.length,
      failed: completion.failed.length,
      partial: completion.partial,
      ms: Date.now() - started,
    });
  }
  return completion;
}
