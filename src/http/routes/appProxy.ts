/**
 * `GET /shopify/proxy/recommendations`: recommendations for the storefront, called by the theme block
 * through Shopify's app proxy (`https://<shop>/apps/affinity/recommendations`). The access hook has
 * verified Shopify's signature; the tenant is the signed `shop` and the logged-in customer, if any, is
 * the signed `logged_in_customer_id`.
 *
 * Parameters (besides Shopify's own): `product_id` (the product on the page: numeric id, GID or
 * handle), `product_handle` (its handle, read when the catalog does not know `product_id`), `cart` (ids, comma-separated or repeated), `limit` (default 8), `client_id` (the Web Pixel
 * client id the widget reads from the storefront: the shopper's browsing history is kept under it),
 * `text` (what the shopper typed, for a search-like block), `country` and `currency` (the storefront's
 * localization, for prices in the shopper's currency).
 *
 * Who the shopper is (docs/security.md, "The app proxy"): the signed `logged_in_customer_id` is the only
 * way to name a customer. `client_id` is unsigned (anyone on the storefront can write it), so it must be
 * a pixel client id: one shaped like a customer id (digits, a GID), an order node or a market-scoped
 * storage id is a 400 (`pixelClientIdProblem`, the rule the keyless pixel path applies). With a signed
 * customer, a client id whose device the store knows as another customer's is not used: the list is
 * the signed customer's.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type PersonalizeRequest, recommend } from '../../features/recommend/index.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';
import { requireCatalog } from '../requireCatalog.ts';
import { storefrontItem, storefrontLanguage, type StorefrontItem } from '../storefrontView.ts';
import { recommendationUrl, SURFACES, type Surface } from '../../core/attribution/servedList.ts';
import { marketFields, marketLabel } from '../../core/markets/shopperMarket.ts';
import { experimentOut } from '../../features/analytics/index.ts';
import { pixelClientIdProblem } from '../../core/privacy/pixelConsentScope.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';
import { CurrencyCode } from '../../core/currencyCode.ts';
import { CountryCode } from '../../core/countryCode.ts';
import { SHOPIFY_PROXY_PARAMS } from '../../adapters/shopify/appProxySignature.ts';

const Id = z.string().trim().min(1).max(200);
/**
 * At most 100 ids of at most 200 characters each, comma-joined (what the theme block sends: Liquid's
 * `join: ','`) or repeated; each id is held to its length once the string is split (a cart of 15
 * products is over 200 characters joined).
 */
