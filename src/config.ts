/**
 * Configuration: every setting is declared once, in the schema of its group below (variable, type, default and what it
 * means); each group's transform shapes its part of {@link Config}, whose type is derived from the schemas. Parsed
 * once at the entry points (`src/cli/*`) by {@link loadConfig}, validated, deep-frozen; everything else receives typed
 * options. docs/configuration.md is generated from these declarations (src/configReference.ts); a test keeps it current.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseApiKeys, parsePixelOrigins, type ApiKey } from './core/access/apiKeys.ts';
import { isShopName } from './core/access/shopName.ts';
import { parseMarketsConfig } from './core/markets/parseMarkets.ts';
import { mcpHttpAccess, parseAllowedHosts, parseAllowedOrigins } from './mcp/httpAccess.ts';
import { parseClusterNodes, type ClusterNode } from './roles/clusterNodes.ts';
import { parseRoles, ROLE_NAMES, type RoleName } from './roles/roles.ts';
import { deepFreeze } from './core/deepFreeze.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Fails a setting with problems its parser wrote in full (each names its variable or market). */
function reportAll(ctx: z.RefinementCtx, problems: readonly string[]): never {
  for (const message of problems) ctx.addIssue({ code: 'custom', message, params: { verbatim: true } });
  return z.NEVER;
}

/** Fails a setting with one problem (listed after the variable's name). */
function report(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Where the API listens, and which `Host` names and browser `Origin`s `/mcp` accepts. */
const ListenSettings = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787).describe('port the API listens on (`0`: any free port)'),
    HOST: z.string().min(1).default('127.0.0.1').describe('address the API listens on (`0.0.0.0` to expose it)'),
    AFFINITY_MCP_ALLOWED_ORIGINS: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const r = parseAllowedOrigins(text);
        return 'problems' in r ? reportAll(ctx, r.problems) : r.origins;
      })
      .describe('browser origins that may call `/mcp` (comma-separated); a request with any other `Origin` header gets 403. Requests without `Origin` (server-side agents) always pass. See docs/mcp.md'),
    AFFINITY_MCP_ALLOWED_HOSTS: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const r = parseAllowedHosts(text);
        return 'problems' in r ? reportAll(ctx, r.problems) : r.hosts;
      })
      .describe('extra `Host` names `/mcp` answers to (DNS rebinding protection; `*` = any), comma-separated. Default: the loopback names when `HOST` is loopback, the `HOST` name otherwise, any name when `HOST=0.0.0.0` (a warning is logged)'),
    AFFINITY_TRUST_PROXY: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const r = parseTrustProxy(text);
        return 'problem' in r ? report(ctx, r.problem) : r.trust;
      })
      .describe("the TLS proxy or load balancer in front of Affinity, whose `X-Forwarded-For` names the client: its addresses or CIDR ranges, comma-separated (`loopback`, `uniquelocal` for private networks), or the number of proxies in front. Unset: the connection's address is the client (behind a proxy every shopper then shares the proxy's per-address pixel rate limit). See docs/security.md"),
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    ...(e.AFFINITY_TRUST_PROXY !== undefined ? { trustProxy: e.AFFINITY_TRUST_PROXY } : {}),
    mcpHttp: mcpHttpAccess(e.HOST, e.AFFINITY_MCP_ALLOWED_HOSTS, e.AFFINITY_MCP_ALLOWED_ORIGINS),
  }));

/** Named address ranges `proxy-addr` (Fastify's `trustProxy`) knows. */
const TRUST_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `AFFINITY_TRUST_PROXY`: a hop count, or addresses / CIDR ranges / range names. Not `true`: trusting
 * every hop would let any client name its own address and walk past the per-address rate limit.
 */
export function parseTrustProxy(text: string | undefined): { trust?: number | readonly string[] } | { problem: string } {
  if (text === undefined || text.trim() === '') return {};
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 10 ? { trust: n } : { problem: 'a number of proxies must be 1 to 10' };
  }
  if (/^(true|false)$/i.test(t)) return { problem: 'name the proxy (its address, CIDR range, `loopback` or `uniquelocal`) or how many there are; `true` would trust any X-Forwarded-For a client sends' };
  const parts = t.split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (const p of parts) {
    const [addr, bits, more] = p.split('/');
    const ip = isIP(addr ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (ip === 6 ? 128 : 32));
    if (!(TRUST_NAMES.has(p) || (ip !== 0 && bitsOk && more === undefined))) return { problem: `"${p}" is not an IP address, a CIDR range or one of ${[...TRUST_NAMES].join(', ')}` };
  }
  return { trust: parts };
}

