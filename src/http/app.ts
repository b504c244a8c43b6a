/**
 * The Fastify application factory: parsers, CORS for the pixel endpoint, metrics, routes, errors.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { MAX_ENCODED_ID_LENGTH } from '../core/ids.ts';
import { AffinityError } from '../core/errors.ts';
import { frameworkOptions, installErrorHandling } from './errorHandler.ts';
import { openApiDocument } from './openapi.ts';
import { withoutProxySlash } from './proxyPath.ts';
import { trackRoutes } from './routeTable.ts';
import { installWellFormedBodies } from './wellFormedBody.ts';
import { utf8Refusal } from './utf8Body.ts';
import { csvText } from './csvBody.ts';
import { CATALOG_IMPORT_PATH, catalogRoutes } from './routes/catalog.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { intentRoutes, type IntentRouteContext } from './routes/intent.ts';
import type { PrivacyHttpContext } from './privacyContext.ts';
import { headerCount, RequestGuard } from './requestGuard.ts';
import { installPixelCors, PIXEL_PATHS, pixelOriginPolicy } from './pixelCors.ts';
import { installAccess } from './access.ts';
import { adminRoutes } from './routes/admin.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { appProxyRoutes } from './routes/appProxy.ts';
import { consentRoutes } from './routes/consent.ts';
import { profileRoutes } from './routes/profiles.ts';
import { shopifyWebhookRoutes } from './routes/shopifyWebhooks.ts';
import { recommendationRoutes } from './routes/recommendations.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { operationsRoutes } from './routes/operations.ts';
import { oauthDiscoveryRoutes } from './routes/oauthDiscovery.ts';
import { callerOf, type RequestCaller } from './tenant.ts';

/** Content types of a catalog CSV upload: their parser reads the body as it is or gzip-compressed (csvBody.ts). */
const CSV_TYPES: ReadonlySet<string> = new Set(['text/csv', 'application/csv']);

/** Version reported by the API. */
export const API_VERSION = '0.1.0';

/** Optional parts of the HTTP app that are wired beside the shared context. */
export interface AppExtensions {
  /** Privacy: Shopify compliance webhooks, consent, admin exports, API keys and pixel origins. */
  readonly privacy?: PrivacyHttpContext;
  /** Every configured pixel origin (for CORS answers before the request's shop is known). */
  readonly pixelOrigins?: readonly string[];
  /** The proxies whose `X-Forwarded-For` names the client (`AFFINITY_TRUST_PROXY`): addresses / ranges, or a hop count. */
  readonly trustProxy?: number | readonly string[];
  /**
   * Transports the composition root mounts beside the routes (the MCP streamable-HTTP binding,
   * `mcp/httpTransport.ts`), after access control: each reads a request's caller with `callerOf`.
   */
  readonly plugins?: readonly AppPlugin[];
  /**
   * Refuses a request before authentication or body parsing (the composition root passes the node's
   * roles: a route of a role this node does not run answers 404 `ROLE_NOT_SERVED`, src/roles/roleGuard.ts).
   */
  readonly routeGuard?: (method: string, url: string) => AffinityError | undefined;
}

/** A transport mounted on the app: it registers its routes and reads each request's caller (tenant, roles) from `callerOf`. */
export type AppPlugin = (app: FastifyInstance, callerOf: (req: FastifyRequest) => RequestCaller) => void;

/** Fastify's `trustProxy` for a list of proxies, or for a number of hops (the nearest `hops` addresses are proxies). */
function trustProxyOption(trust: number | readonly string[]): string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : [...trust];
}

