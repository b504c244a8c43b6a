/**
 * How recommended items are shown in API responses: the product's facts (title, price, image…), the
 * score and the strongest reasons.
 *
 * The plain path (no market) is the hot one, so its JSON is assembled from per-product fragments
 * memoised per product object (a catalog reload brings new objects, so the memo follows the catalog)
 * instead of building and serialising a fresh object tree per request. `presentJson(item, index)` is
 * the JSON of `present(item, index)`, which the tests hold it to.
 */
import { minPrice, type Product } from '../core/catalog/product.ts';
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Market } from '../core/markets/market.ts';
import { presentPrice } from '../core/markets/priceFor.ts';
import { formatMoney } from '../core/money.ts';
import type { PersonalizedItem } from '../core/personalize/personalize.ts';
import { wantedProduct } from '../core/personalize/hardFilters.ts';
import type { VariantWish } from '../core/personalize/intentScoring.ts';
import type { RecommendedItem } from '../core/recommend/baseRecommender.ts';
import { orderQuotableFirst } from '../core/recommend/reasonOrder.ts';
import { recommendationUrl } from '../core/attribution/servedList.ts';
import { flatString } from '../core/flatString.ts';

/** Reasons returned per item (strongest first). */
const MAX_REASONS = 4;
/** Personalization reasons shown per item (after the base reasons). */
const MAX_EXTRA_REASONS = 6;
const BASE_SOURCES = new Set(['cooc', 'content', 'affinity', 'popular', 'trending', 'buy_again', 'revisit', 'external', 'catalog']);

/** 10 to the power of each number of decimals a score or component is shown with (up to six). */
const SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6] as const;

/** Rounds to `places` decimals, at most six (scores are relative; more digits only add bytes). */
function roundTo(x: number, places: number): number {
  const k = SCALES[places] as number;
  return Math.round(x * k) / k;
}

/** Rounds to 6 decimals. */
function round6(x: number): number {
  return roundTo(x, 6);
}

/** Leading zeros of a fraction's digits (`"5"` → `"000005"` for six places). */
const FRACTION_PAD = '000000';

/**
 * `JSON.stringify(roundTo(x, places))`, from the integer number of 10^-places units: the same text
 * (below 2³³ two such numbers never share a double, so the shortest text of n / 10^places is its
 * decimals without trailing zeros), made without the shortest-digits search a fractional double's
 * `String` runs (a few dozen per answer). From ±8.5·10⁹ on (where a double's spacing nears 10⁻⁶), or
 * for a value that is not finite, the usual text.
 */
export function roundedJson(x: number, places: number): string {
  const k = SCALES[places] as number;
  const n = Math.round(x * k);
  if (!(Math.abs(x) < 8.5e9)) return JSON.stringify(roundTo(x, places));
  if (n === 0) return '0';
  const abs = n < 0 ? -n : n;
  const whole = Math.floor(abs / k);
  const frac = abs - whole * k;
  let text = String(whole);
  if (frac > 0) {
    let digits = String(frac);
    digits = FRACTION_PAD.slice(digits.length + 6 - places) + digits;
    let end = digits.length;
    while (digits.charCodeAt(end - 1) === 48) end--;
    text += `.${digits.slice(0, end)}`;
  }
  return n < 0 ? `-${text}` : text;
}

/** `JSON.stringify(round6(x))`: {@link roundedJson} to six decimals. */
export function round6Json(x: number): string {
  return roundedJson(x, 6);
}

/** {@link facts} per product object (a catalog reload brings new objects) and market (`null`: none). */
const FACTS = new WeakMap<Product, Map<Market | null, ReturnType<typeof factsOf>>>();

/**
 * Product facts shown with a recommendation. With a market, the price is the market's (the shop's
 * per-market price, or a configured-rate estimate marked `estimated`), never the base price in disguise.
 * Memoised (frozen): the facts follow from the product and the market alone.
 */
function facts(p: Product, market?: Market): ReturnType<typeof factsOf> {
  let byMarket = FACTS.get(p);
  if (!byMarket) {
    byMarket = new Map();
    FACTS.set(p, byMarket);
  }
  const key = market ?? null;
  let f = byMarket.get(key);
  if (!f) {
    f = Object.freeze(factsOf(p, market));
    // Markets are a shop's configuration: a handful per product.
    if (byMarket.size < 16) byMarket.set(key, f);
  }
  return f;
}

