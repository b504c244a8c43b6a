/**
 * The roles of an Affinity node, as data. `affinity serve --role ingest,recommend` (or `AFFINITY_ROLES`)
 * picks which of them a process runs; `all` (the default) is every role in one process.
 *
 * - `ingest`: takes events in (events, consent, compliance webhooks, the pixel endpoints, catalog
 *   uploads and the privacy requests they create);
 * - `recommend`: answers (recommendations, batch, intent, MCP, the app proxy, analytics reads, profiles,
 *   the dashboard);
 * - `project`: background work (projection of the event log, the privacy worker, catalog sync,
 *   retention sweeps). It serves no API route of its own but `POST /v1/admin/catalog/sync`.
 *
 * Every role serves `/health/*`, `/metrics`, `/openapi.json` and `/`. A route of a role the node does
 * not run answers 404 `ROLE_NOT_SERVED`, naming the role (see `roleGuard.ts`).
 */

/** A role a node can run. */
export type RoleName = 'ingest' | 'recommend' | 'project';

/** Every role, in the order they are listed. */
export const ROLE_NAMES: readonly RoleName[] = ['ingest', 'recommend', 'project'];

/** What one role owns. */
export interface RoleSpec {
  /** One line for the help and the docs. */
  readonly summary: string;
  /** HTTP routes: method (`*`: any) and a path prefix (a path equal to it or below it, after a `/`). */
  readonly routes: readonly { readonly method: string; readonly prefix: string }[];
  /** Background work the role runs. */
  readonly work: readonly BackgroundWork[];
}

/** Background work a node may run. */
export type BackgroundWork = 'projection' | 'privacy' | 'catalogSync' | 'retention' | 'operations';

const any = (prefix: string) => ({ method: '*', prefix });

/** The roles' routes and background work. */
export const ROLES: Readonly<Record<RoleName, RoleSpec>> = {
  ingest: {
    summary: 'events, consent, compliance webhooks, pixel endpoints, catalog uploads and removals, privacy requests',
    routes: [any('/v1/events'), any('/v1/consent'), any('/webhooks'), { method: 'POST', prefix: '/v1/catalog/products' }, { method: 'DELETE', prefix: '/v1/catalog/products' }, any('/v1/admin/exports'), any('/v1/admin/privacy')],
    work: [],
  },
  recommend: {
    summary: 'recommendations, batch, intent, MCP, app proxy, analytics reads, profiles, dashboard',
    routes: [
      any('/v1/recommendations'),
      any('/v1/intent'),
      any('/mcp'),
      any('/shopify/proxy'),
      any('/v1/analytics'),
      any('/v1/users'),
      any('/v1/admin/operations'),
      any('/dashboard'),
      { method: 'GET', prefix: '/v1/catalog/products' },
    ],
    work: ['operations'],
  },
  project: {
    summary: 'projection, privacy worker, catalog sync, retention',
    routes: [any('/v1/admin/catalog/sync')],
    work: ['projection', 'privacy', 'catalogSync', 'retention'],
  },
};

/** The role that owns a request, or undefined for a path every role serves (health, metrics) or no role knows. */
export function roleOfRoute(method: string, path: string): RoleName | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  for (const name of ROLE_NAMES) {
    for (const r of ROLES[name].routes) {
      if (r.method !== '*' && r.method !== m && m !== 'OPTIONS') continue;
      if (path === r.prefix || path.startsWith(`${r.prefix}/`)) return name;
    }
  }
  return undefined;
}

/** Parses `AFFINITY_ROLES` / `--role`: comma-separated role names or `all`. */
export function parseRoles(text: string): { roles: RoleName[] } | { problem: string } {
  const parts = text.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) return { problem: `no role named; use all or any of ${ROLE_NAMES.join(', ')}` };
  const out = new Set<RoleName>();
  for (const p of parts) {
    if (p === 'all') for (const r of ROLE_NAMES) out.add(r);
    else if ((ROLE_NAMES as readonly string[]).includes(p)) out.add(p as RoleName);
    else return { problem: `unknown role ${JSON.stringify(p)}; the roles are all, ${ROLE_NAMES.join(', ')}` };
  }
  return { roles: ROLE_NAMES.filter((r) => out.has(r)) };
}

/** Whether a node running `roles` runs a kind of background work. */
export function runsWork(roles: readonly RoleName[], work: BackgroundWork): boolean {
  return roles.some((r) => ROLES[r].work.includes(work));
}

/** `ingest,recommend,project` → `all`; otherwise the list as given. */
export function describeRoles(roles: readonly RoleName[]): string {
  return ROLE_NAMES.every((r) => roles.includes(r)) ? 'all' : roles.join(',');
}
