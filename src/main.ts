/**
 * The composition root: the only place that turns configuration into wired components. Used by
 * `affinity serve`, the demo, the benchmarks and the end-to-end tests.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Server as McpLowLevelServer } from '@modelcontextprotocol/sdk/server/index.js';
import { HttpRecommender } from './adapters/http/httpRecommender.ts';
import type { RedisStore } from './adapters/redis/redisStore.ts';
import { SqliteStore, WAL_CHECKPOINT_MS } from './adapters/sqlite/sqliteStore.ts';
import { CatalogRegistry } from './features/catalog/catalogRegistry.ts';
import { HybridRecommender } from './features/recommend/hybridRecommender.ts';
import { loadIntentClassifier } from './features/recommend/intentClassifier.ts';
import { MCPAwareRecommender } from './features/recommend/personalizedRecommender.ts';
import { createShopCatalog } from './features/catalog/shopCatalog.ts';
import { Metrics } from './features/operations/metrics.ts';
import { OperationsSampler } from './features/operations/operationsSampler.ts';
import { operationsProbe } from './features/operations/readiness.ts';
import { MarketResponseCache } from './features/recommend/marketResponseCache.ts';
import { ConsentGate, gatedStore, type ConsentGateOptions } from './features/privacy/consentGate.ts';
import { attributionObserver } from './features/analytics/attributionObserver.ts';
import { ExperimentsFile } from './features/analytics/experimentsFile.ts';
import { ListAttribution } from './features/analytics/listAttribution.ts';
import { ServedRecorder } from './features/analytics/servedRecorder.ts';
import { QualityMonitor } from './features/analytics/qualityMonitor.ts';
import { ConsentLedger } from './features/privacy/consentLedger.ts';
import { PrivacyAwareRecommender } from './features/privacy/privacyAwareRecommender.ts';
import { PrivacyMetrics } from './features/privacy/privacyMetrics.ts';
import { SESSION_EVENT_CAP, SessionMemory } from './features/privacy/sessionMemory.ts';
import { DEFAULT_SESSION_TTL_MS } from './core/personalize/sessionContext.ts';
import { PrivacyWorker } from './features/privacy/privacyWorker.ts';
import { Projector } from './features/projection/projector.ts';
import { RemoteProjection, type ProjectionControl } from './features/projection/projectionControl.ts';
import type { Config } from './config.ts';
import { classifierExtractor } from './core/intent/intentExtractor.ts';
import { DEFAULT_EVENT_WEIGHTS } from './core/profile/fold.ts';
import { MarketRegistry } from './core/markets/marketRegistry.ts';
import { marketRates } from './core/personalize/marketRates.ts';
import type { AffinityStore } from './core/ports.ts';
import type { ProjectionParams } from './core/projection.ts';
import { DEFAULT_COOC_PARAMS } from './core/recommend/cooccurrence.ts';
import { DEFAULT_SOURCE_WEIGHTS } from './core/recommend/rank.ts';
import { buildApp } from './http/app.ts';
import { mcpHttpTransport } from './mcp/httpTransport.ts';
import { RedisBus } from './adapters/redis/redisBus.ts';
import { RedisSessionState } from './adapters/redis/redisSessionState.ts';
import { RedisConversations } from './adapters/redis/redisConversations.ts';
import { CatalogGenerations } from './features/catalog/catalogGenerations.ts';
import { sweepRetention } from './features/privacy/retentionSweep.ts';
import { intentExtractionChain } from './features/recommend/intentExtraction.ts';
import { MarketExclusions } from './features/recommend/marketExclusions.ts';
import { changedNeighbourKeys } from './features/recommend/neighbourInvalidation.ts';
import { SharedConversationRecommender, SharedConversations } from './roles/sharedConversations.ts';
import { hydratingRecommender } from './roles/hydratingRecommender.ts';
import { describeRoles, runsWork, type RoleName } from './roles/roles.ts';
import { SharedConsentLedger, SharedSessionMemory, SharedSessionState } from './roles/sharedSessionState.ts';
import { StatelessConsentGate } from './roles/statelessGate.ts';
import { startBackgroundWork, SWEEP_CLAIM_MS } from './roles/backgroundWork.ts';
import { claimTurn } from './adapters/redis/redisLock.ts';
import type { AppContext } from './http/context.ts';
import type { PrivacyHttpContext } from './http/privacyContext.ts';
import { RequestGuard } from './http/requestGuard.ts';

/** Popularity half-life: 7 days. */
export const POPULAR_HALF_LIFE_MS = 7 * 86_400_000;
/** How often every process checks the store for catalog changes, ms. */
export const CATALOG_REFRESH_MS = 2000;
/** Longest pause between projection batches on SQLite, ms (see `ProjectorOptions.maxPauseMs`). */
const PROJECTION_MAX_PAUSE_MS = 50;
/** How long a shutdown waits for requests in flight before it closes every connection, ms. */
const CLOSE_GRACE_MS = 3000;
/** Trending half-life: 1 day. */
export const TRENDING_HALF_LIFE_MS = 86_400_000;