function factsOf(p: Product, market?: Market) {
  const price = minPrice(p);
  const marketPrice = market ? presentPrice(p, market).price : undefined;
  return {
    handle: p.handle,
    title: p.title,
    vendor: p.vendor,
    productType: p.productType,
    ...(p.images[0] ? { image: p.images[0] } : {}),
    ...(marketPrice ? { price: marketPrice } : price ? { price: { ...price, formatted: formatMoney(price) } } : {}),
    available: p.variants.some((v) => v.available),
  };
}

/** The product link: with `aff_rec=<recId>` when the list is attributable (docs/decisions/0002). */
function urlOf(p: Product, recId: string | undefined): string | undefined {
  return recId ? recommendationUrl(p.handle, p.url, recId) : p.url;
}

/** The strongest reasons, with the seed product's title where there is one. */
function reasons(item: RecommendedItem, index: CatalogIndex) {
  return item.reasons.slice(0, MAX_REASONS).map((r) => {
    const seedTitle = 'seed' in r && r.seed ? index.get(r.seed)?.title : undefined;
    return { ...r, score: round6(r.score), ...(seedTitle ? { seedTitle } : {}) };
  });
}

/** `"key":` of the reason fields met so far (a handful: source, score, seed, feature, createdAt). */
const QUOTED_KEYS = new Map<string, string>();

function quotedKey(k: string): string {
  let q = QUOTED_KEYS.get(k);
  if (q === undefined) {
    q = flatString(`${JSON.stringify(k)}:`);
    if (QUOTED_KEYS.size < 256) QUOTED_KEYS.set(k, q);
  }
  return q;
}

/** `JSON.stringify(v)` of a field value; a finite number is its `String` (the same text). */
function jsonValue(v: unknown): string {
  if (typeof v === 'string') return quotedWord(v);
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : JSON.stringify(v);
}

/** Short strings a reason repeats (its source, a feature such as `cat:bedding`) as JSON, at most this many held. */
const QUOTED_WORDS = new Map<string, string>();
const MAX_QUOTED_WORDS = 4096;

function quotedWord(v: string): string {
  let q = QUOTED_WORDS.get(v);
  if (q === undefined) {
    q = JSON.stringify(v);
    if (v.length <= 64 && QUOTED_WORDS.size < MAX_QUOTED_WORDS) QUOTED_WORDS.set(v, q);
  }
  return q;
}

/** A seed's id and its title as JSON (`title`: undefined when the catalog has no title for it). */
interface SeedJson {
  readonly id: string;
  readonly title: string | undefined;
  /** `,"seed":<id>,"seedTitle":<title>}`: how a reason whose last field is its seed ends. */
  readonly tail: string;
}

/**
 * {@link SeedJson} of a catalog's products, per catalog index (an index is built once and never
 * changed: a new catalog brings a new index, so the memo follows the catalog). Seeds the catalog does
 * not know are not held.
 */
const SEED_JSON = new WeakMap<CatalogIndex, Map<string, SeedJson>>();

function seedJson(seed: string, index: CatalogIndex): SeedJson {
  let bySeed = SEED_JSON.get(index);
  if (bySeed === undefined) {
    bySeed = new Map();
    SEED_JSON.set(index, bySeed);
  }
  let held = bySeed.get(seed);
  if (held === undefined) {
    const title = seed ? index.get(seed)?.title : undefined;
    const id = JSON.stringify(seed);
    const quotedTitle = title ? JSON.stringify(title) : undefined;
    held = { id, title: quotedTitle, tail: flatString(`,"seed":${id}${quotedTitle ? `,"seedTitle":${quotedTitle}` : ''}}`) };
    if (index.has(seed)) bySeed.set(seed, held);
  }
  return held;
}

/**
 * `JSON.stringify(reasons(item, index))` without its opening bracket, written directly into `out`
 * (its parts, joined by the caller): each reason's own fields in their order (the score rounded,
 * fields left undefined omitted, as `JSON.stringify` omits them), then the seed's title, without
 * building the objects of {@link reasons} first or a string per reason. The seed's id and title, and
 * the short words reasons repeat, are quoted once (see {@link seedJson}, {@link quotedWord}).
 */
