/**
 * Configuration, parsed once from the environment at start-up. Nothing else reads `process.env`.
 * A bad value stops the process with a list of what is wrong.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { trimTrailing } from './text';

const onOff = z.enum(['on', 'off']);

const MB = 1024 * 1024;
const UNIT_BYTES = { b: 1, kb: 1024, mb: MB } as const;

/** A size such as `10mb`, `500kb` or `2048b`, in bytes. */
const byteSize = z
  .string()
  .regex(/^\d+(?:b|kb|mb)$/i, 'a size such as 5mb or 500kb')
  .transform((s) => {
    const unit = s.replace(/^\d+/, '').toLowerCase() as keyof typeof UNIT_BYTES;
    return Number.parseInt(s, 10) * UNIT_BYTES[unit];
  });

/** A list of origins separated by commas or spaces. */
const parseList = (raw: string): string[] => raw.split(/[\s,]+/).filter(Boolean);
const httpUrl = z.url({ protocol: /^https?$/ });

/** A FHIR base URL as compared by the allowlist: no trailing slash, no query or fragment. */
export function normaliseBaseUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  return trimTrailing(u.toString(), '/');
}

const JwkSet = z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) });

/** One trusted EHR: its JWT issuer, its keys (inline or by URL) and the FHIR servers it may send. */
export const TrustedClient = z
  .object({
    iss: z.string().min(1),
    jwks: JwkSet.optional(),
    jwksUrl: httpUrl.optional(),
    fhirServers: z.array(httpUrl).default([]),
    /** Shadow mode for this EHR: everything runs and is audited, but no cards are returned. */
    shadow: z.boolean().default(false),
  })
  .refine((c) => (c.jwks === undefined) !== (c.jwksUrl === undefined), {
    message: 'give exactly one of jwks (inline keys) or jwksUrl',
  })
  .transform((c) => ({ ...c, fhirServers: c.fhirServers.map(normaliseBaseUrl) }));
export type TrustedClient = z.infer<typeof TrustedClient>;
export type TrustedClientInput = z.input<typeof TrustedClient>;

