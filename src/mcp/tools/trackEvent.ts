/**
 * `track_event`: records what the shopper did in the conversation, as a native event with
 * `source: 'agent'` and the agent's name, validated by the `POST /v1/events` parser and stored by the
 * same use case (`features/ingest/recordEvents.ts`: gift marking, idempotent append, projector kicked).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_UNIT_PRICE } from '../../core/money.ts';
import { AffinityError, isAffinityError } from '../../core/errors.ts';
import { MIN_TS, parseIngest } from '../../core/events/ingest.ts';
import { MCP_EVENT_ID_PREFIX } from '../../core/events/reservedIds.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { recordEvents } from '../../features/ingest/index.ts';
import { AGENT_EVENTS, AGENT_EVENT_TYPE, REJECTED_EVENT_NAME } from '../agentEvents.ts';
import { PRODUCT_GID_KINDS, requireGidKind } from '../gidArgs.ts';
import { IdSchema, MarketSchema, nonBlankString, requireShopper, ShopperShape, ShopSchema } from '../schemas.ts';
import { linkConversation, requireShopperKey } from '../shopper.ts';
import { defineTool } from '../tool.ts';

/**
 * Longest a recorded event waits for its projection before `track_event` answers: the shopper's next
 * recommendation then reads it. Past it (a large backlog), or where the projector runs on another node
 * (its `flush` refuses at once), the answer goes and the event is projected within the poll interval.
 */
export const PROJECTION_WAIT_MS = 250;