function reasonsJsonInto(out: string[], item: RecommendedItem, index: CatalogIndex): void {
  const rs = item.reasons;
  const n = Math.min(rs.length, MAX_REASONS);
  for (let i = 0; i < n; i++) baseReasonJsonInto(out, rs[i] as unknown as Record<string, unknown>, index, i > 0);
  out.push(']');
}

/** `{"source":<source>,"score":` per source met (a handful), and the same after a comma. */
const REASON_HEADS = new Map<string, readonly [string, string]>();

function reasonHead(source: string, comma: boolean): string {
  let heads = REASON_HEADS.get(source);
  if (heads === undefined) {
    const head = flatString(`{"source":${JSON.stringify(source)},"score":`);
    heads = [head, flatString(`,${head}`)];
    if (source.length <= 64 && REASON_HEADS.size < MAX_QUOTED_WORDS) REASON_HEADS.set(source, heads);
  }
  return heads[comma ? 1 : 0];
}

/** `,"feature":<feature>}` per feature met (how a reason whose last field is its feature ends). */
const FEATURE_TAILS = new Map<string, string>();

function featureTail(feature: string): string {
  let tail = FEATURE_TAILS.get(feature);
  if (tail === undefined) {
    tail = flatString(`,"feature":${JSON.stringify(feature)}}`);
    if (feature.length <= 64 && FEATURE_TAILS.size < MAX_QUOTED_WORDS) FEATURE_TAILS.set(feature, tail);
  }
  return tail;
}

/**
 * One base reason as {@link reasons} shows it (the score rounded, the seed's title after its fields),
 * written into `out` after a comma when `comma`. The ranker's own shapes (`source`, `score`, then a
 * `seed` or a `feature` or nothing) are written as three memoised pieces; any other shape field by field.
 */
function baseReasonJsonInto(out: string[], r: Record<string, unknown>, index: CatalogIndex, comma = false): void {
  const { source, score } = r;
  if (typeof source === 'string' && typeof score === 'number') {
    // The own enumerable keys, in order, up to four (a for-in over a reason allocates nothing).
    let n = 0;
    let third: string | undefined;
    let shaped = true;
    for (const k in r) {
      if (!Object.hasOwn(r, k)) continue;
      if ((n === 0 && k !== 'source') || (n === 1 && k !== 'score') || n === 3) {
        shaped = false;
        break;
      }
      if (n === 2) third = k;
      n++;
    }
    if (shaped && n === 2) {
      out.push(reasonHead(source, comma), round6Json(score), '}');
      return;
    }
    if (shaped && third === 'seed' && typeof r.seed === 'string') {
      out.push(reasonHead(source, comma), round6Json(score), seedJson(r.seed, index).tail);
      return;
    }
    if (shaped && third === 'feature' && typeof r.feature === 'string') {
      out.push(reasonHead(source, comma), round6Json(score), featureTail(r.feature));
      return;
    }
  }
  if (comma) out.push(',');
  const seed = r.seed;
  const seedText = typeof seed === 'string' ? seedJson(seed, index) : undefined;
  const seedTitle = seedText?.title;
  out.push('{');
  let first = true;
  let titled = false;
  for (const k in r) {
    if (!Object.hasOwn(r, k)) continue;
    const v = r[k];
    if (k === 'score' && typeof v === 'number') {
      out.push(first ? '"score":' : ',"score":', round6Json(v));
    } else if (k === 'seedTitle' && seedTitle) {
      out.push(first ? '"seedTitle":' : ',"seedTitle":', seedTitle);
      titled = true;
    } else if (k === 'seed' && seedText) {
      out.push(first ? '"seed":' : ',"seed":', seedText.id);
    } else if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
      continue;
    } else {
      if (!first) out.push(',');
      out.push(quotedKey(k), jsonValue(v));
    }
    first = false;
  }
  if (seedTitle && !titled) out.push(first ? '"seedTitle":' : ',"seedTitle":', seedTitle);
  out.push('}');
}

