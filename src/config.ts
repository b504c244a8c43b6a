/**
 * Configuration: parsed once from the environment, validated with one schema, frozen. Only
 * `main.ts` and the CLI call {@link loadConfig}; everything else receives typed options.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  AFFINITY_STORE: z.enum(['sqlite', 'redis']).default('sqlite'),
  AFFINITY_DB: z.string().min(1).default('data/affinity.db'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  AFFINITY_DEFAULT_SHOP: z.string().min(1).default('default'),
  AFFINITY_PROFILE_TTL_DAYS: z.coerce.number().positive().default(90),
  AFFINITY_PROFILE_HALF_LIFE_DAYS: z.coerce.number().min(7).default(21),
  AFFINITY_SESSION_GAP_MINUTES: z.coerce.number().positive().default(30),
  AFFINITY_ALLOW_REPEAT_PURCHASES: bool.default(false),
  AFFINITY_EXTERNAL_RECOMMENDER_URL: z.string().url().optional(),
  AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(300),
  AFFINITY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  AFFINITY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated, frozen configuration. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly store: 'sqlite' | 'redis';
  readonly sqlitePath: string;
  readonly redisUrl: string;
  readonly defaultShop: string;
  readonly profileTtlMs: number;
  readonly profileHalfLifeMs: number;
  readonly sessionGapMs: number;
  readonly allowRepeatPurchases: boolean;
  readonly externalRecommender?: { readonly url: string; readonly timeoutMs: number };
  readonly logLevel: string;
  /** HTTP worker processes for `affinity serve` (1: one process does everything). */
  readonly workers: number;
}

/** Raised when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a frozen {@link Config}. @throws ConfigError */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = EnvSchema.safeParse(cleaned);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = r.data;
  const day = 86_400_000;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    store: e.AFFINITY_STORE,
    sqlitePath: e.AFFINITY_DB,
    redisUrl: e.REDIS_URL,
    defaultShop: e.AFFINITY_DEFAULT_SHOP,
    profileTtlMs: e.AFFINITY_PROFILE_TTL_DAYS * day,
    profileHalfLifeMs: e.AFFINITY_PROFILE_HALF_LIFE_DAYS * day,
    sessionGapMs: e.AFFINITY_SESSION_GAP_MINUTES * 60_000,
    allowRepeatPurchases: e.AFFINITY_ALLOW_REPEAT_PURCHASES,
    ...(e.AFFINITY_EXTERNAL_RECOMMENDER_URL
      ? { externalRecommender: Object.freeze({ url: e.AFFINITY_EXTERNAL_RECOMMENDER_URL, timeoutMs: e.AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS }) }
      : {}),
    logLevel: e.AFFINITY_LOG_LEVEL,
    workers: e.AFFINITY_WORKERS,
  });
}
