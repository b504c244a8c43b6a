/**
 * The routes an app has registered (every method and URL pattern, in every plugin scope), recorded
 * with an `onRoute` hook. The not-found handler asks it which methods a path does have (405 with
 * `Allow` instead of 404), and the OpenAPI test holds the document to it.
 */
import type { FastifyInstance } from 'fastify';

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

/** Starts recording (call right after creating the app, before any route is declared). */
export function trackRoutes(app: FastifyInstance): void {
  const table: Table = { routes: [], patterns: [] };
  TABLES.set(app, table);
  const declaredGets = new Set<string>();
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      // Fastify declares the HEAD twin of a GET route right after it, with the same URL.
      const implicitHead = method === 'HEAD' && declaredGets.has(r.url);
      if (method === 'GET') declaredGets.add(r.url);
      table.routes.push({ method, url: r.url, implicitHead });
      table.patterns.push({ method, re: patternOf(r.url) });
    }
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