/** One CSP source: an origin, 'self', 'none' or *; never a `;` that would end the directive. */
const CSP_SOURCE = /^(?:'self'|'none'|\*|https?:\/\/[^\s;,']+)$/;

/** A CSP source list: sources separated by commas or spaces (tested one by one: linear). */
const cspSources = (example: string) =>
  z.string().refine((raw) => {
    const sources = parseList(raw);
    return sources.length > 0 && sources.every((s) => CSP_SOURCE.test(s));
  }, `origins such as ${example}`);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CDS_AUTH: onOff.default('on'),
  CDS_CLIENTS_FILE: z.string().optional(),
  CDS_MAX_CARDS: z.coerce.number().int().min(1).max(20).default(3),
  CDS_BODY_LIMIT: byteSize.default(10 * MB),
  CDS_BODY_BUDGET: byteSize.default(64 * MB),
  CDS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  CDS_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  CDS_HOOK_DEADLINE_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  CDS_FHIR_MAX_RESOURCES: z.coerce.number().int().min(100).max(100_000).default(20_000),
  CORS_ORIGINS: z.string().default('*'),
  CDS_SHADOW: onOff.default('off'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  ADMIN_TOKEN: z
    .string()
    .min(24, 'at least 24 characters')
    .refine((t) => !/change-?me/i.test(t), 'replace the placeholder with a long random token')
    .refine(
      (t) => new Set(t).size >= 8,
      'too guessable: use a random token (e.g. openssl rand -hex 32)',
    )
    .optional(),
  AUDIT_QUEUE_MAX: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  NODE_ENV: z.string().optional(),
  PUBLIC_URL: httpUrl.optional(),
  PANEL_LAUNCH_URL: httpUrl.optional(),
  PANEL_DIR: z.string().optional(),
  PANEL_DEADLINE_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  CDS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  PANEL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(300),
  PANEL_FAILED_PROOFS_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
  PANEL_FRAME_ANCESTORS: cspSources("https://ehr.example.org, 'self' or *").optional(),
  PANEL_CONNECT_SRC: cspSources('https://auth.example.org').optional(),
  MODEL_PROVIDER: z.enum(['rules', 'openai-compatible']).default('rules'),
  MODEL_API_STYLE: z.enum(['openai', 'azure']).default('openai'),
  MODEL_BASE_URL: httpUrl.optional(),
  MODEL_NAME: z.string().min(1).optional(),
  MODEL_API_KEY: z.string().min(1).optional(),
  MODEL_API_VERSION: z.string().min(1).default('2024-10-21'),
  MODEL_AZURE_DEPLOYMENT: z.string().min(1).optional(),
  MODEL_TEMPERATURE: z.coerce.number().min(0).max(2).optional(),
  MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  MODEL_HOOK_BUDGET_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
});

/** Which model writes the synopsis: the embedded engine, or an LLM behind a Chat Completions API. */
export type ModelConfig =
  | { provider: 'rules' }
  | {
      provider: 'openai-compatible';
      /** `azure`: api-key header, /openai/deployments/{deployment}, api-version query. */
      style: 'openai' | 'azure';
      baseUrl: string;
      name: string;
      apiKey: string | undefined;
      apiVersion: string;
      azureDeployment: string | undefined;
      temperature: number | undefined;
      /** Longest one synopsis may take from the model, retries included. */
      timeoutMs: number;
      maxRetries: number;
      /** How long a hook call waits for the model before answering with the engine's cards. */
      hookBudgetMs: number;
    };

export interface Config {
  port: number;
  host: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  auth: boolean;
  clients: TrustedClient[];
  maxCards: number;
  /** Largest hook request body, bytes. */
  bodyLimit: number;
  /** Bytes of request bodies held in memory at once across all requests; beyond it 503. */
  bodyBudget: number;
  /** Longest a whole request may take to arrive (slow senders are cut off with 408). */
  requestTimeoutMs: number;
  /** Longest a request's headers may take to arrive. */
  headersTimeoutMs: number;
  /** Hard deadline for fetching missing data from the EHR's FHIR server during a hook call. */
  hookDeadlineMs: number;
  /** Most resources one self-fetch may bring back; beyond it the service stops paging. */
  fhirMaxResources: number;
  /** Origins allowed by CORS: `*`, or an explicit list. */
  corsOrigins: '*' | string[];
  /** The service's public base URL (as EHRs call it); without it, taken from each request. */
  publicUrl: string | undefined;
  /** Where the SMART panel's launch page lives, for the summary card's smart link. */
  panelLaunchUrl: string | undefined;
  /** Shadow mode for every EHR (per EHR: `shadow` in the clients file). */
  shadow: boolean;
  /** PostgreSQL for the audit trail and feedback; undefined: embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Redis as the shared synopsis cache of several replicas; undefined: in-process cache. */
  redisUrl: string | undefined;
  /** Bearer token for `/admin/*` (report, audit export); undefined: those routes are off. */
  adminToken: string | undefined;
  /** Most audit rows and feedback held in memory while storage is unreachable. */
  auditQueueMax: number;
  /** The built SMART panel served at `/panel/`; undefined: `dist/panel` of this checkout. */
  panelDir: string | undefined;
  /** Time budget for the panel API's reads from the FHIR server (it has no hook deadline). */
  panelDeadlineMs: number;
  /** Hook calls plus feedback per minute per verified EHR issuer; 0: no limit. */
  hookRateLimitPerMinute: number;
  /** Panel API requests per minute per access token (or per client address without one); 0: no limit. */
  panelRateLimitPerMinute: number;
  /** Access tokens the FHIR server refused, per minute per client address; beyond it 429. 0: no limit. */
  panelFailedProofsPerMinute: number;
  /**
   * Origins that may frame the panel (CSP `frame-ancestors`); undefined: the service itself and
   * the origins of every trusted EHR (its `iss` and FHIR servers).
   */
  panelFrameAncestors: string[] | undefined;
  /** Origins the panel may call besides the service and trusted FHIR servers (e.g. a token endpoint elsewhere). */
  panelConnectSrc: string[];
  /** The model that writes the synopsis; `rules` unless MODEL_PROVIDER says otherwise. */
  model: ModelConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * @param extraClients trusted EHRs known to the caller rather than from a file (the demo's mock EHR).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  extraClients: TrustedClientInput[] = [],
): Config {
  // An empty variable means unset, as shells and container specs often leave them.
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const clients = [
    ...(e.CDS_CLIENTS_FILE ? readClientsFile(e.CDS_CLIENTS_FILE) : []),
    ...parseClients(extraClients, 'trusted clients'),
  ];
  // Without PUBLIC_URL the JWT audience comes from the request's Host header, which a caller
  // chooses: a token minted for another deployment would pass with a spoofed Host.
  if (e.NODE_ENV === 'production' && e.CDS_AUTH === 'on' && !e.PUBLIC_URL) {
    throw new ConfigError([
      'PUBLIC_URL: required in production (NODE_ENV=production): the public base URL EHRs call, e.g. https://cds.example.org. JWT audiences are checked against it.',
    ]);
  }
  if (e.CDS_AUTH === 'on' && clients.length === 0) {
    throw new ConfigError([
      'CDS_CLIENTS_FILE: no trusted EHR is configured, so every hook call would be refused. Name a clients file, or set CDS_AUTH=off for a local experiment.',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    auth: e.CDS_AUTH === 'on',
    clients,
    maxCards: e.CDS_MAX_CARDS,
    bodyLimit: e.CDS_BODY_LIMIT,
    bodyBudget: e.CDS_BODY_BUDGET,
    requestTimeoutMs: e.CDS_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: e.CDS_HEADERS_TIMEOUT_MS,
    hookDeadlineMs: e.CDS_HOOK_DEADLINE_MS,
    fhirMaxResources: e.CDS_FHIR_MAX_RESOURCES,
    corsOrigins: parseOrigins(e.CORS_ORIGINS),
    publicUrl: e.PUBLIC_URL === undefined ? undefined : trimTrailing(e.PUBLIC_URL, '/'),
    panelLaunchUrl: e.PANEL_LAUNCH_URL,
    shadow: e.CDS_SHADOW === 'on',
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    adminToken: e.ADMIN_TOKEN,
    auditQueueMax: e.AUDIT_QUEUE_MAX,
    panelDir: e.PANEL_DIR,
    panelDeadlineMs: e.PANEL_DEADLINE_MS,
    hookRateLimitPerMinute: e.CDS_RATE_LIMIT_PER_MINUTE,
    panelRateLimitPerMinute: e.PANEL_RATE_LIMIT_PER_MINUTE,
    panelFailedProofsPerMinute: e.PANEL_FAILED_PROOFS_PER_MINUTE,
    panelFrameAncestors: e.PANEL_FRAME_ANCESTORS ? parseList(e.PANEL_FRAME_ANCESTORS) : undefined,
    panelConnectSrc: e.PANEL_CONNECT_SRC ? parseList(e.PANEL_CONNECT_SRC) : [],
    model: modelConfig(e),
  };
}

function modelConfig(e: z.infer<typeof Env>): ModelConfig {
  if (e.MODEL_PROVIDER === 'rules') return { provider: 'rules' };
  const { MODEL_BASE_URL: baseUrl, MODEL_NAME: name } = e;
  const azure = e.MODEL_API_STYLE === 'azure';
  const problems = [
    ...(baseUrl
      ? []
      : [
          azure
            ? 'MODEL_BASE_URL: the Azure OpenAI endpoint, e.g. https://my-resource.openai.azure.com'
            : 'MODEL_BASE_URL: the API base, e.g. https://api.openai.com/v1 or http://localhost:11434/v1',
        ]),
    ...(name ? [] : ['MODEL_NAME: the model (or Azure deployment) to call']),
    ...(azure && !e.MODEL_API_KEY ? ['MODEL_API_KEY: Azure OpenAI needs its api-key'] : []),
  ];
  if (problems.length > 0 || !baseUrl || !name) {
    throw new ConfigError(problems.map((p) => `${p} (needed by MODEL_PROVIDER=openai-compatible)`));
  }
  return {
    provider: 'openai-compatible',
    style: e.MODEL_API_STYLE,
    baseUrl,
    name,
    apiKey: e.MODEL_API_KEY,
    apiVersion: e.MODEL_API_VERSION,
    azureDeployment: e.MODEL_AZURE_DEPLOYMENT,
    temperature: e.MODEL_TEMPERATURE,
    timeoutMs: e.MODEL_TIMEOUT_MS,
    maxRetries: e.MODEL_MAX_RETRIES,
    hookBudgetMs: e.MODEL_HOOK_BUDGET_MS,
  };
}

function parseOrigins(raw: string): '*' | string[] {
  if (raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

export function parseClients(json: unknown, where: string): TrustedClient[] {
  const parsed = z.array(TrustedClient).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${where} [${i.path.join('.')}]: ${i.message}`),
    );
  }
  return parsed.data;
}

function readClientsFile(path: string): TrustedClient[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([
      `CDS_CLIENTS_FILE: cannot read ${path} as JSON (${err instanceof Error ? err.message : 'unknown error'})`,
    ]);
  }
  return parseClients(json, 'CDS_CLIENTS_FILE');
}

/** Every FHIR server some trusted EHR may send: what the panel API accepts. */
/**
 * Longest a graceful shutdown may take: a hook's deadline and a panel call's, with room to flush
 * the audit queue; under Kubernetes' default 30-second termination grace period, which
 * `deploy/kubernetes.yaml` keeps (checked by its test).
 */
export const SHUTDOWN_GRACE_MS = 20_000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** PostgreSQL modes that check the server's certificate (libpq's names; node-postgres reads them). */
const VERIFYING_SSLMODES = new Set(['verify-full', 'verify-ca']);

/**
 * What the configuration leaves unprotected on the network: PostgreSQL (the audit trail) or Redis
 * (the replay guard and cached synopses) reached off this host without TLS, certificate checks or
 * a password. Warnings, not refusals: a site may protect the link another way (a mesh, a private
 * link). Never quotes the URLs, which carry passwords.
 */
export function transportWarnings(config: Pick<Config, 'databaseUrl' | 'redisUrl'>): string[] {
  const warnings: string[] = [];
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const mode = url.searchParams.get('sslmode');
    if (!LOOPBACK_HOSTS.has(url.hostname) && !VERIFYING_SSLMODES.has(mode ?? '')) {
      warnings.push(
        `DATABASE_URL: PostgreSQL on another host with sslmode=${mode ?? 'unset'}; use sslmode=verify-full (and sslrootcert) so that the audit trail goes over TLS to a checked server`,
      );
    }
  }
  if (config.redisUrl) {
    const url = new URL(config.redisUrl);
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      if (url.protocol !== 'rediss:') {
        warnings.push('REDIS_URL: Redis on another host without TLS; use rediss://');
      }
      if (!url.password) {
        warnings.push('REDIS_URL: Redis on another host without a password (AUTH)');
      }
    }
  }
  return warnings;
}

export const allFhirServers = (config: Pick<Config, 'clients'>): Set<string> =>
  new Set(config.clients.flatMap((c) => c.fhirServers));

/** Defaults for tests and embedding: `loadConfig` with auth off, then the overrides. */
export const defaultConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ CDS_AUTH: 'off' }),
  ...overrides,
});