/** Builds the HTTP app (not listening). */
export function buildApp(ctx: AppContext, ext: AppExtensions = {}): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    keepAliveTimeout: 65_000,
    // Behind a TLS proxy the client's address (per-address rate limits, logs) is in X-Forwarded-For.
    ...(ext.trustProxy !== undefined ? { trustProxy: trustProxyOption(ext.trustProxy) } : {}),
    // Every id ingestion accepts must be readable back in a path (`/v1/users/:id/profile`), percent-encoded.
    routerOptions: { maxParamLength: MAX_ENCODED_ID_LENGTH },
    // A theme that writes the app proxy's path with a trailing slash ("/apps/affinity/recommendations/")
    // reaches the same route (before routing and every hook: access is decided on the path answered).
    rewriteUrl: (req) => withoutProxySlash(req.url ?? '/'),
    // The framework's own answers (bad URL, too long parameter, not HTTP, shutting down) in our error shape.
    ...frameworkOptions((err) => ctx.logError(err, 'unhandled error')),
  });
  trackRoutes(app);
  const { routeGuard } = ext;
  if (routeGuard) app.addHook('onRequest', (req, _reply, done) => done(routeGuard(req.method, req.url)));

  // JSON is UTF-8: bytes that are not are refused, never decoded into U+FFFD (utf8Body.ts). Parsed as
  // Fastify parses it, a "__proto__" key or a "constructor" with "prototype" refused.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const refused = utf8Refusal(body as Buffer, req.headers['content-type']);
    if (refused) return done(refused, undefined);
    json(req, (body as Buffer).toString('utf8'), done);
  });
  // Pixels post with `fetch(..., {keepalive: true})`, often as text/plain to avoid a CORS preflight.
  // Only the pixel endpoints take it (PIXEL_PATHS): on any other route it is the wrong type, as the docs say
  // (a path with no route is left to answer 404).
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (req, body, done) => {
    const route = req.routeOptions.url;
    if (route !== undefined && !PIXEL_PATHS.has(route)) {
      return done(new AffinityError('UNSUPPORTED_MEDIA_TYPE', `${req.method} ${route} takes application/json (text/plain is for a pixel's ${[...PIXEL_PATHS].join(' and ')}).`), undefined);
    }
    const refused = utf8Refusal(body as Buffer, req.headers['content-type']);
    if (refused) return done(refused, undefined);
    // The same parser as application/json's: a `__proto__` key is refused whichever type the body is sent as.
    json(req, (body as Buffer).toString('utf8'), done);
  });
  // A catalog export as it is or gzip-compressed (csvBody.ts), up to the catalog route's body limit once decompressed.
  app.addContentTypeParser([...CSV_TYPES], { parseAs: 'buffer' }, (req, body, done) => {
    // Only the catalog import takes a CSV; anywhere else it is the wrong type, not a malformed event.
    if (req.routeOptions.url !== CATALOG_IMPORT_PATH) {
      return done(new AffinityError('UNSUPPORTED_MEDIA_TYPE', `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]} takes application/json, not a CSV (a CSV export goes to POST ${CATALOG_IMPORT_PATH}).`), undefined);
    }
    try {
      done(null, csvText(body as Buffer, req.headers['content-encoding'], req.routeOptions.bodyLimit ?? 64 * 1024 * 1024));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // CORS for the pixel endpoints (pixelCors.ts): a preflight grants exactly the origins the POST accepts,
  // the shop's own when the URL names it (AFFINITY_PIXEL_ORIGINS, docs/privacy.md), and never echoes `null`.
  installPixelCors(app, pixelOriginPolicy(ext.privacy?.guard, ext.pixelOrigins ?? []));
  // OAuth clients probe /.well-known/… without a key: 404 "no metadata" (RFC 9728), never 401 (oauthDiscovery.ts).
  oauthDiscoveryRoutes(app);

  // What the request's head must say, checked in one hook:
  // - one Host: HTTP/1.1 answers more with 400 (RFC 9112 §3.2); Node keeps the first and drops the
  //   rest, so a proxy that read the other would route, or check DNS rebinding, on another host;
  // - no compression: a compressed body would be parsed as its compressed bytes ("not valid JSON"), or
  //   a plain body labelled compressed read as if it were not (RFC 9110 §8.4: 415).
  app.addHook('onRequest', (req, _reply, done) => {
    if (headerCount(req, 'host') > 1) return done(new AffinityError('VALIDATION_FAILED', 'The request has more than one Host header; send one.', [{ path: 'host', message: 'repeated' }]));
    const coding = req.headers['content-encoding'];
    if (coding === undefined || /^\s*identity\s*$/i.test(coding)) return done();
    // The CSV parser decodes its own gzip (csvBody.ts) and refuses other encodings there.
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== undefined && CSV_TYPES.has(type)) return done();
    done(new AffinityError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${coding.slice(0, 40)} is not supported: send the body uncompressed.`));
  });

  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    ctx.logAccess?.({ method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, shop: req.tenant || undefined });
    done();
  });

  installErrorHandling(app, (err) => ctx.logError(err, 'unhandled error'));
  // Without privacy wiring (no keys, no origins) the API runs open, as with no AFFINITY_API_KEYS.
  const guard = ext.privacy?.guard ?? RequestGuard.open(ctx.clock);
  installAccess(app, {
    guard,
    defaultShop: ctx.defaultShop,
    proxySecrets: ext.privacy?.webhookSecrets ?? [],
    clock: ctx.clock,
    onProxyRefused: (why, req) => ctx.logWarn?.({ why, ip: req.ip, path: req.url.split('?')[0] }, 'app proxy request refused'),
  });
  installWellFormedBodies(app);
  // The tenant's catalog is held before any route reads it (a node with a catalog budget lets idle shops go).
  // Public routes (health, metrics, documents, webhooks) name no tenant of their own: nothing to load.
  app.addHook('preHandler', (req, _reply, done) => {
    const loading = req.tenant && req.principal.kind !== 'public' ? ctx.catalogs.ensure(req.tenant) : undefined;
    if (!loading) return done();
    loading.then(() => done(), (err: unknown) => done(err as Error));
  });
  eventRoutes(app, ctx, ext.privacy?.gate);
  recommendationRoutes(app, ctx);
  appProxyRoutes(app, ctx);
  analyticsRoutes(app, ctx);
  experimentRoutes(app, ctx);
  operationsRoutes(app, ctx);
  dashboardRoutes(app);
  profileRoutes(app, ctx);
  catalogRoutes(app, ctx);
  healthRoutes(app, ctx);
  if (ctx.intentClassifier) intentRoutes(app, { ...ctx, intent: ctx.intentClassifier } as IntentRouteContext);
  for (const mount of ext.plugins ?? []) mount(app, callerOf);
  if (ext.privacy) {
    shopifyWebhookRoutes(app, ext.privacy, ctx.catalogs);
    adminRoutes(app, ext.privacy);
    consentRoutes(app, ext.privacy);
  }
  const doc = openApiDocument(API_VERSION);
  app.get('/openapi.json', async () => doc);
  // `auth`: whether the API asks for keys (the dashboard asks for one before any call that would fail).
  const auth = guard.open ? 'open' : 'keys';
  app.get('/', async () => ({ name: 'affinity', version: API_VERSION, openapi: '/openapi.json', health: '/health/ready', metrics: '/metrics', auth }));
  return app;
}