/**
 * The process layout of `affinity serve` with `AFFINITY_WORKERS` > 1 on one machine: one `projector`
 * primary (the `project` role) and N `http` workers (`ingest` and `recommend`, kicking projection
 * through `kickRemote`, IPC). `all`: the roles of the configuration (`AFFINITY_ROLES`, `--role`;
 * src/roles/roles.ts), every role by default.
 */
export type Role = 'all' | 'http' | 'projector';

/** The roles a process of the worker layout runs (`all`: the configured ones). */
const LAYOUT_ROLES: Readonly<Record<Exclude<Role, 'all'>, readonly RoleName[]>> = { http: ['ingest', 'recommend'], projector: ['project'] };

/** A wired Affinity instance. */
export interface Affinity {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** The projection running in this process (`all` and `projector` roles). */
  readonly projector: Projector;
  /** Set in the `http` role: records the lag the projecting process reports. */
  readonly remoteProjection?: RemoteProjection;
  /** Drops cached neighbour lists another process's projection changed. */
  invalidateNeighbours(keys: readonly string[]): void;
  /** Subscribes to the neighbour lists this process's projection changes (to tell other processes). */
  onNeighboursChanged(listener: (keys: readonly string[]) => void): void;
  /** The roles this process runs. */
  readonly roles: readonly RoleName[];
  /** Session memory, consent states, conversation contexts and cache invalidations go through Redis (docs/decisions/0003). */
  readonly stateless: boolean;
  /** The privacy worker (compliance webhooks, consent withdrawals), where the `project` role runs. */
  readonly privacyWorker?: PrivacyWorker;
  /** What the privacy routes were given (queue, session memory, consent ledger, markets, guard). */
  readonly privacy: PrivacyHttpContext;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking requests, drain the projector, close the store. */
  close(): Promise<void>;
}

/** Opens the configured store; `onStoreHealth` hears when Redis becomes unreachable and reachable again. */
export async function openStore(config: Config, onStoreHealth?: (state: 'up' | 'suspect' | 'down', reason: string) => void): Promise<AffinityStore> {
  if (config.store === 'redis') {
    const { RedisStore } = await import('./adapters/redis/redisStore.ts');
    const opts = { profileTtlMs: config.profileTtlMs, ...(onStoreHealth ? { onHealthChange: onStoreHealth } : {}) };
    return config.redisCluster ? RedisStore.connectCluster(config.redisCluster, opts) : RedisStore.connect(config.redisUrl, opts);
  }
  return new SqliteStore({ path: config.sqlitePath, profileTtlMs: config.profileTtlMs });
}

