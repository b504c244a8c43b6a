/**
 * A structured intent as an API caller or an agent states it (`{type, budget, categories, brands,
 * colours, sizes, exclude, recipient, occasion, pricePreference, priceRelative}`), turned into an {@link Intent}, optionally laid over
 * one extracted from text: every field the caller states wins over the extracted one, `exclude` terms
 * are added to the extracted rejections.
 */
import { canonicalColour, colourKey } from '../intent/colours.ts';
import { INTENT_TYPES, type Intent, type IntentEntities, type IntentLanguage, type IntentType, type SoftKind } from '../intent/types.ts';
import { rejectionOf, vendorNamed } from './hardFilters.ts';

/** The structured intent of a request. */
export interface IntentInput {
  readonly type?: IntentType;
  readonly budget?: { readonly min?: number; readonly max?: number; readonly currency?: string };
  readonly categories?: readonly string[];
  readonly brands?: readonly string[];
  readonly colours?: readonly string[];
  readonly sizes?: readonly string[];
  /** Must-not terms: brands, materials, colours, categories or words, in English or Spanish. */
  readonly exclude?: readonly string[];
  readonly recipient?: string;
  readonly occasion?: string;
  readonly gift?: boolean;
  /** The end of the price range wanted, without a number (`low`: "cheap"; `high`: "premium"). */
  readonly pricePreference?: 'low' | 'high';
  /** Products on sale are wanted ("anything on sale?"): a relaxable constraint (`sale`). */
  readonly onSale?: boolean;
  /**
   * Only products priced below (`below`: "cheaper than this one") or above (`above`) the product the
   * request is about (`productId`), or the one the conversation's comparative was said of. A `budget`
   * stated here replaces one read from the text.
   */
  readonly priceRelative?: 'below' | 'above';
  readonly language?: IntentLanguage;
}

/** Occasions people give presents for. */
const GIFT_OCCASIONS = new Set(['birthday', 'anniversary', 'wedding', 'christmas', 'valentines', 'mothers_day', 'fathers_day', 'graduation', 'baby_shower', 'housewarming', 'retirement']);

function oneHot(type: IntentType): Record<IntentType, number> {
  return Object.fromEntries(INTENT_TYPES.map((t) => [t, t === type ? 1 : 0])) as Record<IntentType, number>;
}

/** An intent with no entities (type `browsing`, the neutral multiplier). */
export function emptyIntent(language: IntentLanguage = 'en'): Intent {
  return {
    type: 'browsing',
    confidence: 1,
    language,
    entities: { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false },
    scores: oneHot('browsing'),
  };
}

/**
 * Builds the intent of a request from the caller's structured fields, over `base` (extracted from the
 * request's text) when given. `vendors` are the shop's vendors (an excluded vendor name is a brand).
 */
export function intentFromInput(input: IntentInput, base?: Intent, vendors: readonly string[] = []): Intent {
  const b = base ?? emptyIntent(input.language);
  const e = b.entities;
  const rejections = [...e.rejections];
  for (const term of input.exclude ?? []) {
    if (term.trim() === '') continue;
    const r = rejectionOf(term, vendors, canonicalColour);
    if (!rejections.some((x) => x.kind === r.kind && x.value === r.value)) rejections.push(r);
  }
  const budget =
    input.budget && (input.budget.min !== undefined || input.budget.max !== undefined)
      ? {
          ...(input.budget.min !== undefined ? { min: input.budget.min } : {}),
          ...(input.budget.max !== undefined ? { max: input.budget.max } : {}),
          ...(input.budget.currency ?? e.budget?.currency ? { currency: (input.budget.currency ?? e.budget?.currency)?.toUpperCase() as string } : {}),
          text: '',
        }
      : e.budget;
  // A number the caller states wins over "cheaper than that" read from the text, as it does within a text.
  const priceRelative = input.priceRelative ?? (input.budget && budget !== e.budget ? undefined : e.priceRelative);
  const recipient = input.recipient?.toLowerCase() ?? e.recipient;
  const occasion = input.occasion?.toLowerCase() ?? e.occasion;
  const isGift =
    input.gift ??
    (input.recipient !== undefined ? recipient !== 'self' : e.isGift || (input.occasion !== undefined && GIFT_OCCASIONS.has(occasion ?? '')));
  // What the text said of one compared option only stays a preference; a caller's own list is a constraint.
  const given: Readonly<Record<SoftKind, unknown>> = { colour: input.colours, brand: input.brands, size: input.sizes, category: input.categories };
  const soft = e.soft?.filter((k) => !given[k]);
  const entities: IntentEntities = {
    ...(budget ? { budget } : {}),
    categories: input.categories ? [...input.categories] : e.categories,
    // What the text said the kinds are for goes with the text's kinds, not with categories given here;
    // said of no kind ("a waterproof one" with `category: "jacket"`), it is said of the kind given.
    ...((!input.categories || e.categories.length === 0) && e.purposes ? { purposes: e.purposes } : {}),
    // A brand given by the first words of the shop's vendor ("Rustic" of "Rustic LTD") is that vendor.
    brands: input.brands ? input.brands.map((brand) => vendorNamed(brand, vendors) ?? brand) : e.brands,
    colours: input.colours ? input.colours.map(colourKey) : e.colours,
    // The materials the text asked for ("a leather bracelet") are no field of the caller's: they stay.
    ...(e.materials && e.materials.length > 0 ? { materials: e.materials } : {}),
    sizes: input.sizes ? [...input.sizes] : e.sizes,
    ...(soft && soft.length > 0 ? { soft } : {}),
    rejections,
    ...(recipient ? { recipient } : {}),
    ...(input.recipient === undefined && e.severalRecipients ? { severalRecipients: e.severalRecipients } : {}),
    ...(e.audience ? { audience: e.audience } : {}),
    ...(e.notAudience ? { notAudience: e.notAudience } : {}),
    // Title words and narrower kinds go with the text's kinds, as purposes do.
    ...(!input.categories && e.terms ? { terms: e.terms } : {}),
    ...(!input.categories && e.subkinds ? { subkinds: e.subkinds } : {}),
    ...((input.pricePreference ?? e.pricePreference) ? { pricePreference: input.pricePreference ?? e.pricePreference } : {}),
    // The text's "the cheapest" orders by price while the end given is the text's.
    ...(e.byPrice && (input.pricePreference ?? e.pricePreference) === e.pricePreference ? { byPrice: true as const, ...(e.howMany !== undefined ? { howMany: e.howMany } : {}) } : {}),
    // The agent's `false` says the text's "on sale" is not meant.
    ...((input.onSale ?? e.onSale) ? { onSale: true as const } : {}),
    ...(priceRelative ? { priceRelative } : {}),
    ...(priceRelative && e.priceAnchor ? { priceAnchor: e.priceAnchor } : {}),
    // The text's step goes with the text's comparative.
    ...(priceRelative && priceRelative === e.priceRelative && e.priceFar ? { priceFar: true as const } : {}),
    ...(occasion ? { occasion } : {}),
    isGift,
  };
  const typed = input.type !== undefined;
  return {
    type: typed ? (input.type as IntentType) : b.type,
    confidence: typed ? 1 : b.confidence,
    language: input.language ?? b.language,
    entities,
    scores: typed ? oneHot(input.type as IntentType) : b.scores,
  };
}