/** The schemes a Redis URL may have (ioredis reads any other as a unix socket path). */
const REDIS_URL_SCHEMES = /^rediss?:\/\//i;

/** Where events and profiles are kept. */
const StoreSettings = z.preprocess(
  // A Cluster implies Redis: unset, AFFINITY_STORE is `redis` when AFFINITY_REDIS_CLUSTER is set.
  (env) => {
    const e = env as Record<string, unknown>;
    return e.AFFINITY_REDIS_CLUSTER !== undefined && e.AFFINITY_STORE === undefined ? { ...e, AFFINITY_STORE: 'redis' } : env;
  },
  z
    .object({
      AFFINITY_STORE: z.enum(['sqlite', 'redis']).default('sqlite').describe('`sqlite` (embedded, one file) or `redis` (`redis` when `AFFINITY_REDIS_CLUSTER` is set)'),
      AFFINITY_DB: z.string().min(1).default('data/affinity.db').describe('SQLite file'),
      REDIS_URL: z
        .string()
        .url()
        .refine((u) => REDIS_URL_SCHEMES.test(u), {
          message: 'must be a redis:// or rediss:// (TLS) URL, such as redis://127.0.0.1:6379 (another scheme, such as http://, is not a Redis address)',
        })
        .refine((u) => /^(\/\d+)?\/?$/.test(new URL(u).pathname), { message: 'the database after the port must be a number, such as redis://127.0.0.1:6379/2' })
        .default('redis://127.0.0.1:6379')
        .describe('Redis server: `redis://[:password@]host:port[/db]`, or `rediss://…` for TLS; a database the server does not have stops the start'),
      AFFINITY_REDIS_CLUSTER: z
        .string()
        .optional()
        .transform((text, ctx): readonly ClusterNode[] | undefined => {
          if (text === undefined) return undefined;
          const r = parseClusterNodes(text);
          return 'problem' in r ? report(ctx, r.problem) : r.nodes;
        })
        .describe('Redis Cluster seed nodes `host:port,host:port,…` (instead of `REDIS_URL`; implies `AFFINITY_STORE=redis`). See docs/operations.md'),
    })
    .superRefine(
      // Checked even when another setting is wrong (every problem at once); a Cluster setting with bad nodes is still set.
      (e, ctx) => {
        if (e.AFFINITY_REDIS_CLUSTER !== undefined && e.AFFINITY_STORE === 'sqlite') {
          ctx.addIssue({ code: 'custom', path: ['AFFINITY_REDIS_CLUSTER'], message: 'the store is Redis on a Cluster; AFFINITY_STORE=sqlite contradicts it (unset one of them)' });
        }
      },
      { when: () => true },
    )
    .transform((e) => ({
      store: e.AFFINITY_STORE,
      sqlitePath: e.AFFINITY_DB,
      redisUrl: e.REDIS_URL,
      ...(e.AFFINITY_REDIS_CLUSTER ? { redisCluster: e.AFFINITY_REDIS_CLUSTER } : {}),
    })),
);

