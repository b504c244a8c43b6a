/**
 * Wiring of the HTTP app: the context the routes and MCP tools are given, access control (API keys,
 * pixel origins and rate limits), the privacy routes' context, the `/mcp` binding, and the route guard
 * of the roles this node does not run.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import type { AffinityStore } from '../core/ports.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import { gatedStore } from '../features/privacy/consentGate.ts';
import type { PrivacyMetrics } from '../features/privacy/privacyMetrics.ts';
import type { ProjectionControl } from '../features/projection/projectionControl.ts';
import { buildApp } from '../http/app.ts';
import type { AppContext } from '../http/context.ts';
import type { PrivacyHttpContext } from '../http/privacyContext.ts';
import { RequestGuard } from '../http/requestGuard.ts';
import { mcpHttpTransport } from '../mcp/httpTransport.ts';
import { roleRefusal } from '../roles/roleGuard.ts';
import { describeRoles, type RoleName } from '../roles/roles.ts';
import type { AnalyticsWiring } from './analytics.ts';
import type { NodeState } from './nodeState.ts';
import type { NodeWork } from './nodeWork.ts';
import type { PrivacyWiring } from './privacy.ts';
import type { RecommendWiring } from './recommend.ts';

/** The HTTP side of a node. */
export interface HttpWiring {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly privacy: PrivacyHttpContext;
}

/** Options of {@link wireHttp}: the wired use cases, and what the app needs beside them. */
export interface HttpOptions {
  readonly config: Config;
  readonly store: AffinityStore;
  readonly roles: readonly RoleName[];
  /** Whether the roles' route guard is installed (not in the one-machine worker layout, whose workers serve every route). */
  readonly guardRoutes: boolean;
  /** Whether an acknowledged event survives a crash of Redis (a Redis store only; docs/reliability.md). */
  readonly storeDurability?: AppContext['storeDurability'];
  readonly catalogs: CatalogRegistry;
  readonly markets: MarketRegistry;
  readonly metrics: Metrics;
  readonly privacyMetrics: PrivacyMetrics;
  readonly profileView: AppContext['profileView'];
  readonly node: NodeState;
  readonly analytics: AnalyticsWiring;
  readonly recommend: RecommendWiring;
  readonly privacyWiring: PrivacyWiring;
  readonly projection: ProjectionControl;
  readonly work: NodeWork;
  readonly clock: () => number;
  readonly log: Logger;
}

/** Builds the HTTP app (not listening) from the wired use cases. */
export function wireHttp(o: HttpOptions): HttpWiring {
  const { config, store, roles, recommend, analytics, privacyWiring, work, log, privacyMetrics, storeDurability } = o;
  const servesApi = roles.includes('ingest') || roles.includes('recommend');
  const ctx: AppContext = {
    markets: o.markets,
    sessionEvents: (shop, userId) => o.node.sessions.events(shop, userId),
    sessionProfile: (shop, userId) => o.node.sessions.profile(shop, userId),
    ...(work.shopCatalog ? { shopCatalog: work.shopCatalog.catalog, shopCatalogSync: work.shopCatalog.sync } : {}),
    store: gatedStore(store, privacyWiring.gate),
    ...(storeDurability ? { storeDurability } : {}),
    catalogs: o.catalogs,
    recommender: recommend.recommender,
    projector: o.projection,
    metrics: o.metrics,
    profileView: o.profileView,
    defaultShop: config.defaultShop,
    clock: o.clock,
    logError: (err, msg) => log.error({ err }, msg ?? 'error'),
    logWarn: (obj, msg) => log.warn(obj, msg),
    ...(log.isLevelEnabled('info') ? { logAccess: (line) => log.info(line, 'request') } : {}),
    ...(recommend.intent ? { intentClassifier: recommend.intent } : {}),
    ...(recommend.personalizer ? { personalizer: recommend.personalizer } : {}),
    attribution: analytics.attribution,
    analytics: { store: store.attribution(), experiments: analytics.experiments, windowMs: config.attributionWindowMs, flush: () => analytics.flush(), links: (shop, id) => store.linkedIds(shop, id) },
    ...(work.operations ? { operations: work.operations } : {}),
  };
  const guard = new RequestGuard({
    keys: config.apiKeys,
    pixelOrigins: config.pixelOrigins,
    rate: config.pixelRateLimit,
    clock: o.clock,
    onLimited: (scope) => privacyMetrics.rateLimited.inc({ scope }),
  });
  if (guard.open && servesApi) {
    log.warn('AFFINITY_API_KEYS is not set: the API runs OPEN (no authentication; any origin may post pixel events). Development only.');
  }
  const privacy: PrivacyHttpContext = {
    store,
    queue: privacyWiring.queue,
    webhookSecrets: config.shopifyApiSecrets,
    newId: randomUUID,
    clock: o.clock,
    ...(privacyWiring.kick ? { onEnqueued: privacyWiring.kick } : {}),
    onWebhook: (topic, outcome) => {
      privacyMetrics.webhooks.inc({ topic, outcome });
      // A refused webhook is either an attack or a misconfigured secret: an operator must be able to find it.
      if (outcome === 'unauthorized' || outcome === 'invalid') log.warn({ topic, outcome }, 'compliance webhook refused');
    },
    defaultShop: config.defaultShop,
    gate: privacyWiring.gate,
    sessions: o.node.sessions,
    markets: o.markets,
    guard,
  };
  if (config.mcpHttp.allowedHosts === 'any' && roles.includes('recommend')) {
    log.warn({ host: config.host }, '/mcp accepts any Host header, so it has no DNS rebinding protection (HOST binds every interface and AFFINITY_MCP_ALLOWED_HOSTS is unset, or is *). List the names clients use in AFFINITY_MCP_ALLOWED_HOSTS.');
  }
  const app = buildApp(ctx, {
    privacy,
    pixelOrigins: Object.values(config.pixelOrigins).flat(),
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    // The MCP streamable-HTTP binding is MCP's, mounted here: http/ does not know MCP.
    plugins: [mcpHttpTransport(ctx, config.mcpHttp)],
    // Routes of roles this node does not run answer 404 ROLE_NOT_SERVED.
    ...(o.guardRoutes && describeRoles(roles) !== 'all' ? { routeGuard: (method: string, url: string) => roleRefusal(roles, method, url) } : {}),
  });
  return { app, ctx, privacy };
}
