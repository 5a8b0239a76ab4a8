import { z } from 'zod';

/**
 * The only module that reads process.env. Every setting is validated once; a bad or missing
 * variable fails fast with its name in the message.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** MongoDB connection string; unset means the embedded development server is started. */
  MONGO_URL: z.string().url().optional(),
  /** Directory the embedded MongoDB persists to (demo); unset keeps it in memory. */
  EMBEDDED_MONGO_DIR: z.string().optional(),

  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Prefix for every BullMQ key; use a hash tag such as {mail} on Redis Cluster. */
  QUEUE_PREFIX: z.string().default('mailmind'),

  // Jobs running at once in one process share batched MongoDB reads and writes: more jobs fill
  // bigger batches, so CPU per email falls as concurrency rises (bench:pipeline, 16 -> 128).
  PROFILE_CONCURRENCY: z.coerce.number().int().positive().default(64),
  RECOMMEND_CONCURRENCY: z.coerce.number().int().positive().default(64),
  /** Unset: what the generator asks for (twice its batch size), at least 64. */
  GENERATE_CONCURRENCY: z.coerce.number().int().positive().optional(),
  SEND_CONCURRENCY: z.coerce.number().int().positive().default(64),
  /** Global send rate limit across all send workers: messages per SEND_RATE_WINDOW_MS. */
  SEND_RATE_MAX: z.coerce.number().int().positive().default(100),
  SEND_RATE_WINDOW_MS: z.coerce.number().int().positive().default(1000),

  MAILGUN_API_KEY: z.string().min(1).optional(),
  MAILGUN_DOMAIN: z.string().default('mg.example.com'),
  /** Base URL of the Mailgun API (EU region: https://api.eu.mailgun.net). */
  MAILGUN_URL: z.string().url().default('https://api.mailgun.net'),
  MAILGUN_WEBHOOK_SIGNING_KEY: z.string().optional(),
  /** Where the local outbox transport writes .eml/.html files when no Mailgun key is set. */
  OUTBOX_DIR: z.string().default('.outbox'),

  MAIL_FROM: z.string().default('Acme Store <news@mg.example.com>'),
  STORE_NAME: z.string().default('Acme Store'),
  STORE_URL: z.string().url().default('https://shop.example.com'),
  STORE_POSTAL_ADDRESS: z.string().default('Acme Store, 1 Market Street, San Francisco, CA 94105, USA'),
  /** Public base URL of our HTTP service, used in unsubscribe links. */
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** Secret for HMAC-signed unsubscribe tokens. */
  UNSUBSCRIBE_SECRET: z.string().min(16).default('dev-unsubscribe-secret-change-me'),

  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SHOPIFY_WEBHOOK_SECRET: z.string().min(1).default('dev-shopify-secret'),
  ADMIN_USER: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(1).default('admin'),

  /** Local hour at which the weekly digest goes out, in each customer's time zone. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(10),
  /** Day of week for the digest (0 = Sunday). */
  DIGEST_WEEKDAY: z.coerce.number().int().min(0).max(6).default(2),
  ABANDONED_CHECKOUT_DELAY_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(60 * 60 * 1000),
  POST_PURCHASE_DELAY_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(3 * 24 * 60 * 60 * 1000),

  /**
   * The profile stage reuses a stored profile younger than this (train-segments refreshes every
   * shopper's) instead of re-reading their events and orders; 0 always rebuilds.
   */
  PROFILE_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(6 * 60 * 60 * 1000),
  /** Fixed number of segments; unset chooses k by silhouette. */
  SEGMENT_K: z.coerce.number().int().min(2).max(20).optional(),
  RECOMMEND_COUNT: z.coerce.number().int().min(1).max(12).default(4),
  RECOMMEND_MAX_PER_CATEGORY: z.coerce.number().int().min(1).default(2),
  RECENT_PURCHASE_DAYS: z.coerce.number().int().min(0).default(30),

  /** Copy generator: transformer (default, falls back to composer), composer, or openai. */
  GENERATOR: z.enum(['transformer', 'composer', 'openai']).default('transformer'),
  /** Force a tfjs backend: tensorflow-gpu, webgpu, tensorflow, wasm or cpu. */
  GENERATOR_BACKEND: z.enum(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']).optional(),
  /** Unset: 32 on CPU backends, 512 on GPU ones (see defaultBatchSize). */
  GENERATOR_BATCH_SIZE: z.coerce.number().int().positive().optional(),
  GENERATOR_BATCH_WAIT_MS: z.coerce.number().int().nonnegative().default(10),
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  BANNED_PHRASES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),

  FREQUENCY_CAP_PER_7_DAYS: z.coerce.number().int().positive().default(3),
  QUIET_HOURS_START: z.coerce.number().int().min(0).max(23).default(21),
  /** Quiet hours run from START to END local time (wrapping midnight); START equal to END disables them. */
  QUIET_HOURS_END: z.coerce.number().int().min(0).max(23).default(8),
  ATTRIBUTION_WINDOW_DAYS: z.coerce.number().positive().default(5),
  COMPLAINT_RATE_LIMIT: z.coerce.number().positive().default(0.003),
  HARD_BOUNCE_RATE_LIMIT: z.coerce.number().positive().default(0.05),

  /** BullMQ lock per active job; a crashed worker's job is recovered after about this long. */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().positive().default(30_000),
  /** How often workers look for stalled jobs (those whose lock expired). */
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /** Stalls a job survives before it fails; sends are idempotent, so crashes should not fail them. */
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().nonnegative().default(10),
  /** Attempts for a send job (5xx and network errors); 429s do not use attempts. */
  SEND_ATTEMPTS: z.coerce.number().int().positive().default(12),
  /** First retry delay of a send job; doubles per attempt. */
  SEND_BACKOFF_MS: z.coerce.number().int().positive().default(2000),
  /** Provider request timeout; must stay below SEND_LEASE_MS. */
  MAILGUN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** How long every send worker pauses after a Mailgun 429. */
  MAILGUN_RATE_LIMIT_PAUSE_MS: z.coerce.number().int().positive().default(1000),
  /**
   * How long a claimed send belongs to the worker that claimed it. Another worker (a stalled-job
   * re-run) waits this long before reconciling with the provider and sending again.
   */
  SEND_LEASE_MS: z.coerce.number().int().positive().default(90_000),
  /** After a failed provider call, wait this long before asking the provider's events log (it lags). */
  SEND_RECONCILE_DELAY_MS: z.coerce.number().int().nonnegative().default(5_000),
  /** A capped email that could only go out later than this is skipped (reason frequency_cap) instead. */
  FREQUENCY_CAP_MAX_DEFER_HOURS: z.coerce.number().nonnegative().default(48),
  /** Send weekly digests at the customer's learned preferred local hour (deferring up to 24 h). */
  PREFERRED_SEND_HOUR: bool.default(true),
  /** Mailgun webhooks older (or newer) than this are rejected as replays. */
  MAILGUN_WEBHOOK_MAX_AGE_S: z.coerce.number().int().positive().default(300),
  /** Rolling window over which complaint and hard-bounce rates are computed. */
  DELIVERABILITY_WINDOW_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
  /** Sends in the window before the circuit breaker may trip. */
  DELIVERABILITY_MIN_SAMPLE: z.coerce.number().int().positive().default(500),

  METRICS_ENABLED: bool.default(true),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment-like object; exported so tests can build a config without touching process.env. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The process configuration, validated on first use and cached. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Builds a config from process.env with overrides applied (tests and scripts). */
export function configWith(overrides: Partial<Record<keyof Config, string>>): Config {
  return parseConfig({ ...process.env, ...overrides });
}
