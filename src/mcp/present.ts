/**
 * How products and reasons are shown to an agent: prices as integer minor units plus a formatted
 * string, availability, and one short sentence per reason that the agent can quote to the shopper.
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../core/catalog/product.ts';
import { toGid } from '../core/ids.ts';
import { formatMoney, toMinorUnits, type Money } from '../core/money.ts';
import type { Market } from '../core/markets/market.ts';
import { marketEntry, priceFor } from '../core/markets/priceFor.ts';
import { wantedProduct } from '../core/personalize/hardFilters.ts';
import { ON_SALE_TERM, type VariantWish } from '../core/personalize/intentScoring.ts';
import { yourPerson } from '../core/personalize/wantedAudience.ts';
import { quotableFirst } from '../core/recommend/reasonOrder.ts';
import type { ProductOut, ReasonOut } from './schemas.ts';

/**
 * What the presenters read from a reason, whichever layer gave it (the base ranker's `BaseReason`, the
 * personalization layer's `PersonalizeReason`): every field optional but the source.
 */
export interface QuotableReason {
  /** `cooc`, `content`, `affinity`, `popular`, `trending`, `buy_again`, `revisit`, `external`, `intent`, … */
  readonly source: string;
  /** Contribution to the score. */
  readonly score?: number;
  /** Seed product the reason came through. */
  readonly seed?: string;
  /** Profile feature key, e.g. `cat:hiking boots`. */
  readonly feature?: string;
  /** A short human explanation, when the producer has one. */
  readonly detail?: string;
  /** Personalization-layer details (optional; used to phrase the reason). `intent`: the entity and where it matched. */
  readonly term?: string;
  readonly field?: string;
  /** `intent`: whom the product is made for, when the match is whom it is for (`term`: the audience or the person). */
  readonly audience?: 'women' | 'men' | 'kids';
  /** `season`. */
  readonly season?: string;
  /** `holiday`: which, how far, and why it applies (`theme`, `gift`, `sale`). */
  readonly holiday?: string;
  readonly daysUntil?: number;
  readonly via?: string;
  /** `new_arrival`. */
  readonly ageDays?: number;
  /** `catalog`: the product's own creation date, when the catalog gives one (only then is it called new). */
  readonly createdAt?: string;
  /** `constraint`: a budget that could not be compared with the price. */
  readonly budgetCurrency?: string;
  readonly priceCurrency?: string;
}

/** Looks a product title up by id. */
export type TitleOf = (productId: string) => string | undefined;

function money(m: Money): { amount: number; currency: string; formatted: string } {
  return { amount: m.amount, currency: m.currency, formatted: formatMoney(m) };
}

/**
 * A product for tool output (lowest available variant price, and its compare-at price when higher).
 * `ids`: what the shop's product identity knows (the GID of a CSV product keyed by handle, once linked).
 * `market`: the configured market the shopper buys in, for a product from Affinity's own catalog: its
 * price as that market shows it (`priceFor`: the market's price list, else the base price converted
 * with a configured rate). Products the shop's catalog MCP answered for the market carry its prices
 * already and are shown without one.
 *
 * `estimated` (and "≈") means one thing whatever the market: the amount was converted with a
 * configured rate. A price no rate converts is the shop's own price in its own currency, exact and not
 * estimated, as it is for a market Affinity has no configuration for; the tool's notes say it could
 * not be converted.
 *
 * `wanted`: the colours and sizes the shopper asked for; where the variant options offer them, the
 * price is that of the cheapest available variant that has them (the one the budget was held to).
 */
export function productOut(p: Product, ids?: { readonly gid?: string }, market?: Market, convert?: (base: Money) => Money | undefined, wanted?: VariantWish): ProductOut {
  const sold = wantedProduct(p, wanted);
  const base = minPrice(sold);
  const quote = market ? priceFor(sold, market, convert) : undefined;
  const converted = quote?.source === 'exchange_rate';
  const price = quote ? { amount: quote.amount, currency: quote.currency, formatted: converted ? `≈ ${formatMoney(quote)}` : formatMoney(quote), ...(converted ? { estimated: true } : {}) } : base ? money(base) : undefined;
  // A real GID only: a product known by its handle alone has none yet (its handle is no GID).
  const gid = ids?.gid ?? toGid('Product', p.id);
  return {
    product_id: p.id,
    ...(gid ? { gid } : {}),
    title: p.title,
    ...(p.handle ? { handle: p.handle } : {}),
    ...(p.vendor ? { vendor: p.vendor } : {}),
    ...(p.productType ? { product_type: p.productType } : {}),
    ...(p.url ? { url: p.url } : {}),
    ...(p.images[0] ? { image: p.images[0] } : {}),
    ...(price ? { price } : {}),
    ...compareAtOut(sold, base, quote && market ? { market, source: quote.source, amount: quote.amount } : undefined),
    available: p.published && p.variants.some((v) => v.available),
  };
}

