/**
 * Types of the conversational intent layer: the four shopping intents, the entities pulled out of an
 * utterance, and the shop vocabulary entities are matched against.
 */

/** The shopping intents, in a fixed order (score vectors and confusion matrices use it). */
export const INTENT_TYPES = ['high_purchase_intent', 'comparison_shopping', 'browsing', 'research'] as const;

/** One of the four shopping intents. */
export type IntentType = (typeof INTENT_TYPES)[number];

/** Languages the classifier understands. */
export type IntentLanguage = 'en' | 'es';

/** A price constraint in major units (e.g. 49.99), as stated by the shopper. */
export interface Budget {
  readonly min?: number;
  readonly max?: number;
  /** ISO 4217 code when the text (or the market hint) makes it unambiguous. */
  readonly currency?: string;
  /** True for "around 60" / "unos 60": a cap 20 % above the amount, no floor (budget.ts `APPROXIMATE_TOLERANCE`). */
  readonly approximate?: boolean;
  /** The text span the budget was read from. */
  readonly text: string;
  /**
   * Said as the shopper's own money to spend, in the words of its clause ("my budget is 20-45 dollars",
   * "I want to spend 50 to 100", "tengo entre 30 y 50 dólares para gastar", "20-45 total"), not of the
   * item ("a sofa between 80 and 120"): a range said so goes on to another kind of product as a cap
   * does (personalize/sessionContext.ts `budgetForAnotherKind`). Set by intent/budget.ts on a budget
   * with a floor only: a cap goes on to another kind whoever's money it is.
   */
  readonly spending?: boolean;
  /**
   * How a budget not said as a number reads in a constraint outcome (a price relative to the product
   * discussed: `asked` "cheaper than Galaxy Earrings at 37.99 USD", `miss` "not cheaper than …").
   */
  readonly words?: { readonly asked: string; readonly miss: string };
}

/** What a rejected value refers to. */
export type RejectionKind = 'material' | 'brand' | 'colour' | 'category' | 'term';

/** Something the shopper does not want ("no leather", "que no sea de Nike"). */
export interface Rejection {
  readonly kind: RejectionKind;
  /** Canonical value: the vendor or category as the shop spells it, the English colour name, else the folded term. */
  readonly value: string;
}

/** A kind of entity that a comparison may leave a preference instead of a constraint. */
export type SoftKind = 'colour' | 'brand' | 'size' | 'category';

