/**
 * Asks the language model to rewrite the patient page's fixed sentences for reading ease. Only the
 * product's own sentences are sent (templates and knowledge-base text, never a record's words, a
 * date or a value), so no patient data leaves the service. The caller checks every rewrite
 * against the patient-facing boundary (`plain-language/rewrite.ts`); a rewrite is remembered per
 * sentence, so a sentence costs one call per model and process.
 */
import { z } from 'zod';
import type { Logger } from '../log';
import type { AnswerFormat, ChatClient } from './chat-client';
import type { ChatMessage } from './prompt';

export const PLAIN_REWRITE_SCHEMA_NAME = 'plain_rewrite';

const RewriteAnswer = z.object({ rewrites: z.array(z.string()) });

const FORMAT: AnswerFormat = {
  name: PLAIN_REWRITE_SCHEMA_NAME,
  schema: {
    type: 'object',
    properties: { rewrites: { type: 'array', items: { type: 'string' } } },
    required: ['rewrites'],
    additionalProperties: false,
  },
};

const INSTRUCTIONS = [
  'You rewrite sentences that a patient portal shows to patients about their own health record.',
  'Rewrite each sentence so that someone with a US grade 6 reading level understands it.',
  'Keep the meaning exactly. Add no fact, no diagnosis, no advice and no instruction about medicines.',
  'Keep every number as it is. If a sentence is already plain, return it unchanged.',
  'Answer with JSON: {"rewrites": [...]}, one string per input sentence, in the same order.',
].join(' ');

/** Most sentences sent in one call: a long list invites the model to drop or merge some. */
const BATCH = 40;

/**
 * After a failed call, the page is answered with its templates for this long without asking the
 * model again: while the model is slow or down, each page would otherwise wait out its timeout.
 */
export const REWRITE_COOLDOWN_MS = 60_000;

export interface PlainRewriter {
  /** The rewrite of each sentence, in order; the sentence itself where the model gave none. */
  rewrite(sentences: readonly string[], signal: AbortSignal): Promise<string[]>;
}

export function createPlainRewriter(options: {
  client: ChatClient;
  model: string;
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
}): PlainRewriter {
  const now = options.now ?? Date.now;
  const known = new Map<string, string>();
  let coolingUntil = 0;
  return {
    async rewrite(sentences, signal) {
      const missing = [...new Set(sentences.filter((s) => !known.has(s)))];
      if (missing.length > 0 && now() < coolingUntil) throw new Error('model cooling down');
      for (let i = 0; i < missing.length; i += BATCH) {
        const batch = missing.slice(i, i + BATCH);
        const messages: ChatMessage[] = [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: JSON.stringify({ sentences: batch }) },
        ];
        let content: string;
        try {
          content = await options.client.complete(messages, {
            signal,
            timeoutMs: options.timeoutMs,
            format: FORMAT,
          });
        } catch (err) {
          coolingUntil = now() + REWRITE_COOLDOWN_MS;
          throw err;
        }
        const answer = RewriteAnswer.safeParse(parseJson(content));
        // One rewrite per sentence, or none of them: a shifted list would pair the wrong ones.
        if (!answer.success || answer.data.rewrites.length !== batch.length) {
          options.logger.warn('plain rewrite refused', { model: options.model, reason: 'shape' });
          for (const s of batch) known.set(s, s);
          continue;
        }
        batch.forEach((s, j) => known.set(s, answer.data.rewrites[j] ?? s));
      }
      return sentences.map((s) => known.get(s) ?? s);
    },
  };
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}
