/**
 * The `openai-compatible` provider: hybrid by design. The embedded engine runs first; its facts,
 * de-identified and pseudonymised, are what the language model reads; the model writes the
 * one-liner and its own differential; the answer is grounded (`ground.ts`) and merged into the
 * engine's synopsis. Any failure (timeout, HTTP error, open circuit, an answer that fails
 * validation) yields the engine's synopsis, with a data-quality note saying why.
 */
import { createMemorySynopsisCache, recordHash } from '../cache/synopsis-cache';
import type { ModelInfo, Synopsis } from '../contract/synopsis';
import type { PatientRecord } from '../fhir/facts';
import { sha256 } from '../hash';
import { errorKind, type Logger } from '../log';
import { ENGINE_INFO, runEngine } from '../synopsis/engine';
import { createChatClient, type ChatClient, type ChatEndpoint } from './chat-client';
import { createCircuitBreaker, type BreakerState } from './circuit-breaker';
import { groundAnswer } from './ground';
import { createPlainRewriter } from './plain-rewrite';
import { buildModelFacts } from './model-facts';
import { buildMessages, PROMPT_VERSION } from './prompt';
import type { ModelProvider, SummariseContext } from './provider';
import { createPseudonyms } from './pseudonyms';
import { ModelCallError, withRetry } from './retry';

export const OPENAI_COMPATIBLE = 'openai-compatible';

export interface OpenAiCompatibleOptions {
  endpoint: ChatEndpoint;
  logger: Logger;
  /** Longest a model answer may take, retries included; after it the engine's synopsis stands. */
  timeoutMs: number;
  maxRetries: number;
  fetch?: typeof fetch;
  /** A ready client instead of one built from `endpoint` (tests). */
  client?: ChatClient;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  breaker?: { failureThreshold: number; cooldownMs: number };
  answerCache?: { maxEntries: number; ttlMs: number };
}

/** Why the engine's synopsis was used instead of the model's; said in the synopsis. */
type FallbackReason =
  | 'circuit-open'
  | 'timeout'
  | 'http'
  | 'network'
  | 'malformed-json'
  | 'schema'
  | 'ungrounded'
  | 'contract'
  | 'budget'
  | 'aborted'
  | 'internal';

type Outcome = { ok: true; synopsis: Synopsis } | { ok: false; reason: FallbackReason };

export interface OpenAiCompatibleProvider extends ModelProvider {
  breakerState(): BreakerState;
}

