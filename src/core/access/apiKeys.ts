/**
 * API keys scoped per shop and role, and the storefront origins a shop's pixel may post from. Pure:
 * parsing of the configuration strings and the authorization decision; the HTTP guard applies them.
 *
 * `AFFINITY_API_KEYS=shopA:ingest:KEY1,shopA:read:KEY2,shopA:read+ingest:KEY4,*:admin:KEY3` — `*` is every
 * shop. An `admin` key may do everything; `read` and `ingest` only their own role; `read+ingest` both
 * (an AI agent that recommends and records what the shopper did). A key scoped to one shop names the
 * tenant of every request made with it: naming another shop anywhere in the request is refused.
 * `AFFINITY_PIXEL_ORIGINS=shopA=https://shop-a.com|https://shop-a.myshopify.com,shopB=https://b.com`.
 */

import { parseShopName } from './shopName.ts';

/** What a key may do. */
export const ROLES = ['ingest', 'read', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** One configured key. */
export interface ApiKey {
  /** A shop, or `*` for every shop. */
  readonly shop: string;
  /** What it may do (one role, or several joined with `+` in the configuration). */
  readonly roles: readonly Role[];
  readonly key: string;
}

/** Shortest key accepted (a guessable key is worse than none: it looks secure). */
export const MIN_KEY_LENGTH = 16;

/** Parses `AFFINITY_API_KEYS`; every malformed entry is reported. */
export function parseApiKeys(text: string | undefined): { keys: ApiKey[] } | { problems: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  const entries = (text ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  entries.forEach((entry, i) => {
    const first = entry.indexOf(':');
    const second = entry.indexOf(':', first + 1);
    if (first <= 0 || second <= first + 1) {
      problems.push(`AFFINITY_API_KEYS entry ${i + 1}: expected <shop>:<role>:<key>`);
      return;
    }
    const named = entry.slice(0, first);
    const role = entry.slice(first + 1, second);
    const key = entry.slice(second + 1);
    const roles = [...new Set(role.split('+'))];
    // Lower case, as every request's shop is (`parseShopName`): `HX-A.myshopify.com:read:…` is the key of hx-a.myshopify.com.
    const parsed = named === '*' ? { shop: '*' } : parseShopName(named);
    if ('problem' in parsed) problems.push(`AFFINITY_API_KEYS entry ${i + 1}: shop "${named.slice(0, 80)}" ${parsed.problem}`);
    const shop = 'shop' in parsed ? parsed.shop : named;
    for (const r of roles) {
      if (!(ROLES as readonly string[]).includes(r)) problems.push(`AFFINITY_API_KEYS entry ${i + 1} (${shop}): role "${r}" is not one of ${ROLES.join(', ')} (join several with +)`);
    }
    if (key.length < MIN_KEY_LENGTH) problems.push(`AFFINITY_API_KEYS entry ${i + 1} (${shop}:${role}): the key must be at least ${MIN_KEY_LENGTH} characters`);
    if (keys.some((k) => k.key === key)) problems.push(`AFFINITY_API_KEYS entry ${i + 1} (${shop}:${role}): the same key is configured twice`);
    keys.push({ shop, roles: roles as Role[], key });
  });
  return problems.length > 0 ? { problems } : { keys };
}

/** Parses `AFFINITY_PIXEL_ORIGINS` into shop → allowed origins (scheme://host[:port], no path). */
export function parsePixelOrigins(text: string | undefined): { origins: Record<string, string[]> } | { problems: string[] } {
  const origins: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const [i, entry] of (text ?? '').split(/[,;]/).map((e) => e.trim()).filter(Boolean).entries()) {
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push(`AFFINITY_PIXEL_ORIGINS entry ${i + 1}: expected <shop>=<origin>|<origin>…`);
      continue;
    }
    const named = entry.slice(0, eq).trim();
    const parsed = parseShopName(named);
    if ('problem' in parsed) problems.push(`AFFINITY_PIXEL_ORIGINS entry ${i + 1}: shop "${named.slice(0, 80)}" ${parsed.problem}`);
    const shop = 'shop' in parsed ? parsed.shop : named;
    const list = (origins[shop] ??= []);
    for (const o of entry.slice(eq + 1).split('|').map((x) => x.trim()).filter(Boolean)) {
      // Shopify runs custom pixels in a sandboxed iframe whose requests carry `Origin: null`: a shop
      // may accept it explicitly (weaker: any sandboxed page sends it; docs/security.md).
      if (o === 'null') {
        list.push('null');
        continue;
      }
      const n = normalizeOrigin(o);
      if (!n) problems.push(`AFFINITY_PIXEL_ORIGINS entry ${i + 1} (${shop}): "${o}" is not an origin like https://shop.example`);
      else list.push(n);
    }
  }
  return problems.length > 0 ? { problems } : { origins };
}

/** `scheme://host[:port]` in lower case, or undefined when it is not an http(s) origin. */
export function normalizeOrigin(o: string): string | undefined {
  const m = /^(https?):\/\/([a-z0-9.-]+)(:\d{1,5})?\/?$/i.exec(o.trim());
  return m ? `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}${m[3] ?? ''}` : undefined;
}

/** Whether a key grants `role` on `shop`. */
export function grants(k: ApiKey, shop: string, role: Role): boolean {
  return (k.shop === '*' || k.shop === shop) && (k.roles.includes(role) || k.roles.includes('admin'));
}
