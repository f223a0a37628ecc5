import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((protocol) => value.startsWith(`${protocol}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const commaList = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Secrets that appear in examples and must never sign production tokens. */
export const WELL_KNOWN_SECRETS = ['secret', 'changeme', 'change-me', 'jwt-secret', 'nexa', 'development', 'dev-secret'];
export const MIN_JWT_SECRET_LENGTH = 32;

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: the embedded launcher starts a private redis-server. */
  REDIS_URL: url(['redis', 'rediss']).optional(),
  /** Prefix of every Redis key and channel Nexa uses, so several deployments can share one Redis. */
  NEXA_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('nexa'),
  /** Unset: the embedded PGlite database under NEXA_DATA_DIR. */
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  NEXA_DATA_DIR: z.string().min(1).default('.nexa'),
  JOB_ATTEMPTS: positiveInt.max(20).default(3),
  JOB_BACKOFF_MS: positiveInt.default(1000),
  WORKER_CONCURRENCY: positiveInt.max(256).default(8),
  /** How long a task's event stream is kept after its last event. */
  EVENTS_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  /** The longest one classification attempt may take before it is abandoned and retried. */
  AI_TIMEOUT_MS: positiveInt.default(30_000),
  /** A running job's lock; a worker that dies loses its jobs to another worker after this long. */
  JOB_LOCK_MS: positiveInt.min(500).default(30_000),
  /** How often workers look for jobs whose worker died. */
  JOB_STALLED_CHECK_MS: positiveInt.min(100).default(30_000),
  /** How often a worker compares unfinished tasks in the database with the queue. */
  RECONCILE_INTERVAL_MS: positiveInt.min(100).default(30_000),
  /** An unfinished item untouched this long is checked against the queue (re-enqueued if its job is gone). */
  RECONCILE_AFTER_MS: positiveInt.min(100).default(60_000),
  /** Simulated work per step of the deterministic stand-in classifier (demos and fault tests). */
  DETERMINISTIC_STEP_MS: z.coerce.number().int().min(0).default(0),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(8000),
  /** Signs access tokens (HS256). Required in production; in development a generated one is used. */
  JWT_SECRET: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(24 * 3600).default(900),
  /** How long after a password sign-in auth.refresh still renews its access tokens. */
  SESSION_MAX_SECONDS: positiveInt.max(30 * 24 * 3600).default(12 * 3600),
  REGISTRATION_ENABLED: booleanFlag.default(true),
  /** Whose approvals teach the memory that answers every account: 'admins', or 'everyone' for one trusted team. */
  MEMORY_LEARNS_FROM: z.enum(['admins', 'everyone']).default('admins'),
  /** Both set: this account is created (or promoted) as admin at start. */
  NEXA_ADMIN_EMAIL: z.string().email().optional(),
  NEXA_ADMIN_PASSWORD: z.string().min(10, 'must have at least 10 characters').optional(),
  SUBMIT_RATE_LIMIT_PER_MINUTE: positiveInt.default(60),
  /** Sign-in attempts for one email per 15 minutes, right or wrong: what slows password guessing. */
  LOGIN_ATTEMPTS_PER_EMAIL: positiveInt.default(10),
  /** Sign-in and registration attempts from one client address per 15 minutes (password spraying, sign-up floods). */
  AUTH_ATTEMPTS_PER_ADDRESS: positiveInt.default(100),
  /** Distinct batch items per user (access token) and per API key per minute; at least BATCH_MAX_ITEMS. */
  BATCH_ITEM_RATE_LIMIT_PER_MINUTE: positiveInt.default(20_000),
  /** Largest accepted request body, except batch submissions and uploads (`UPLOAD_MAX_BYTES`). */
  BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  /** Origins allowed to call the API from a browser, comma-separated; empty: none. */
  CORS_ORIGINS: commaList.default([]),
  /**
   * Behind a load balancer or reverse proxy: which proxies' `X-Forwarded-For` to believe, so per-address
   * limits see the client, not the proxy. `true` (any) or comma-separated proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .transform((value): boolean | string | undefined => {
      if (value === undefined || value === 'false') return undefined;
      return value === 'true' ? true : value;
    }),
  /**
   * Which AI classifier the worker uses: `nexa-http` (an AI server speaking the Nexa AI protocol; the
   * embedded launcher starts the reference AI server in-process when AI_SERVER_URL is unset),
   * `reference` (the reference engine in-process), `openai` (an OpenAI-compatible chat-completions
   * API re-ranking the engine's candidates), `deterministic` (a stand-in for tests).
   */
  AI_PROVIDER: z.enum(['nexa-http', 'reference', 'openai', 'deterministic']).default('nexa-http'),
  AI_SERVER_URL: url(['http', 'https']).optional(),
  /** Bearer token: required by the AI server when set there, sent by the nexa-http adapter when set here. */
  AI_SERVER_TOKEN: z.string().min(8, 'must have at least 8 characters').optional(),
  /** Where `apps/ai-server` listens when run on its own. */
  AI_SERVER_HOST: z.string().min(1).default('127.0.0.1'),
  AI_SERVER_PORT: port.default(8000),
  AI_BASE_URL: url(['http', 'https']).default('https://api.openai.com/v1'),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** The official NCM table (Siscomex JSON); unset: the shared `../shared/data/ncm/ncm.json` when present. */
  NCM_TABLE_PATH: z.string().min(1).optional(),
  /** Comex Stat NCM.csv; unset: the shared `../shared/data/ncm/comexstat_ncm.csv` when present. */
  NCM_COMEXSTAT_PATH: z.string().min(1).optional(),
  /** The built web app the server serves at `/`. Unset: `apps/web/dist` of this checkout, when it exists. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Most items one batch (or one uploaded file) may hold. */
  BATCH_MAX_ITEMS: positiveInt.max(100_000).default(10_000),
  /** Largest uploaded file, and largest batch submission body (`classification.submitBatch` over HTTP), in bytes. */
  UPLOAD_MAX_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** Largest total size an uploaded XLSX may unpack to, checked before it is unpacked (ZIP bombs). */
  XLSX_MAX_UNPACKED_BYTES: positiveInt.default(32 * 1024 * 1024),
  /** Shortest time between two aggregate progress events of one batch, and between two messages a batch subscriber receives. */
  BATCH_PROGRESS_INTERVAL_MS: positiveInt.min(10).default(100),
  /** When set, `/metrics` (server and worker) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  /** Opens the queue dashboard at `/admin/queues` to whoever presents it too (HTTP Basic password or bearer); admin accounts get in either way. */
  ADMIN_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  /** A worker process on its own serves its `/metrics` on this port (on HOST); unset: no worker metrics endpoint. */
  WORKER_METRICS_PORT: port.optional(),
  /** Where `openDatabase` reads the SQL migrations; unset: `packages/db/migrations`, or `migrations/` beside a bundle. */
  NEXA_MIGRATIONS_DIR: z.string().min(1).optional(),
}).superRefine((config, context) => {
  if (config.NODE_ENV === 'production') {
    const secret = config.JWT_SECRET;
    if (!secret) context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    else if (secret.length < MIN_JWT_SECRET_LENGTH) context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: `must have at least ${MIN_JWT_SECRET_LENGTH} characters in production` });
    else if (WELL_KNOWN_SECRETS.some((known) => secret.toLowerCase().includes(known)) || new Set(secret).size < 8)
      context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is a default or guessable value; generate one, e.g. openssl rand -base64 48' });
  }
  if (config.BATCH_ITEM_RATE_LIMIT_PER_MINUTE < config.BATCH_MAX_ITEMS)
    context.addIssue({ code: 'custom', path: ['BATCH_ITEM_RATE_LIMIT_PER_MINUTE'], message: `must be at least BATCH_MAX_ITEMS (${config.BATCH_MAX_ITEMS}), or no full batch could ever be accepted` });
  if (Boolean(config.NEXA_ADMIN_EMAIL) !== Boolean(config.NEXA_ADMIN_PASSWORD))
    context.addIssue({ code: 'custom', path: [config.NEXA_ADMIN_EMAIL ? 'NEXA_ADMIN_PASSWORD' : 'NEXA_ADMIN_EMAIL'], message: 'NEXA_ADMIN_EMAIL and NEXA_ADMIN_PASSWORD go together' });
});

export type NexaConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from environment variables; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): NexaConfig {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        // A secret's value is never echoed back.
        const shown = /SECRET|PASSWORD/.test(key) ? '<hidden>' : JSON.stringify(present[key]);
        return `${issue.path.join('.')}: ${issue.message} (got ${shown})`;
      }),
    );
  }
  return parsed.data;
}

/** For process entry points: a bad value stops the process with a message naming the variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): NexaConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Why a connection failed, in one line: the error's message, else its code, else those of its inner errors. */
export function connectionFailureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Connecting to a name with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError whose message is empty.
  const inner = error instanceof AggregateError ? [...new Set(error.errors.map(connectionFailureReason))].join('; ') : '';
  const code = (error as { code?: unknown }).code;
  return error.message.split('\n')[0]!.trim() || inner || (typeof code === 'string' ? code : '') || error.name;
}

/**
 * For process entry points: PostgreSQL or Redis could not be reached (or opened) at start. Like a bad
 * setting, it stops the process with exit code 78 and one fatal line naming the variable, its URL (password
 * hidden: pass it redacted) and the reason; no stack, since the fix is in the setting or the service, not the code.
 */
export function exitUnreachable(
  logger: { fatal(fields: Record<string, unknown>, message: string): void },
  { service, variable, url }: { service: 'PostgreSQL' | 'Redis'; variable: 'DATABASE_URL' | 'REDIS_URL'; url: string },
  error: unknown,
): never {
  const reason = connectionFailureReason(error);
  logger.fatal({ variable, url, reason }, `Could not start: cannot connect to ${service} at ${variable}=${url}: ${reason}`);
  process.exit(78);
}

/** What the `nexa` CLI reads from the environment (flags override it; it overrides the config file). */
export const cliEnvSchema = z.object({
  /** The server the CLI talks to. */
  NEXA_URL: url(['http', 'https']).optional(),
  /** A token or API key sent with every request. */
  NEXA_TOKEN: z.string().min(1).optional(),
  /** The CLI's config file (default `~/.config/nexa/config.json`). */
  NEXA_CONFIG: z.string().min(1).optional(),
  /** How the CLI receives live events. */
  NEXA_TRANSPORT: z.enum(['ws', 'sse']).optional(),
  XDG_CONFIG_HOME: z.string().optional(),
});

export type CliEnv = z.infer<typeof cliEnvSchema>;

export function loadCliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  const present = Object.fromEntries(
    Object.keys(cliEnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = cliEnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`));
  }
  return parsed.data;
}