/**
 * The compare-at price beside the shown price, only when it is exact in the same currency and higher:
 * the market's price list's own compare-at price for a listed price, the variant's for a base price,
 * none for a converted one (a converted "was" price would be an estimate of an estimate).
 */
function compareAtOut(p: Product, base: Money | undefined, shown: { market: Market; source: string; amount: number } | undefined): { compare_at_price?: ReturnType<typeof money> } {
  if (shown?.source === 'market_price') {
    const listed = marketEntry(p, shown.market)?.compareAtPrice;
    const amount = listed === undefined ? undefined : toMinorUnits(listed, shown.market.currency);
    return amount !== undefined && amount > shown.amount ? { compare_at_price: money({ amount, currency: shown.market.currency }) } : {};
  }
  if (shown && shown.source !== 'base_price') return {};
  // The variant `base` came from (minPrice: the first cheapest of the available ones, when any is).
  const variant = base ? (p.variants.find((v) => v.available && v.price === base) ?? p.variants.find((v) => v.price === base)) : undefined;
  const compareAt = variant?.compareAtPrice && base && variant.compareAtPrice.amount > base.amount ? variant.compareAtPrice : undefined;
  return compareAt ? { compare_at_price: money(compareAt) } : {};
}

const vendorNames = new WeakMap<CatalogIndex, ReadonlyMap<string, string>>();

/** The vendor as the shop spells it, from its lower-case feature value (cached per catalog version). */
function vendorName(index: CatalogIndex, lower: string): string | undefined {
  let m = vendorNames.get(index);
  if (!m) {
    const built = new Map<string, string>();
    for (const p of index.all()) if (p.vendor) built.set(p.vendor.trim().toLowerCase().replace(/\s+/g, ' '), p.vendor.trim());
    vendorNames.set(index, built);
    m = built;
  }
  return m.get(lower);
}

/**
 * The readable part of a profile feature key: `cat:hiking boots` → `{kind: 'category', value: 'hiking boots'}`.
 * With the shop's catalog, brands are spelled as the shop spells them (`vendor:alpina` → `Alpina`).
 */
export function featureLabel(feature: string, index?: CatalogIndex): { kind: string; value: string } {
  const i = feature.indexOf(':');
  const ns = i < 0 ? '' : feature.slice(0, i);
  const raw = i < 0 ? feature : feature.slice(i + 1);
  const kind = ns === 'cat' ? 'category' : ns === 'type' ? 'product_type' : ns === 'vendor' ? 'brand' : ns === 'tag' ? 'tag' : ns || 'feature';
  const value = kind === 'brand' && index ? (vendorName(index, raw) ?? raw) : raw;
  return { kind, value };
}

/** Shop labels (tags, types) that name whom products are for, not what they are. */
const AUDIENCE_LABELS = new Set(['women', "women's", 'womens', 'men', "men's", 'mens', 'kids', "kids'", 'unisex', 'ladies', 'girls', 'boys', 'baby', 'mujer', 'mujeres', 'hombre', 'hombres', 'niños', 'niñas', 'dama', 'damas', 'caballero', 'caballeros']);

