/**
 * The app proxy's paths as Affinity serves them. Shopify forwards `/apps/<subpath>/<rest>` to
 * `/shopify/proxy/<rest>` as the theme wrote it, so a theme that ends the path with a slash
 * ("/apps/affinity/recommendations/?product_id=…") asks for `/shopify/proxy/recommendations/`. The
 * signature covers the query only (`appProxySignature.ts`), not the path. Pure.
 */

const PROXY = '/shopify/proxy/';

/** The request URL with a trailing slash dropped from an app proxy path below `/shopify/proxy/` (the query kept); any other URL as it is. */
export function withoutProxySlash(url: string): string {
  if (!url.startsWith(PROXY)) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path.length <= PROXY.length || !path.endsWith('/')) return url;
  return path.replace(/\/+$/, '') + (q < 0 ? '' : url.slice(q));
}