export function createOpenAiCompatibleProvider(
  options: OpenAiCompatibleOptions,
): OpenAiCompatibleProvider {
  const { endpoint, logger } = options;
  const info: ModelInfo = {
    provider: OPENAI_COMPATIBLE,
    name: endpoint.model,
    // The hook and panel caches key on this: a new prompt or engine never reuses an old answer.
    version: `prompt-${PROMPT_VERSION}+engine-${ENGINE_INFO.version}`,
    knowledgeBaseVersion: ENGINE_INFO.knowledgeBaseVersion,
  };
  const client = options.client ?? createChatClient(endpoint, options.fetch);
  const breaker = createCircuitBreaker({
    failureThreshold: options.breaker?.failureThreshold ?? 5,
    cooldownMs: options.breaker?.cooldownMs ?? 30_000,
    onChange: (state) => {
      logger.warn('model circuit breaker', { state, model: endpoint.model });
    },
  });
  const answers = createMemorySynopsisCache({
    maxEntries: options.answerCache?.maxEntries ?? 500,
    ttlMs: options.answerCache?.ttlMs ?? 60 * 60_000,
  });
  /** Calls under way, by answer key: a panel opening while the hook's call runs joins it. */
  const inFlight = new Map<string, Promise<Outcome>>();

  async function ask(record: PatientRecord, engine: Synopsis, now: Date): Promise<Outcome> {
    if (!breaker.allow()) return { ok: false, reason: 'circuit-open' };
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const pseudonyms = createPseudonyms();
    const { facts, withheld } = buildModelFacts(record, engine, pseudonyms, now);
    const messages = buildMessages(facts);
    const signal = AbortSignal.timeout(options.timeoutMs);
    let attempts = 0;
    let content: string;
    try {
      content = await withRetry(
        () => {
          attempts++;
          return client.complete(messages, {
            signal,
            timeoutMs: Math.max(1, deadline - Date.now()),
          });
        },
        {
          maxRetries: options.maxRetries,
          baseDelayMs: options.retry?.baseDelayMs ?? 250,
          maxDelayMs: options.retry?.maxDelayMs ?? 4000,
          deadline,
          signal,
        },
      );
    } catch (err) {
      breaker.failure();
      const e = err instanceof ModelCallError ? err : new ModelCallError('network');
      logger.warn('model call failed', {
        model: endpoint.model,
        kind: e.kind,
        status: e.status,
        attempts,
        ms: Date.now() - started,
      });
      return { ok: false, reason: e.kind };
    }
    // The endpoint answered: a bad answer is the model's fault, not the endpoint's health.
    breaker.success();
    const grounded = groundAnswer(content, { record, engine, pseudonyms, info });
    logger.info('model answer', {
      model: endpoint.model,
      outcome: grounded.ok ? 'used' : grounded.reason,
      dropped: grounded.ok ? grounded.dropped : null,
      kept: grounded.ok ? grounded.kept : null,
      withheld,
      attempts,
      ms: Date.now() - started,
    });
    if (!grounded.ok) return grounded;
    const synopsis = {
      ...grounded.synopsis,
      dataQuality:
        withheld > 0
          ? [
              ...grounded.synopsis.dataQuality,
              `${String(withheld)} record text${withheld === 1 ? '' : 's'} that read like instructions ${withheld === 1 ? 'was' : 'were'} withheld from the model.`,
            ]
          : grounded.synopsis.dataQuality,
    };
    return { ok: true, synopsis };
  }

  function answerFor(
    record: PatientRecord,
    engine: Synopsis,
    ctx: SummariseContext,
  ): Promise<Outcome> {
    const now = ctx.now;
    const key = answerKey(record, ctx.tenant, endpoint.model, now);
    const running = inFlight.get(key);
    if (running) return running;
    const promise = (async (): Promise<Outcome> => {
      const hit = await answers.get(key);
      if (hit) return { ok: true, synopsis: hit };
      const outcome = await ask(record, engine, now);
      if (outcome.ok) await answers.set(key, outcome.synopsis);
      return outcome;
    })()
      .catch((err: unknown): Outcome => {
        logger.error('model synopsis failed', { error: errorKind(err) });
        return { ok: false, reason: 'internal' };
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  return {
    info,
    plainRewriter: createPlainRewriter({
      client,
      model: endpoint.model,
      timeoutMs: options.timeoutMs,
      logger,
    }),
    breakerState: () => breaker.state(),
    async summarise(record: PatientRecord, ctx: SummariseContext): Promise<Synopsis> {
      const started = Date.now();
      const engine = runEngine(record, ctx.now);
      const answer = answerFor(record, engine, ctx);
      // The budget runs from the call, so the engine and hashing above count against it.
      const outcome = await within(
        answer,
        ctx.budgetMs === undefined
          ? ctx
          : { ...ctx, budgetMs: Math.max(0, ctx.budgetMs - (Date.now() - started)) },
      );
      if (outcome === 'budget' && ctx.onLate) {
        const deliver = ctx.onLate;
        // A throwing callback must not become an unhandled rejection (which ends the process).
        answer
          .then((late) => {
            if (late.ok) deliver(late.synopsis);
          })
          .catch((err: unknown) => {
            logger.error('late model synopsis not delivered', { error: errorKind(err) });
          });
      }
      if (typeof outcome === 'string') return fallback(engine, outcome);
      if (!outcome.ok) return fallback(engine, outcome.reason);
      // A copy: the answer cache keeps the original, which callers must not be able to change.
      return { ...outcome.synopsis, dataQuality: [...outcome.synopsis.dataQuality] };
    },
  };
}

/** The answer, or 'budget' / 'aborted' when the caller stops waiting first. */
function within(
  answer: Promise<Outcome>,
  ctx: SummariseContext,
): Promise<Outcome | 'budget' | 'aborted'> {
  if (ctx.budgetMs === undefined && !ctx.signal) return answer;
  return new Promise((resolve) => {
    const timer =
      ctx.budgetMs === undefined
        ? undefined
        : setTimeout(() => {
            finish('budget');
          }, ctx.budgetMs);
    const onAbort = (): void => {
      finish('aborted');
    };
    function finish(result: Outcome | 'budget' | 'aborted'): void {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    }
    if (ctx.signal?.aborted) {
      finish('aborted');
      return;
    }
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    void answer.then(finish);
  });
}

const FALLBACK_NOTE: Record<FallbackReason, string> = {
  'circuit-open': 'the language model is paused after repeated failures',
  timeout: 'the language model did not answer in time',
  http: 'the language model service returned an error',
  network: 'the language model service could not be reached',
  'malformed-json': "the language model's answer was not valid JSON",
  schema: "the language model's answer did not match the synopsis schema",
  ungrounded: "none of the language model's statements cited the record correctly",
  contract: "the language model's answer did not fit the synopsis contract",
  budget: "the language model had not answered within this call's time budget",
  aborted: 'the request was cancelled before the language model answered',
  internal: 'an internal error stopped the language model synopsis',
};

function fallback(engine: Synopsis, reason: FallbackReason): Synopsis {
  return {
    ...engine,
    dataQuality: [
      ...engine.dataQuality,
      `This is the embedded engine's synopsis: ${FALLBACK_NOTE[reason]}.`,
    ],
  };
}

/**
 * The answer cache key: the tenant (one EHR never gets an answer another's call put there), record
 * hash, model and prompt version, and the clinical day (the facts sent say "3 days ago", so they
 * change with the date).
 */
const answerKey = (
  record: PatientRecord,
  tenant: string | undefined,
  model: string,
  now: Date,
): string =>
  sha256(
    JSON.stringify([
      tenant ?? null,
      recordHash(record),
      model,
      PROMPT_VERSION,
      ENGINE_INFO.version,
      now.toISOString().slice(0, 10),
    ]),
  );
