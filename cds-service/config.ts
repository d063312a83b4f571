/**
 * Configuration, parsed once from the environment at start-up. Nothing else reads `process.env`.
 * A bad value stops the process with a list of what is wrong.
 */
import { z } from 'zod';

const boolish = z.enum(['on', 'off']);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CDS_AUTH: boolish.default('on'),
  CDS_CLIENTS_FILE: z.string().optional(),
  CDS_MAX_CARDS: z.coerce.number().int().min(1).max(20).default(3),
  CDS_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 5mb or 500kb')
    .default('10mb'),
  PUBLIC_URL: z.url().optional(),
  PANEL_LAUNCH_URL: z.url().optional(),
});

export interface Config {
  port: number;
  host: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  auth: boolean;
  clientsFile: string | undefined;
  maxCards: number;
  bodyLimit: string;
  /** The service's own public base URL, used where an absolute URL must name it. */
  publicUrl: string | undefined;
  /** Where the SMART panel's launch page lives, for the card's smart link. */
  panelLaunchUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    auth: e.CDS_AUTH === 'on',
    clientsFile: e.CDS_CLIENTS_FILE,
    maxCards: e.CDS_MAX_CARDS,
    bodyLimit: e.CDS_BODY_LIMIT,
    publicUrl: e.PUBLIC_URL,
    panelLaunchUrl: e.PANEL_LAUNCH_URL,
  };
}

/** Defaults for tests and embedding: the same shape as `loadConfig({})`. */
export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({}),
  ...overrides,
});