const ids = z
  .union([z.string().max(100 * (200 + 1)), z.array(Id).max(100)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter((x) => x.length > 0))
  .pipe(z.array(Id).max(100));

/** Query of a proxied recommendation request (Shopify's own parameters pass through unchecked: the signature covered them). */
export const ProxyRecommendationQuery = z.object({
  product_id: Id.optional(),
  /** The same product's handle (Liquid's `product.handle`): names it when the catalog does not know `product_id` (a CSV catalog is keyed by handle). */
  product_handle: z.string().trim().min(1).max(255).optional(),
  cart: ids.optional(),
  limit: z.coerce.number().int().min(1).max(24).default(8),
  /** Unsigned: only a pixel client id, never a customer id or an id shaped like one. */
  client_id: Id.superRefine((id, c) => {
    const problem = pixelClientIdProblem(id);
    if (problem) c.addIssue({ code: 'custom', message: `must be the Web Pixel client id: ${problem}; a customer is named only by Shopify's signed logged_in_customer_id` });
  }).optional(),
  text: z.string().trim().min(1).max(500).optional(),
  country: CountryCode.optional(),
  currency: CurrencyCode.optional(),
  /** Where the block is (product, cart, home, search); by default guessed from the other parameters. */
  surface: z.enum(SURFACES).optional(),
  /** The storefront's locale (Liquid `request.locale.iso_code`: `es`, `es-MX`, `en`): the language of the reasons. */
  locale: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a locale such as es or es-MX').optional(),
});

/**
 * Every parameter a proxied request may carry: Shopify's and the route's. A signed query naming another
 * is refused (`appProxySignature.ts` `proxyQueryAmbiguity`: Shopify's signature does not separate its
 * parameters, so an unknown name could be the signed text of a known one split another way).
 */
export const PROXY_QUERY_NAMES: ReadonlySet<string> = new Set([...SHOPIFY_PROXY_PARAMS, ...Object.keys(ProxyRecommendationQuery.shape)]);

/** The storefront's answer. */
export interface ProxyRecommendations {
  readonly shop: string;
  /** False when `product_id` names a product the catalog does not hold (the list is then the best without it). */
  readonly productKnown?: boolean;
  /** Id of this list: the items' links carry it (`aff_rec`) and the block publishes it when the list is seen. */
  readonly recommendationId?: string;
  readonly experiment?: { readonly id: string; readonly variant: string };
  readonly items: readonly StorefrontItem[];
}

export function appProxyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/shopify/proxy/recommendations', async (req, reply): Promise<ProxyRecommendations> => {
    const q = parseBody(ProxyRecommendationQuery, req.query);
    const shop = req.tenant;
    requireCatalog(ctx.catalogs, shop, req.principal);
    const customerId = req.principal.kind === 'proxy' ? req.principal.customerId : undefined;
    // The browsing history is kept under the pixel's client id; a logged-in shopper without one (or on another customer's device) is known by the customer id.
    const clientId = q.client_id !== undefined && customerId !== undefined && (await anotherCustomersDevice(ctx, shop, q.client_id, customerId)) ? undefined : q.client_id;
    const userId = clientId ?? customerId;
    const index = ctx.catalogs.get(shop).index;
    // One request for the page's product: its numeric id, else its handle (no second request, no second served list).
    const byId = ctx.catalogs.canonical(shop, q.product_id);
    const byHandle = q.product_handle !== undefined ? ctx.catalogs.canonical(shop, q.product_handle) : undefined;
    const productId = byId !== undefined && index.has(byId) ? byId : byHandle !== undefined && index.has(byHandle) ? byHandle : (byId ?? byHandle);
    const market = q.country || q.currency ? marketFields({ country: q.country, currency: q.currency }) : undefined;
    const r: PersonalizeRequest = {
      shop,
      ...(userId ? { userId } : {}),
      ...(productId ? { productId } : {}),
      ...(q.cart ? { cart: q.cart.map((c) => ctx.catalogs.canonical(shop, c) as string) } : {}),
      limit: q.limit,
      ...(q.text ? { text: q.text } : {}),
      ...(market ? { market } : {}),
    };
    const now = ctx.clock();
    const t0 = performance.now();
    const surface: Surface = q.surface ?? (productId ? 'product' : q.cart ? 'cart' : q.text ? 'search' : 'home');
    // A logged-in or linked shopper's variant follows the customer id, the same one an agent acting for them gets.
    const start = await ctx.attribution?.begin({ shop, surface, userId, customerId });
    const strategy = start?.experiment?.strategy ?? 'personalized';
    const a = await recommend(ctx, r, strategy, now, 'conversational');
    const ranked = a.route === 'personalized' ? a.result.items : a.route === 'base' ? a.items : [];
    const intent = a.route === 'personalized' ? a.result.intent?.type : undefined;
    const m = market ? ctx.markets?.find({ market: market as never }) : undefined;
    const lang = storefrontLanguage(q.locale);
    const items: StorefrontItem[] = [];
    for (const x of ranked) {
      const card = storefrontItem(x.productId, x.reasons[0], index, m, lang);
      if (!card) continue;
      const url = start ? recommendationUrl(card.handle, card.url, start.id) : card.url;
      items.push(url ? { ...card, url } : card);
    }
    if (start) {
      const label = marketLabel(market);
      ctx.attribution?.served(start, { shop, surface, actor: 'human', ...(intent ? { intent } : {}), ...(label ? { market: label } : {}), ...(userId ? { userId } : {}), items: items.map((i) => i.productId), tookMs: performance.now() - t0, ...(a.route === 'base' && a.degraded ? { status: 'degraded' as const } : {}) });
    }
    const experiment = start ? experimentOut(start) : undefined;
    ctx.metrics.recommendations.inc({ recommender: 'app_proxy', personalized: String(userId !== undefined) });
    // Shopify may cache proxied answers; a personal list must not be shared between shoppers.
    reply.header('cache-control', 'private, no-store');
    return { shop, ...(productId ? { productKnown: index.has(productId) } : {}), ...(start ? { recommendationId: start.id } : {}), ...(experiment ? { experiment } : {}), items };
  });
}

/**
 * Whether the store knows the device `clientId` as another customer's than the signed `customerId`: its
 * profile, or one of its market-scoped profiles (`<clientId>@<market>`), names a different customer (a
 * checkout on that device named it; both ids are normalised, `gid://shopify/Customer/7` is `7`). A
 * device with no customer yet is the signed shopper's to use. A store that cannot answer counts as
 * "another customer's": the signed customer's own list is the safe answer.
 */
async function anotherCustomersDevice(ctx: AppContext, shop: string, clientId: string, customerId: string): Promise<boolean> {
  const ids = [clientId, ...(ctx.markets?.all() ?? []).map((m) => `${clientId}${MARKET_SCOPE_SEPARATOR}${m.handle}`)];
  try {
    const profiles = await ctx.store.getProfiles(shop, ids);
    return profiles.some((p) => p?.customerId !== undefined && p.customerId !== customerId);
  } catch {
    return true;
  }
}
