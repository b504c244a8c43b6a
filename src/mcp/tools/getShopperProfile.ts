/**
 * `get_shopper_profile`: a short summary of what Affinity knows about a shopper, for the agent to ask
 * better questions. It holds behavioural data only (ids, products, categories, prices); no contact
 * details exist to return, and the Shopify customer id is left out on purpose.
 */
import { z } from 'zod';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { buildProfileView, type ProfileView } from '../../core/profile/profileView.ts';
import { featureLabel } from '../present.ts';
import { requireShopper, ShopperShape, ShopSchema } from '../schemas.ts';
import { requireShopperKey } from '../shopper.ts';
import { defineTool } from '../tool.ts';

/** Arguments of `get_shopper_profile`. */
export const GetShopperProfileInput = z
  .object({
    ...ShopperShape,
    recent_limit: z.number().int().min(1).max(50).default(10).describe('How many recent items and events to list (default 10).'),
    shop: ShopSchema.optional(),
  })
  .strict()
  .apply(requireShopper);

const Weighted = z.object({ value: z.string(), weight: z.number() });
const Item = z.object({ product_id: z.string(), title: z.string().optional(), type: z.string(), at: z.string() });

/** Answer of `get_shopper_profile`. */
export const GetShopperProfileOutput = z.object({
  found: z.boolean(),
  shop: z.string(),
  user_id: z.string().describe('The profile key.'),
  session_only: z.literal(true).optional().describe("The shopper's consent allows no storage (GDPR without consent): this is what this conversation did, held in session memory for about 30 minutes; nothing is stored."),
  message: z.string(),
  event_count: z.number().int().optional(),
  first_seen: z.string().optional(),
  last_seen: z.string().optional(),
  top_categories: z.array(Weighted),
  top_product_types: z.array(Weighted),
  top_brands: z.array(Weighted),
  top_tags: z.array(Weighted),
  price_band: z.object({ low: z.number(), center: z.number(), high: z.number(), currency: z.string().optional() }).optional(),
  session: z.array(Item).describe('Products of the current browsing session, newest first.'),
  recent: z.array(Item),
  purchased_count: z.number().int(),
  signals: z.object({ agent: z.number().int(), storefront: z.number().int() }).describe('Sources of the newest events: agents (MCP) vs the storefront and APIs.'),
  recent_events: z.array(
    z.object({ type: z.string(), name: z.string(), product_id: z.string().optional(), title: z.string().optional(), source: z.string(), agent: z.string().optional(), at: z.string() }),
  ),
});

/** Events read for `signals` and `recent_events`. */
const EVENT_WINDOW = 100;

/**
 * The shopper's strongest interests of one kind, weighted as the ranker counts them (times how much
 * the feature sets products apart in this shop): a one-brand shop's vendor is not a favourite brand.
 */
function top(view: ProfileView | undefined, ns: string, index: CatalogIndex, n = 5) {
  if (!view) return [];
  return [...view.affinities]
    .filter(([k]) => k.startsWith(`${ns}:`))
    .map(([k, w]): [string, number] => [k, w * index.featureSpecificity(k)])
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, w]) => ({ value: featureLabel(k, index).value, weight: Number(w.toFixed(4)) }));
}