/** One reason of the personalization layer as {@link presentPersonalized} shows it (its score to six decimals), written into `out`. */
function layerReasonJsonInto(out: string[], r: Record<string, unknown>): void {
  out.push('{');
  let first = true;
  for (const k in r) {
    if (!Object.hasOwn(r, k)) continue;
    let v = r[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    if (!first) out.push(',');
    out.push(quotedKey(k), k === 'score' && typeof v === 'number' ? round6Json(v) : jsonValue(v));
    first = false;
  }
  out.push('}');
}

/** The Shopify ids a product is also known by, beside its catalog id (a CSV catalog keys products by handle). */
export interface ShopifyIdsOf {
  idsOf(productId: string): { readonly numericId?: string; readonly gid?: string };
}

function shopifyIds(productId: string, identity: ShopifyIdsOf | undefined): { numericId?: string; gid?: string } {
  const ids = identity?.idsOf(productId);
  return ids?.numericId ? { numericId: ids.numericId, ...(ids.gid ? { gid: ids.gid } : {}) } : {};
}

/** One recommended item as the API shows it. */
export function present(item: RecommendedItem, index: CatalogIndex, market?: Market, identity?: ShopifyIdsOf, recId?: string) {
  const p = index.get(item.productId);
  const url = p ? urlOf(p, recId) : undefined;
  return {
    productId: item.productId,
    ...shopifyIds(item.productId, identity),
    ...(p ? facts(p, market) : {}),
    ...(url ? { url } : {}),
    score: round6(item.score),
    reasons: reasons(item, index),
  };
}

/** `,"handle":…,"available":true` for a product (no market), memoised per product object. */
const FACTS_JSON = new WeakMap<Product, string>();

function factsJson(p: Product): string {
  let json = FACTS_JSON.get(p);
  if (json === undefined) {
    json = flatString(`,${JSON.stringify(facts(p)).slice(1, -1)}`);
    FACTS_JSON.set(p, json);
  }
  return json;
}

/** What a catalog product's JSON starts with, and its link, split around the recommendation id. */
interface ProductJson {
  /** The `idsOf` answer the head was made with (identities memoise it: a new object means new ids). */
  readonly ids: object | undefined;
  /** `{"productId":…,"numericId":…,"gid":…,"handle":…,"available":…` */
  readonly head: string;
  /** `,"url":"/products/x?aff_rec=` and `#frag"` (the id in between needs no escaping), or the plain link. */
  readonly urlBefore: string | undefined;
  readonly urlAfter: string;
  readonly plainUrl: string;
  /** The plain path's pieces around the recommendation id and the score: `head + urlBefore`, `urlAfter + ',"score":'`, `head + plainUrl + ',"score":'`. */
  readonly linkedHead: string | undefined;
  readonly afterIdScore: string;
  readonly plainHeadScore: string;
}

/** Characters that `encodeURIComponent` and JSON both leave as they are (what recommendation ids are made of). */
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** Memoised per product object (a catalog reload brings new objects). */
const PRODUCT_JSON = new WeakMap<Product, ProductJson>();

function idsJsonOf(ids: { readonly numericId?: string; readonly gid?: string } | undefined): string {
  return ids?.numericId ? `,"numericId":${JSON.stringify(ids.numericId)}${ids.gid ? `,"gid":${JSON.stringify(ids.gid)}` : ''}` : '';
}

function productJson(p: Product, ids: { readonly numericId?: string; readonly gid?: string } | undefined): ProductJson {
  const held = PRODUCT_JSON.get(p);
  if (held && held.ids === ids) return held;
  // The link with a placeholder id, cut around it: `recommendationUrl` puts the id in one place.
  const marker = 'AFFRECIDMARKER00';
  const linked = recommendationUrl(p.handle, p.url, marker);
  const linkedJson = linked === undefined ? undefined : `,"url":${JSON.stringify(linked)}`;
  const at = linkedJson?.indexOf(marker) ?? -1;
  const head = `{"productId":${JSON.stringify(p.id)}${idsJsonOf(ids)}${factsJson(p)}`;
  const urlBefore = linkedJson !== undefined && at >= 0 && linkedJson.indexOf(marker, at + 1) < 0 ? linkedJson.slice(0, at) : undefined;
  const urlAfter = linkedJson !== undefined && at >= 0 ? linkedJson.slice(at + marker.length) : '';
  const plainUrl = p.url ? `,"url":${JSON.stringify(p.url)}` : '';
  // Laid out flat: an answer copies them request after request (flatString.ts).
  const made: ProductJson = {
    ids,
    head: flatString(head),
    urlBefore: urlBefore !== undefined ? flatString(urlBefore) : undefined,
    urlAfter: flatString(urlAfter),
    plainUrl: flatString(plainUrl),
    linkedHead: urlBefore !== undefined ? flatString(head + urlBefore) : undefined,
    afterIdScore: flatString(`${urlAfter},"score":`),
    plainHeadScore: flatString(`${head}${plainUrl},"score":`),
  };
  PRODUCT_JSON.set(p, made);
  return made;
}

/** The JSON text of `present(item, index, undefined, identity)` (no market). */
export function presentJson(item: RecommendedItem, index: CatalogIndex, identity?: ShopifyIdsOf, recId?: string): string {
  const out: string[] = [];
  presentJsonInto(out, item, index, identity, recId);
  return out.join('');
}

/**
 * {@link presentJson}, written into `out` as parts for the caller to join once with the rest of its
 * answer (no string per item or per reason: a plain answer is joined from one array).
 */
export function presentJsonInto(out: string[], item: RecommendedItem, index: CatalogIndex, identity?: ShopifyIdsOf, recId?: string): void {
  const p = index.get(item.productId);
  const ids = identity?.idsOf(item.productId);
  let head = false;
  if (p && p.id === item.productId) {
    const j = productJson(p, ids);
    if (!recId) {
      out.push(j.plainHeadScore);
      head = true;
    } else if (j.linkedHead !== undefined && URL_SAFE.test(recId)) {
      // A recommendation id is base64url: nothing in it needs escaping in JSON or in a URL.
      out.push(j.linkedHead, recId, j.afterIdScore);
      head = true;
    }
  }
  if (!head) {
    const url = p ? urlOf(p, recId) : undefined;
    out.push(`{"productId":${JSON.stringify(item.productId)}${idsJsonOf(ids)}${p ? factsJson(p) : ''}${url ? `,"url":${JSON.stringify(url)}` : ''},"score":`);
  }
  out.push(round6Json(item.score), ',"reasons":[');
  reasonsJsonInto(out, item, index);
  out.push('}');
}

/** The items of a plain answer, comma-separated, written into `out` (see {@link presentJsonInto}). */
export function presentListInto(out: string[], items: readonly RecommendedItem[], index: CatalogIndex, identity?: ShopifyIdsOf, recId?: string): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    presentJsonInto(out, items[i] as RecommendedItem, index, identity, recId);
  }
}

