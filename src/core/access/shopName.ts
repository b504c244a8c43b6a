/**
 * What a shop (tenant) name may be: a host name such as `my-shop.myshopify.com` (Shopify's form) or a
 * single label such as `default` or `demo`. Pure; the HTTP layer refuses any other name with
 * `INVALID_SHOP` before it reaches a store key, a log line or a URL.
 *
 * The form is a host name with no scheme, port, path or user part, so a shop name can never make the
 * shop's catalog client connect to `127.0.0.1:6379` or `10.0.0.5:8443`; {@link isPublicShopHost} further
 * refuses names that are IP literals or reserved local names.
 */

/** Longest shop name (a DNS name). */
export const SHOP_NAME_MAX = 253;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SHOP_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'i');

/** Whether `s` is an acceptable shop name. */
export function isShopName(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= SHOP_NAME_MAX && SHOP_NAME.test(s);
}

/**
 * The one parse of a shop name that comes from outside (an HTTP header, query or body, a batch entry,
 * an MCP tool argument, a compliance webhook's `shop_domain`, the configuration): the name in its
 * canonical form, or why it is refused. Shopify shop domains are host names, and host names are
 * case-insensitive, so `HX-A.myshopify.com` and `hx-a.myshopify.com` are one shop: the canonical form
 * is lower case, the form every store key, log line and comparison uses.
 */
export function parseShopName(s: unknown): { readonly shop: string } | { readonly problem: string } {
  const problem = shopNameProblem(s);
  return problem !== undefined ? { problem } : { shop: (s as string).toLowerCase() };
}

/** Why a shop name is refused (for error messages), or `undefined` when it is acceptable. */
export function shopNameProblem(s: unknown): string | undefined {
  if (typeof s !== 'string') return 'must be a string';
  if (s.length === 0) return 'must not be empty';
  if (s.length > SHOP_NAME_MAX) return `must be at most ${SHOP_NAME_MAX} characters`;
  if (!SHOP_NAME.test(s)) return 'must be a shop domain such as my-shop.myshopify.com (letters, digits, hyphens and dots; no scheme, port or path)';
  return undefined;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'in-addr.arpa', 'ip6.arpa'];

/**
 * Whether a shop name may be contacted as a public host: a valid name with at least one dot that is
 * not an IPv4 literal (an IPv6 literal is no valid name anyway) and not a reserved local name
 * (`localhost`, `*.local`, `*.internal`, …). Single-label names (`default`) are never public hosts.
 */
export function isPublicShopHost(shop: string): boolean {
  if (!isShopName(shop)) return false;
  const s = shop.toLowerCase();
  if (!s.includes('.') || IPV4.test(s) || /^\d+$/.test(s.split('.').at(-1) ?? '')) return false;
  return !LOCAL_SUFFIXES.some((x) => s === x || s.endsWith(`.${x}`));
}
