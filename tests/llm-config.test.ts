import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../cds-service/config';
import { composeService } from '../cds-service/compose';
import { createMemoryLogger } from '../cds-service/log';

const base = { CDS_AUTH: 'off' };

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('model configuration', () => {
  it('keeps the embedded engine when nothing, or only a key, is configured', () => {
    expect(loadConfig(base).model).toEqual({ provider: 'rules' });
    expect(loadConfig({ ...base, MODEL_API_KEY: 'sk-test', MODEL_NAME: 'gpt-4o' }).model).toEqual({
      provider: 'rules',
    });
    const { provider } = composeService(loadConfig(base), createMemoryLogger());
    expect(provider.info.provider).toBe('rules');
  });

  it.each([
    [{ MODEL_PROVIDER: 'openai-compatible' }, ['MODEL_BASE_URL', 'MODEL_NAME']],
    [
      {
        MODEL_PROVIDER: 'openai-compatible',
        MODEL_API_STYLE: 'azure',
        MODEL_BASE_URL: 'https://res.openai.azure.com',
        MODEL_NAME: 'gpt-4o',
      },
      ['MODEL_API_KEY'],
    ],
    [{ MODEL_PROVIDER: 'gpt' }, ['MODEL_PROVIDER']],
    [{ MODEL_HOOK_BUDGET_MS: '20' }, ['MODEL_HOOK_BUDGET_MS']],
  ])('refuses %j, naming %j', (env, names) => {
    const problems = problemsOf(env);
    for (const name of names) expect(problems.join('\n')).toContain(name);
  });

  it('reads an Azure OpenAI deployment with its api-version', () => {
    const model = loadConfig({
      ...base,
      MODEL_PROVIDER: 'openai-compatible',
      MODEL_API_STYLE: 'azure',
      MODEL_BASE_URL: 'https://res.openai.azure.com',
      MODEL_NAME: 'gpt-4o',
      MODEL_AZURE_DEPLOYMENT: 'synopsis',
      MODEL_API_VERSION: '2024-10-21',
      MODEL_API_KEY: 'azure-key',
    }).model;
    expect(model).toMatchObject({
      provider: 'openai-compatible',
      style: 'azure',
      azureDeployment: 'synopsis',
      apiVersion: '2024-10-21',
      hookBudgetMs: 1500,
      timeoutMs: 20_000,
    });
  });

  it('never logs the API key', () => {
    const logger = createMemoryLogger();
    composeService(
      loadConfig({
        ...base,
        MODEL_PROVIDER: 'openai-compatible',
        MODEL_BASE_URL: 'http://127.0.0.1:11434/v1',
        MODEL_NAME: 'llama3.1',
        MODEL_API_KEY: 'secret-key-value',
      }),
      logger,
    );
    expect(logger.lines.join('\n')).toContain('llama3.1');
    expect(logger.lines.join('\n')).not.toContain('secret-key-value');
  });
});