/**
 * The reasons a personalized item shows, before they are ordered: the first MAX_REASONS base reasons (as
 * `present` shows them) and at most MAX_EXTRA_REASONS of this layer's, a constraint note (shown as named
 * but missing a size, a size not listed…) never cut by the limit.
 */
function reasonsToShow(item: PersonalizedItem): { base: RecommendedItem['reasons'][number][]; extra: PersonalizedItem['reasons'][number][] } {
  const base: RecommendedItem['reasons'][number][] = [];
  const extra: PersonalizedItem['reasons'][number][] = [];
  let notes = 0;
  for (const r of item.reasons) if (r.source === 'constraint') notes++;
  for (const r of item.reasons) {
    if (BASE_SOURCES.has(r.source)) {
      if (base.length < MAX_REASONS) base.push(r as RecommendedItem['reasons'][number]);
    } else if (r.source === 'constraint' || extra.length < MAX_EXTRA_REASONS - notes) extra.push(r);
  }
  return { base, extra };
}

/**
 * A personalized item: the base presentation plus components and this layer's reasons, strongest first.
 * `wanted`: the colours and sizes asked for; the price shown is then that of the cheapest available
 * variant that has them, where the variant options offer them (as the budget was held, `budgetPrice`).
 */
export function presentPersonalized(item: PersonalizedItem, index: CatalogIndex, market?: Market, identity?: ShopifyIdsOf, recId?: string, wanted?: VariantWish) {
  // The base reasons as `present` shows them, then this layer's, strongest first whichever layer gave it
  // (constraint notes, score 0, last): reasons[0] is the one to quote.
  const { base, extra } = reasonsToShow(item);
  const reasonsShown: { source: string; score: number }[] = reasons({ productId: item.productId, score: item.score, reasons: base }, index);
  for (const r of extra) reasonsShown.push({ ...r, score: round6(r.score) });
  orderQuotableFirst(reasonsShown);
  // The fields of `present`, in its order, built once (no object spread per layer).
  const p = index.get(item.productId);
  const out: Record<string, unknown> = { productId: item.productId };
  const ids = shopifyIds(item.productId, identity);
  if (ids.numericId) out.numericId = ids.numericId;
  if (ids.gid) out.gid = ids.gid;
  if (p) Object.assign(out, facts(wanted ? wantedProduct(p, wanted) : p, market));
  const url = p ? urlOf(p, recId) : undefined;
  if (url) out.url = url;
  out.score = round6(item.score);
  out.reasons = reasonsShown;
  out.baseScore = round6(item.baseScore);
  out.components = {
    intent: roundTo(item.components.intent, 4),
    behaviour: roundTo(item.components.behaviour, 4),
    context: roundTo(item.components.context, 4),
  };
  return out as ReturnType<typeof present> & { baseScore: number; components: PersonalizedItem['components']; reasons: readonly object[] };
}

