/**
 * The intent of a recommendation as the MCP tools speak it: an agent's `intent` argument (snake_case,
 * one category and brand, lists of colours and sizes) as the recommend use case's {@link IntentInput}, and whatever intent an
 * answer reports (the personalization layer's; the agent's stated intent when the base recommender
 * answered) in one output shape, {@link ResolvedIntent}.
 */
import { colourKey } from '../core/intent/colours.ts';
import type { Intent, IntentType, Rejection, SoftKind } from '../core/intent/types.ts';
import type { IntentInput } from '../core/personalize/intentInput.ts';
import { bandOf, type VariantWish } from '../core/personalize/intentScoring.ts';
import type { AgentIntentArgs, IntentOut } from './schemas.ts';

/** Where a reported intent came from. */
export type IntentOrigin = 'agent' | 'classifier' | 'agent+classifier' | 'model' | 'local' | 'session' | 'none';

/** A price constraint in major units (e.g. 49.99), as reported. */
export interface BudgetHint {
  readonly min?: number;
  readonly max?: number;
  /** ISO 4217, upper case. */
  readonly currency?: string;
  /** True when converted from another currency the shopper named (then `stated` is what they said). */
  readonly estimated?: boolean;
  readonly stated?: { readonly min?: number; readonly max?: number; readonly currency: string };
}

/** The intent that shaped a recommendation, in the tools' output shape (camelCase before serialising). */
export interface ResolvedIntent {
  /** Where it came from (`model`/`local`/`session`: the personalization layer's extractor or conversation memory). */
  readonly source: IntentOrigin;
  readonly type?: IntentType;
  readonly confidence?: number;
  readonly language?: string;
  readonly budget?: BudgetHint;
  readonly categories: readonly string[];
  readonly purposes?: readonly string[];
  readonly pricePreference?: 'low' | 'high';
  /** Products on sale were asked for. */
  readonly onSale?: true;
  /** Where the products are for (said now or earlier in the conversation). */
  readonly place?: 'indoor' | 'outdoor';
  /** Only products priced below (above) the product discussed ("cheaper than that"). */
  readonly priceRelative?: 'below' | 'above';
  readonly brands: readonly string[];
  /** Colours wanted (canonical English names), sizes wanted: constraints an agent must be able to see. */
  readonly colours: readonly string[];
  readonly sizes: readonly string[];
  /** Materials and stones wanted (canonical English names), held with the colours. */
  readonly materials?: readonly string[];
  readonly mustNot: readonly string[];
  /** Kinds that are preferences, not constraints (`IntentEntities.soft`). */
  readonly preferences?: readonly SoftKind[];
  readonly recipient?: string;
  /** The recipient's sex where only their word or a pronoun says it ("mi amiga", "my partner, he…"). */
  readonly recipientSex?: 'female' | 'male';
  readonly audience?: 'women' | 'men' | 'kids';
  readonly occasion?: string;
}

/** An intent as the classifier or the personalization layer reports it (the latter adds its provenance). */
type ReportedIntent = Intent & { readonly source?: string };

const ORIGINS: ReadonlySet<string> = new Set<IntentOrigin>(['agent', 'classifier', 'agent+classifier', 'model', 'local', 'session', 'none']);

function isClassifierIntent(x: ResolvedIntent | ReportedIntent): x is ReportedIntent {
  return 'entities' in x;
}

/** A budget as tool output: a converted one keeps `estimated` and the `stated` original. */
function budgetHint(b: NonNullable<Intent['entities']['budget']> & { readonly estimated?: boolean; readonly stated?: { min?: number; max?: number; currency: string } }): NonNullable<ResolvedIntent['budget']> {
  return {
    ...(b.min !== undefined ? { min: b.min } : {}),
    ...(b.max !== undefined ? { max: b.max } : {}),
    ...(b.currency ? { currency: b.currency } : {}),
    ...(b.estimated ? { estimated: true } : {}),
    ...(b.estimated && b.stated ? { stated: { ...b.stated } } : {}),
  };
}

/** A classifier's (or the personalization layer's) intent as a {@link ResolvedIntent}. */
export function fromClassifier(i: ReportedIntent): ResolvedIntent {
  const e = i.entities;
  return {
    source: i.source !== undefined && ORIGINS.has(i.source) ? (i.source as IntentOrigin) : 'classifier',
    type: i.type,
    confidence: i.confidence,
    language: i.language,
    ...(e.budget ? { budget: budgetHint(e.budget) } : {}),
    categories: unique(e.categories),
    ...(e.purposes && e.purposes.length > 0 ? { purposes: unique(e.purposes) } : {}),
    ...(e.pricePreference ? { pricePreference: e.pricePreference } : {}),
    ...(e.onSale ? { onSale: true as const } : {}),
    ...(e.place ? { place: e.place } : {}),
    ...(e.priceRelative ? { priceRelative: e.priceRelative } : {}),
    brands: unique(e.brands),
    colours: unique(e.colours),
    sizes: unique(e.sizes),
    ...(e.materials && e.materials.length > 0 ? { materials: unique(e.materials) } : {}),
    // The agent's `must_not` and the same word read from its text are one exclusion.
    mustNot: unique(e.rejections.map((r) => r.value)),
    ...(e.soft && e.soft.length > 0 ? { preferences: [...e.soft] } : {}),
    ...(e.recipient ? { recipient: e.recipient } : {}),
    ...(e.recipientSex ? { recipientSex: e.recipientSex } : {}),
    ...(e.audience ? { audience: e.audience } : {}),
    ...(e.occasion ? { occasion: e.occasion } : {}),
  };
}