/** Wires every component from the configuration. */
export async function createAffinity(
  config: Config,
  opts: {
    clock?: () => number;
    store?: AffinityStore;
    role?: Role;
    kickRemote?: () => void;
    /** The MCP session's server (stdio): enables intent extraction through MCP sampling when `config.intentSampling`. */
    samplingServer?: () => McpLowLevelServer | undefined;
    /**
     * Keep session-only memory, consent states, conversation contexts and cache invalidations in
     * Redis (stateless nodes; docs/decisions/0003). Default: with a Redis store, whenever this process is one of several
     * (roles other than all, HTTP workers, a Redis Cluster).
     */
    stateless?: boolean;
  } = {},
): Promise<Affinity> {
  const role = opts.role ?? 'all';
  // Roles are data (src/roles/roles.ts): what this process serves and which background work it runs.
  const roles = role === 'all' ? config.roles : LAYOUT_ROLES[role];
  const projects = runsWork(roles, 'projection');
  const servesApi = roles.includes('ingest') || roles.includes('recommend');
  const log = pino({ level: config.logLevel, base: { service: 'affinity' } }, pino.destination(2));
  const clock = opts.clock ?? Date.now;
  const store =
    opts.store ??
    (await openStore(config, (state, reason) => {
      if (state === 'up') log.info({ reason }, 'Redis answers again: recommendations and events are back to normal');
      else if (state === 'down') log.warn({ reason }, 'Redis is unreachable: recommendations are served degraded from memory, events are refused (503)');
    }));
  // Whether an acknowledged event survives a crash of Redis (docs/reliability.md, "Redis durability").
  const storeDurability = (store as Partial<Pick<RedisStore, 'durability'>>).durability?.bind(store);
  // The Redis connection every node shares: session memory, consent states and cache invalidations
  // go through it when this process is one of several (stateless nodes).
  const redisConnection = (store as Partial<Pick<RedisStore, 'connection'>>).connection?.call(store);
  const stateless = redisConnection !== undefined && (opts.stateless ?? (describeRoles(roles) !== 'all' || config.redisCluster !== undefined));
  const bus = stateless && redisConnection ? await RedisBus.open(redisConnection) : undefined;
  if (role === 'all' && describeRoles(roles) !== 'all' && !redisConnection) {
    log.warn(
      { roles: describeRoles(roles), store: store.kind },
      'roles split over processes on a SQLite file: session-only memory, consent states and caches stay in each process (use a Redis store for nodes that behave as one; docs/operations.md)',
    );
  }
  const durability = storeDurability?.();
  if (durability?.warning) log.warn({ durability }, durability.warning);
  const metrics = new Metrics();
  const catalogs = new CatalogRegistry(store);
  // Online list quality from real traffic: diversity, variation between shoppers, intent accuracy, fallback coverage.
  const quality = new QualityMonitor({ metrics, catalog: (shop) => catalogs.get(shop).index });
  await catalogs.loadAll();
  const params: ProjectionParams = {
    fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: config.profileHalfLifeMs },
    cooc: { ...DEFAULT_COOC_PARAMS, sessionGapMs: config.sessionGapMs },
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
  };
  const projector = new Projector({
    store,
    catalogs,
    params,
    // SQLite has one write lock, shared with the HTTP workers' appends.
    maxPauseMs: store instanceof SqliteStore ? PROJECTION_MAX_PAUSE_MS : 0,
    onError: (err) => log.error({ err }, 'projection failed; will retry'),
    // Views, clicks and attributed carts and orders of served lists (docs/decisions/0002).
    observe: attributionObserver({ store: store.attribution(), links: store, windowMs: config.attributionWindowMs, onOutcomes: (o) => quality.outcomes(o) }),
    onBatch: (n, ms) => {
      metrics.projected.inc(n);
      metrics.projectionBatch.observe(ms / 1000);
    },
    // Neighbour lists the batch changed are dropped from this process's cache and announced to
    // other processes (the HTTP workers of `affinity serve`).
    onApplied: (batch) => {
      const list = changedNeighbourKeys(batch);
      if (list.length === 0) return;
      hybridRef?.invalidateNeighbours(list);
      for (const l of neighbourListeners) l(list);
      bus?.publish({ type: 'neighbours', keys: list });
    },
  });
  const neighbourListeners = new Set<(keys: readonly string[]) => void>();
  let hybridRef: HybridRecommender | undefined;
  const profileView = { halfLifeMs: config.profileHalfLifeMs, sessionGapMs: config.sessionGapMs };
  // Markets and consent: session-only memory for shoppers who may not be stored, the latest consent
  // per shopper, and products not sold per market (recomputed when the shop's catalog is reloaded).
  const markets = new MarketRegistry(config.markets);
  const ledgerTtlMs = Math.max(config.sessionMemoryTtlMs, 3_600_000);
  const sessionState =
    stateless && redisConnection
      ? new RedisSessionState(redisConnection, { sessionTtlMs: config.sessionMemoryTtlMs, consentTtlMs: ledgerTtlMs, eventCap: SESSION_EVENT_CAP })
      : undefined;
  const shared = sessionState
    ? new SharedSessionState(
        sessionState,
        new SharedSessionMemory({ catalogs, fold: params.fold, ttlMs: config.sessionMemoryTtlMs, redis: sessionState }),
        new SharedConsentLedger({ ttlMs: ledgerTtlMs, redis: sessionState }),
      )
    : undefined;
  const sessions = shared?.sessions ?? new SessionMemory({ catalogs, fold: params.fold, ttlMs: config.sessionMemoryTtlMs });
  const ledger = shared?.ledger ?? new ConsentLedger({ ttlMs: ledgerTtlMs });
  // Served lists are buffered and written in batches, off the request path (servedRecorder.ts).
  const experiments = new ExperimentsFile(config.experimentsFile, (err) => log.warn({ err, file: config.experimentsFile }, 'experiments file not (re)loaded; keeping the last good one'));
  experiments.start();
  const servedRecorder = new ServedRecorder({ store: store.attribution(), onError: (err) => log.warn({ err }, 'served lists not recorded yet; will retry') });
  const attribution = new ListAttribution({
    experiments,
    recorder: servedRecorder,
    clock,
    mayStore: (shop, userId) => ledger.get(shop, userId)?.decision.persist !== false,
    onServed: (l, want) => quality.served(l, want),
    // A linked shopper's variant follows their customer id on every surface (docs/decisions/0002).
    links: (shop, id) => store.linkedIds(shop, id),
    onLinksError: (err) => log.warn({ err }, 'identity links not read; experiment assigned on the request ids'),
  });
  const generations = new CatalogGenerations((shop) => catalogs.get(shop));
  const generationOf = (shop: string): number => generations.of(shop);
  const exclusions = new MarketExclusions({ markets, products: (shop) => catalogs.get(shop).index.all(), generation: generationOf });
  const marketExclude = (shop: string, input: unknown): ReadonlySet<string> | undefined => exclusions.exclude(shop, input);
  const hybrid = (hybridRef = new HybridRecommender({
    store,
    catalogs,
    profile: profileView,
    weights: DEFAULT_SOURCE_WEIGHTS,
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
    allowRepeat: config.allowRepeatPurchases,
    onNeighbourCache: (hits, misses) => {
      if (hits > 0) metrics.neighbourCache.inc({ result: 'hit' }, hits);
      if (misses > 0) metrics.neighbourCache.inc({ result: 'miss' }, misses);
    },
    onProfileViewCache: (hits, misses) => {
      if (hits > 0) metrics.profileViewCache.inc({ result: 'hit' }, hits);
      if (misses > 0) metrics.profileViewCache.inc({ result: 'miss' }, misses);
    },
    sessionProfiles: (shop, userId) => sessions.profile(shop, userId),
    marketExclude,
  }));
  const baseRecommender = config.externalRecommender
    ? new HttpRecommender({
        url: config.externalRecommender.url,
        timeoutMs: config.externalRecommender.timeoutMs,
        fallback: hybrid,
        onStateChange: (state) => log.warn({ state }, 'external recommender circuit breaker changed state'),
      })
    : hybrid;
  const privacyMetrics = new PrivacyMetrics(metrics.registry);
  const responseCache = new MarketResponseCache({
    catalogGeneration: generationOf,
    onLookup: (market, hit) => privacyMetrics.marketCache.inc({ market, result: hit ? 'hit' : 'miss' }),
  });
  // Consent and market rules around whichever base recommender is configured (see privacyAwareRecommender.ts).
  const guardedRecommender = new PrivacyAwareRecommender({
    inner: baseRecommender,
    local: hybrid,
    ledger,
    markets,
    cache: responseCache,
  });
  // A stateless node reads the shoppers' session memory and consent states from Redis first.
  const recommender = shared ? hydratingRecommender(guardedRecommender, shared, (err) => log.warn({ err }, 'session state not read; answering from this node')) : guardedRecommender;
  // The intent classifier trains from the repo corpus in about a second; only HTTP processes need it.
  const intent = servesApi ? await loadIntentClassifier() : undefined;
  // Intent extraction chain (docs/intent.md; features/recommend/intentExtraction.ts).
  const vocabularyOf = (shop: string) => personalizer?.vocabulary(shop);
  const extractor = intent
    ? intentExtractionChain({
        local: classifierExtractor(intent, vocabularyOf),
        vocabulary: vocabularyOf,
        ...(config.intentModel ? { model: config.intentModel } : {}),
        ...(config.intentSampling && opts.samplingServer ? { samplingServer: opts.samplingServer } : {}),
        samplingTimeoutMs: config.intentModelTimeoutMs,
        warn: (obj, msg) => log.warn(obj, msg),
      })
    : undefined;
  // A stateless node keeps the personalizer's conversation contexts in Redis too (docs/decisions/0003).
  const conversations = shared && redisConnection ? new SharedConversations(new RedisConversations(redisConnection, DEFAULT_SESSION_TTL_MS), DEFAULT_SESSION_TTL_MS) : undefined;
  // Conversational personalization on top of whichever base recommender is configured.
  const personalizerOptions = intent
    ? {
        base: recommender,
        catalogs,
        store,
        profile: profileView,
        classifier: intent,
        ...(extractor ? { extractor } : {}),
        allowRepeat: config.allowRepeatPurchases,
        marketExclude,
        // A budget in another currency ("under 50 euros" in a USD market) is converted with the markets' rates.
        rate: marketRates(markets.all()),
        onExtractError: (err: unknown) => log.warn({ err }, 'intent extraction failed'),
      }
    : undefined;
  const personalizer: MCPAwareRecommender | undefined = !personalizerOptions
    ? undefined
    : conversations
      ? new SharedConversationRecommender({ ...personalizerOptions, conversations, onDegraded: (err) => log.warn({ err }, 'conversation contexts not shared; answering from this node') })
      : new MCPAwareRecommender(personalizerOptions);
  const remote = role === 'http' ? new RemoteProjection(opts.kickRemote ?? (() => bus?.publish({ type: 'kick' }))) : undefined;
  // Without the project role, projection runs on other nodes: they hear kicks on the bus and poll.
  const projection: ProjectionControl = remote ?? (projects ? projector : new RemoteProjection(() => bus?.publish({ type: 'kick' }), store));
  const queue = store.privacyQueue();
  // Privacy jobs run where projection runs, so erasures can hold the local projector back.
  /** Drops what this process holds of an erased shop (sessions, cached answers, conversations). */
  const forgetShopHere = (shop: string): void => {
    sessions.deleteShop(shop);
    responseCache.deleteShop(shop);
    if (personalizer instanceof SharedConversationRecommender) personalizer.forgetShop(shop);
  };
  const privacyWorker = !runsWork(roles, 'privacy')
      ? undefined
      : new PrivacyWorker({
          store,
          queue,
          clock,
          exclusive: (fn) => projector.pauseWhile(fn),
          titleOf: (shop, productId) => catalogs.get(shop).index.get(productId)?.title,
          onShopErased: (shop) => {
            forgetShopHere(shop);
            void catalogs.refresh().catch((err) => log.warn({ err }, 'catalog refresh failed'));
            // Other nodes drop their copies too (their caches also expire by themselves).
            bus?.publish({ type: 'shopErased', shop });
          },
          onJob: (kind, outcome, err) => {
            privacyMetrics.jobs.inc({ kind, outcome });
            if (err) log.error({ err, kind }, 'privacy job failed; will retry');
          },
        });
  // A queued privacy job is kicked where the privacy worker runs: here, or on the project nodes over the bus.
  const privacyKick = privacyWorker ? () => privacyWorker.kick() : bus ? () => bus.publish({ type: 'privacy' }) : undefined;
  // Every append from the HTTP and MCP layers passes the consent gate.
  const gateOptions = {
    store,
    queue,
    markets,
    sessions,
    ledger,
    clock,
    newId: randomUUID,
    ...(privacyKick ? { onEnqueued: privacyKick } : {}),
    onEvent: (regime, decision) => privacyMetrics.consentDecisions.inc({ regime, decision }),
  } satisfies ConsentGateOptions;
  const gate = shared ? new StatelessConsentGate({ ...gateOptions, shared, ...(conversations ? { conversations } : {}) }) : new ConsentGate(gateOptions);
  // The shop's Storefront Catalog MCP (cache, breaker, local fallback); synced where projection runs.
  const shopCatalog = config.shopCatalog
    ? createShopCatalog(config.shopCatalog, {
        catalogs,
        registry: metrics.registry,
        defaultShop: config.defaultShop,
        configuredShops: new Set([config.defaultShop, ...config.apiKeys.map((k) => k.shop).filter((s) => s !== '*'), ...Object.keys(config.pixelOrigins)]),
        warn: (obj, msg) => log.warn(obj, msg),
        info: (obj, msg) => log.info(obj, msg),
      })
    : undefined;
  if (shopCatalog && runsWork(roles, 'catalogSync') && config.shopCatalog && config.shopCatalog.syncMinutes > 0) {
    shopCatalog.sync.start();
    // A first sync at start-up, then every AFFINITY_CATALOG_SYNC_MINUTES.
    setImmediate(() => void shopCatalog.sync.syncAll());
  }
  // The dashboard's operations panel: this process's own metrics every 10 s, one hour kept.
  const operations = !runsWork(roles, 'operations')
      ? undefined
      : new OperationsSampler({ registry: metrics.registry, clock, probe: operationsProbe({ store, projection, metrics }), onError: (err) => log.warn({ err }, 'operations sample failed') });
  operations?.start();
  const ctx: AppContext = {
    markets,
    ...(shopCatalog ? { shopCatalog: shopCatalog.catalog, shopCatalogSync: shopCatalog.sync } : {}),
    store: gatedStore(store, gate),
    ...(storeDurability ? { storeDurability } : {}),
    catalogs,
    recommender,
    projector: projection,
    metrics,
    profileView,
    defaultShop: config.defaultShop,
    clock,
    logError: (err, msg) => log.error({ err }, msg ?? 'error'),
    logWarn: (obj, msg) => log.warn(obj, msg),
    ...(log.isLevelEnabled('info') ? { logAccess: (line) => log.info(line, 'request') } : {}),
    ...(intent ? { intentClassifier: intent } : {}),
    ...(personalizer ? { personalizer } : {}),
    attribution,
    analytics: { store: store.attribution(), experiments, windowMs: config.attributionWindowMs, flush: () => servedRecorder.flush() },
    ...(operations ? { operations } : {}),
  };
  const guard = new RequestGuard({
    keys: config.apiKeys,
    pixelOrigins: config.pixelOrigins,
    rate: config.pixelRateLimit,
    clock,
    onLimited: (scope) => privacyMetrics.rateLimited.inc({ scope }),
  });
  if (guard.open && servesApi) {
    log.warn('AFFINITY_API_KEYS is not set: the API runs OPEN (no authentication; any origin may post pixel events). Development only.');
  }
  const privacy: PrivacyHttpContext = {
    store,
    queue,
    webhookSecrets: config.shopifyApiSecrets,
    newId: randomUUID,
    clock,
    ...(privacyKick ? { onEnqueued: privacyKick } : {}),
    onWebhook: (topic, outcome) => {
      privacyMetrics.webhooks.inc({ topic, outcome });
      // A refused webhook is either an attack or a misconfigured secret: an operator must be able to find it.
      if (outcome === 'unauthorized' || outcome === 'invalid') log.warn({ topic, outcome }, 'compliance webhook refused');
    },
    defaultShop: config.defaultShop,
    gate,
    sessions,
    markets,
    guard,
  };
  if (config.mcpHttp.allowedHosts === 'any' && roles.includes('recommend')) {
    log.warn({ host: config.host }, '/mcp accepts any Host header, so it has no DNS rebinding protection (HOST binds every interface and AFFINITY_MCP_ALLOWED_HOSTS is unset, or is *). List the names clients use in AFFINITY_MCP_ALLOWED_HOSTS.');
  }
  const app = buildApp(ctx, {
    privacy,
    pixelOrigins: Object.values(config.pixelOrigins).flat(),
    // The MCP streamable-HTTP binding is MCP's, mounted here: http/ does not know MCP.
    plugins: [mcpHttpTransport(ctx, config.mcpHttp)],
    // Routes of roles this process does not run answer 404 ROLE_NOT_SERVED (not with the legacy worker layout).
    ...(role === 'all' && describeRoles(roles) !== 'all' ? { roles } : {}),
  });
  bus?.on((m) => {
    if (m.type === 'neighbours') hybrid.invalidateNeighbours(m.keys);
    else if (m.type === 'kick') {
      if (projects) projector.kick();
    } else if (m.type === 'privacy') {
      privacyWorker?.kick();
    } else if (m.type === 'shopErased') {
      forgetShopHere(m.shop);
    }
  });
  if (projects) projector.start();
  privacyWorker?.start();
  // The process that projects also checkpoints the SQLite WAL, off the HTTP workers' event loops.
  const sweepOwner = randomUUID();
  const background = startBackgroundWork({
    roles,
    ...(store instanceof SqliteStore ? { checkpoint: () => store.checkpoint() } : {}),
    checkpointMs: WAL_CHECKPOINT_MS,
    ...(redisConnection ? { claimSweep: () => claimTurn(redisConnection, 'retention-sweep', sweepOwner, SWEEP_CLAIM_MS) } : {}),
    sweep: () =>
      sweepRetention({ store, markets, globalTtlMs: config.profileTtlMs, exclusive: (fn) => projector.pauseWhile(fn), onError: (what, err) => log.error({ err }, `${what} failed`) }, clock()),
    refreshCatalogs: () => catalogs.refresh(),
    catalogRefreshMs: CATALOG_REFRESH_MS,
    onError: (what, err) => log.warn({ err }, `${what} failed`),
  });
  let closed = false;
  return {
    app,
    ctx,
    projector,
    ...(remote ? { remoteProjection: remote } : {}),
    roles,
    stateless,
    invalidateNeighbours: (keys) => hybrid.invalidateNeighbours(keys),
    onNeighboursChanged: (listener) => void neighbourListeners.add(listener),
    ...(privacyWorker ? { privacyWorker } : {}),
    privacy,
    async listen() {
      const url = await app.listen({ port: config.port, host: config.host });
      log.info({ url, store: store.kind, roles: describeRoles(roles), stateless }, 'affinity listening');
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      background.stop();
      // First, so that nothing is projected while the rest closes: the projector finishes the batch
      // in hand, and a backlog stays in the durable log for the next start (draining it here made a
      // shutdown after a burst take as long as projecting the burst).
      if (projects) await projector.stop();
      await shopCatalog?.stop();
      // Requests in flight finish; a connection that never sent one (a client's idle socket) would
      // otherwise hold the close for about a minute, so after a grace period every connection goes.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      force.unref();
      await app.close();
      clearTimeout(force);
      await privacyWorker?.stop();
      experiments.stop();
      operations?.stop();
      await servedRecorder.stop().catch((err) => log.warn({ err }, 'served lists lost at shutdown'));
      await shared?.flush().catch((err) => log.warn({ err }, 'session state not written at shutdown'));
      await bus?.close();
      await store.close();
    },
  };
}
