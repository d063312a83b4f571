import { ENGINE_INFO, runEngine } from '../synopsis/engine';
import type { ModelProvider } from './provider';

/** The embedded deterministic engine as a provider: offline, reproducible, the default. */
export function createRulesProvider(): ModelProvider {
  return {
    info: { ...ENGINE_INFO },
    summarise: (record, { now }) => Promise.resolve(runEngine(record, now)),
  };
}
