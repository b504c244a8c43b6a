/**
 * `GET /v1/users/:id/profile`: what Affinity knows about a shopper, decayed to now. The profile is the
 * one the shopper's recommendations read: a shopper whose behaviour may not be merged across markets
 * (CCPA sale of data refused) is stored as `<id>@<market>`, and the recommender says which
 * (`BaseRecommender.profileUserId`: from the consent ledger, else from what the store holds, so a
 * restart or another worker answers the same; `features/privacy/storedProfileKey.ts`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_ENCODED_ID_LENGTH, shopperIdOf, shopperIdProblem } from '../../core/ids.ts';
import { canonicalProfile } from '../../core/catalog/canonicalEvents.ts';
import { AffinityError } from '../../core/errors.ts';
import { buildProfileView } from '../../core/profile/profileView.ts';
import type { AppContext } from '../context.ts';

function top(aff: ReadonlyMap<string, number>, ns: string, n = 5) {
  return [...aff]
    .filter(([k]) => k.startsWith(`${ns}:`))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, w]) => ({ value: k.slice(ns.length + 1), weight: Number(w.toFixed(4)) }));
}

/** The documented route; its wildcard twin takes an id that holds `/` (a customer GID sent as it is). */
const PROFILE_PATH = '/v1/users/:id/profile';
const PROFILE_SUFFIX = '/profile';

export function profileRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string } }>(PROFILE_PATH, async (req) => answer(req, req.params.id));
  // `/v1/users/gid://shopify/Customer/1/profile`: the id is everything before the last `/profile`.
  app.route<{ Params: { '*': string } }>({
    method: 'GET',
    url: '/v1/users/*',
    config: { twinOf: PROFILE_PATH },
    handler: async (req) => {
      const rest = req.params['*'];
      if (!rest.endsWith(PROFILE_SUFFIX) || rest.length === PROFILE_SUFFIX.length) throw new AffinityError('NOT_FOUND', `No route ${req.method} /v1/users/${rest}.`);
      const id = rest.slice(0, -PROFILE_SUFFIX.length);
      // The router sends here an id too long for `:id` too: the same 414 as the documented route's.
      if (id.length > MAX_ENCODED_ID_LENGTH) throw new AffinityError('URI_TOO_LONG', 'A path parameter of the URL is longer than any accepted id.', [{ path: 'url', message: 'path parameter too long' }]);
      return answer(req, id);
    },
  });

  async function answer(req: FastifyRequest, id: string) {
    const shop = req.tenant;
    const problem = shopperIdProblem(id);
    if (problem) throw new AffinityError('VALIDATION_FAILED', problem, [{ path: 'id', message: problem }]);
    const userId = shopperIdOf(id);
    const key = (await ctx.recommender.profileUserId?.(shop, userId)) ?? userId;
    const stored = await ctx.store.getProfile(shop, key);
    // Products named by their catalog ids, also in data projected before a product's link was known.
    const raw = stored && canonicalProfile(stored, ctx.catalogs.get(shop).identity);
    if (!raw) throw new AffinityError('USER_NOT_FOUND', `No profile for user ${userId} in shop ${shop}.`);
    const now = ctx.clock();
    const view = buildProfileView(raw, now, ctx.profileView);
    const index = ctx.catalogs.get(shop).index;
    const item = (r: { productId: string; type: string; ts: number }) => ({
      productId: r.productId,
      ...(index.get(r.productId) ? { title: index.get(r.productId)?.title } : {}),
      type: r.type,
      at: new Date(r.ts).toISOString(),
    });
    return {
      shop,
      userId,
      ...(raw.customerId ? { customerId: raw.customerId } : {}),
      eventCount: raw.eventCount,
      firstSeen: new Date(raw.firstSeen).toISOString(),
      lastSeen: new Date(raw.lastSeen).toISOString(),
      affinities: { categories: top(view.affinities, 'cat'), productTypes: top(view.affinities, 'type'), vendors: top(view.affinities, 'vendor'), tags: top(view.affinities, 'tag') },
      ...(view.priceBand
        ? { priceBand: { low: Number(view.priceBand.low.toFixed(2)), center: Number(view.priceBand.center.toFixed(2)), high: Number(view.priceBand.high.toFixed(2)) } }
        : {}),
      session: view.session.map(item),
      recent: view.recent.slice(0, 20).map(item),
      purchased: [...view.purchased],
    };
  }
}