/** What this process runs. */
const ProcessSettings = z
  .object({
    AFFINITY_ROLES: z
      .string()
      .default('all')
      .transform((text, ctx): readonly RoleName[] => {
        const r = parseRoles(text);
        return 'problem' in r ? report(ctx, r.problem) : r.roles;
      })
      .describe('what `affinity serve` runs: `ingest`, `recommend`, `project`, comma-separated, or `all` (`--role` wins). See README.md, "Roles and nodes", and docs/operations.md'),
    AFFINITY_WORKERS: z.coerce.number().int().min(1).max(64).default(1).describe('HTTP worker processes of `affinity serve`; with more than 1 the primary process projects events and each worker serves HTTP on the same port (use one per core in production)'),
    AFFINITY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino level; logs go to stderr'),
    AFFINITY_CATALOG_MAX_PRODUCTS: z.coerce
      .number()
      .int()
      .min(0)
      .default(200_000)
      .describe('most catalog products one process holds in memory across shops (about 14 KB each); shops idle for a minute or more are let go beyond it, used longest ago first, and loaded again on their next request (`0`: hold every shop). See docs/operations.md'),
  })
  .superRefine(
    // Checked whenever the roles parsed, whatever else is wrong.
    (e, ctx) => {
      if (e.AFFINITY_ROLES.length < ROLE_NAMES.length && e.AFFINITY_WORKERS > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['AFFINITY_WORKERS'],
          message: 'more than one worker runs every role on this machine (a projecting primary and HTTP workers); with AFFINITY_ROLES or --role, run one process per role instead and leave AFFINITY_WORKERS at 1',
        });
      }
    },
    { when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'AFFINITY_ROLES') },
  )
  .transform((e) => ({ roles: e.AFFINITY_ROLES, workers: e.AFFINITY_WORKERS, logLevel: e.AFFINITY_LOG_LEVEL, catalogMaxProducts: e.AFFINITY_CATALOG_MAX_PRODUCTS }));

/** Shops, shoppers and how their interests are kept. */
const ShopperSettings = z
  .object({
    AFFINITY_DEFAULT_SHOP: z.string().min(1).default('default').refine(isShopName, { message: 'must be a shop domain such as my-shop.myshopify.com' }).describe('tenant used when a request names none'),
    AFFINITY_PROFILE_TTL_DAYS: z.coerce.number().positive().default(90).describe('profiles and events of shoppers inactive this long are removed, days'),
    AFFINITY_PROFILE_HALF_LIFE_DAYS: z.coerce.number().min(7).default(21).describe('how fast interests fade, days'),
    AFFINITY_SESSION_GAP_MINUTES: z.coerce.number().positive().default(30).describe('inactivity that ends a session, minutes'),
    AFFINITY_SESSION_MEMORY_MINUTES: z.coerce.number().positive().max(24 * 60).default(30).describe('how long session-only personalization (no consent to storage) is kept after the last event, minutes'),
    AFFINITY_ALLOW_REPEAT_PURCHASES: bool.default(false).describe('let bought products come back (consumables, replenishment)'),
  })
  .transform((e) => ({
    // Lower case, as every request's shop is (`parseShopName`; Shopify domains are case-insensitive).
    defaultShop: e.AFFINITY_DEFAULT_SHOP.toLowerCase(),
    profileTtlMs: e.AFFINITY_PROFILE_TTL_DAYS * DAY_MS,
    profileHalfLifeMs: e.AFFINITY_PROFILE_HALF_LIFE_DAYS * DAY_MS,
    sessionGapMs: e.AFFINITY_SESSION_GAP_MINUTES * MINUTE_MS,
    sessionMemoryTtlMs: e.AFFINITY_SESSION_MEMORY_MINUTES * MINUTE_MS,
    allowRepeatPurchases: e.AFFINITY_ALLOW_REPEAT_PURCHASES,
  }));

/** Experiments and the attribution of what recommendations sold. */
const ExperimentSettings = z
  .object({
    AFFINITY_EXPERIMENTS_FILE: z.string().min(1).optional().describe('JSON experiments (`{"experiments":[{"id","variants":[{"name","strategy","weight"}]}]}`), re-read when it changes. See docs/experiments.md'),
    AFFINITY_ATTRIBUTION_WINDOW_DAYS: z.coerce.number().positive().max(90).default(7).describe('add-to-carts and orders this long after a click on a recommendation are attributed to its list, days'),
  })
  .transform((e) => ({
    ...(e.AFFINITY_EXPERIMENTS_FILE ? { experimentsFile: e.AFFINITY_EXPERIMENTS_FILE } : {}),
    attributionWindowMs: e.AFFINITY_ATTRIBUTION_WINDOW_DAYS * DAY_MS,
  }));

