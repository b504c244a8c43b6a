/**
 * Configuration: parsed once from the environment, validated with one schema, frozen. Only
 * `main.ts` and the CLI call {@link loadConfig}; everything else receives typed options.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseApiKeys, parsePixelOrigins, type ApiKey } from './core/access/apiKeys.ts';
import { isShopName } from './core/access/shopName.ts';
import type { MarketsConfig } from './core/markets/market.ts';
import { mcpHttpAccess, parseAllowedHosts, parseAllowedOrigins, type McpHttpAccess } from './mcp/httpAccess.ts';
import { parseMarketsConfig } from './core/markets/parseMarkets.ts';
import { parseClusterNodes } from './roles/clusterNodes.ts';
import { parseRoles, type RoleName } from './roles/roles.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  AFFINITY_STORE: z.enum(['sqlite', 'redis']).default('sqlite'),
  AFFINITY_DB: z.string().min(1).default('data/affinity.db'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Redis Cluster seed nodes `host:port,host:port,…` (implies AFFINITY_STORE=redis; REDIS_URL is then unused). */
  AFFINITY_REDIS_CLUSTER: z.string().optional(),
  /** What `affinity serve` runs, comma-separated: ingest, recommend, project, or all (default; docs/operations.md). */
  AFFINITY_ROLES: z.string().optional(),
  AFFINITY_DEFAULT_SHOP: z.string().min(1).default('default').refine(isShopName, { message: 'must be a shop domain such as my-shop.myshopify.com' }),
  AFFINITY_PROFILE_TTL_DAYS: z.coerce.number().positive().default(90),
  /** Experiments declaration (JSON, re-read when it changes; docs/decisions/0002). */
  AFFINITY_EXPERIMENTS_FILE: z.string().min(1).optional(),
  /** How long after a click on a recommendation its add-to-carts and orders are attributed to it. */
  AFFINITY_ATTRIBUTION_WINDOW_DAYS: z.coerce.number().positive().max(90).default(7),
  AFFINITY_PROFILE_HALF_LIFE_DAYS: z.coerce.number().min(7).default(21),
  AFFINITY_SESSION_GAP_MINUTES: z.coerce.number().positive().default(30),
  AFFINITY_ALLOW_REPEAT_PURCHASES: bool.default(false),
  AFFINITY_EXTERNAL_RECOMMENDER_URL: z.string().url().optional(),
  AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(300),
  AFFINITY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  AFFINITY_UCP_AGENT_PROFILE_URL: z.string().url().optional(),
  SHOPIFY_STOREFRONT_MCP_URL: z.string().url().optional(),
  AFFINITY_CATALOG_MCP_TIMEOUT_MS: z.coerce.number().int().positive().default(800),
  AFFINITY_CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  AFFINITY_CATALOG_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(5000),
  AFFINITY_CATALOG_SYNC_MINUTES: z.coerce.number().min(0).default(0),
  AFFINITY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shopify app client secret(s), comma-separated during a rotation: verifies the compliance webhooks. */
  SHOPIFY_API_SECRET: z.string().optional(),
  /** JSON file of markets (default: built-in US, EU, APAC); `AFFINITY_MARKET_<HANDLE>_<FIELD>` override fields. */
  AFFINITY_MARKETS_FILE: z.string().min(1).optional(),
  /** `shop:role:key,…` (roles ingest, read, admin; shop `*` = all). None: the server runs open (development). */
  AFFINITY_API_KEYS: z.string().optional(),
  /** `shop=https://origin|https://origin2,…`: where each shop's pixel may post from. */
  AFFINITY_PIXEL_ORIGINS: z.string().optional(),
  /** Pixel requests per minute per client id and per IP (token bucket rate). */
  AFFINITY_PIXEL_RATE_PER_MIN: z.coerce.number().positive().default(600),
  /** Largest burst of pixel requests per client id and per IP. */
  AFFINITY_PIXEL_BURST: z.coerce.number().int().positive().default(120),
  /** How long session-only (no consent) personalization is held in memory after the last event, minutes. */
  AFFINITY_SESSION_MEMORY_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  /** Base URL of an OpenAI-compatible API for model-based intent extraction (e.g. http://127.0.0.1:11434/v1). */
  AFFINITY_INTENT_MODEL_URL: z.string().url().optional(),
  /** Model name for intent extraction (required with AFFINITY_INTENT_MODEL_URL). */
  AFFINITY_INTENT_MODEL: z.string().min(1).optional(),
  /** Bearer key of the intent model API (optional: local servers need none). */
  AFFINITY_INTENT_MODEL_KEY: z.string().min(1).optional(),
  /** Timeout of one intent model call, ms. */
  AFFINITY_INTENT_MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  /** `affinity mcp` (stdio): ask the client's own model through MCP sampling when it declares `sampling` (opt-in). */
  AFFINITY_INTENT_SAMPLING: bool.default(false),
  /** Browser origins that may call `/mcp`, comma-separated (none by default: a request with an Origin header gets 403). */
  AFFINITY_MCP_ALLOWED_ORIGINS: z.string().optional(),
  /** Host names `/mcp` answers to besides those HOST implies (DNS rebinding protection), comma-separated; `*`: any. */
  AFFINITY_MCP_ALLOWED_HOSTS: z.string().optional(),
});

