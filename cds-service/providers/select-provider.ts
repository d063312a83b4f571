/**
 * Picks the model provider from configuration: the embedded engine unless MODEL_PROVIDER says
 * `openai-compatible`. Also says how long a hook call may wait for the model.
 */
import type { ModelConfig } from '../config';
import type { Logger } from '../log';
import { createOpenAiCompatibleProvider } from './openai-compatible';
import type { ModelProvider } from './provider';
import { createRulesProvider } from './rules';

export interface SelectedProvider {
  provider: ModelProvider;
  /** The hook's wait for the model; undefined for the engine, which answers at once. */
  hookBudgetMs: number | undefined;
}

export function selectProvider(
  model: ModelConfig,
  logger: Logger,
  fetchImpl?: typeof fetch,
): SelectedProvider {
  if (model.provider === 'rules')
    return { provider: createRulesProvider(), hookBudgetMs: undefined };
  const local = /^(localhost|127\.|\[::1\])/.test(new URL(model.baseUrl).hostname);
  if (new URL(model.baseUrl).protocol === 'http:' && !local) {
    logger.warn(
      'MODEL_BASE_URL is plain http to another host: de-identified record facts would travel unencrypted. Use https.',
    );
  }
  logger.info('model provider', {
    provider: model.provider,
    style: model.style,
    model: model.name,
    hookBudgetMs: model.hookBudgetMs,
  });
  return {
    provider: createOpenAiCompatibleProvider({
      endpoint: {
        style: model.style,
        baseUrl: model.baseUrl,
        model: model.name,
        apiKey: model.apiKey,
        apiVersion: model.apiVersion,
        azureDeployment: model.azureDeployment,
        temperature: model.temperature,
      },
      logger,
      timeoutMs: model.timeoutMs,
      maxRetries: model.maxRetries,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
    hookBudgetMs: model.hookBudgetMs,
  };
}
