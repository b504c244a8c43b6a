/**
 * Shopify app proxy authentication (docs/shopify.md §0; shopify.dev "Authenticate app proxies"). A
 * theme's request to `https://<shop>/apps/<subpath>/…` reaches the app with the query parameters
 * `shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` added. `signature` is the
 * hex HMAC-SHA256, keyed with the app's client secret, of every other parameter written `key=value`
 * (the values of a repeated key joined with `,`), sorted, and concatenated with no separator — exactly
 * Shopify's reference:
 *
 *     sorted_params = query_hash.collect { |k, v| "#{k}=#{Array(v).join(',')}" }.sort.join
 *
 * Every configured secret is tried (rotation), each in constant time; a timestamp further than
 * {@link APP_PROXY_MAX_SKEW_S} from now is refused, so a captured URL cannot be replayed for long.
 *
 * Nothing separates the pairs, so one signed message can be split into other parameters: a visitor
 * who asks the storefront for `?lo=x&logged_in_customer_id%3D8800124m=1` gets a signature that also
 * covers `lo=xlogged_in_customer_id%3D&logged_in_customer_id=8800124&m=1path_prefix%3D…`, naming a
 * customer the visitor is not. A signature is therefore trusted only for a query that reads back one
 * way ({@link proxyQueryAmbiguity}): every name is one the route takes, none of them the end of
 * another, no value holds `=`, and Shopify's own parameters come once each.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Largest accepted distance between the signed timestamp and now, seconds. */
export const APP_PROXY_MAX_SKEW_S = 300;

/** The query parameters of a request, every value of a repeated key kept in order. */
export type ProxyParams = ReadonlyMap<string, readonly string[]>;

/** Why a proxied request is refused. */
export type ProxyRefusal = 'unsigned' | 'bad-signature' | 'stale' | 'no-secret' | 'ambiguous';

/** The parameters Shopify adds to every proxied request. */
export const SHOPIFY_PROXY_PARAMS: readonly string[] = Object.freeze(['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature']);

/**
 * Why the signed message of `params` could also be read as other parameters, or undefined when it reads
 * back one way only: every name is in `names` (which must hold no name that ends another, see
 * {@link namesEndingOthers}), no value holds `=` (the pairs are then cut at each `=` and each name is
 * the one known name that ends the text before it), and Shopify's own parameters come once each.
 */
export function proxyQueryAmbiguity(params: ProxyParams, names: ReadonlySet<string>): string | undefined {
  for (const [k, vs] of params) {
    if (!names.has(k)) return `it names a parameter the route does not take (${JSON.stringify(k.slice(0, 60))})`;
    if (vs.some((v) => v.includes('='))) return `the value of ${k} holds "="`;
    if (SHOPIFY_PROXY_PARAMS.includes(k) && vs.length > 1) return `${k} is given more than once`;
  }
  return undefined;
}

/** Names of `names` that end another of them ("id" ends "product_id"): such a set cannot keep a signed query from being read two ways. */
export function namesEndingOthers(names: Iterable<string>): string[] {
  const all = [...names];
  return all.filter((a) => all.some((b) => b !== a && b.endsWith(a)));
}

/** Parses a raw query string (`a=1&b=2&a=3`, without `?`) as Shopify's Rack parser does (`+` is a space). */
export function parseProxyQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(raw)) {
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/** The message Shopify signs: every parameter but `signature`, `key=v1,v2`, sorted, concatenated. */
export function proxySigningMessage(params: ProxyParams): string {
  const parts: string[] = [];
  for (const [k, vs] of params) if (k !== 'signature') parts.push(`${k}=${vs.join(',')}`);
  return parts.sort().join('');
}

/** Signs parameters as Shopify does (for the proxy stand-in and tests). */
export function signProxyParams(params: ProxyParams, secret: string): string {
  return createHmac('sha256', secret).update(proxySigningMessage(params)).digest('hex');
}

/**
 * Verifies a proxied request's query.
 * @param nowMs epoch ms
 * @param names the parameters the route takes, Shopify's included: a query naming others, or reading back
 *   more than one way, is refused (`ambiguous`) before its signature is checked
 * @returns `undefined` when the signature is valid and fresh, otherwise why it is refused
 */
export function verifyProxyParams(params: ProxyParams, secrets: readonly string[], nowMs: number, names?: ReadonlySet<string>, maxSkewS = APP_PROXY_MAX_SKEW_S): ProxyRefusal | undefined {
  if (secrets.length === 0) return 'no-secret';
  if (names !== undefined && proxyQueryAmbiguity(params, names) !== undefined) return 'ambiguous';
  const sigs = params.get('signature');
  const sig = sigs?.length === 1 ? sigs[0] : undefined;
  if (!sig || !/^[0-9a-f]{64}$/i.test(sig)) return 'unsigned';
  const given = Buffer.from(sig, 'hex');
  const message = proxySigningMessage(params);
  let ok = false;
  // No early exit: the time taken does not tell which secret matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(message).digest();
    if (timingSafeEqual(expected, given)) ok = true;
  }
  if (!ok) return 'bad-signature';
  const ts = params.get('timestamp');
  const t = ts?.length === 1 && /^\d{1,12}$/.test(ts[0]!) ? Number(ts[0]) : Number.NaN;
  if (!Number.isFinite(t) || Math.abs(nowMs / 1000 - t) > maxSkewS) return 'stale';
  return undefined;
}