/** The agent's stated intent alone as a {@link ResolvedIntent} (`source: 'none'` when it states nothing). */
export function fromInput(i: IntentInput | undefined): ResolvedIntent {
  const stated = i !== undefined && Object.values(i).some((v) => v !== undefined);
  return {
    source: stated ? 'agent' : 'none',
    ...(i?.type ? { type: i.type } : {}),
    ...(i?.budget ? { budget: { ...i.budget, ...(i.budget.currency ? { currency: i.budget.currency.toUpperCase() } : {}) } } : {}),
    categories: unique(i?.categories ?? []),
    brands: unique(i?.brands ?? []),
    // As the use case reads them (intentInput.ts): "Navy", "rojo" → navy, red.
    colours: unique((i?.colours ?? []).map(colourKey)),
    sizes: unique(i?.sizes ?? []),
    mustNot: unique(i?.exclude ?? []),
    ...(i?.recipient ? { recipient: i.recipient } : {}),
    ...(i?.occasion ? { occasion: i.occasion } : {}),
    ...(i?.pricePreference ? { pricePreference: i.pricePreference } : {}),
    ...(i?.onSale ? { onSale: true as const } : {}),
    ...(i?.priceRelative ? { priceRelative: i.priceRelative } : {}),
  };
}

function unique(xs: readonly string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.trim().toLowerCase();
    if (k === '' || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Any reported intent as a {@link ResolvedIntent} (`source: 'none'` when there is none). */
export function asResolved(x: ResolvedIntent | ReportedIntent | undefined): ResolvedIntent {
  return x === undefined ? fromInput(undefined) : isClassifierIntent(x) ? fromClassifier(x) : x;
}

/**
 * What an intent asks of a product's variants, as a product is priced for it (`productOut`): its
 * colours and sizes, a price range with a floor (intentScoring.ts `VariantWish`), unless converted
 * from another currency (the budget is then held to the cheapest variant, converted), and the colours
 * and materials `rejections` rule out (the variant that escapes them, as recommend's filter keeps it).
 */
export function askedOfVariants(r: ResolvedIntent, rejections?: readonly Rejection[]): VariantWish {
  const band = bandOf(r.budget?.estimated ? undefined : r.budget);
  // A colour or material ruled out ("not silver") shows a product sold in it too as the variant that escapes it.
  const ruledOut = (rejections ?? []).filter((x) => x.kind === 'colour' || x.kind === 'material');
  return band || ruledOut.length > 0 ? { ...r, ...(band ? { band } : {}), ...(ruledOut.length > 0 ? { rejections: ruledOut } : {}) } : r;
}

/** Any reported intent as tool output. */
export function intentOut(x: ResolvedIntent | ReportedIntent | undefined): IntentOut {
  const r = asResolved(x);
  return {
    source: r.source,
    ...(r.type ? { type: r.type } : {}),
    ...(r.confidence !== undefined ? { confidence: Number(r.confidence.toFixed(4)) } : {}),
    ...(r.language ? { language: r.language } : {}),
    ...(r.budget ? { budget: { ...r.budget } } : {}),
    categories: [...r.categories],
    ...(r.purposes ? { purposes: [...r.purposes] } : {}),
    ...(r.pricePreference ? { price_preference: r.pricePreference } : {}),
    ...(r.onSale ? { on_sale: true } : {}),
    ...(r.place ? { place: r.place } : {}),
    ...(r.priceRelative ? { price_relative: r.priceRelative } : {}),
    brands: [...r.brands],
    colours: [...r.colours],
    sizes: [...r.sizes],
    ...(r.materials ? { materials: [...r.materials] } : {}),
    must_not: [...r.mustNot],
    ...(r.preferences ? { preferences: [...r.preferences] } : {}),
    ...(r.recipient ? { recipient: r.recipient } : {}),
    ...(r.recipientSex ? { recipient_sex: r.recipientSex } : {}),
    ...(r.audience ? { audience: r.audience } : {}),
    ...(r.occasion ? { occasion: r.occasion } : {}),
  };
}

/** The `intent` argument of a tool call (snake_case) as the recommend use case's {@link IntentInput}. */
export function intentInputOf(a: AgentIntentArgs | undefined): IntentInput | undefined {
  if (!a) return undefined;
  return {
    ...(a.type ? { type: a.type } : {}),
    ...(a.budget ? { budget: a.budget } : {}),
    ...(a.category ? { categories: [a.category] } : {}),
    ...(a.brand ? { brands: [a.brand] } : {}),
    ...(a.colours ? { colours: a.colours } : {}),
    ...(a.sizes ? { sizes: a.sizes } : {}),
    ...(a.must_not ? { exclude: a.must_not } : {}),
    ...(a.recipient ? { recipient: a.recipient } : {}),
    ...(a.occasion ? { occasion: a.occasion } : {}),
    ...(a.price_preference ? { pricePreference: a.price_preference } : {}),
    ...(a.on_sale !== undefined ? { onSale: a.on_sale } : {}),
    ...(a.price_relative ? { priceRelative: a.price_relative } : {}),
  };
}
