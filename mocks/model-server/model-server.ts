/**
 * An OpenAI-compatible mock model server for development and tests: Chat Completions at
 * `/v1/chat/completions` (OpenAI, vLLM, Ollama style) and at
 * `/openai/deployments/{deployment}/chat/completions?api-version=...` (Azure OpenAI style).
 * Each test scripts the replies (a good answer, raw content such as malformed JSON, an HTTP status
 * with `Retry-After`, a delay) and reads back every request it received, headers and body.
 */
import express, { type Request, type Response } from 'express';
import { PLAIN_REWRITE_SCHEMA_NAME } from '../../cds-service/providers/plain-rewrite';
import { factsOf, goodAnswer, type MockFacts } from './good-answer';

export type Reply =
  /** An answer derived from the facts sent, well grounded. */
  | { kind: 'good'; delayMs?: number }
  /** Any answer object, built from the facts sent (e.g. citing refs that do not exist). */
  | { kind: 'answer'; build: (facts: MockFacts) => unknown; delayMs?: number }
  /** The message content verbatim (e.g. malformed JSON). */
  | { kind: 'content'; content: string; delayMs?: number }
  /** For a plain-language rewrite request: the rewrites of the sentences sent. */
  | { kind: 'rewrite'; build: (sentences: string[]) => unknown; delayMs?: number }
  /** An HTTP error, with `Retry-After` when given. */
  | { kind: 'status'; status: number; retryAfter?: string; delayMs?: number };

export interface ReceivedRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The raw request body, exactly as it arrived. */
  raw: string;
  body: unknown;
  /** Epoch ms when the request arrived. */
  at: number;
}

export interface MockModelServer {
  app: express.Express;
  /** Replies for the next requests, in order; after them, `otherwise`. */
  script(...replies: Reply[]): void;
  /** The reply once the script is used up (default: a good answer). */
  otherwise: Reply;
  received: ReceivedRequest[];
  reset(): void;
}

export interface MockModelOptions {
  /** When set, requests must carry it as `Authorization: Bearer` or `api-key`; else 401. */
  apiKey?: string;
}

export function createMockModelServer(options: MockModelOptions = {}): MockModelServer {
  const queue: Reply[] = [];
  const received: ReceivedRequest[] = [];
  let served = 0;
  const app = express();
  app.use(express.text({ type: '*/*', limit: '20mb' }));

  const handle = (req: Request, res: Response): void => {
    const raw = typeof req.body === 'string' ? req.body : '';
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    received.push({
      path: req.path,
      query: Object.fromEntries(
        Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      headers: Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      raw,
      body,
      at: Date.now(),
    });
    if (options.apiKey !== undefined) {
      const given = req.get('api-key') ?? req.get('authorization')?.replace(/^Bearer /i, '');
      if (given !== options.apiKey) {
        res
          .status(401)
          .json({ error: { message: 'Invalid API key', type: 'invalid_request_error' } });
        return;
      }
    }
    const reply = queue.shift() ?? server.otherwise;
    const timer = setTimeout(() => {
      send(reply, body, res);
    }, reply.delayMs ?? 0);
    // A client that gave up (its time budget ran out) cancels the pending reply.
    res.on('close', () => {
      clearTimeout(timer);
    });
  };

  const send = (reply: Reply, body: unknown, res: Response): void => {
    if (res.writableEnded || res.destroyed) return;
    if (reply.kind === 'status') {
      if (reply.retryAfter !== undefined) res.set('retry-after', reply.retryAfter);
      res
        .status(reply.status)
        .json({ error: { message: `mock status ${String(reply.status)}`, type: 'server_error' } });
      return;
    }
    let content: string;
    const sentences = rewriteRequest(body);
    if (reply.kind === 'content') {
      content = reply.content;
    } else if (sentences) {
      // The patient page's rewrite request: by default, a plain edit of each sentence.
      content = JSON.stringify({
        rewrites: reply.kind === 'rewrite' ? reply.build(sentences) : sentences.map(goodRewrite),
      });
    } else if (reply.kind === 'rewrite') {
      res
        .status(400)
        .json({ error: { message: 'not a rewrite request', type: 'invalid_request_error' } });
      return;
    } else {
      const facts = factsOf(body);
      if (!facts) {
        res.status(400).json({
          error: { message: 'no record-data in the user message', type: 'invalid_request_error' },
        });
        return;
      }
      content = JSON.stringify(reply.kind === 'good' ? goodAnswer(facts) : reply.build(facts));
    }
    served++;
    const model =
      typeof body === 'object' && body !== null && 'model' in body && typeof body.model === 'string'
        ? body.model
        : 'mock-model';
    res.json({
      id: `chatcmpl-mock-${String(served)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    });
  };

  app.post(['/v1/chat/completions', '/chat/completions'], handle);
  app.post('/openai/deployments/:deployment/chat/completions', handle);

  const server: MockModelServer = {
    app,
    script: (...replies) => {
      queue.push(...replies);
    },
    otherwise: { kind: 'good' },
    received,
    reset: () => {
      queue.length = 0;
      received.length = 0;
      server.otherwise = { kind: 'good' };
    },
  };
  return server;
}

/** The sentences of a plain-language rewrite request (structured output `plain_rewrite`). */
function rewriteRequest(body: unknown): string[] | undefined {
  const b = body as {
    response_format?: { json_schema?: { name?: string } };
    messages?: { role: string; content: string }[];
  };
  if (b.response_format?.json_schema?.name !== PLAIN_REWRITE_SCHEMA_NAME) return undefined;
  const user = b.messages?.find((m) => m.role === 'user')?.content ?? '{}';
  let parsed: { sentences?: unknown };
  try {
    parsed = JSON.parse(user) as { sentences?: unknown };
  } catch {
    // Not JSON: answered as a request with no sentences, never a crash of the mock.
    return [];
  }
  return Array.isArray(parsed.sentences) ? parsed.sentences.map(String) : [];
}

/** A rewrite that keeps the meaning: "usual range" in everyday words. */
export const goodRewrite = (s: string): string => s.replace(/\busual range\b/g, 'normal range');