/** Resolves when `projector` has projected what is stored, or after `ms`, whichever comes first; never rejects. */
export async function projected(projector: { flush(): Promise<void> }, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([(async () => projector.flush())().catch(() => undefined), waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** Agent name stored when the client did not say who it is. */
export const UNKNOWN_AGENT = 'unknown-agent';

const OCCURRED_AT_FORMAT = 'must be an RFC 3339 date-time with an offset, such as "2026-03-01T14:05:00Z", or epoch milliseconds';

/** Arguments of `track_event`. */
export const TrackEventInput = z
  .object({
    event: z.enum(AGENT_EVENTS).describe('viewed: shown/looked at a product; added_to_cart; purchased; rejected: the shopper said no to it.'),
    product_id: IdSchema,
    variant_id: IdSchema.optional(),
    quantity: z.number().int().min(1).max(1000).optional().describe('For added_to_cart and purchased (default 1).'),
    price: z.number().nonnegative().max(MAX_UNIT_PRICE).optional().describe('Unit price the shopper paid, in major units (in market.currency, else the catalog\'s). Without it the line counts at the variant\'s list price.'),
    ...ShopperShape,
    event_id: nonBlankString(150)
      .optional()
      .describe('Your id for this event. Sending the same id again is a no-op, so pass one to make retries safe; without it every call records a new event.'),
    occurred_at: z
      .union([
        z.iso.datetime({ offset: true, message: OCCURRED_AT_FORMAT }).refine((s) => !(Date.parse(s) < MIN_TS), { message: 'must be after 2000-01-01' }),
        z.number().int().min(MIN_TS, { message: 'epoch milliseconds must be after 2000-01-01' }),
      ])
      .optional()
      .describe('When it happened, after 2000-01-01: an RFC 3339 date-time with an offset ("2026-03-01T14:05:00Z") or epoch milliseconds. Default now; a time more than 5 minutes ahead is stored as now.'),
    order_id: IdSchema.optional().describe('For purchased.'),
    recommendation_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16}$/, 'must be the recommendation_id of a recommend_products or search_catalog answer (16 characters)')
      .optional()
      .describe(
        'For viewed: the recommendation_id of the answer the product came from. The view then counts as a click on that list, so an added_to_cart or purchased of the product that follows is credited to it (as a click on its aff_rec link is).',
      ),
    market: MarketSchema.optional(),
    agent: nonBlankString(100).optional().describe("Your name; defaults to the MCP client's name from initialize."),
    shop: ShopSchema.optional(),
  })
  .strict()
  .apply(requireShopper)
  .refine((a) => a.recommendation_id === undefined || a.event === 'viewed', {
    path: ['recommendation_id'],
    message: 'goes with event viewed (the shopper opening a recommended product); record that view with it, then added_to_cart or purchased as they happen',
  });

/** Answer of `track_event`. */
export const TrackEventOutput = z.object({
  recorded: z.boolean().describe("False when an event with this event_id was already recorded: nothing changed, and this call's details were not stored (another event needs another event_id)."),
  duplicate: z.boolean(),
  event_id: z.string(),
  shop: z.string(),
  user_id: z.string().describe('The profile key the event was stored under.'),
  type: z.string().describe('Stored event type. On a duplicate, the type this call would have stored: the event recorded earlier under this event_id is kept as it was, whatever this call said.'),
  name: z.string(),
  source: z.literal('agent'),
  agent: z.string(),
  product_id: z.string(),
  known_product: z.boolean().describe("False when the product is not in Affinity's catalog (the profile learns less from it)."),
  kept: z
    .enum(['stored', 'session'])
    .describe("stored: in the shopper's profile. session: the shopper's consent allows no storage (GDPR without consent, a withdrawal), so the event is held in session memory for this conversation (about 30 minutes): recommendations use it and get_shopper_profile lists it as session_only, but nothing is stored."),
  recommendation: z
    .object({
      id: z.string(),
      status: z.enum(['credited', 'not_in_list', 'not_found']),
      detail: z.string(),
    })
    .optional()
    .describe(
      'With recommendation_id: credited (a list served to this shop that held the product: the view counts as a click on it), not_in_list (that list did not hold the product: no click is credited) or not_found (no list this server served to this shop lately has that id: credited only if another node of the deployment served it, with the product).',
    ),
});

/** What a view's `recommendation_id` is credited to (analytics count a click only on a list of the shop that held the product). */
function creditOf(ctx: { readonly attribution?: { servedHere(id: string): { shop: string; items: readonly string[] } | undefined } }, shop: string, id: string, productId: string) {
  const list = ctx.attribution?.servedHere(id);
  if (list && list.shop === shop && list.items.includes(productId)) return { id, status: 'credited' as const, detail: `The view counts as a click on list ${id}; a purchase of the product that follows is credited to it.` };
  if (list && list.shop === shop) return { id, status: 'not_in_list' as const, detail: `List ${id} did not hold this product: the view is recorded, but no click on the list is credited. Pass the recommendation_id of the answer the product came from.` };
  return { id, status: 'not_found' as const, detail: `No list this server served to this shop lately has id ${id}: the view is recorded, and counts as a click only if another node served that list with this product. Pass the recommendation_id of a recommend_products or search_catalog answer.` };
}

/** Native field names as this tool calls them, for error messages. */
const ARG_NAMES: Readonly<Record<string, string>> = { timestamp: 'occurred_at', productId: 'product_id', variantId: 'variant_id', orderId: 'order_id', currency: 'market.currency', country: 'market.country' };

/** Validates and normalises through the `POST /v1/events` parser, naming fields as the tool does. */
function parseNative(native: Record<string, unknown>, shop: string, now: number) {
  try {
    return parseIngest(native, { shop, now });
  } catch (err) {
    if (!isAffinityError(err) || err.code !== 'VALIDATION_FAILED') throw err;
    const rename = (path: string) => path.split('.').map((p) => ARG_NAMES[p] ?? p).filter((p) => p !== 'items' && !/^\d+$/.test(p)).join('.');
    const issues = err.issues.map((i) => ({ path: rename(i.path), message: i.message }));
    throw new AffinityError('VALIDATION_FAILED', `Invalid event: ${issues.map((i) => `${i.path || 'event'}: ${i.message}`).join('; ')}`);
  }
}

export const trackEvent = defineTool({
  name: 'track_event',
  role: 'ingest',
  title: 'Track a shopper event',
  description: [
    "Records what the shopper did in this conversation so that Affinity's profile of them stays current: viewed (you showed or they looked at a product), added_to_cart, purchased, or rejected (they said no to a product; it will not be recommended to them again).",
    'Call it right after the shopper acts. Pass user_id (or session_id) and the product_id (numeric or GID). Each call records a new event unless you pass event_id: a call repeated with the same event_id is a no-op, so pass one whenever you may retry. Events are stored with source "agent" and your client name, so agent and storefront signals stay distinguishable.',
    'When the shopper opens a product you recommended, send viewed with that answer\'s recommendation_id: the view counts as a click on the list, and the purchase that follows is credited to it.',
    'Returns whether it was recorded or was a duplicate, and the profile key used. The profile reflects the event within moments.',
  ].join('\n\n'),
  inputSchema: TrackEventInput,
  outputSchema: TrackEventOutput,
  // Not idempotent: without event_id each call records one more event (two views are two signals). With event_id a retry is a no-op.
  annotations: { title: 'Track a shopper event', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, env) {
    const { ctx } = env;
    const shop = env.shop;
    const userId = requireShopperKey(args);
    // A GID of another kind (a collection, a customer) would otherwise be stored as the product with its number.
    requireGidKind('product_id', args.product_id, PRODUCT_GID_KINDS);
    requireGidKind('variant_id', args.variant_id, ['ProductVariant']);
    requireGidKind('order_id', args.order_id, ['Order']);
    const agent = args.agent ?? env.agentName() ?? UNKNOWN_AGENT;
    const id = `${MCP_EVENT_ID_PREFIX}${args.event_id ?? randomUUID()}`;
    const index = ctx.catalogs.get(shop).index;
    // Any id form the agent has (numeric, GID, handle) names the catalog's product in the answer; the stored event keeps the agent's id (the projection resolves it).
    const productId = ctx.catalogs.canonical(shop, args.product_id) as string;
    const currency = args.market?.currency ?? index.get(productId)?.variants[0]?.price.currency;
    if (args.price !== undefined && currency === undefined) {
      throw new AffinityError('VALIDATION_FAILED', `price: in which currency? The catalog does not know ${String(args.product_id).slice(0, 200)}: pass market.currency with the price.`);
    }
    const itemised = args.quantity !== undefined || args.price !== undefined;
    const native = {
      id,
      type: AGENT_EVENT_TYPE[args.event],
      userId,
      source: 'agent',
      agent,
      ...(args.occurred_at !== undefined ? { timestamp: args.occurred_at } : {}),
      ...(itemised
        ? { items: [{ productId: args.product_id, ...(args.variant_id !== undefined ? { variantId: args.variant_id } : {}), ...(args.quantity ? { quantity: args.quantity } : {}), ...(args.price !== undefined ? { price: args.price } : {}), ...(currency ? { currency } : {}) }] }
        : { productId: args.product_id, ...(args.variant_id !== undefined ? { variantId: args.variant_id } : {}) }),
      ...(args.order_id !== undefined ? { orderId: args.order_id } : {}),
      ...(args.market?.country ? { country: args.market.country } : {}),
      ...(currency ? { currency } : {}),
    };
    const now = ctx.clock();
    const parsed = parseNative(native, shop, now);
    const event = parsed.events[0];
    if (!event) throw new AffinityError('INTERNAL', 'The event was not normalised.');
    const named: UserEvent = {
      ...event,
      ...(args.event === 'rejected' ? { name: REJECTED_EVENT_NAME } : {}),
      // A view of a recommended product is a click on its list, as a visit through its aff_rec link is.
      ...(args.recommendation_id !== undefined ? { rec: args.recommendation_id } : {}),
      ...(args.session_id ? { context: { ...event.context, sessionId: args.session_id } } : {}),
    };
    let result;
    try {
      // The one ingest use case (`features/ingest/recordEvents.ts`): gift marking, idempotent append, metrics, projector kick.
      result = await recordEvents(ctx, { events: [named] });
      // After the append: a stateless node has read the shopper's consent state by then.
      await linkConversation(ctx, shop, args, args.market);
      // An agent asks right after telling what the shopper did ("viewed" → "something like that but
      // cheaper"): where the projector runs in this process, the answer waits (briefly) for the profile.
      if (result.accepted > 0) await projected(ctx.projector, PROJECTION_WAIT_MS);
    } catch (err) {
      if (!isAffinityError(err) || err.code !== 'STORE_UNAVAILABLE') throw err;
      throw new AffinityError('STORE_UNAVAILABLE', 'The event store did not confirm the event (it may be stored already); retry later with the same event_id: it is counted once.', [], { cause: err.cause });
    }
    const stored = result.stored[0] ?? named;
    const structured = {
      recorded: result.accepted > 0,
      duplicate: result.duplicates > 0,
      event_id: id,
      shop,
      user_id: userId,
      type: stored.type,
      name: stored.name,
      source: 'agent' as const,
      agent,
      product_id: productId,
      known_product: index.has(productId),
      kept: ctx.sessionEvents?.(shop, userId).some((e) => e.id === stored.id) ? ('session' as const) : ('stored' as const),
      ...(args.recommendation_id !== undefined ? { recommendation: creditOf(ctx, shop, args.recommendation_id, productId) } : {}),
    };
    const title = index.get(productId)?.title ?? `product ${productId}`;
    const done =
      result.accepted > 0
        ? `Recorded: ${userId} ${args.event} ${title} (event ${id}, agent ${agent}).`
        : `Already recorded earlier (event ${id}); nothing changed, and this call's details were not stored. An event_id names one event: if this call reports another one (another shopper, product or moment), send it with a new event_id.`;
    const session = structured.kept === 'session' ? " Held for this conversation only: the shopper's consent does not allow storing it." : '';
    // Another shop's id, or one mistyped: said, so the agent can check it (the event is kept: a catalog may lag behind the shop).
    const unknown = structured.known_product ? '' : ` Note: ${productId} is not a product of this shop's catalog (known_product: false); check the id (take it from a recommend_products or search_catalog answer), or expect the event to count for little until the catalog has it.`;
    const text = `${done}${session}${unknown}${structured.recommendation ? ` ${structured.recommendation.detail}` : ''}`;
    return { structured, text };
  },
});