export const getShopperProfile = defineTool({
  name: 'get_shopper_profile',
  role: 'read',
  title: 'Get the shopper profile',
  description: [
    'A short summary of what Affinity knows about a shopper: favourite categories, product types and brands, usual price range, the current session, recent products (with titles) and purchases count, and whether recent signals came from agents or the storefront.',
    'Call it at the start of a conversation or before asking clarifying questions (e.g. skip asking for a budget when the price range is known). Pass user_id or session_id.',
    'When Affinity has never seen the shopper, `found` is false and the message says so; that is not an error. No contact details or other personal data are stored or returned.',
  ].join('\n\n'),
  inputSchema: GetShopperProfileInput,
  outputSchema: GetShopperProfileOutput,
  annotations: { title: 'Get the shopper profile', readOnlyHint: true, openWorldHint: false },
  async run(args, env) {
    const { ctx } = env;
    const shop = env.shop;
    const userId = requireShopperKey(args);
    // The profile recommendations read (`<id>@<market>` for a shopper whose markets may not be merged;
    // found from the store when this process's consent ledger does not hold the shopper).
    const key = (await ctx.recommender.profileUserId?.(shop, userId)) ?? userId;
    const [stored, storedEvents] = await Promise.all([ctx.store.getProfile(shop, key), ctx.store.getUserEvents(shop, key, EVENT_WINDOW)]);
    // A shopper whose consent allows no storage (GDPR without consent): what this conversation did is
    // held in session memory, and recommendations read it; so does this answer, said as such.
    const held = stored === undefined && storedEvents.length === 0 ? (ctx.sessionEvents?.(shop, userId) ?? []) : [];
    const sessionOnly = held.length > 0;
    const raw = sessionOnly ? ctx.sessionProfile?.(shop, userId) : stored;
    const events = sessionOnly ? [...held].sort((a, b) => b.ts - a.ts).slice(0, EVENT_WINDOW) : storedEvents;
    const index = ctx.catalogs.get(shop).index;
    const title = (id: string) => index.get(id)?.title;
    const iso = (ts: number) => new Date(ts).toISOString();
    const item = (r: { productId: string; type: string; ts: number }) => ({ product_id: r.productId, ...(title(r.productId) ? { title: title(r.productId) } : {}), type: r.type, at: iso(r.ts) });
    const view = raw ? buildProfileView(raw, ctx.clock(), ctx.profileView) : undefined;
    const agentEvents = events.filter((e) => e.source === 'agent').length;
    const eventOut = (e: UserEvent) => {
      const pid = e.items[0]?.productId;
      return { type: e.type, name: e.name, ...(pid ? { product_id: pid } : {}), ...(pid && title(pid) ? { title: title(pid) } : {}), source: e.source, ...(e.agent ? { agent: e.agent } : {}), at: iso(e.ts) };
    };
    const found = raw !== undefined || events.length > 0;
    const currency = index.all()[0]?.variants[0]?.price.currency;
    const structured = {
      found,
      shop,
      user_id: userId,
      ...(sessionOnly ? { session_only: true as const } : {}),
      message: !found
        ? `Affinity has no data about ${userId} in ${shop}: ask the shopper what they are looking for.`
        : sessionOnly
          ? `Held for this conversation only: the shopper's consent does not let Affinity store their activity, so ${events.length} event(s) are kept in session memory (about 30 minutes) and nothing is stored.`
          : raw
          ? `Profile built from ${raw.eventCount} event(s).`
          : 'Events were received moments ago and the profile is still being built; recent events are listed.',
      ...(raw ? { event_count: raw.eventCount, first_seen: iso(raw.firstSeen), last_seen: iso(raw.lastSeen) } : {}),
      top_categories: top(view, 'cat', index),
      top_product_types: top(view, 'type', index),
      top_brands: top(view, 'vendor', index),
      top_tags: top(view, 'tag', index),
      ...(view?.priceBand
        ? { price_band: { low: Number(view.priceBand.low.toFixed(2)), center: Number(view.priceBand.center.toFixed(2)), high: Number(view.priceBand.high.toFixed(2)), ...(currency ? { currency } : {}) } }
        : {}),
      session: (view?.session ?? []).slice(0, args.recent_limit).map(item),
      recent: (view?.recent ?? []).slice(0, args.recent_limit).map(item),
      purchased_count: view?.purchased.size ?? 0,
      signals: { agent: agentEvents, storefront: events.length - agentEvents },
      recent_events: events.slice(0, args.recent_limit).map(eventOut),
    };
    const lines = [structured.message];
    const list = (label: string, xs: { value: string }[]) => xs.length > 0 && lines.push(`${label}: ${xs.map((x) => x.value).join(', ')}`);
    list('Categories', structured.top_categories);
    list('Product types', structured.top_product_types);
    list('Brands', structured.top_brands);
    if (structured.price_band) lines.push(`Usual price range: ${structured.price_band.low}–${structured.price_band.high}${currency ? ` ${currency}` : ''}`);
    if (structured.session.length > 0) lines.push(`This session: ${structured.session.map((s) => s.title ?? s.product_id).join(', ')}`);
    if (structured.recent.length > 0) lines.push(`Recently: ${structured.recent.map((s) => `${s.title ?? s.product_id} (${s.type})`).join(', ')}`);
    if (found) lines.push(`Newest ${events.length} event(s): ${agentEvents} from agents, ${events.length - agentEvents} from the storefront/API.`);
    return { structured, text: lines.join('\n') };
  },
});