/** The shop's existing recommender as the base of ours. */
const ExternalRecommenderSettings = z
  .object({
    AFFINITY_EXTERNAL_RECOMMENDER_URL: z.string().url().optional().describe("use the shop's existing recommender as the base (falls back to ours if it fails)"),
    AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS: z.coerce.number().int().positive().default(300).describe('timeout of one call to that recommender, ms'),
  })
  .transform((e) => ({
    ...(e.AFFINITY_EXTERNAL_RECOMMENDER_URL ? { externalRecommender: { url: e.AFFINITY_EXTERNAL_RECOMMENDER_URL, timeoutMs: e.AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS } } : {}),
  }));

/** The shop's Storefront Catalog MCP (see docs/catalog-mcp.md). */
const ShopCatalogSettingsSchema = z
  .object({
    AFFINITY_UCP_AGENT_PROFILE_URL: z.string().url().optional().describe("your agent profile URL (sent as `meta[\"ucp-agent\"].profile` on every call); turns on the shop's Storefront Catalog MCP client (`https://<shop>/api/ucp/mcp`) with cache, breaker and local fallback"),
    SHOPIFY_STOREFRONT_MCP_URL: z.string().url().optional().describe('a fixed Storefront Catalog MCP endpoint (single-shop installs, `affinity shop-sim`); needs `AFFINITY_UCP_AGENT_PROFILE_URL` too'),
    AFFINITY_CATALOG_MCP_TIMEOUT_MS: z.coerce.number().int().positive().default(800).describe('timeout of one Storefront Catalog MCP call, ms'),
    AFFINITY_CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300).describe('how long a Storefront Catalog MCP answer is cached, seconds'),
    AFFINITY_CATALOG_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(5000).describe('most Storefront Catalog MCP answers cached'),
    AFFINITY_CATALOG_SYNC_MINUTES: z.coerce.number().min(0).default(0).describe("sync the shop's catalog over MCP at start and every N minutes (`0`: on demand only, `POST /v1/admin/catalog/sync`)"),
  })
  .superRefine(
    // A fixed endpoint alone would start a service that never asks the shop: every call needs the profile.
    (e, ctx) => {
      if (e.SHOPIFY_STOREFRONT_MCP_URL !== undefined && e.AFFINITY_UCP_AGENT_PROFILE_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['AFFINITY_UCP_AGENT_PROFILE_URL'],
          message: 'required when SHOPIFY_STOREFRONT_MCP_URL is set (every Storefront Catalog MCP call carries your agent profile URL; without it the client stays off)',
        });
      }
    },
    { when: () => true },
  )
  .transform((e) => ({
    ...(e.AFFINITY_UCP_AGENT_PROFILE_URL
      ? {
          shopCatalog: {
            agentProfileUrl: e.AFFINITY_UCP_AGENT_PROFILE_URL,
            ...(e.SHOPIFY_STOREFRONT_MCP_URL ? { url: e.SHOPIFY_STOREFRONT_MCP_URL } : {}),
            timeoutMs: e.AFFINITY_CATALOG_MCP_TIMEOUT_MS,
            cacheTtlMs: e.AFFINITY_CATALOG_CACHE_TTL_SECONDS * 1000,
            cacheMaxEntries: e.AFFINITY_CATALOG_CACHE_MAX_ENTRIES,
            syncMinutes: e.AFFINITY_CATALOG_SYNC_MINUTES,
          },
        }
      : {}),
  }));

