/**
 * The routes an app has registered (every method and URL pattern, in every plugin scope), recorded
 * with an `onRoute` hook, and the answer they settle on their own: a request for a path that has
 * routes, with a method none of them takes, is 405 with `Allow` before any other hook (authentication
 * included). The OpenAPI test holds the document to the table.
 *
 * Why a wrong method is answered before authentication: the `Allow` list depends on the path's shape
 * only (the route patterns, which `GET /openapi.json` publishes to anyone), never on a tenant, a key or
 * a record (`PUT /v1/users/<anyone>/profile` is 405 whether that shopper exists or not). So it tells an
 * unauthenticated caller nothing the public document does not, while a client (or Shopify's app proxy
 * forwarding a POST) learns the one thing it needs: the method is wrong, not its credentials. A path that
 * is no route at all keeps the access rule: 401 without a key, 404 with one.
 */
import type { FastifyInstance } from 'fastify';
import { AffinityError } from '../core/errors.ts';
import { pathOf } from './requestGuard.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Declares a wildcard route as the twin of a `:param` route: the same operation for a value that
     * holds `/` (`/v1/catalog/products/*` for `/v1/catalog/products/:id`, an unencoded GID). The table
     * records it under the documented pattern and matches paths with the wildcard.
     */
    twinOf?: string;
    /**
     * The route exists only to refuse its method with 405 in its own words (`GET /mcp` on a stateless
     * MCP server): the method is not allowed there, so it is left out of the `Allow` lists.
     */
    refusesMethod?: boolean;
  }
}

/** One registered method and URL pattern (`/v1/users/:id/profile`). */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  /** Added by Fastify for a GET route (`exposeHeadRoutes`), not declared by us. */
  readonly implicitHead: boolean;
}

interface Table {
  readonly routes: RegisteredRoute[];
  readonly patterns: { readonly method: string; readonly re: RegExp }[];
}

const TABLES = new WeakMap<FastifyInstance, Table>();

/** A matcher for a Fastify URL pattern: `:param` is one path segment, `*` the rest. */
function patternOf(url: string): RegExp {
  const body = url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${body}$`);
}

/**
 * Starts recording, and answers wrong methods with 405 (call right after creating the app, before any
 * route or other hook is declared: the 405 comes before authentication, role and shutdown answers).
 */
export function trackRoutes(app: FastifyInstance): void {
  const table: Table = { routes: [], patterns: [] };
  TABLES.set(app, table);
  const declaredGets = new Set<string>();
  const recorded = new Set<string>();
  const refusing = new Set<string>();
  app.addHook('onRoute', (r) => {
    const url = r.config?.twinOf ?? r.url;
    for (const method of [r.method].flat()) {
      // Fastify declares the HEAD twin of a GET route right after it, with the same URL.
      const implicitHead = method === 'HEAD' && declaredGets.has(r.url);
      if (method === 'GET') declaredGets.add(r.url);
      // A route that only refuses its method (and its HEAD twin) is documented, but allows nothing.
      const refuses = r.config?.refusesMethod === true || (implicitHead && refusing.has(r.url));
      if (method === 'GET' && r.config?.refusesMethod === true) refusing.add(r.url);
      if (!refuses) table.patterns.push({ method, re: patternOf(r.url) });
      // A wildcard twin is the same documented operation as its `:param` route: listed once.
      if (recorded.has(`${method} ${url}`)) continue;
      recorded.add(`${method} ${url}`);
      table.routes.push({ method, url, implicitHead });
    }
  });
  // Callback form: no promise per request. Only a request the router matched to no route is looked at.
  app.addHook('onRequest', (req, reply, done) => {
    if (!req.is404) return done();
    const path = pathOf(req.url);
    const allow = allowedMethods(app, path);
    if (allow.length === 0) return done();
    reply.header('allow', allow.join(', '));
    done(new AffinityError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; allowed: ${allow.join(', ')}.`));
  });
}

/** Every route recorded so far (complete once the app is ready). */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return TABLES.get(app)?.routes ?? [];
}

/** The methods registered for `path` (a concrete path such as `/v1/users/u-1/profile`), sorted. */
export function allowedMethods(app: FastifyInstance, path: string): string[] {
  const table = TABLES.get(app);
  if (!table) return [];
  const out = new Set<string>();
  for (const p of table.patterns) if (p.re.test(path)) out.add(p.method);
  return [...out].sort();
}