/** {@link factsJson} in a market: memoised per product object and market, as {@link facts} is. */
const MARKET_FACTS_JSON = new WeakMap<Product, Map<Market, string>>();

function factsJsonIn(p: Product, market: Market | undefined): string {
  if (!market) return factsJson(p);
  let byMarket = MARKET_FACTS_JSON.get(p);
  if (!byMarket) {
    byMarket = new Map();
    MARKET_FACTS_JSON.set(p, byMarket);
  }
  let json = byMarket.get(market);
  if (json === undefined) {
    json = flatString(`,${JSON.stringify(facts(p, market)).slice(1, -1)}`);
    if (byMarket.size < 16) byMarket.set(market, json);
  }
  return json;
}

/** A base or layer reason shown, with the score it is ordered by (rounded as shown). */
interface ShownReason {
  readonly source: string;
  readonly score: number;
  readonly reason: Record<string, unknown>;
  readonly base: boolean;
}

/**
 * The JSON text of {@link presentPersonalized}, written into `out` as parts for the caller to join once
 * with the rest of its answer: the product's facts and link from the memoised fragments the plain
 * answer uses (the facts of the product as sold in the variants asked for, a memoised object too),
 * then the reasons, each written as its object would be serialised. The tests hold it to the object's
 * `JSON.stringify`.
 */
export function presentPersonalizedInto(out: string[], item: PersonalizedItem, index: CatalogIndex, market?: Market, identity?: ShopifyIdsOf, recId?: string, wanted?: VariantWish): void {
  const { base, extra } = reasonsToShow(item);
  const shown: ShownReason[] = [];
  for (const r of base) shown.push({ source: r.source, score: round6(r.score), reason: r as unknown as Record<string, unknown>, base: true });
  for (const r of extra) shown.push({ source: r.source, score: round6(r.score), reason: r as unknown as Record<string, unknown>, base: false });
  orderQuotableFirst(shown);
  const p = index.get(item.productId);
  const ids = identity?.idsOf(item.productId);
  out.push('{"productId":', JSON.stringify(item.productId), idsJsonOf(ids));
  if (p) {
    out.push(factsJsonIn(wanted ? wantedProduct(p, wanted) : p, market));
    const j = productJson(p, ids);
    if (!recId) out.push(j.plainUrl);
    else if (j.urlBefore !== undefined && URL_SAFE.test(recId)) out.push(j.urlBefore, recId, j.urlAfter);
    else {
      const url = urlOf(p, recId);
      if (url) out.push(',"url":', JSON.stringify(url));
    }
  }
  out.push(',"score":', round6Json(item.score), ',"reasons":[');
  for (let i = 0; i < shown.length; i++) {
    const r = shown[i] as ShownReason;
    if (r.base) baseReasonJsonInto(out, r.reason, index, i > 0);
    else {
      if (i > 0) out.push(',');
      layerReasonJsonInto(out, r.reason);
    }
  }
  const c = item.components;
  out.push(
    '],"baseScore":',
    round6Json(item.baseScore),
    ',"components":{"intent":',
    roundedJson(c.intent, 4),
    ',"behaviour":',
    roundedJson(c.behaviour, 4),
    ',"context":',
    roundedJson(c.context, 4),
    '}}',
  );
}