/** Who may call the API: keys, pixel origins and rates, Shopify's signatures. */
const AccessSettings = z
  .object({
    AFFINITY_API_KEYS: z
      .string()
      .optional()
      .transform((text, ctx): readonly ApiKey[] => {
        const r = parseApiKeys(text);
        return 'problems' in r ? reportAll(ctx, r.problems) : r.keys;
      })
      .describe('`shop:role:key,…` (roles `ingest`, `read`, `admin`, or several joined with `+` such as `read+ingest` for an AI agent; shop `*` = all). A key for one shop can only ever touch that shop. Unset: the API runs open (development; a warning is logged). See docs/security.md'),
    AFFINITY_PIXEL_ORIGINS: z
      .string()
      .optional()
      .transform((text, ctx): Readonly<Record<string, readonly string[]>> => {
        const r = parsePixelOrigins(text);
        return 'problems' in r ? reportAll(ctx, r.problems) : r.origins;
      })
      .describe("`shop=https://origin|https://origin2,…`: where each shop's pixel may post from"),
    AFFINITY_PIXEL_RATE_PER_MIN: z.coerce.number().positive().default(600).describe('pixel requests per minute per client id (per IP and shop: ten times), token bucket rate'),
    AFFINITY_PIXEL_BURST: z.coerce.number().int().positive().default(120).describe('largest burst of pixel requests per client id (per IP and shop: ten times)'),
    SHOPIFY_API_SECRET: z
      .string()
      .optional()
      .transform((text): readonly string[] => (text ?? '').split(',').map((x) => x.trim()).filter(Boolean))
      .describe("app client secret(s), comma-separated during a rotation: verifies the privacy compliance webhooks and the app proxy's signatures (unset: webhooks answer 401)"),
  })
  .transform((e) => ({
    apiKeys: e.AFFINITY_API_KEYS,
    pixelOrigins: e.AFFINITY_PIXEL_ORIGINS,
    pixelRateLimit: { ratePerSecond: e.AFFINITY_PIXEL_RATE_PER_MIN / 60, burst: e.AFFINITY_PIXEL_BURST },
    shopifyApiSecrets: e.SHOPIFY_API_SECRET,
  }));

/** Markets: the file (or the built-in defaults) with `AFFINITY_MARKET_<HANDLE>_<FIELD>` overrides (docs/markets.md). */
const MarketSettings = z
  // Loose: the per-market overrides are read from the rest of the environment.
  .looseObject({
    AFFINITY_MARKETS_FILE: z.string().min(1).optional().describe('markets JSON (currency, cache TTL, privacy regime, price inclusions, retention); unset: built-in US, EU, APAC. `AFFINITY_MARKET_<HANDLE>_<FIELD>` overrides fields. See docs/markets.md'),
    AFFINITY_DEFAULT_MARKET: z.string().min(1).optional().describe('handle of the market used when a request names none (default: the file\'s `defaultMarket`, else its first market)'),
  })
  .transform((env, ctx) => {
    const file = env.AFFINITY_MARKETS_FILE;
    let text: string | undefined;
    if (file !== undefined) {
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['AFFINITY_MARKETS_FILE'], message: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
        return z.NEVER;
      }
    }
    const r = parseMarketsConfig(text, env as Readonly<Record<string, string | undefined>>, file);
    return 'problems' in r ? reportAll(ctx, r.problems) : { markets: r.config };
  });

/** Intent extraction by a model (else the local classifier alone; see docs/intent.md). */
const IntentSettings = z
  .object({
    AFFINITY_INTENT_MODEL_URL: z.string().url().optional().describe('base URL of an OpenAI-compatible API for intent extraction, e.g. `http://127.0.0.1:11434/v1` (unset: the local classifier alone)'),
    AFFINITY_INTENT_MODEL: z.string().min(1).optional().describe('model name, e.g. `qwen2.5:3b` (required with `AFFINITY_INTENT_MODEL_URL`)'),
    AFFINITY_INTENT_MODEL_KEY: z.string().min(1).optional().describe('bearer key of that API (local servers need none)'),
    AFFINITY_INTENT_MODEL_TIMEOUT_MS: z.coerce.number().int().positive().default(1500).describe('timeout of one model call (also used for sampling), ms'),
    AFFINITY_INTENT_SAMPLING: bool.default(false).describe("`affinity mcp` (stdio): ask the client's own model through MCP sampling when it declares `sampling` (opt-in)"),
  })
  .superRefine(
    // Checked even when the URL itself is wrong: every problem at once.
    (e, ctx) => {
      if (e.AFFINITY_INTENT_MODEL_URL !== undefined && e.AFFINITY_INTENT_MODEL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['AFFINITY_INTENT_MODEL'], message: 'required when AFFINITY_INTENT_MODEL_URL is set' });
      }
    },
    { when: () => true },
  )
  .transform((e) => ({
    ...(e.AFFINITY_INTENT_MODEL_URL && e.AFFINITY_INTENT_MODEL
      ? {
          intentModel: {
            url: e.AFFINITY_INTENT_MODEL_URL,
            model: e.AFFINITY_INTENT_MODEL,
            ...(e.AFFINITY_INTENT_MODEL_KEY ? { apiKey: e.AFFINITY_INTENT_MODEL_KEY } : {}),
            timeoutMs: e.AFFINITY_INTENT_MODEL_TIMEOUT_MS,
          },
        }
      : {}),
    intentSampling: e.AFFINITY_INTENT_SAMPLING,
    intentModelTimeoutMs: e.AFFINITY_INTENT_MODEL_TIMEOUT_MS,
  }));