/** Entities read from one utterance. */
export interface IntentEntities {
  readonly budget?: Budget;
  /** Matching entries of the shop taxonomy (or canonical English category terms when no taxonomy is given). */
  readonly categories: readonly string[];
  /**
   * Kinds named as what the products are for or go with, after one asked for: "a table for the
   * garden", "cojines para el sofá", "mesa de jardín". A nudge, not a constraint (`categories` are
   * what is sought).
   */
  readonly purposes?: readonly string[];
  /** Matching vendors, spelled as in the shop's vendor list. */
  readonly brands: readonly string[];
  /** Canonical English colour names ("navy", "red"). */
  readonly colours: readonly string[];
  /**
   * Materials and stones asked for, canonical (`materials.ts` keys: "leather", "wood", "diamond"):
   * "a leather bracelet", "algo de madera", "earrings with diamonds". A constraint held with the
   * colours (personalize/constraints.ts): products made of one (or of its family: suede is leather)
   * are kept. Metals that are colours ("gold", "plata", "dorado") are read as colours only, never
   * here too; a material said of one compared option only, or in a question ("is it real
   * leather?"), is none (wishedMaterials.ts). Absent: none asked for.
   */
  readonly materials?: readonly string[];
  /** Sizes as written in size charts ("M", "XL", "10", "42"). */
  readonly sizes: readonly string[];
  /**
   * Kinds stated of only some of the options the shopper compares ("is the *red* scarf better than the
   * silk one?": the silk one need not be red): they describe one option, so they steer the ranking but
   * are not constraints, and every option compared stays (comparison.ts). Absent: every stated kind
   * is a constraint. `category`: a kind of product named on one side only, when the other side names
   * no kind of its own and no pro-form ("the silk blouse or the floral top?": "top" names no category
   * here; but "the red scarf or the silk *one*" is two scarves).
   */
  readonly soft?: readonly SoftKind[];
  readonly rejections: readonly Rejection[];
  /** Canonical English recipient ("mother", "boyfriend", "self"). */
  readonly recipient?: string;
  /**
   * Whether the recipient is a woman or a man when their word for them says so but the canonical one
   * does not: a Spanish form ("mi amiga", "mi jefe", "la profesora", "mi prima") or a pronoun after a
   * word that says neither ("my partner, he's tall", "mi pareja, ella…", "my boss, she loves…"). Read as
   * the recipient's sex by personalize/wantedAudience.ts.
   */
  readonly recipientSex?: 'female' | 'male';
  /**
   * More than one person named in the message ("a shirt for my wife and a jacket for my husband", "para mí y
   * para mi mamá"): `recipient` is the first other than the shopper, and whom the products are
   * for is not held from it (personalize/wantedAudience.ts).
   */
  readonly severalRecipients?: true;
  /** The end of the price range preferred, said without a number ("cheap", "lo más barato", "premium"): pricePreference.ts. */
  readonly pricePreference?: 'low' | 'high';
  /**
   * The list is ordered by price, the `pricePreference` end first, not only nudged towards it: a
   * superlative or a sort was said ("the cheapest necklace", "what's the most expensive thing you
   * have?", "el collar más barato", "sort by price", "de mayor a menor precio"; pricePreference.ts
   * `priceEndAsked`). Kept in a conversation as the preference is.
   */
  readonly byPrice?: true;
  /**
   * How many products the shopper asks to see: a list asked by price ("the 2 cheapest necklaces", "your
   * three most expensive rings", "los 3 collares más baratos": pricePreference.ts `priceEndCount`) or a
   * count after a verb of showing ("show me 3 shirts", "muéstrame 3 camisas": `shownCount`). The list has
   * no more than that (fewer than the request's `limit`); said for its turn only.
   */
  readonly howMany?: number;
  /** Products on sale are wished for ("anything on sale?", "chaquetas con descuento"): onSale.ts; a relaxable constraint (`sale`). */
  readonly onSale?: true;
  /**
   * A price said relative to the product the conversation is about, without a number: "cheaper than
   * that", "something cheaper", "más barato que ese" → `below`; "more expensive than this one", "algo
   * más caro" → `above` (pricePreference.ts `extractPriceComparison`). With a product to hold it to
   * (the request's `productId`, else {@link priceAnchor}) only products priced below (above) it are
   * shown, as a budget (personalize.ts); without one it is only the `low`/`high` preference it also
   * states. Not read when the text gives a number ("cheaper, under 20": the budget).
   */
  readonly priceRelative?: 'below' | 'above';
  /**
   * The comparative asks for a large step ("much cheaper", "way more expensive", "mucho más barato":
   * pricePreference.ts `comparesFar`): the far end of the asked side comes first. Without it the products
   * nearest the compared product's price come first ("a bit dearer", "something cheaper").
   */
  readonly priceFar?: true;
  /** The product a conversation's `priceRelative` was said of (sessionContext.ts): the one a later turn without a product is still held to. */
  readonly priceAnchor?: string;
  /** Who the products are made for, said of the product ("men's", "de mujer"): `women`, `men` or `kids` (audience.ts). */
  readonly audience?: 'women' | 'men' | 'kids';
  /**
   * Where the products are for, indoors or outdoors, when a place is said ("for the garden", "mi
   * terraza", "for the bedroom": places.ts), and held by a conversation for its next kinds ("estoy
   * armando mi terraza" → "necesito una mesa": a table for the terrace) until another place is said.
   */
  readonly place?: 'indoor' | 'outdoor';
  /**
   * An audience refused ("a dress, not for kids", "que no sea de mujer", audience.ts): held by no
   * product filter, but a conversation holding that audience lets it go (personalize/sessionContext.ts).
   */
  readonly notAudience?: 'women' | 'men' | 'kids';
  /**
   * Words that name products of this shop by their titles and that nothing else here reads ("fence",
   * "varsity"), folded and singular: they steer the ranking, never constrain it (personalize/titleTerms.ts).
   */
  readonly terms?: readonly string[];
  /**
   * Narrower kinds named inside a kind asked for (synonyms.ts `subkinds`: "a choker" of necklaces, "unas
   * argollas" of earrings, "a tank top"), folded as said ("chokers", "argollas"), when every kind asked
   * for was named so. A product meets the kind only if its type, category, tags or title say one, in
   * either language (synonyms.ts `SUBKIND_FORMS`: "Choker with Bead" is a gargantilla); a shop with none
   * relaxes the kind and says so.
   */
  readonly subkinds?: readonly string[];
  /** Canonical occasion ("birthday", "anniversary", "wedding", "christmas", ...). */
  readonly occasion?: string;
  readonly isGift: boolean;
}

/** The classification of one utterance. */
export interface Intent {
  readonly type: IntentType;
  /** Calibrated probability that `type` is right, in [0, 1]. */
  readonly confidence: number;
  readonly language: IntentLanguage;
  readonly entities: IntentEntities;
  /** Calibrated probability of every intent (sums to 1). */
  readonly scores: Readonly<Record<IntentType, number>>;
}

/** A shop's own vocabulary: category paths / product types, vendors and tags. */
export interface CatalogVocabulary {
  readonly categories: readonly string[];
  readonly vendors: readonly string[];
  readonly tags?: readonly string[];
}

/** Optional request context for classification. */
export interface ClassifyContext {
  readonly taxonomy?: CatalogVocabulary;
  /** ISO 4217 currency (e.g. "MXN") or ISO 3166 market (e.g. "MX") used to resolve an ambiguous "$". */
  readonly currencyHint?: string;
}

/** One labelled corpus line. */
export interface LabeledUtterance {
  readonly text: string;
  readonly label: IntentType;
  /** Language as written by the corpus author (used to score language detection). */
  readonly lang?: IntentLanguage;
}

/** Whether a string is one of the four intent types. */
export function isIntentType(s: unknown): s is IntentType {
  return typeof s === 'string' && (INTENT_TYPES as readonly string[]).includes(s);
}