/** Settings of the shop catalog connection. */
export interface ShopCatalogSettings {
  /** The agent profile URL sent as `meta["ucp-agent"].profile` on every call. */
  readonly agentProfileUrl: string;
  /** A fixed endpoint (single-shop installs, the shop stand-in); otherwise `https://<shop>/api/ucp/mcp`. */
  readonly url?: string;
  readonly timeoutMs: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
  /** Scheduled sync period, minutes (0: on demand only). */
  readonly syncMinutes: number;
}

/** The validated, frozen configuration. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly store: 'sqlite' | 'redis';
  readonly sqlitePath: string;
  readonly redisUrl: string;
  /** `AFFINITY_REDIS_CLUSTER`: seed nodes of a Redis Cluster (the store is then Redis on that Cluster). */
  readonly redisCluster?: readonly { readonly host: string; readonly port: number }[];
  /** `AFFINITY_ROLES` (or `--role`): the roles `affinity serve` runs (default all three). */
  readonly roles: readonly RoleName[];
  readonly defaultShop: string;
  readonly profileTtlMs: number;
  /** `AFFINITY_EXPERIMENTS_FILE`, when set. */
  readonly experimentsFile?: string;
  /** Attribution window, ms. */
  readonly attributionWindowMs: number;
  readonly profileHalfLifeMs: number;
  readonly sessionGapMs: number;
  readonly allowRepeatPurchases: boolean;
  readonly externalRecommender?: { readonly url: string; readonly timeoutMs: number };
  readonly logLevel: string;
  /** HTTP worker processes for `affinity serve` (1: one process does everything). */
  readonly workers: number;
  /** The shop's Storefront Catalog MCP, enabled by an agent profile URL (see docs/catalog-mcp.md). */
  readonly shopCatalog?: ShopCatalogSettings;
  /** Shopify app client secrets that may sign compliance webhooks (empty: webhooks answer 401). */
  readonly shopifyApiSecrets: readonly string[];
  /** Markets (built-in defaults unless `AFFINITY_MARKETS_FILE`), validated. */
  readonly markets: MarketsConfig;
  /** API keys; empty: open mode (development), announced with a warning at start. */
  readonly apiKeys: readonly ApiKey[];
  /** Shop → origins its pixel may post from. */
  readonly pixelOrigins: Readonly<Record<string, readonly string[]>>;
  /** Token bucket per pixel client id and per IP. */
  readonly pixelRateLimit: { readonly ratePerSecond: number; readonly burst: number };
  /** TTL of session-only personalization memory, ms. */
  readonly sessionMemoryTtlMs: number;
  /** An OpenAI-compatible model for intent extraction (else the local classifier alone; see docs/intent.md). */
  readonly intentModel?: { readonly url: string; readonly model: string; readonly apiKey?: string; readonly timeoutMs: number };
  /** Intent extraction through MCP sampling on stdio sessions whose client supports it. */
  readonly intentSampling: boolean;
  /** Timeout of one model call (OpenAI-compatible or sampling), ms. */
  readonly intentModelTimeoutMs: number;
  /** Which `Host` names and browser `Origin`s `/mcp` accepts (defaults from HOST; see docs/mcp.md). */
  readonly mcpHttp: McpHttpAccess;
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
  const problems = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Markets, keys and origins are checked even when other variables are wrong: every problem at once.
  let marketsText: string | undefined;
  if (cleaned.AFFINITY_MARKETS_FILE) {
    try {
      marketsText = readFileSync(cleaned.AFFINITY_MARKETS_FILE, 'utf8');
    } catch (err) {
      problems.push(`AFFINITY_MARKETS_FILE: cannot read ${cleaned.AFFINITY_MARKETS_FILE} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  const markets = problems.some((p) => p.startsWith('AFFINITY_MARKETS_FILE')) ? undefined : parseMarketsConfig(marketsText, cleaned, cleaned.AFFINITY_MARKETS_FILE);
  if (markets && 'problems' in markets) problems.push(...markets.problems);
  const keys = parseApiKeys(cleaned.AFFINITY_API_KEYS);
  if ('problems' in keys) problems.push(...keys.problems);
  const origins = parsePixelOrigins(cleaned.AFFINITY_PIXEL_ORIGINS);
  if ('problems' in origins) problems.push(...origins.problems);
  const mcpHosts = parseAllowedHosts(cleaned.AFFINITY_MCP_ALLOWED_HOSTS);
  if ('problems' in mcpHosts) problems.push(...mcpHosts.problems);
  const mcpOrigins = parseAllowedOrigins(cleaned.AFFINITY_MCP_ALLOWED_ORIGINS);
  if ('problems' in mcpOrigins) problems.push(...mcpOrigins.problems);
  const clusterNodes = cleaned.AFFINITY_REDIS_CLUSTER === undefined ? undefined : parseClusterNodes(cleaned.AFFINITY_REDIS_CLUSTER);
  if (clusterNodes && 'problem' in clusterNodes) problems.push(`AFFINITY_REDIS_CLUSTER: ${clusterNodes.problem}`);
  if (clusterNodes && cleaned.AFFINITY_STORE === 'sqlite') problems.push('AFFINITY_REDIS_CLUSTER: the store is Redis on a Cluster; AFFINITY_STORE=sqlite contradicts it (unset one of them)');
  const roles = parseRoles(cleaned.AFFINITY_ROLES ?? 'all');
  if ('problem' in roles) problems.push(`AFFINITY_ROLES: ${roles.problem}`);
  else if (roles.roles.length < 3 && Number(cleaned.AFFINITY_WORKERS ?? 1) > 1) {
    problems.push('AFFINITY_WORKERS: more than one worker runs every role on this machine (a projecting primary and HTTP workers); with AFFINITY_ROLES or --role, run one process per role instead and leave AFFINITY_WORKERS at 1');
  }
  if (cleaned.AFFINITY_INTENT_MODEL_URL && !cleaned.AFFINITY_INTENT_MODEL) problems.push('AFFINITY_INTENT_MODEL: required when AFFINITY_INTENT_MODEL_URL is set');
  if (!r.success || problems.length > 0 || 'problem' in roles || (clusterNodes && 'problem' in clusterNodes) || !markets || 'problems' in markets || 'problems' in keys || 'problems' in origins || 'problems' in mcpHosts || 'problems' in mcpOrigins) throw new ConfigError(problems);
  const e = r.data;
  const day = 86_400_000;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    store: clusterNodes ? 'redis' : e.AFFINITY_STORE,
    sqlitePath: e.AFFINITY_DB,
    redisUrl: e.REDIS_URL,
    ...(clusterNodes ? { redisCluster: Object.freeze(clusterNodes.nodes.map((n) => Object.freeze(n))) } : {}),
    roles: Object.freeze(roles.roles),
    defaultShop: e.AFFINITY_DEFAULT_SHOP,
    profileTtlMs: e.AFFINITY_PROFILE_TTL_DAYS * day,
    ...(e.AFFINITY_EXPERIMENTS_FILE ? { experimentsFile: e.AFFINITY_EXPERIMENTS_FILE } : {}),
    attributionWindowMs: e.AFFINITY_ATTRIBUTION_WINDOW_DAYS * day,
    profileHalfLifeMs: e.AFFINITY_PROFILE_HALF_LIFE_DAYS * day,
    sessionGapMs: e.AFFINITY_SESSION_GAP_MINUTES * 60_000,
    allowRepeatPurchases: e.AFFINITY_ALLOW_REPEAT_PURCHASES,
    ...(e.AFFINITY_EXTERNAL_RECOMMENDER_URL
      ? { externalRecommender: Object.freeze({ url: e.AFFINITY_EXTERNAL_RECOMMENDER_URL, timeoutMs: e.AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS }) }
      : {}),
    logLevel: e.AFFINITY_LOG_LEVEL,
    workers: e.AFFINITY_WORKERS,
    ...(e.AFFINITY_UCP_AGENT_PROFILE_URL
      ? {
          shopCatalog: Object.freeze({
            agentProfileUrl: e.AFFINITY_UCP_AGENT_PROFILE_URL,
            ...(e.SHOPIFY_STOREFRONT_MCP_URL ? { url: e.SHOPIFY_STOREFRONT_MCP_URL } : {}),
            timeoutMs: e.AFFINITY_CATALOG_MCP_TIMEOUT_MS,
            cacheTtlMs: e.AFFINITY_CATALOG_CACHE_TTL_SECONDS * 1000,
            cacheMaxEntries: e.AFFINITY_CATALOG_CACHE_MAX_ENTRIES,
            syncMinutes: e.AFFINITY_CATALOG_SYNC_MINUTES,
          }),
        }
      : {}),
    shopifyApiSecrets: Object.freeze((e.SHOPIFY_API_SECRET ?? '').split(',').map((x) => x.trim()).filter(Boolean)),
    markets: markets.config,
    apiKeys: Object.freeze(keys.keys.map((k) => Object.freeze(k))),
    pixelOrigins: Object.freeze(Object.fromEntries(Object.entries(origins.origins).map(([shop, list]) => [shop, Object.freeze(list)]))),
    pixelRateLimit: Object.freeze({ ratePerSecond: e.AFFINITY_PIXEL_RATE_PER_MIN / 60, burst: e.AFFINITY_PIXEL_BURST }),
    sessionMemoryTtlMs: e.AFFINITY_SESSION_MEMORY_MINUTES * 60_000,
    ...(e.AFFINITY_INTENT_MODEL_URL && e.AFFINITY_INTENT_MODEL
      ? {
          intentModel: Object.freeze({
            url: e.AFFINITY_INTENT_MODEL_URL,
            model: e.AFFINITY_INTENT_MODEL,
            ...(e.AFFINITY_INTENT_MODEL_KEY ? { apiKey: e.AFFINITY_INTENT_MODEL_KEY } : {}),
            timeoutMs: e.AFFINITY_INTENT_MODEL_TIMEOUT_MS,
          }),
        }
      : {}),
    intentSampling: e.AFFINITY_INTENT_SAMPLING,
    intentModelTimeoutMs: e.AFFINITY_INTENT_MODEL_TIMEOUT_MS,
    mcpHttp: mcpHttpAccess(e.HOST, mcpHosts.hosts, mcpOrigins.origins),
  });
}