/** The groups, in the order of the reference. Each reads the whole environment, so each reports its own problems. */
const GROUPS = {
  listen: ListenSettings,
  store: StoreSettings,
  process: ProcessSettings,
  shoppers: ShopperSettings,
  experiments: ExperimentSettings,
  externalRecommender: ExternalRecommenderSettings,
  shopCatalog: ShopCatalogSettingsSchema,
  access: AccessSettings,
  markets: MarketSettings,
  intent: IntentSettings,
};

type GroupOutputs = { [G in keyof typeof GROUPS]: z.output<(typeof GROUPS)[G]> };
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Merged = Intersection<GroupOutputs[keyof GroupOutputs]>;

/** The environment (unset or empty variables ignored) → the frozen {@link Config}. */
export const ConfigSchema = z
  .preprocess((env) => {
    const set = Object.fromEntries(Object.entries(typeof env === 'object' && env !== null ? env : {}).filter(([, v]) => v !== undefined && v !== ''));
    return Object.fromEntries(Object.keys(GROUPS).map((group) => [group, set]));
  }, z.object(GROUPS))
  .transform((groups) => deepFreeze(Object.assign({}, ...Object.values(groups)) as { readonly [K in keyof Merged]: Merged[K] }));

/** The validated, frozen configuration (derived from {@link ConfigSchema}). */
export type Config = z.output<typeof ConfigSchema>;

/** Settings of the shop catalog connection. */
export type ShopCatalogSettings = NonNullable<Config['shopCatalog']>;

/** Every declared setting by variable name, in declaration order (docs/configuration.md is generated from these). */
export const SETTINGS: Readonly<Record<string, z.ZodType>> = Object.freeze(Object.assign({}, ...Object.values(GROUPS).map(settingsOf)));

function settingsOf(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodPipe) return { ...settingsOf(schema.in as z.ZodType), ...settingsOf(schema.out as z.ZodType) };
  return {};
}

/** The declared default of a setting (as its variable would hold it), if any. */
export function defaultOf(setting: z.ZodType): unknown {
  if (setting instanceof z.ZodDefault) return setting.def.defaultValue;
  if (setting instanceof z.ZodPipe) return defaultOf(setting.in as z.ZodType);
  return undefined;
}

/**
 * Warnings for a valid configuration that leaves something off without saying so, printed when a
 * server starts. Reads `shopifyApiSecrets` and `roles`: without SHOPIFY_API_SECRET a node serving the
 * ingest routes answers every compliance webhook (and app proxy call) 401, so Shopify's erasure and
 * export requests never arrive.
 */
export function configWarnings(config: Pick<Config, 'shopifyApiSecrets' | 'roles'>): string[] {
  const out: string[] = [];
  if (config.shopifyApiSecrets.length === 0 && config.roles.some((r) => r === 'ingest' || r === 'recommend')) {
    out.push(
      'SHOPIFY_API_SECRET is not set: the privacy compliance webhooks (customers/data_request, customers/redact, shop/redact) and the app proxy answer 401, so Shopify cannot deliver erasure and export requests. Set it to the app\'s client secret.',
    );
  }
  return out;
}

/** Raised when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a frozen {@link Config}. @throws ConfigError listing every problem */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (r.success) return r.data;
  // Paths start with the group; parsers' own problems already name their variable.
  throw new ConfigError(r.error.issues.map((i) => (i.code === 'custom' && i.params?.verbatim === true ? i.message : `${i.path.slice(1).join('.')}: ${i.message}`)));
}
