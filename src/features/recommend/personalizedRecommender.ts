/**
 * The MCP-aware personalization service: wraps any base recommender without changing it. Per request
 * it resolves the conversation's intent (structured from the caller, extracted from text, merged into
 * the conversation's short-lived session context), asks the base for a larger pool, adds catalog
 * search results for the categories and brands the shopper named (so a brand-new shopper asking for
 * "hiking boots under $100" gets hiking boots, not the shop's bestsellers), takes the shopper's
 * profile as the base ranked with it (read from the store only when the base does not tell) and calls
 * the pure `personalize`.
 */
import { canonicalProfile } from '../../core/catalog/canonicalEvents.ts';
import type { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { unlessStoreDown } from './storeDown.ts';
import { LRUCache } from 'lru-cache';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { minPrice } from '../../core/catalog/product.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { Market } from '../../core/markets/market.ts';
import { parseMarket, type MarketInput, type ShopperMarket } from '../../core/markets/shopperMarket.ts';
import { classifierExtractor, type ExtractedIntent, type IntentExtractor, type IntentSource, type SyncClassifier } from '../../core/intent/intentExtractor.ts';
import type { CatalogVocabulary, Intent, IntentEntities } from '../../core/intent/types.ts';
import { titleTerms, titleWords, type TitleWords } from '../../core/personalize/titleTerms.ts';
import type { ExchangeRate } from '../../core/personalize/hardFilters.ts';
import { emptyIntent, intentFromInput, type IntentInput } from '../../core/personalize/intentInput.ts';
import { colourField, intentCandidates, matchCategory, matchFeaturesOf } from '../../core/personalize/intentScoring.ts';
import type { Audience } from '../../core/intent/audience.ts';
import { colourKey, COLOURS } from '../../core/intent/colours.ts';
import { colourPointer } from '../../core/personalize/colourPointer.ts';
import { comparedProduct, withoutComparandLook } from '../../core/personalize/comparedProduct.ts';
import { escapeRegExp, fold, readableText } from '../../core/intent/text.ts';
import { extractNamedComparison } from '../../core/intent/pricePreference.ts';
import { kindsInWords, type ConstraintOutcome } from '../../core/personalize/constraints.ts';
import {
  DEFAULT_PERSONALIZE_PARAMS,
  personalizeList,
  type PersonalizedItem,
  type PersonalizeInput,
  type PersonalizeParams,
  type PersonalizeWeights,
} from '../../core/personalize/personalize.ts';
import { seasonNamed, temporalContext, withSeason, type TemporalContext } from '../../core/personalize/seasonal.ts';
import { DEFAULT_SESSION_TTL_MS, isForAnother, markGiftEvents, mergeIntent, type MergeOptions, type SessionContext, type ShownList, SHOWN_MAX } from '../../core/personalize/sessionContext.ts';
import { otherKindsFirst } from '../../core/personalize/otherKindsFirst.ts';
import { addsToEarlier, allowedNow, asksAnew, asksForItIn, asksForMore, asksWholeKind, buysIt, asksOtherColour, asksWhetherItIs, changesMind, type ClearedKind, carriesTastes, clearedByInput, namesWhomOnly, asksSimilar, clearedByText, goesWith, kindClauses, pickByPrice, picksAmongCompared, refersToCompared, replacesEarlierLook, startsOver, tastesForEveryone } from '../../core/intent/turns.ts';
import { refusedPlaces, shownAt, shownOrdinal, shownPair } from '../../core/intent/ordinals.ts';
import { unknownBrand, unknownBrandOutcome, vendorNames } from '../../core/personalize/unknownBrand.ts';
import { sizeSaidAlone } from '../../core/intent/sizes.ts';
import { unknownKind, unknownKindOutcome, unmentionedOutcome, unmentionedWord } from '../../core/personalize/unknownKind.ts';
import { kindGroups, kindPeople, type KindGroups, type KindPeople } from '../../core/personalize/askedKinds.ts';
import { comparedProducts } from '../../core/personalize/comparedPair.ts';
import { atPriceEnd, PRICE_END_SEARCH_WIDTH, priceEndCandidates } from '../../core/personalize/priceEnds.ts';
import { onSaleCandidates } from '../../core/personalize/onSaleProducts.ts';
import { shopperTurns, turnKey } from '../../core/intent/transcript.ts';
import { conversationProduct, unanchoredOutcome, type ConversationFocus, type TouchedItem } from '../../core/personalize/conversationProduct.ts';
import { namedProducts, wantedByName } from '../../core/personalize/namedProducts.ts';
import { readProductTalk } from '../../core/personalize/productTalk.ts';
import { SESSION_KEY_PREFIX, sessionKey } from '../../core/profile/sessionKey.ts';
import type { UserEventStore } from '../../core/ports.ts';
import { buildProfileView, type ProfileView, type ProfileViewOptions } from '../../core/profile/profileView.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { buildExclusions } from '../../core/recommend/exclusions.ts';
import { ShopVocabularyCache } from '../catalog/shopVocabulary.ts';
import { isDegraded, profileUsed } from './hybridRecommender.ts';
import { turnBatcher } from './turnBatcher.ts';

/** A recommendation request with conversational context. */
export interface PersonalizeRequest extends RecommendRequest {
  /** The conversation so far or its last message. */
  readonly text?: string;
  /** The intent as the caller states it; wins over what is read from `text`. */
  readonly intent?: IntentInput;
  readonly market?: MarketInput;
  /** Conversation id: turns with the same id accumulate their intent for `sessionTtlMs`. */
  readonly sessionId?: string;
  /**
   * Whether this turn's intent joins the conversation (default true). `false` answers as the turn would,
   * with the conversation's earlier intent, and leaves the conversation as it was (explain_recommendation:
   * asking why changes nothing).
   */
  readonly rememberTurn?: boolean;
  /**
   * Products this list must leave out besides the usual ones (`exclusions.ts`): those the shopper
   * rejected in the conversation. Left out before the list is chosen, so whether it meets what was
   * asked is judged on what can really be shown.
   */
  readonly exclude?: ReadonlySet<string>;
  /**
   * How many of the items the caller shows, first to last (default all): the conversation remembers those
   * as shown ("the second one", "show me more"). A caller that asks for more than it shows (the MCP tool
   * keeps room for items it cannot show) says so, so that "show me more" does not skip the ones unseen.
   */
  readonly shows?: number;
}

/** The intent a response was personalized for. */
export type UsedIntent = Intent & {
  /** `agent`: stated by the caller; `model`/`local`: extracted from text; `session`: carried over from earlier turns. */
  readonly source: IntentSource | 'session';
  readonly fallbackUsed: boolean;
};

/** One personalized answer. */
export interface PersonalizedResult {
  readonly items: PersonalizedItem[];
  /** Whether the items meet what was asked, else what was relaxed and why (`constraints.ts`). */
  readonly constraints: ConstraintOutcome;
  readonly intent?: UsedIntent;
  readonly session?: { readonly sessionId: string; readonly turns: number; readonly gift: boolean };
  readonly temporal: TemporalContext;
  readonly market: ShopperMarket;
  /**
   * True when the store did not answer and the list came from what the process holds (the base list
   * from memory, or no stored profile): not personalized from the shopper's history.
   */
  readonly degraded?: boolean;
}

/** Options of {@link MCPAwareRecommender}. */
export interface MCPAwareOptions {
  /** Any base recommender (the hybrid, the HTTP adapter of a shop's own recommender). */
  readonly base: BaseRecommender;
  readonly catalogs: { get(shop: string): { readonly index: CatalogIndex; readonly identity: ProductIdentity } };
  readonly store: Pick<UserEventStore, 'getProfiles'>;
  readonly profile: ProfileViewOptions;
  /** Reads intents from text. */
  readonly extractor?: IntentExtractor;
  /** Or a synchronous classifier (the local `IntentClassifier`), given the shop's vocabulary per request. */
  readonly classifier?: SyncClassifier;
  /** How long a conversation's context lives after its last turn, ms (default 15 minutes). */
  readonly sessionTtlMs?: number;
  /** Most conversations held (default 100,000). */
  readonly maxSessions?: number;
  readonly weights?: PersonalizeWeights;
  /** Shape parameters (default `DEFAULT_PERSONALIZE_PARAMS`, with `affinityShare` 0 when the base scores affinity itself). */
  readonly params?: PersonalizeParams;
  /**
   * Whether the base already scores the shopper's profile affinity (default: when its name is
   * `hybrid`). Then the layer adds affinity only under a stated intent (see `PersonalizeParams`).
   */
  readonly baseScoresAffinity?: boolean;
  /** Exchange rates for budgets in another currency than the catalog's (none by default: see hardFilters.ts). */
  readonly rate?: ExchangeRate;
  /** Market country when a request names none (seasons and holidays), e.g. `US`. */
  readonly defaultCountry?: string;
  /** Base items asked per request (default `max(50, 5 × limit)`). */
  readonly poolSize?: (limit: number) => number;
  /** Catalog search results added per query (named category, brand, gift recipient, occasion; default 40). */
  readonly searchPerTerm?: number;
  /** Called when intent extraction fails (the request is then answered without the text's intent). */
  readonly onExtractError?: (err: unknown) => void;
  /** Called with the size of every batch `personalize` asks for with the other requests of its turn (`turnBatcher.ts`), for metrics. */
  readonly onTurnBatch?: (size: number) => void;
  /**
   * Shop default for letting bought products come back when a request does not say
   * (`AFFINITY_ALLOW_REPEAT_PURCHASES`; default false), as the hybrid base applies it.
   */
  readonly allowRepeat?: boolean;
  /** Products not sold in the request's market (catalog-search candidates must respect it too). */
  readonly marketExclude?: (shop: string, market: unknown) => ReadonlySet<string> | undefined;
  /** The configured market a request's `market` names (its price list is what budgets are held to). */
  readonly marketOf?: (market: MarketInput) => Market | undefined;
  /**
   * Links an anonymous conversation's profile key (`session:<id>`) to the shopper a call named with it,
   * where that shopper's consent allows linking (the wiring decides as the consent gate does), so a
   * redaction or export of the shopper reaches what was stored under the conversation's key. Absent:
   * nothing is linked ({@link MCPAwareRecommender.linkConversation}).
   */
  readonly linkConversation?: (shop: string, conversationKey: string, userId: string, market: MarketInput | undefined) => Promise<void>;
}

/**
 * The cheapest and the dearest product of a list shown (by their cheapest available price in the shop's
 * currency; ties: the first shown), for {@link SessionContext.shown}. `undefined` when none has a price.
 * A list asked by price (`byFirst`: "the cheapest sofa") points at its first product: "something dearer"
 * after it is dearer than that one, not than the last and dearest of the list.
 */
function shownList(items: readonly PersonalizedItem[], index: CatalogIndex, now: number, earlier?: readonly string[], byFirst = false): { readonly shown: ShownList } | undefined {
  let cheapest: { id: string; amount: number } | undefined;
  let dearest: { id: string; amount: number } | undefined;
  for (const it of items) {
    const p = index.get(it.productId);
    const price = p ? minPrice(p) : undefined;
    if (!price) continue;
    if (!cheapest || price.amount < cheapest.amount) cheapest = { id: it.productId, amount: price.amount };
    if (!dearest || price.amount > dearest.amount) dearest = { id: it.productId, amount: price.amount };
    if (byFirst) {
      dearest = cheapest;
      break;
    }
  }
  const ids = items.slice(0, SHOWN_MAX).map((it) => it.productId);
  const before = earlier && earlier.length > 0 ? { earlier: earlier.slice(-MAX_EARLIER_SHOWN) } : {};
  return cheapest && dearest ? { shown: { cheapest: cheapest.id, dearest: dearest.id, ids, ...before, at: now } } : undefined;
}

/** Of a pair of products, the cheaper (`low`) or the dearer (`high`) by their cheapest available price; undefined when one has none. */
function pairPick(pair: readonly string[], pick: 'low' | 'high', index: CatalogIndex): string | undefined {
  let best: { id: string; amount: number } | undefined;
  for (const id of pair) {
    const p = index.get(id);
    const price = p ? minPrice(p) : undefined;
    if (!price) return undefined;
    if (!best || (pick === 'low' ? price.amount < best.amount : price.amount > best.amount)) best = { id, amount: price.amount };
  }
  return best?.id;
}

/** Most products of earlier lists a run of "show me more" keeps out ({@link ShownList.earlier}). */
const MAX_EARLIER_SHOWN = 60;

/**
 * Wraps a base recommender with intent, session context, profile and temporal personalization: the
 * personalized route of the recommend use case (`recommendations.ts` decides when a request takes it).
 */
export class MCPAwareRecommender {
  readonly name: string;
  readonly #o: MCPAwareOptions;
  readonly #extractor: IntentExtractor | undefined;
  readonly #sessions: LRUCache<string, SessionContext>;
  /** Shop + user → their latest conversation id (for marking gift events). */
  readonly #userSessions: LRUCache<string, string>;
  readonly #ttl: number;
  readonly #params: PersonalizeParams;
  readonly #vocab = new ShopVocabularyCache();
  /** Catalog search candidates per intent entities object (see {@link #searchCandidates}). */
  readonly #searched = new WeakMap<object, { readonly index: CatalogIndex; readonly ids: readonly string[] }>();
  readonly #titleWords = new WeakMap<CatalogIndex, TitleWords>();
  /** The vendor names of each catalog version (unknownBrand.ts). */
  readonly #vendors = new WeakMap<CatalogIndex, Set<string>>();
  readonly #termed = new WeakMap<object, { readonly words: TitleWords; readonly text: string; readonly entities: IntentEntities }>();
  /** {@link personalize}'s requests of one event-loop turn, answered as one batch; one conversation's (or shopper's) one after the other. */
  readonly #byTurn = turnBatcher<PersonalizeRequest, PersonalizedResult>({
    one: async (req, now) => (await this.personalizeBatch([req], now))[0] as PersonalizedResult,
    batch: (reqs, now) => this.personalizeBatch(reqs, now),
    keysOf: (r) => [...(r.sessionId !== undefined ? [`s\u0000${key(r.shop, r.sessionId)}`] : []), ...(r.userId !== undefined ? [`u\u0000${key(r.shop, r.userId)}`] : [])],
    onBatch: (n) => this.#o.onTurnBatch?.(n),
  });

  constructor(opts: MCPAwareOptions) {
    this.#o = opts;
    const own = opts.baseScoresAffinity ?? opts.base.name === 'hybrid';
    this.#params = opts.params ?? (own ? { ...DEFAULT_PERSONALIZE_PARAMS, affinityShare: 0 } : DEFAULT_PERSONALIZE_PARAMS);
    this.name = `${opts.base.name}+personalized`;
    this.#ttl = opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
    if (!(this.#ttl > 0)) throw new RangeError(`sessionTtlMs must be positive, got ${String(opts.sessionTtlMs)}`);
    const max = opts.maxSessions ?? 100_000;
    this.#sessions = new LRUCache({ max, ttl: this.#ttl, ttlAutopurge: false });
    this.#userSessions = new LRUCache({ max, ttl: this.#ttl, ttlAutopurge: false });
    this.#extractor =
      opts.extractor ?? (opts.classifier ? classifierExtractor(opts.classifier, (shop) => this.vocabulary(shop)) : undefined);
  }

  /** The shop's vocabulary (category paths, product types, vendors, tags) for intent extraction. */
  vocabulary(shop: string): CatalogVocabulary | undefined {
    return this.#vocab.get(shop, this.#o.catalogs.get(shop).index);
  }

  /** `text` with the slips the classifier reads past corrected ("neckalce" → "necklace"), for a search of the shop's catalog. */
  spelled(shop: string, text: string): string {
    return this.#o.classifier?.spell?.(text, this.vocabulary(shop)) ?? text;
  }

  /** A brand `text` asks for that the shop does not sell (unknownBrand.ts), for a search of its catalog. */
  unknownBrandIn(shop: string, text: string): string | undefined {
    return this.#unknownBrand(text, NOTHING_READ, this.#o.catalogs.get(shop).index);
  }

  /** The live context of a conversation. */
  session(shop: string, sessionId: string, now: number): SessionContext | undefined {
    const s = this.#sessions.get(key(shop, sessionId));
    return s && now - s.updatedAt <= this.#ttl ? s : undefined;
  }

  /** Forgets a conversation's context ("start over"). */
  forget(shop: string, sessionId: string): void {
    this.#sessions.delete(key(shop, sessionId));
  }

  /**
   * Forgets every conversation this process holds of shoppers whose data was erased (a customer
   * redaction, a consent withdrawal's erasure): a conversation whose context names one of `userIds`
   * as its shopper, the latest conversation of each, and a conversation whose own profile key
   * (`session:<id>`, an anonymous conversation) is among them. What the agent said ("a gift for my
   * husband, navy, under 70") is the shopper's data too; it would otherwise answer for its 15 minutes.
   */
  forgetShoppers(shop: string, userIds: readonly string[]): void {
    const ids = new Set(userIds);
    const gone = new Set<string>();
    for (const id of ids) {
      const latest = this.#userSessions.get(key(shop, id));
      if (latest !== undefined) gone.add(latest);
      this.#userSessions.delete(key(shop, id));
      if (id.startsWith(SESSION_KEY_PREFIX)) gone.add(id.slice(SESSION_KEY_PREFIX.length));
    }
    for (const s of this.#sessions.values()) if (s.shop === shop && s.userId !== undefined && ids.has(s.userId)) gone.add(s.sessionId);
    for (const sessionId of gone) this.forget(shop, sessionId);
  }

  /** Forgets every conversation this process holds of a shop (the shop was erased). */
  forgetShopConversations(shop: string): void {
    const prefix = key(shop, '');
    for (const k of [...this.#sessions.keys()]) if (k.startsWith(prefix)) this.forget(shop, k.slice(prefix.length));
    for (const k of [...this.#userSessions.keys()]) if (k.startsWith(prefix)) this.#userSessions.delete(k);
  }

  /**
   * A call named both its shopper and its conversation: the conversation's profile key joins the
   * shopper's identity links where their consent allows (the `linkConversation` option; linking
   * twice is a no-op in the store, and a link erased by a redaction is written again by the next such
   * call). A call naming only one of them, or the conversation's own key as the shopper, links nothing.
   */
  async linkConversation(shop: string, sessionId: string, userId: string, market?: MarketInput): Promise<void> {
    const link = this.#o.linkConversation;
    const conversationKey = sessionKey(sessionId);
    if (!link || !sessionId || !userId || userId === conversationKey) return;
    await link(shop, conversationKey, userId, market);
  }

  /**
   * Marks events recorded during a live gift conversation (by the event's `context.sessionId`, else
   * the user's latest conversation) so the projector learns no affinity from them. Call before append.
   */
  markEvents(events: readonly UserEvent[], now: number): UserEvent[] {
    return markGiftEvents(events, (e) => {
      const sid = e.context?.sessionId ?? this.#userSessions.get(key(e.shop, e.userId));
      return sid ? this.session(e.shop, sid, now) : undefined;
    });
  }

  /**
   * Personalizes one request, with the other requests of its event-loop turn (`turnBatcher.ts`: one
   * base batch and one profile read for all of them). Two turns of one conversation, or two requests
   * of one shopper, are never in one batch: the later is answered after the earlier, and hears it.
   */
  personalize(req: PersonalizeRequest, now: number): Promise<PersonalizedResult> {
    return this.#byTurn(req, now);
  }

  /**
   * Personalizes many requests: one base batch, and the shoppers' profiles as the base read them (a
   * base that does not tell, one more read per shop).
   */
  async personalizeBatch(asked: readonly PersonalizeRequest[], now: number): Promise<PersonalizedResult[]> {
    // The shopper's words as every rule reads them, once: full-width letters and invisible characters read
    // as the words they show ("ｓｉｌｖｅｒ ｎｅｃｋｌａｃｅ", "sil\u200bver"; intent/text.ts `readableText`).
    const reqs = asked.map((r) => {
      const text = r.text === undefined ? undefined : readableText(r.text);
      return text === r.text ? r : { ...r, text };
    });
    const markets = reqs.map((r) => parseMarket(r.market, this.#o.defaultCountry));
    const intents = await Promise.all(reqs.map((r, i) => this.#resolveIntent(r, markets[i] ?? {}, now)));
    // A present for someone else is not chosen by the shopper's own history: the base ranks as for a
    // stranger (the product on the page and the cart still count), and no profile is read.
    const gifts = intents.map((x) => isForAnother(x.intent, x.session));
    const pools = reqs.map((r, i) => {
      const { userId: _own, ...anonymous } = r;
      // "More like the third one": the base ranks as on that product's page.
      const like = intents[i]?.similarTo;
      return { ...(gifts[i] ? anonymous : r), ...(like !== undefined ? { productId: like } : {}), limit: this.#o.poolSize?.(r.limit) ?? Math.max(50, 5 * r.limit) };
    });
    const bases = await this.#o.base.recommendBatch(pools, now);
    // The profile the base ranked with (the hybrid says which), so the store is read once per request;
    // read here only for lists of a base that does not say (an external recommender).
    // A gift's profile is read too, though it ranks nothing: what the shopper bought is not offered again
    // ("another necklace for my mom" after buying one for her; MCP probe), nor, when asked, what they have seen.
    const ranked = reqs.map((r, i) => (!r.userId ? null : !gifts[i] ? profileUsed(bases[i] ?? []) : undefined));
    const unread = reqs.filter((_, i) => ranked[i] === undefined);
    let storeDown = false;
    const read = unread.length > 0 ? await this.#profiles(unread, now, () => (storeDown = true)) : undefined;
    const profileOf = (req: PersonalizeRequest, i: number): ProfileView | undefined => (ranked[i] === undefined ? read?.get(key(req.shop, req.userId as string)) : (ranked[i] ?? undefined));
    // "Cheaper" or "what goes with it" said of no product: the product the shopper touched last in
    // their session counts too (the profile ranked with; a gift's, not ranked with, read for it).
    const resolved = await Promise.all(
      intents.map(async (r, i) => {
        const req = reqs[i] as PersonalizeRequest;
        if ((!r.relativeFrom && !r.goesWith) || !req.userId) return r;
        const profile = profileOf(req, i);
        const touched = profile ? profile.session : gifts[i] ? await this.#touched(req, now) : [];
        return this.#anchorToViews(req, r, touched);
      }),
    );
    return reqs.map((req, i) => {
      const market = markets[i] ?? {};
      const { intent, session, leaveOut, named, kinds, kindPeople: people, unknownKind: unknown, unmentioned, unknownBrand: maker, seen, companion, similarTo } = resolved[i] ?? {};
      const index = this.#o.catalogs.get(req.shop).index;
      const profile = profileOf(req, i);
      const exclude = buildExclusions(req, profile, this.#o.allowRepeat ?? false, req.market !== undefined ? this.#o.marketExclude?.(req.shop, req.market) : undefined);
      for (const id of req.exclude ?? []) exclude.add(id);
      for (const id of leaveOut ?? []) exclude.add(id);
      if (similarTo !== undefined) exclude.add(similarTo);
      // "Show me more": not what was shown already.
      for (const id of seen ?? []) exclude.add(id);
      // "Algo fresquito para el verano" in December: the products' season is the one asked for.
      const calendar = temporalContext(now, market.country);
      const asked = req.text !== undefined ? seasonNamed(req.text) : undefined;
      const temporal = asked ? withSeason(calendar, asked) : calendar;
      const priced = req.market !== undefined ? this.#o.marketOf?.(req.market) : undefined;
      const answered = personalizeList({
        base: bases[i] ?? [],
        ...(intent ? { intent } : {}),
        ...(profile ? { profile } : {}),
        ...(session ? { session } : {}),
        catalog: index,
        temporal,
        ...(this.#o.weights ? { weights: this.#o.weights } : {}),
        params: this.#params,
        limit: companion !== undefined ? COMPANION_POOL * req.limit : req.limit,
        now,
        candidates: intent ? this.#searchCandidates(index, intent) : [],
        exclude,
        ...(req.productId ? { productId: req.productId } : {}),
        ...(market.currency ? { currency: market.currency } : {}),
        ...(this.#o.rate ? { rate: this.#o.rate } : {}),
        ...(priced ? { market: priced } : {}),
        ...(named ? { named } : {}),
        ...(kinds ? { kinds, ...(people ? { kindPeople: people } : {}) } : {}),
      });
      const list = companion !== undefined ? { ...answered, items: otherKindsFirst(answered.items, companion, index).slice(0, req.limit) } : answered;
      // A budget in another currency is answered in the market's, converted and marked estimated.
      const used = intent && list.budget ? { ...intent, entities: { ...intent.entities, budget: list.budget } } : intent;
      // "Cheaper" with no product to compare with was not held: the answer does not say it was.
      const side = intent?.entities.priceRelative;
      const anchor = side !== undefined ? (intent?.entities.priceAnchor ?? req.productId) : undefined;
      const unanchored = side !== undefined && (anchor === undefined || index.get(anchor) === undefined);
      // A budget with a number was held whatever "cheaper" could not be: it is not reported unchecked.
      const budgetHeld = intent?.entities.budget !== undefined && !list.constraints.relaxed?.includes('budget') && !list.constraints.unchecked?.includes('budget');
      // One product shown is the one the conversation is about now ("¿no tenéis algo más barato?", "does it come in grey?");
      // of several, the cheapest and the dearest are what "anything cheaper?" and "more expensive ones?" compare with.
      const seenNow = req.shows !== undefined ? list.items.slice(0, req.shows) : list.items;
      // One of a pair picked by price ("the cheaper of the two") is the product discussed from now on.
      const picked = named?.pick !== undefined && seenNow.length === 1;
      // A list of several shown with a product ("similar items" on its page) is remembered too, for "the second
      // one" to point into; the product stays the one discussed (the list was shown for it, in the same turn).
      if (session && seenNow.length > (req.productId ? 1 : 0) && (!named || picked) && req.rememberTurn !== false) {
        this.#rememberShown(req, session, seenNow.length === 1 ? { product: (seenNow[0] as PersonalizedItem).productId, productAt: now } : shownList(seenNow, index, now, seen, intent?.entities.byPrice === true));
      }
      // "Cheaper?" when nothing is: answered once ("not cheaper than …"), it is not held for the next
      // turns ("in black?" asks for black ones, not for black ones cheaper than the cheapest there is).
      if (session && req.rememberTurn !== false && side !== undefined && !budgetHeld && list.constraints.relaxed?.includes('budget')) this.#letGoOfRelativePrice(req, session);
      return {
        items: list.items,
        constraints: withShownBefore(withUnknown(unanchored ? unanchoredOutcome(list.constraints, side, budgetHeld) : list.constraints, unknown ?? unmentioned, maker, unknown === undefined), seen, intent?.entities.categories ?? [], index),
        ...(used ? { intent: used } : {}),
        ...(session
          ? { session: { sessionId: session.sessionId, turns: session.turns, gift: session.intent.entities.isGift && session.intent.entities.recipient !== 'self' } }
          : {}),
        temporal,
        market,
        ...(isDegraded(bases[i] ?? []) || (storeDown && ranked[i] === undefined && req.userId !== undefined) ? { degraded: true } : {}),
      };
    });
  }

  /** A brand the message asks for that the shop does not sell (unknownBrand.ts). */
  #unknownBrand(text: string, e: IntentEntities, index: CatalogIndex): string | undefined {
    return unknownBrand(text, e, this.#titleWordsOf(index), this.#vendorsOf(index));
  }

  /** The vendor names of a catalog (unknownBrand.ts `vendorNames`), read once per catalog version. */
  #vendorsOf(index: CatalogIndex): Set<string> {
    let vendors = this.#vendors.get(index);
    if (!vendors) {
      vendors = vendorNames(index.all().map((p) => p.vendor));
      this.#vendors.set(index, vendors);
    }
    return vendors;
  }

  /** The title words of a catalog, built once per catalog version. */
  #titleWordsOf(index: CatalogIndex): TitleWords {
    let words = this.#titleWords.get(index);
    if (!words) {
      words = titleWords(index.all());
      this.#titleWords.set(index, words);
    }
    return words;
  }

  /**
   * The title words that point at a product shown ("do you have the dreamcatcher one in gold?":
   * "dreamcatcher", whatever else the entity rules read it as, a shop's tag or type): they say which
   * product the question is about, so they are kept as terms (a nudge, never a constraint) where its
   * other words are not. Words ruled out stay out; colour words are never terms ("the silver ones").
   */
  #pointerTerms(pointedBy: string, e: IntentEntities, index: CatalogIndex): string[] {
    return titleTerms(pointedBy, { categories: [], brands: [], colours: [], sizes: [], rejections: e.rejections, isGift: false }, this.#titleWordsOf(index));
  }

  /**
   * The extracted intent with the words that name this shop's products by their titles
   * (`titleTerms.ts`). Kept per entities object (the extractor answers a text seen before with the same
   * frozen object) and catalog index, so a recurring message costs one lookup and the catalog
   * search memo (`#searchCandidates`) still finds its frozen entities.
   */
  #withTitleTerms(extracted: ExtractedIntent, text: string, index: CatalogIndex): ExtractedIntent {
    const words = this.#titleWordsOf(index);
    const held = this.#termed.get(extracted.entities);
    if (held !== undefined && held.words === words && held.text === text) return { ...extracted, entities: held.entities };
    const terms = titleTerms(text, extracted.entities, words);
    const entities = Object.freeze(terms.length > 0 ? { ...extracted.entities, terms } : extracted.entities);
    if (Object.isFrozen(extracted.entities)) this.#termed.set(extracted.entities, { words, text, entities });
    return { ...extracted, entities };
  }

  /**
   * This turn's intent (structured over extracted), merged into the conversation when there is one.
   * A transcript in `text` (intent/transcript.ts) is read as the shopper's turns, in order: the
   * earlier ones the conversation has not heard yet are merged first as turns of their own, the
   * latest decides. A price said relative to a product without naming one is held to the product the
   * conversation was last about (conversationProduct.ts). `leaveOut`: products the answer must not
   * show (the one "cheaper" is compared with; the one the items are to go with).
   */
  async #resolveIntent(req: PersonalizeRequest, market: ShopperMarket, now: number): Promise<Resolved> {
    const text = req.text?.trim();
    const prev = req.sessionId ? this.session(req.shop, req.sessionId, now) : undefined;
    const said = text ? (shopperTurns(text) ?? [text]) : [];
    // An agent resends the conversation each turn: messages already merged are not merged again over
    // what later turns changed (the latest one always is: it is this turn).
    const heard = new Set(prev?.heard ?? []);
    const earlier = said.slice(0, -1).filter((t) => !heard.has(turnKey(t))).slice(-MAX_EARLIER_TURNS);
    const latest = said.at(-1);
    const k = { shop: req.shop, sessionId: req.sessionId ?? '' };
    let ctx = prev;
    for (const t of earlier) {
      const read = await this.#readTurn(req, t, market, ctx, false, now);
      if (read.turn) ctx = mergeIntent(ctx, stripProvenance(read.turn), now, k, { ttlMs: this.#ttl, ...read.merge });
    }
    // A read of the conversation (explain_recommendation, `rememberTurn: false`) with the message its
    // latest turn merged explains that turn: the message is not read again against what the turn showed
    // ("cheaper than the first one" would be compared with the first item of its own answer).
    const explainsLast = req.rememberTurn === false && latest !== undefined && ctx !== undefined && ctx === prev && prev.heard?.at(-1) === turnKey(latest);
    const read = !explainsLast && (latest !== undefined || req.intent) ? await this.#readTurn(req, latest, market, ctx, true, now) : undefined;
    const turn = read?.turn;
    // "Do you have a barbecue grill?" in a shop with no word of one: the answer says it has none (unknownKind.ts).
    // A first message of one word that no product mentions ("hammock", "rustic"): the answer says so (later in a
    // conversation, one word is more often a reaction: "weird", "cool").
    const classifier = this.#o.classifier;
    const words = latest !== undefined && turn && !req.intent ? this.#titleWordsOf(this.#o.catalogs.get(req.shop).index) : undefined;
    const unknown = words && turn && latest !== undefined ? unknownKind(latest, turn.entities, words) : undefined;
    const unmentioned =
      words && turn && latest !== undefined && classifier?.knowsWord && ctx === undefined && unknown === undefined
        ? unmentionedWord(latest, turn.entities, { words, vendors: this.#vendorsOf(this.#o.catalogs.get(req.shop).index) }, { type: turn.type, knownWord: (w) => classifier.knowsWord?.(w, 'en') === true || classifier.knowsWord?.(w, 'es') === true })
        : undefined;
    // "Anything by Pandora?" in a shop that sells nothing by Pandora: the answer says so (unknownBrand.ts).
    const maker = latest !== undefined && turn && !req.intent ? this.#unknownBrand(latest, turn.entities, this.#o.catalogs.get(req.shop).index) : undefined;
    const pending = {
      ...(read?.relativeFrom ? { relativeFrom: read.relativeFrom } : {}),
      ...(read?.goes ? { goesWith: focusOf(read.about, ctx, now) } : {}),
      // "What goes with it?" naming no kind: products of other kinds than it come first.
      ...(read?.goes && read.about !== undefined && (turn?.entities.categories.length ?? 0) === 0 ? { companion: read.about } : {}),
      ...(read?.named ? { named: read.named } : {}),
      ...(read?.similarTo !== undefined ? { similarTo: read.similarTo } : {}),
      ...(unknown !== undefined ? { unknownKind: unknown } : {}),
      ...(unmentioned !== undefined ? { unmentioned } : {}),
      ...(maker !== undefined ? { unknownBrand: maker } : {}),
      ...(read?.seen || read?.refused ? { seen: [...(read.seen ?? []), ...(read.refused ?? [])] } : {}),
    };
    const turnKinds = read?.kinds ? { kinds: read.kinds, ...(read.kindPeople ? { kindPeople: read.kindPeople } : {}) } : {};
    if (!req.sessionId && ctx === undefined) return turn ? { intent: turn, leaveOut: leftOut(turn.entities, req.productId, read?.goes ? read.about : undefined), ...pending, ...turnKinds } : {};
    if (!turn) {
      if (!ctx) return {};
      const intent: UsedIntent = { ...ctx.intent, source: 'session', fallbackUsed: read?.fallbackUsed ?? false };
      if (req.sessionId && ctx !== prev && req.rememberTurn !== false) this.#remember(req, ctx);
      return { intent, ...(req.sessionId ? { session: ctx } : {}), leaveOut: [...leftOut(intent.entities, req.productId), ...(ctx.refused ?? [])], ...(ctx.kinds ? { kinds: ctx.kinds, ...(ctx.kindPeople ? { kindPeople: ctx.kindPeople } : {}) } : {}) };
    }
    const session = mergeIntent(ctx, stripProvenance(turn), now, k, {
      ttlMs: this.#ttl,
      ...(req.userId ? { userId: req.userId } : {}),
      ...(req.productId ? { productId: req.productId } : {}),
      ...read.merge,
    });
    const intent: UsedIntent = { ...session.intent, source: turn.source, fallbackUsed: turn.fallbackUsed };
    // What the shopper refused by its place in a list stays out while the search goes on.
    const leaveOut = [...leftOut(intent.entities, req.productId, read.goes ? session.product : undefined), ...(session.refused ?? [])];
    // A transcript read without a conversation id: its turns merged for this answer only.
    const kinds = session.kinds ? { kinds: session.kinds, ...(session.kindPeople ? { kindPeople: session.kindPeople } : {}) } : {};
    if (!req.sessionId) return { intent, leaveOut, ...pending, ...kinds };
    if (req.rememberTurn !== false) this.#remember(req, session);
    return { intent, session, leaveOut, ...pending, ...kinds };
  }

  /**
   * What the answer showed, for the next turn: the one product it showed is what the conversation is
   * about (a later "anything cheaper?" or "does it come in grey?" speaks of it, as of a product
   * discussed); of several, the cheapest and the dearest ({@link SessionContext.shown}). Only while the
   * stored conversation is the one this answer merged (a later turn of it wins).
   */
  #rememberShown(req: PersonalizeRequest, session: SessionContext, shown: Pick<SessionContext, 'product' | 'productAt'> | { readonly shown: ShownList } | undefined): void {
    const k = key(req.shop, session.sessionId);
    if (shown && this.#sessions.get(k) === session) this.#sessions.set(k, { ...session, ...shown });
  }

  /** The conversation without its price relative to a product (`priceRelative`), when this turn's session is still the one kept. */
  #letGoOfRelativePrice(req: PersonalizeRequest, session: SessionContext): void {
    const k = key(req.shop, session.sessionId);
    const kept = this.#sessions.get(k);
    if (kept === undefined || kept.updatedAt !== session.updatedAt || kept.turns !== session.turns) return;
    const { priceRelative: _r, priceAnchor: _a, ...entities } = kept.intent.entities;
    this.#sessions.set(k, { ...kept, intent: { ...kept.intent, entities } });
  }

  #remember(req: PersonalizeRequest, session: SessionContext): void {
    this.#sessions.set(key(req.shop, req.sessionId as string), session);
    if (req.userId) this.#userSessions.set(key(req.shop, req.userId), req.sessionId as string);
  }

  /**
   * One message of the shopper's read as a turn: its intent (the caller's structured intent over the
   * extracted one, for the latest message only), and how it merges into the conversation `ctx`
   * (what it clears, adds, names; whether it asks for something to go with the product discussed). A
   * price said relative to no product is held to the product the
   * conversation was last about as far as the conversation knows (a product it names, else the
   * conversation's); `relativeFrom` says so, for a product viewed since to take its place
   * ({@link #anchorToViews}).
   */
  async #readTurn(req: PersonalizeRequest, text: string | undefined, market: ShopperMarket, said: SessionContext | undefined, last: boolean, now: number): Promise<TurnRead> {
    const index = this.#o.catalogs.get(req.shop).index;
    // "Let's start over, …": the turn is read as the first of a conversation (and merged as one).
    const fresh = text !== undefined && startsOver(text);
    const ctx = fresh ? undefined : said;
    const goes = text !== undefined && goesWith(text);
    const extractor = this.#extractor;
    const read = async (words: string): Promise<ExtractedIntent> =>
      this.#withTitleTerms(
        await (extractor as IntentExtractor).extract(words, {
          shop: req.shop,
          ...(market.country ? { market: market.country } : {}),
          ...(market.currency ?? market.country ? { currencyHint: (market.currency ?? market.country) as string } : {}),
        }),
        words,
        index,
      );
    let extracted: ExtractedIntent | undefined;
    let fallbackUsed = false;
    if (text && extractor) {
      try {
        extracted = await read(text);
        fallbackUsed = extracted.fallbackUsed;
      } catch (err) {
        this.#o.onExtractError?.(err);
        fallbackUsed = true;
      }
    }
    const structured = last ? req.intent : undefined;
    let turn: UsedIntent | undefined;
    if (structured) {
      const vendors = this.vocabulary(req.shop)?.vendors ?? [];
      turn = { ...intentFromInput(structured, extracted, vendors), source: 'agent', fallbackUsed };
    } else if (extracted) turn = extracted;
    // "Plant pot", then "large" or "la grande": the size of the kind asked for (read alone, the word named none;
    // the pot came back at its regular size's price: shopper probe).
    const sizeAlone = turn && !structured && text !== undefined && (ctx?.intent.entities.categories.length ?? 0) > 0 && turn.entities.sizes.length === 0 && turn.entities.categories.length === 0 ? sizeSaidAlone(text) : undefined;
    // The word is the size, not a title word ("large pockets" led over the zipped jacket asked for: re-probe).
    if (turn && sizeAlone !== undefined) {
      const { terms: _word, ...said } = turn.entities;
      turn = { ...turn, entities: { ...said, sizes: [sizeAlone] } };
    }
    // "The second one", "el último": a product of the last list shown, by its place, is the one spoken of.
    // The list shown counts unless a product was spoken of after it; one anchored in the turn that showed
    // the list ("cheaper than the first one") leaves that list the one "the second one" points into.
    const listed = ctx?.shown !== undefined && (ctx.product === undefined || ctx.shown.at >= (ctx.productAt ?? ctx.updatedAt)) ? ctx.shown : undefined;
    // "I don't like the first one", "el segundo tampoco", "neither of the first two": left out, not spoken of.
    const refused: string[] = text !== undefined && listed !== undefined ? refusedPlaces(text).map((p) => shownAt(listed.ids, p)).filter((id): id is string => id !== undefined) : [];
    const byPlace = text !== undefined && listed !== undefined && refused.length === 0 ? shownAt(listed.ids, shownOrdinal(text)) : undefined;
    // "How much is the grey one?", "y la dorada, ¿cuánto cuesta?": the one shown product of that colour,
    // whose colour is then no wish (colourPointer.ts).
    // The two products compared last are looked at first ("I'm torn between the Gold Bird Necklace and the
    // Origami Crane Necklace", then "I'll take the gold one"), then the list shown.
    const pointable = (ids: readonly string[] | undefined) => (text !== undefined && ids !== undefined && ids.length > 0 ? colourPointer(text, ids, (id) => index.get(id)) : undefined);
    const ofPair = byPlace === undefined && refused.length === 0 ? pointable(ctx?.compared) : undefined;
    // After one product shown ("gris": the Grey Sofa), that one: "¿y el amarillo?" is then one of another colour, asked for.
    const shownNow = listed?.ids ?? (ctx?.product !== undefined ? [ctx.product] : undefined);
    const byColour = byPlace === undefined && refused.length === 0 ? (ofPair?.id !== undefined ? ofPair : pointable(shownNow)) : undefined;
    if (byColour?.id !== undefined && turn && !structured) turn = { ...turn, entities: withoutComparandLook(turn.entities, text as string, byColour.words) };
    const pointed = byPlace ?? byColour?.id;
    const discussed = (last ? req.productId : undefined) ?? pointed ?? ctx?.product;
    // "Does it come in silver?", "do the Galaxy Earrings have any gold?", "I'll take the large clay one":
    // said of a product, not of the list; "I'll take them. Now a necklace…" asks for the necklace alone.
    const talk = text ? readProductTalk(text, { ...(discussed !== undefined ? { discussed } : {}), inConversation: ctx !== undefined || discussed !== undefined, index }) : undefined;
    // "Does it come in silver?", "¿lo tienen en gris?" of the product discussed: asked of it as "does the
    // second one come in silver?" is of the second (it first, said to miss what it lacks, others after);
    // read as a question only, the list came back unchanged and called satisfied (shopper probe).
    const itIn =
      pointed === undefined && discussed !== undefined && talk?.about === true && talk.named === undefined && talk.request === undefined && !structured && text !== undefined && asksForItIn(text) && hasLookOrSize(turn?.entities)
        ? discussed
        : undefined;
    // What the turn asks for after talking of a product: a request in words, or a fragment naming a kind
    // ("I'll take the dainty gold necklace. And earrings to match?"), which only the extractor can tell.
    let request = talk?.request;
    let asked: IntentEntities | undefined;
    if (turn && talk && !structured && extractor) {
      try {
        if (request === undefined && talk.followUp !== undefined) {
          const after = (await read(talk.followUp)).entities;
          if (after.categories.length > 0) [request, asked] = [talk.followUp, after];
        }
        if (request !== undefined) asked ??= (await read(request)).entities;
      } catch (err) {
        this.#o.onExtractError?.(err);
      }
    }
    // Of "does it come in silver?" (itIn) the look or size stays asked, and the product comes first (below).
    if (turn && talk && !structured && itIn === undefined) {
      // A product named by its title keeps its title words, so it comes first ("do the Galaxy Earrings
      // have any gold?" shows them, not gold earrings), as do the title words that point at one shown
      // ("the dreamcatcher one"); outside a conversation there is nothing to keep from the question, so
      // "do you have the classic varsity top?" is read as asked. But whether a product named by its title
      // is so ("is the gemstone necklace real silver?") asks about it: its kind and title words stay, its
      // colour and material are no wish (nor remembered for the next turn).
      const inTalk = ctx !== undefined || discussed !== undefined;
      if (asked !== undefined) turn = { ...turn, entities: { ...withoutDescriptions(turn.entities), ...descriptionsOf(asked), ...(asked.budget ? { budget: asked.budget } : {}) } };
      else if (talk.about && inTalk) {
        const terms = talk.named !== undefined ? turn.entities.terms : talk.pointedBy !== undefined ? this.#pointerTerms(talk.pointedBy, turn.entities, index) : undefined;
        turn = { ...turn, entities: { ...withoutDescriptions(turn.entities), ...(terms && terms.length > 0 ? { terms } : {}) } };
      } else if ((talk.named !== undefined || pointed !== undefined) && text !== undefined && asksWhetherItIs(text)) turn = { ...turn, entities: withoutLook(turn.entities) };
    }
    // "¿Y la plateada, cuánto cuesta?" when no product shown is silver: one of that colour is asked for.
    if (byColour?.none && turn && !structured && !turn.entities.colours.includes(byColour.colour)) turn = { ...turn, entities: { ...turn.entities, colours: [byColour.colour] } };
    // "Which is better, the Red Sports Tee or the Floral White Top?": about those two products, whose
    // titles are no wish for the list; "the cheaper of the two" speaks of them again (comparedPair.ts).
    const comparison = text ? comparedProducts(text, index) : undefined;
    // "I like the first two, which one is cheaper?", "entre el primero y el tercero": two of the list shown, by their places.
    const places = text !== undefined && listed !== undefined && comparison === undefined ? shownPair(text) : undefined;
    const byPlaces = places?.map((p) => shownAt(listed?.ids, p)).filter((id): id is string => id !== undefined);
    const compared = comparison?.ids ?? (byPlaces !== undefined && byPlaces.length === 2 && byPlaces[0] !== byPlaces[1] ? byPlaces : undefined);
    // "Which is cheaper?" right after two were compared asks which of those two, unless it names a kind or a budget of its own.
    const picksOfPair = (t: string): boolean => refersToCompared(t) || (picksAmongCompared(t) && (turn?.entities.categories.length ?? 0) === 0 && turn?.entities.budget === undefined);
    const pair = compared ?? (text !== undefined && (ctx?.compared?.length ?? 0) > 1 && picksOfPair(text) ? ctx?.compared : undefined);
    let named: NamedProducts | undefined;
    let chosen: string | undefined;
    if (pair) {
      // "The cheaper of the two", "which of the two is more expensive?": one of the pair, by price.
      const e = turn?.entities;
      const pick = (text !== undefined ? pickByPrice(text) : undefined) ?? e?.pricePreference;
      // "I'll take the cheaper of the two. Now a shirt to wear under it": that one is chosen, and the shirts go with it.
      chosen = goes && pick && e && e.categories.length > 0 ? pairPick(pair, pick, index) : undefined;
      if (chosen === undefined) named = { ids: pair, only: compared === undefined, ...(pick ? { pick } : {}) };
      if (turn && !structured && chosen === undefined) {
        const { pricePreference: _p, priceRelative: _r, priceAnchor: _a, ...rest } = withoutDescriptions(turn.entities);
        // A colour or material said outside the products' names stays asked for ("I want something in
        // silver. Which is better, the Galaxy Earrings or the Guardian Angel Earrings?").
        // Nor is one said in naming a compared product without its title ("the cream sofa or *the grey one*").
        const look = text === undefined ? undefined : lookOutsideNames(turn.entities, text, [...pair.map((id) => index.get(id)?.title ?? ''), ...(comparison?.sides ?? [])]);
        turn = { ...turn, entities: { ...rest, ...(look && look.colours.length > 0 ? { colours: look.colours } : {}), ...(look?.materials && look.materials.length > 0 ? { materials: look.materials } : {}) } };
      }
    } else if (turn && text) turn = this.#withNamedComparison(turn, text, req.shop, discussed, ctx?.shown?.ids);
    // "Show me the second one", "does the last one come in blue?": that product first, as one named is
    // (not when it is what the list is compared with or goes with: "cheaper than the first one").
    // "I like the last one. What else is similar?", "more like the third one": others like it, it left out (it came first).
    const similarTo = pointed !== undefined && !goes && text !== undefined && turn?.entities.priceRelative === undefined && asksSimilar(text) ? pointed : undefined;
    if (named === undefined && similarTo === undefined && (pointed ?? itIn) !== undefined && !goes && turn?.entities.priceRelative === undefined) named = { ids: [(pointed ?? itIn) as string], only: false };
    // "Perfect, I'll take it": the product the conversation is about comes first (the one being bought).
    if (named === undefined && discussed !== undefined && text !== undefined && !goes && buysIt(text)) named = { ids: [discussed], only: false };
    // "I want the Zipped Jacket for my girlfriend": a product asked for by its title comes first, as named (not
    // one compared, gone with or priced against, nor one to be like: "something like the Zipped Jacket"). So
    // does one asked about by its title that the conversation is not about yet ("do you have the Moon Charm
    // Bracelet in silver?", "is the Pink Armchair in stock?" after garden things): it is the one to answer
    // with, its misses said; of the product discussed, the talk is about it already.
    const askedAbout = talk?.named !== undefined && talk.named !== discussed && !goes && turn?.entities.priceRelative === undefined && !structured ? talk.named : undefined;
    const byName = named === undefined && !goes && text !== undefined && turn?.entities.priceRelative === undefined ? (askedAbout ?? (talk?.named === undefined ? wantedByName(text, index) : undefined)) : undefined;
    // Not when the turn asks for other kinds than the product's, said outside its title ("the Grey Sofa looks
    // nice, now I need pillows"): the list is then theirs, and says what the shop lacks of them.
    const byNameProduct = byName !== undefined ? index.get(byName) : undefined;
    // The kinds the words say outside its name, read as the shop reads them: "top" of "does the Classic
    // Varsity Top come in black?" is its name, not the shop's tops, tees and blouses asked for. The words
    // it was asked about by are its name too ("do you have the varsity top in XL?").
    const namedAs = [fold(byNameProduct?.title ?? ''), ...(askedAbout !== undefined && talk?.namedBy !== undefined ? [talk.namedBy] : [])].filter((n) => n !== '');
    let kindsBesides: readonly string[] = [];
    if (byNameProduct && turn && text !== undefined) {
      kindsBesides = withoutComparandLook(turn.entities, text, namedAs).categories;
      if (kindsBesides.length > 0 && extractor && !structured) {
        let outside = fold(text);
        for (const n of namedAs) outside = outside.split(n).join(' . ');
        try {
          kindsBesides = (await read(outside)).entities.categories;
        } catch (err) {
          this.#o.onExtractError?.(err);
        }
      }
    }
    if (byNameProduct && kindsBesides.every((c) => matchCategory(byNameProduct, c) !== undefined)) {
      named = { ids: [byNameProduct.id], only: false };
      // The colours and materials of its title are no wish ("I want the Blue Silk Tuxedo in black": black,
      // not blue or black; "does the Pink Armchair come in grey?": grey): only those said outside it are.
      if (turn && !structured && text !== undefined) {
        const look = lookOutsideNames(turn.entities, text, [byNameProduct.title, ...(askedAbout !== undefined && talk?.namedBy !== undefined ? [talk.namedBy] : [])]);
        const { materials: _materials, ...rest } = turn.entities;
        turn = { ...turn, entities: { ...rest, colours: look.colours, ...(look.materials && look.materials.length > 0 ? { materials: look.materials } : {}) } };
      }
    }
    // "I already have the silver threader one", "ya compré la mesita de noche": the shopper owns it, so it
    // is left out (as one refused) and what names it is no wish; it was shown first, its colour kept.
    if (text !== undefined && turn && !structured && ALREADY_OWNS.test(fold(text))) {
      const owned = named?.ids.length === 1 ? named.ids[0] : (talk?.named ?? pointed ?? ownedByWords(text, talk?.pointedBy, listed?.ids ?? [], index));
      if (owned !== undefined) {
        refused.push(owned);
        named = undefined;
        const { terms: _terms, ...rest } = withoutLook(turn.entities);
        turn = { ...turn, entities: rest };
      }
    }
    // "A ring and matching earrings": kinds asked for together, each part read on its own (askedKinds.ts).
    let kinds: KindGroups | undefined;
    let people: KindPeople | undefined;
    if (turn && text && !pair && !structured && extractor && turn.entities.categories.length > 1) {
      const parts = kindClauses(request ?? text);
      if (parts.length > 1) {
        try {
          const perPart = await Promise.all(parts.map(async (p) => (await read(p)).entities));
          kinds = kindGroups(turn.entities.categories, perPart.map((e) => e.categories));
          // "A shirt for my wife and a jacket for my husband": whom each kind is for.
          people = kinds ? kindPeople(kinds, perPart) : undefined;
        } catch (err) {
          this.#o.onExtractError?.(err);
        }
      }
    }
    // A product named by its title is what the conversation is about from now on.
    const mentioned = talk?.named ?? chosen ?? pointed ?? (text ? namedProducts(text, index)[0]?.id : undefined);
    // "Something like the last one but cheaper": held to the product the conversation was last about.
    let relativeFrom: ConversationFocus | undefined;
    if (turn && turn.entities.priceRelative !== undefined && turn.entities.priceAnchor === undefined && !(last && req.productId)) {
      // A list of several shown after the product discussed (a later turn): "cheaper" than all of it, "more expensive" than all of it.
      // One shown for that product in its own turn ("similar items" on its page) is of it: "cheaper" than the product.
      const list = listed !== undefined && !(ctx?.product !== undefined && ctx.productAt === listed.at) ? listed : undefined;
      relativeFrom =
        mentioned !== undefined
          ? { product: mentioned, productAt: now, updatedAt: now }
          : list !== undefined
            ? { product: turn.entities.priceRelative === 'below' ? list.cheapest : list.dearest, productAt: list.at, updatedAt: ctx?.updatedAt ?? 0 }
            : { ...(ctx?.product !== undefined ? { product: ctx.product } : {}), ...(ctx?.productAt !== undefined ? { productAt: ctx.productAt } : {}), updatedAt: ctx?.updatedAt ?? 0 };
      const anchor = conversationProduct(relativeFrom, []);
      // "¿Algo más barato que los Galaxy Earrings?": the words of the title said are no wish ("Galaxy" is not a kind asked for).
      const title = anchor !== undefined && anchor === mentioned && text !== undefined ? index.get(anchor)?.title : undefined;
      const entities = title !== undefined && fold(text as string).includes(fold(title)) ? withoutComparandLook(turn.entities, text as string, fold(title)) : turn.entities;
      if (anchor !== undefined) turn = { ...turn, entities: { ...entities, priceAnchor: anchor } };
    }
    // "And matching earrings?" after choosing the Pretty Gold Necklace: its metal, as its title or tags show it.
    const goesWithId = goes ? ((last ? req.productId : undefined) ?? mentioned ?? ctx?.product) : undefined;
    const goesWithProduct = goesWithId !== undefined ? index.get(goesWithId) : undefined;
    const chosenMetals = goesWithProduct ? SHARED_METALS.filter((m) => ['title', 'tags'].includes(colourField(goesWithProduct, m) ?? '')) : [];
    // "I like the Brown Throw Pillows, what goes with them?": the words naming it name it, they wish for nothing.
    if (goesWithProduct && turn && text !== undefined && !structured) turn = { ...turn, entities: withoutComparandLook(turn.entities, text, fold(goesWithProduct.title)) };
    // What goes with a product made for one audience is for it too (a women's top: women's things), unless the turn says whom.
    const madeFor = goesWithProduct ? [...matchFeaturesOf(goesWithProduct).madeFor].map((a): Audience => (a === 'female' ? 'women' : a === 'male' ? 'men' : 'kids')) : [];
    if (goesWithProduct && turn && !structured && madeFor.length === 1 && turn.entities.audience === undefined && turn.entities.recipient === undefined && ctx?.intent.entities.audience === undefined) {
      turn = { ...turn, entities: { ...turn.entities, audience: madeFor[0] as Audience } };
    }
    // "Forget the bedroom": the kinds the word it rules out is read as (Bedroom, Bed, Bed Clothes…), all of them.
    const forgets: string[] = [];
    const changing = text !== undefined && changesMind(text);
    if (turn && extractor && changing) {
      for (const r of turn.entities.rejections) {
        if (r.kind !== 'category') continue;
        try {
          forgets.push(r.value, ...(await read(r.value)).entities.categories);
        } catch (err) {
          this.#o.onExtractError?.(err);
        }
      }
    }
    const allowed = text ? allowedNow(text) : [];
    const lookSaid = text && !structured ? replacesEarlierLook(text) : undefined;
    // "Do you have them in a different colour?": not the colours asked for so far, else not those of the product discussed (its title's).
    let otherThan: readonly string[] = [];
    if (text && turn && turn.entities.colours.length === 0 && asksOtherColour(text)) {
      const wished = ctx?.intent.entities.colours ?? [];
      const discussed = (last ? req.productId : undefined) ?? mentioned ?? ctx?.product;
      const p = wished.length === 0 && discussed !== undefined ? index.get(discussed) : undefined;
      otherThan = wished.length > 0 ? wished : p ? Object.keys(COLOURS).filter((c) => colourField(p, c) === 'title') : [];
    }
    // What the turn lets go of: a caller's empty list, or words ("forget the budget") after any budget it states.
    // "Something summery to wear at the beach" after sunglasses: a request of its own, the kind sought so far and what was said of it go.
    const anew: ClearedKind[] =
      text && turn && !structured && !goes && asksAnew(text, turn.entities) ? ['category', 'colour', 'size', 'brand'] : text && turn && !structured && asksWholeKind(text, turn.entities) ? ['colour', 'size', 'brand'] : [];
    // "A chain bracelet in blue", then "the black one" of it (it comes in both): the colour asked before is
    // let go, the one pointed at being no wish either ("cheaper" after it said "in blue").
    const wishedBefore = ctx?.intent.entities.colours ?? [];
    const otherColour: ClearedKind[] =
      byColour?.id !== undefined && !structured && wishedBefore.length > 0 && !wishedBefore.some((c) => colourKey(c) === byColour.colour) ? ['colour'] : [];
    const cleared = [...new Set([...clearedByInput(structured), ...(text && turn ? clearedByText(text, turn.entities.budget) : []), ...anew, ...otherColour])];
    const merge: MergeOptions = {
      ...(cleared.length > 0 ? { cleared } : {}),
      // "I'll take it. I also need a ring": the product bought is closed, the ring is not added to its kind.
      ...(text && request === undefined && addsToEarlier(text) ? { adds: true } : {}),
      ...(goes ? { complements: true, ...(chosenMetals.length > 0 ? { chosenMetals } : {}) } : {}),
      // "Leather is fine" lifts an earlier refusal of leather; "forget the diamonds" drops a wish without refusing it.
      ...(allowed.length > 0 ? { allowed } : {}),
      ...(changing ? { changesMind: true, ...(forgets.length > 0 ? { forgets } : {}) } : {}),
      ...(otherThan.length > 0 ? { otherThan } : {}),
      // "Silver instead", "silver then" after "a pearl necklace": the look said now replaces the earlier one, materials too.
      ...(lookSaid !== undefined ? { replacesLook: lookSaid } : {}),
      // "Same for my mum", "and one for my husband": the earlier person's tastes go to the new one;
      // "my family only wears silver": to everyone named later (sessionContext.ts).
      ...(text && carriesTastes(text) ? { keepsTastes: true } : {}),
      // "For my mom" after "gold necklace": whom those were for (the gold stays).
      ...(text && namesWhomOnly(text) ? { whomOnly: true } : {}),
      ...(text && tastesForEveryone(text) ? { sharesTastes: true } : {}),
      ...(fresh ? { startsOver: true } : {}),
      ...(mentioned !== undefined ? { mentioned } : {}),
      ...(text ? { heard: turnKey(text) } : {}),
      ...(compared ? { compared } : {}),
      ...(kinds ? { kinds, ...(people ? { kindPeople: people } : {}) } : {}),
      ...(refused.length > 0 ? { refuses: refused } : {}),
    };
    const about = (last ? req.productId : undefined) ?? mentioned ?? ctx?.product;
    // "Show me more", "¿hay otros?": others than the list just shown (and those shown before it while the shopper kept asking).
    // After one product shown, or a question about one of the list, the product discussed and the list before it.
    const shownBefore = last && text !== undefined && asksForMore(text) ? [...(ctx?.shown?.earlier ?? []), ...(ctx?.shown?.ids ?? []), ...(ctx?.product !== undefined ? [ctx.product] : [])] : [];
    const seen = shownBefore.length > 0 ? [...new Set(shownBefore)] : undefined;
    return { ...(turn ? { turn } : {}), fallbackUsed, merge, goes, ...(similarTo !== undefined ? { similarTo } : {}), ...(about !== undefined ? { about } : {}), ...(relativeFrom ? { relativeFrom } : {}), ...(named ? { named } : {}), ...(kinds ? { kinds, ...(people ? { kindPeople: people } : {}) } : {}), ...(seen ? { seen } : {}), ...(refused.length > 0 ? { refused } : {}) };
  }

  /** The shopper's items of their current browsing session, read from the store (a gift's profile is not ranked with). */
  async #touched(req: PersonalizeRequest, now: number): Promise<readonly TouchedItem[]> {
    const [raw] = await unlessStoreDown(this.#o.store.getProfiles(req.shop, [req.userId as string]), [], () => {});
    return raw ? buildProfileView(canonicalProfile(raw, this.#o.catalogs.get(req.shop).identity), now, this.#o.profile).session : [];
  }

  /**
   * A price said relative to no product, held to what the conversation knows it is about (or to
   * nothing), is held to the product the shopper viewed, added to the cart or bought since, in their
   * current browsing session (track_event, the pixel: `touched`, the profile's session items):
   * "something like the last one but cheaper" after looking at it. The conversation remembers the new
   * anchor, and the answer leaves it out.
   */
  #anchorToViews(req: PersonalizeRequest, r: Resolved, touched: readonly TouchedItem[]): Resolved {
    if (touched.length === 0) return r;
    // "What else would go well with it?" after adding it to the cart: not it again.
    const companion = r.goesWith ? conversationProduct(r.goesWith, touched) : undefined;
    if (companion !== undefined && !(r.leaveOut ?? []).includes(companion)) r = { ...r, leaveOut: [...(r.leaveOut ?? []), companion] };
    // Naming no kind ("what would go with it?" after viewing a jacket): other kinds than it first, as for
    // a product the conversation named (before: more jackets; MCP probe round 2).
    if (companion !== undefined && (r.intent?.entities.categories.length ?? 0) === 0) r = { ...r, companion };
    const e = r.intent?.entities;
    if (!r.relativeFrom || !e || e.priceRelative === undefined) return r;
    const anchor = conversationProduct(r.relativeFrom, touched);
    if (anchor === undefined || anchor === e.priceAnchor) return r;
    const intent: UsedIntent = { ...(r.intent as UsedIntent), entities: { ...e, priceAnchor: anchor } };
    const leaveOut = [...(r.leaveOut ?? []).filter((id) => id !== e.priceAnchor), anchor];
    if (!r.session) return { ...r, intent, leaveOut };
    const session: SessionContext = { ...r.session, intent: { ...r.session.intent, entities: { ...r.session.intent.entities, priceAnchor: anchor } } };
    if (req.rememberTurn !== false && this.#sessions.get(key(req.shop, session.sessionId)) === r.session) this.#sessions.set(key(req.shop, session.sessionId), session);
    return { ...r, intent, session, leaveOut };
  }

  /**
   * The turn with a price said relative to a product the shopper names ("anything cheaper than the
   * sofa?", "¿algo más barato que la mesa?": `extractNamedComparison`), held to that product
   * (`priceAnchor`): the product discussed (`discussed`, the request's or the conversation's) when the
   * words name it, else the shop's product whose title they say (comparedProduct.ts). A turn that
   * already states a relative price or a budget with a number keeps its own; words naming no product
   * of the shop ("cheaper than the one at the mall") leave the turn as it was.
   */
  #withNamedComparison<T extends UsedIntent | ExtractedIntent>(turn: T, text: string, shop: string, discussed: string | undefined, shown?: readonly string[]): T {
    const e = turn.entities;
    if (e.priceRelative !== undefined || e.budget !== undefined) return turn;
    const said = extractNamedComparison(text);
    if (!said) return turn;
    const index = this.#o.catalogs.get(shop).index;
    const product = comparedProduct(said.named, discussed === undefined ? undefined : index.get(discussed), index, shown);
    if (!product) return turn;
    const pricePreference = e.pricePreference ?? (said.side === 'below' ? 'low' : 'high');
    // The compared product's own colour and material words are not wishes ("cheaper than the Classic Leather Jacket").
    const asked = withoutComparandLook(e, text, said.named);
    return { ...turn, entities: { ...asked, priceRelative: said.side, priceAnchor: product.id, pricePreference } };
  }

  /**
   * Catalog search results for the intent's categories, brands, recipient and occasion. Kept with a
   * frozen entities object: the classifier's answer for a text seen before is the same frozen object,
   * so a recurring message costs one lookup (the catalog index is immutable; a reload brings a new
   * one). The list is frozen too, so the layer resolves its ids once (`personalize.ts`).
   */
  #searchCandidates(index: CatalogIndex, intent: Intent): readonly string[] {
    const keep = Object.isFrozen(intent.entities);
    const held = keep ? this.#searched.get(intent.entities) : undefined;
    if (held !== undefined && held.index === index) return held.ids;
    const n = this.#o.searchPerTerm ?? 40;
    const e = intent.entities;
    // "The cheapest necklace": the cheapest of what the words find, not the most relevant (priceEnds.ts).
    const end = e.byPrice ? e.pricePreference : undefined;
    const found = intentCandidates(e, (q) =>
      end ? atPriceEnd(index, index.search(q, n * PRICE_END_SEARCH_WIDTH).map((hit) => hit.productId), end, n) : index.search(q, n).map((hit) => hit.productId),
    );
    // "Anything on sale?": the products on sale too (the base list holds the popular ones); "the
    // cheapest thing you have": the shop's cheapest.
    const ids = Object.freeze([...found, ...(e.onSale ? onSaleCandidates(index) : []), ...(end ? priceEndCandidates(index, end) : [])]);
    if (keep) this.#searched.set(intent.entities, { index, ids });
    return ids;
  }

  /** Profiles of the requests' users, one store read per shop (for a base that does not tell which it used). */
  async #profiles(reqs: readonly PersonalizeRequest[], now: number, onStoreDown: () => void): Promise<Map<string, ProfileView>> {
    const byShop = new Map<string, Set<string>>();
    for (const r of reqs) if (r.userId) byShop.set(r.shop, (byShop.get(r.shop) ?? new Set()).add(r.userId));
    const out = new Map<string, ProfileView>();
    await Promise.all(
      [...byShop].map(async ([shop, users]) => {
        const ids = [...users];
        // Redis down or frozen: no stored profile, the rest of the answer still comes (storeDown.ts).
        const raws = await unlessStoreDown(this.#o.store.getProfiles(shop, ids), [], onStoreDown);
        raws.forEach((raw, i) => {
          if (raw) out.set(key(shop, ids[i] as string), buildProfileView(canonicalProfile(raw, this.#o.catalogs.get(shop).identity), now, this.#o.profile));
        });
      }),
    );
    return out;
  }
}

function key(shop: string, id: string): string {
  return `${shop}\u0000${id}`;
}

/**
 * The entities without what a question about the product discussed describes ("does it come in
 * silver?", "is it real leather?", "I'll take the large clay one"): kinds, purposes, brands, colours,
 * materials, sizes, title words and which were preferences. The budget, rejections and gift context
 * stay: they are the shopper's whatever the question.
 */
function withoutDescriptions(e: IntentEntities): IntentEntities {
  const { soft: _soft, purposes: _purposes, materials: _materials, terms: _terms, ...rest } = e;
  return { ...rest, categories: [], brands: [], colours: [], sizes: [] };
}

/** The colours and materials of `e` said outside these product names in `text` ({@link withoutComparandLook}). */
function lookOutsideNames(e: IntentEntities, text: string, titles: readonly string[]): Pick<IntentEntities, 'colours' | 'materials'> {
  const kept = withoutComparandLook(e, text, titles.map((t) => fold(t)));
  return { colours: kept.colours, ...(kept.materials ? { materials: kept.materials } : {}) };
}

/** The metals matching jewellery shares, as canonical colours (sessionContext.ts `complementOf`). */
const SHARED_METALS = ['gold', 'silver', 'rose gold'] as const;

/** Saying one owns a product already: "I already have", "I already bought", "ya tengo", "ya compré", "ya me compré". */
const ALREADY_OWNS = /(?<![\p{L}])(?:i(?:'ve| have)? already (?:have|got|own|bought|ordered)|i (?:have|own) (?:that|this|the) \p{L}+ (?:one )?already|we already (?:have|own|bought)|ya (?:tengo|tenemos|compre|compramos|me compre|lo tengo|la tengo|lo compre|la compre)|ya (?:la|lo) tengo)(?![\p{L}])/u;

/**
 * The product a shopper who owns it names without its whole title: by the words before "one" (of the
 * list shown, else the one product whose title has them), by its title or the words only its title
 * has, else by the first two words of one product's title ("the silver threader one").
 */
function ownedByWords(text: string, pointedBy: string | undefined, listed: readonly string[], index: CatalogIndex): string | undefined {
  const by = pointedBy !== undefined ? fold(pointedBy) : undefined;
  if (by !== undefined) {
    const shown = listed.find((id) => fold(index.get(id)?.title ?? '').includes(by));
    if (shown !== undefined) return shown;
    const anywhere = index.all().filter((p) => fold(p.title).includes(by));
    if (anywhere.length === 1) return anywhere[0]?.id;
  }
  const named = namedProducts(text, index)[0]?.id ?? wantedByName(text, index);
  if (named !== undefined) return named;
  const said = fold(text);
  const opening = index.all().filter((p) => {
    const two = fold(p.title).split(/\s+/).slice(0, 2).join(' ');
    return two.includes(' ') && said.includes(two) && new RegExp(`(?<![\\p{L}])${escapeRegExp(two)}(?![\\p{L}])`, 'u').test(said);
  });
  return opening.length === 1 ? opening[0]?.id : undefined;
}

/** The entities without the look they ask for: colours and materials (and a colour said of one option only). */
function withoutLook(e: IntentEntities): IntentEntities {
  const { materials: _materials, soft, ...rest } = e;
  const kept = soft?.filter((k) => k !== 'colour');
  return { ...rest, colours: [], ...(kept && kept.length > 0 ? { soft: kept } : {}) };
}

/** What {@link withoutDescriptions} takes away: the products' kinds and look as one part of a turn asks for them. */
function descriptionsOf(e: IntentEntities): Partial<IntentEntities> {
  return {
    categories: e.categories,
    brands: e.brands,
    colours: e.colours,
    sizes: e.sizes,
    ...(e.soft ? { soft: e.soft } : {}),
    ...(e.purposes ? { purposes: e.purposes } : {}),
    ...(e.materials ? { materials: e.materials } : {}),
    ...(e.terms ? { terms: e.terms } : {}),
    ...(e.subkinds ? { subkinds: e.subkinds } : {}),
  };
}

/** Most earlier shopper messages of one transcript merged in one request (the latest ones). */
const MAX_EARLIER_TURNS = 20;

/** What {@link MCPAwareRecommender} resolves for a request before ranking. */
interface Resolved {
  readonly intent?: UsedIntent;
  readonly session?: SessionContext;
  /** Products the answer leaves out: the one a relative price is compared with, the one items go with. */
  readonly leaveOut?: readonly string[];
  /** This turn's relative price was held to what the conversation knew it was about: a later view takes its place. */
  readonly relativeFrom?: ConversationFocus;
  /** This turn asks for something to go with what the conversation knew it was about: a later view takes its place. */
  readonly goesWith?: ConversationFocus;
  /** The product this turn asks for something to go with, naming no kind ("what goes with it?"): other kinds than its own first. */
  readonly companion?: string;
  /** The products this turn compares by name, or the pair compared before that it speaks of: shown first, whatever was asked before. */
  readonly named?: NamedProducts;
  /** Kinds asked for together (this turn's, else the conversation's while still sought): each represented in the list. */
  readonly kinds?: KindGroups;
  /** Whom each of {@link kinds} is for ("… and a jacket for my husband"), kept with them in the conversation. */
  readonly kindPeople?: KindPeople;
  /** The name of a thing this turn asks for that the shop has no word of (unknownKind.ts): the answer says so. */
  readonly unknownKind?: string;
  /** The product others like which this turn asks for ("what else is similar?" of the last one shown): the base ranks for it, and it is left out. */
  readonly similarTo?: string;
  /** The word of a first message of one word that no product of the shop mentions (unknownKind.ts `unmentionedWord`): the answer says so. */
  readonly unmentioned?: string;
  /** A brand this turn asks for that the shop does not sell (unknownBrand.ts): the answer says so. */
  readonly unknownBrand?: string;
  /** This turn asks for others than those shown ("show me more"): the products shown in this run of asking, left out. */
  readonly seen?: readonly string[];
}

/**
 * The list's outcome, told that the shop has nothing called what the turn asked for, or (`alone`: a
 * message of one word) that no product mentions it, when so.
 */
function withUnknown(c: ConstraintOutcome, unknown: string | undefined, maker: string | undefined, alone: boolean): ConstraintOutcome {
  if (unknown === undefined && maker === undefined) return c;
  // Worked out again for the items shown, `held` would lose what is said here.
  const { held: _held, ...rest } = c;
  const kind = unknown === undefined ? rest : alone ? unmentionedOutcome(rest, unknown) : unknownKindOutcome(rest, unknown);
  return maker !== undefined ? unknownBrandOutcome(kind, maker) : kind;
}

/**
 * "Any other candles?" when the only candle was the one shown: the kind is relaxed because what has it
 * was left out as seen, not because the shop has none; the reason says so ("No other candles than Vanilla
 * candle, already shown: …"), not "nothing in this shop matches".
 */
function withShownBefore(c: ConstraintOutcome, seen: readonly string[] | undefined, kinds: readonly string[], index: CatalogIndex): ConstraintOutcome {
  if (!seen || seen.length === 0 || kinds.length === 0 || !c.relaxed?.includes('category')) return c;
  const shown = seen.flatMap((id) => {
    const p = index.get(id);
    return p && kinds.some((k) => matchCategory(p, k) !== undefined) ? [p.title] : [];
  });
  if (shown.length === 0) return c;
  const named = shown.length > 3 ? `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more` : shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  const { held: _held, ...rest } = c;
  return { ...rest, reason: `No other ${kindsInWords(kinds)} than ${named}, already shown: the closest products are shown instead.` };
}

/** What the conversation knows it is about: the product a turn is about (now), else the conversation's. */
function focusOf(about: string | undefined, ctx: SessionContext | undefined, now: number): ConversationFocus {
  if (about !== undefined && about !== ctx?.product) return { product: about, productAt: now, updatedAt: now };
  return { ...(ctx?.product !== undefined ? { product: ctx.product } : {}), ...(ctx?.productAt !== undefined ? { productAt: ctx.productAt } : {}), updatedAt: ctx?.updatedAt ?? 0 };
}

/** One shopper message read as a turn (`#readTurn`). */
interface TurnRead {
  readonly turn?: UsedIntent;
  readonly fallbackUsed: boolean;
  readonly merge: MergeOptions;
  /** The turn asks for something to go with the product discussed (intent/turns.ts `goesWith`). */
  readonly goes: boolean;
  /** The product the turn is about: the request's, one it names, else the conversation's. */
  readonly about?: string;
  /** A price said relative to no product: what the conversation knew it was about ({@link Resolved.relativeFrom}). */
  readonly relativeFrom?: ConversationFocus;
  /** The products the turn compares by name, or speaks of after comparing them ({@link Resolved.named}). */
  readonly named?: NamedProducts;
  /** Kinds the turn asks for together ({@link Resolved.kinds}). */
  readonly kinds?: KindGroups;
  /** Whom each of {@link kinds} is for, as its part named ({@link Resolved.kindPeople}). */
  readonly kindPeople?: KindPeople;
  /** The products shown that a "show me more" leaves out ({@link Resolved.seen}). */
  readonly seen?: readonly string[];
  /** Products refused by their place in the last list ("I don't like the first one") or owned already ("I already have the …"): left out. */
  readonly refused?: readonly string[];
  /** The product of the last list others like which the turn asks for ("more like the third one"; {@link Resolved.similarTo}). */
  readonly similarTo?: string;
}

/** How many times the list asked for are ranked when a product's other kinds come first ("what goes with it?"). */
const COMPANION_POOL = 3;


/** Products a turn names to compare, as personalize.ts shows them (`PersonalizeInput.named`). */
type NamedProducts = NonNullable<PersonalizeInput['named']>;

/**
 * What an answer leaves out besides the usual: the product a price is said relative to ("cheaper than
 * that" does not show that), and the product the items are to go with ("what goes with it?").
 */
function leftOut(e: IntentEntities, productId: string | undefined, goesWithProduct?: string): readonly string[] {
  const out: string[] = [];
  const anchor = e.priceRelative !== undefined ? (e.priceAnchor ?? productId) : undefined;
  if (anchor !== undefined) out.push(anchor);
  if (goesWithProduct !== undefined) out.push(goesWithProduct);
  return out;
}

function stripProvenance(i: UsedIntent | ExtractedIntent): Intent {
  const { source: _s, fallbackUsed: _f, ...intent } = i;
  return intent;
}

/** Whether entities ask for a look or a size (a colour, a material, a size). */
function hasLookOrSize(e: IntentEntities | undefined): boolean {
  return e !== undefined && (e.colours.length > 0 || e.sizes.length > 0 || (e.materials?.length ?? 0) > 0);
}

/** Entities that read nothing (a search's words are matched against the shop's vendors and words directly). */
const NOTHING_READ: IntentEntities = Object.freeze(emptyIntent().entities);
