import type { ModelConfig } from '../../cds-service/config';

/** The service configured for the OpenAI-compatible mock model server listening at `modelUrl`. */
export const mockModelConfig = (
  modelUrl: string,
  options: { hookBudgetMs: number; maxRetries: number },
): ModelConfig => ({
  provider: 'openai-compatible',
  style: 'openai',
  baseUrl: `${modelUrl}/v1`,
  name: 'mock-gpt',
  apiKey: undefined,
  apiVersion: '2024-10-21',
  azureDeployment: undefined,
  temperature: undefined,
  timeoutMs: 5000,
  ...options,
});