/** One reason as a short sentence (no trailing period). */
export function reasonSentence(r: QuotableReason, titleOf: TitleOf, index?: CatalogIndex): string {
  if (r.detail) return r.detail;
  const seed = r.seed ? titleOf(r.seed) : undefined;
  switch (r.source) {
    case 'cooc':
      return seed ? `Shoppers who looked at ${seed} also looked at this` : 'Often looked at together with items the shopper viewed';
    case 'content':
      return seed ? `Similar to ${seed}` : 'Similar to items the shopper looked at';
    case 'affinity': {
      if (!r.feature) return "Fits the shopper's interests";
      if (r.feature === 'price') return "Close to the shopper's usual price range";
      const { kind, value } = featureLabel(r.feature, index);
      if (kind === 'brand') return `From ${value}, a brand the shopper has shown interest in`;
      // A label that names whom products are for is no interest ("interest in women"): it says who the shopper shops for.
      if (AUDIENCE_LABELS.has(value.trim().toLowerCase())) return `For ${value.trim().toLowerCase()}, like the products the shopper looks at`;
      return `Matches the shopper's interest in ${value}`;
    }
    case 'popular':
      return 'Popular in this shop';
    case 'trending':
      return 'Trending in this shop right now';
    case 'buy_again':
      return 'Bought before; may be due for a repeat purchase';
    case 'revisit':
      return 'The shopper looked at this recently';
    case 'external':
      return "Recommended by the shop's own recommender";
    case 'catalog':
      return r.createdAt
        ? 'One of the newest products in the shop (little shopping activity to go on yet)'
        : 'From the shop\'s catalog (little shopping activity to go on yet)';
    case 'intent':
      if (!r.term) return 'Matches what the shopper asked for';
      return r.term === 'gift'
        ? 'Makes a good gift'
        : r.field === 'vendor'
          ? `From ${r.term}, as asked`
          : r.field === 'variant'
            ? `Available in ${r.term}`
            : r.field === 'price'
              ? r.term === ON_SALE_TERM
                ? 'On sale, as asked'
                : r.term === 'lower price'
                ? 'Among the lower-priced of these, as asked'
                : 'Among the higher-end of these, as asked'
              : r.audience
                ? `Made for ${r.audience}${r.term !== r.audience ? `, for ${yourPerson(r.term)}` : ''}`
                : `Matches "${r.term.split('>').at(-1)?.trim() || r.term}"`;
    case 'season':
      return r.season ? `In season for ${r.season}${r.term ? ` (${r.term})` : ''}` : 'In season';
    case 'holiday': {
      if (!r.holiday) return 'Fits an upcoming holiday';
      const h = r.holiday.replace(/_/g, ' ');
      const when = r.daysUntil === undefined ? '' : r.daysUntil <= 0 ? ', now' : `, in ${r.daysUntil} day${r.daysUntil === 1 ? '' : 's'}`;
      return r.via === 'gift' ? `A gift idea for ${h}${when}` : r.via === 'sale' ? `A deal ahead of ${h}` : `Fits ${h}${when}`;
    }
    case 'gift':
      return 'Makes a good gift';
    case 'new_arrival':
      return r.ageDays !== undefined ? `New in the shop (${Math.round(r.ageDays)} days)` : 'New in the shop';
    case 'constraint':
      return r.budgetCurrency && r.priceCurrency ? `The budget in ${r.budgetCurrency} could not be compared with the price in ${r.priceCurrency}` : 'Kept without checking the budget';
    default:
      return `Ranked by ${r.source.replace(/_/g, ' ')}`;
  }
}

/**
 * Structured reasons with their sentences, strongest first (by score, whatever order the producer gave
 * them in; reasons without a score keep their place after the scored ones), at most `max`. Reasons whose
 * sentences differ only in case ("Matches \"Hiking Boots\"" and "Matches \"hiking boots\"") are one
 * reason, with their scores added. Constraint notes (what the item misses or was not checked against:
 * "Shown as named, but not available in size M", "Its sizes are not listed…") come last but are
 * never the ones cut: the weakest other reasons make room for them ({@link withinMax}).
 */
export function reasonsOut(reasons: readonly QuotableReason[], titleOf: TitleOf, max = 4, index?: CatalogIndex): ReasonOut[] {
  const ordered = reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => quotableFirst(a.r, b.r) || a.i - b.i)
    .map((x) => x.r);
  const merged: { r: QuotableReason; text: string }[] = [];
  for (const r of ordered) {
    const text = reasonSentence(r, titleOf, index);
    const twin = merged.find((m) => m.r.source === r.source && m.text.toLowerCase() === text.toLowerCase());
    if (twin) {
      if (r.score !== undefined) twin.r = { ...twin.r, score: (twin.r.score ?? 0) + r.score };
    } else merged.push({ r, text });
  }
  return withinMax(merged, max).map(({ r, text }) => {
    const seedTitle = r.seed ? titleOf(r.seed) : undefined;
    return {
      source: r.source,
      text,
      ...(r.score !== undefined ? { score: Number(r.score.toFixed(6)) } : {}),
      ...(r.seed ? { seed: r.seed } : {}),
      ...(seedTitle ? { seed_title: seedTitle } : {}),
      ...(r.feature ? { feature: r.feature } : {}),
    };
  });
}

/**
 * At most `max` of the ordered reasons, the constraint notes kept: a note says what the item misses or
 * was not checked against, which the shopper must hear, while a fifth reason why it fits adds little.
 * The weakest other reasons give way to them, but one reason why the item fits stays (the item's
 * sentence is made of those, never of a note). Order is kept: notes last.
 */
function withinMax<T extends { readonly r: QuotableReason }>(ordered: readonly T[], max: number): T[] {
  if (ordered.length <= max) return [...ordered];
  const notes = ordered.filter((x) => x.r.source === 'constraint');
  const others = ordered.filter((x) => x.r.source !== 'constraint');
  const keptNotes = notes.slice(0, Math.max(0, max - Math.min(1, others.length)));
  const keptOthers = others.slice(0, Math.max(0, max - keptNotes.length));
  return ordered.filter((x) => keptNotes.includes(x) || keptOthers.includes(x));
}

/** One quotable sentence for an item: its two strongest distinct reasons. */
export function itemSentence(reasons: readonly ReasonOut[]): string {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const r of reasons) {
    if (r.source === 'constraint' || seen.has(r.text.toLowerCase())) continue;
    seen.add(r.text.toLowerCase());
    texts.push(r.text);
  }
  texts.splice(2);
  return texts.length > 0 ? `${texts.join('. ')}.` : 'A popular pick in this shop.';
}
