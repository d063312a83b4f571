/**
 * One Chat Completions call with structured output, through the official `openai` client: plain
 * OpenAI-compatible endpoints (OpenAI, vLLM, Ollama, Azure AI Foundry's `/openai/v1`) or Azure
 * OpenAI's deployment style (`api-key` header, `/openai/deployments/{name}`, `api-version`).
 * Every option is passed explicitly so that the client reads nothing from the environment, and its
 * own retries and logging are off: retries are ours (`retry.ts`), and its logs could hold prompts.
 */
import OpenAI, {
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AzureOpenAI,
} from 'openai';
import { MODEL_ANSWER_SCHEMA_NAME, modelAnswerJsonSchema } from './model-answer';
import type { ChatMessage } from './prompt';
import { ModelCallError, parseRetryAfter } from './retry';
import { trimTrailing } from '../text';

export interface ChatEndpoint {
  style: 'openai' | 'azure';
  /** OpenAI style: the API base (`https://api.openai.com/v1`); Azure: the resource endpoint. */
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  /** Azure style: the deployment name (default: the model name). */
  azureDeployment?: string | undefined;
  /** Azure style: the `api-version` query parameter. */
  apiVersion?: string | undefined;
  temperature?: number | undefined;
}

/** The JSON schema the answer must follow (structured output), by name. */
export interface AnswerFormat {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatClient {
  /**
   * The message content of the first choice; '' when the model returned none (a refusal). The
   * answer follows `format` (default: the synopsis model answer).
   */
  complete(
    messages: ChatMessage[],
    options: { signal: AbortSignal; timeoutMs: number; format?: AnswerFormat },
  ): Promise<string>;
}

export function createChatClient(endpoint: ChatEndpoint, fetchImpl?: typeof fetch): ChatClient {
  const common = {
    // Local servers (vLLM, Ollama) need no key, but the client insists on one.
    apiKey: endpoint.apiKey ?? 'unused',
    maxRetries: 0,
    logLevel: 'off' as const,
    organization: null,
    project: null,
    webhookSecret: null,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
  const client =
    endpoint.style === 'azure'
      ? new AzureOpenAI({
          ...common,
          baseURL: `${trimTrailing(endpoint.baseUrl, '/')}/openai`,
          apiVersion: endpoint.apiVersion ?? '2024-10-21',
          deployment: endpoint.azureDeployment ?? endpoint.model,
        })
      : new OpenAI({ ...common, baseURL: endpoint.baseUrl });
  const modelAnswer: AnswerFormat = {
    name: MODEL_ANSWER_SCHEMA_NAME,
    schema: modelAnswerJsonSchema(),
  };
  return {
    async complete(messages, { signal, timeoutMs, format = modelAnswer }) {
      try {
        const completion = await client.chat.completions.create(
          {
            model: endpoint.model,
            messages,
            response_format: {
              type: 'json_schema',
              json_schema: { name: format.name, schema: format.schema, strict: true },
            },
            ...(endpoint.temperature === undefined ? {} : { temperature: endpoint.temperature }),
          },
          { signal, timeout: timeoutMs, maxRetries: 0 },
        );
        return completion.choices[0]?.message.content ?? '';
      } catch (err) {
        throw toCallError(err);
      }
    },
  };
}

function toCallError(err: unknown): ModelCallError {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) {
    return new ModelCallError('timeout');
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const headers = err.headers as Headers | undefined;
    const retryAfterMs =
      parseMs(headers?.get('retry-after-ms')) ??
      parseRetryAfter(headers?.get('retry-after'), Date.now());
    return new ModelCallError('http', err.status, retryAfterMs);
  }
  if (err instanceof APIError) return new ModelCallError('network');
  // A body that is not a chat completion at all (an HTML error page, a proxy's text).
  return new ModelCallError('network');
}

/** `retry-after-ms`, which OpenAI and Azure send beside `retry-after`, is more precise. */
function parseMs(value: string | null | undefined): number | undefined {
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.round(Number(value));
}
