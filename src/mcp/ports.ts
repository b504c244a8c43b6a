/**
 * Ports of the MCP layer. The tools talk to one small {@link Personalizer} interface; two adapters
 * implement it: `mcpAwarePersonalizer` over the personalization layer (`ctx.personalizer`,
 * `MCPAwareRecommender`) and `BasePersonalizer` over the base recommender when no personalization
 * layer is wired. {@link IntentService} is what the fallback needs from the intent classifier
 * (`IntentClassifier` satisfies it).
 */
import type { ClassifyContext, Intent, IntentType } from '../core/intent/types.ts';
import type { ConstraintOutcome } from '../core/personalize/constraints.ts';

/** A market: where the shopper buys and in which currency prices should be shown. */
export interface Market {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country?: string;
  /** ISO 4217, upper case. */
  readonly currency?: string;
}

/** A price constraint in major units (e.g. 49.99). */
export interface BudgetHint {
  readonly min?: number;
  readonly max?: number;
  /** ISO 4217, upper case. */
  readonly currency?: string;
  /** True when converted from another currency the shopper named (then `stated` is what they said). */
  readonly estimated?: boolean;
  readonly stated?: { readonly min?: number; readonly max?: number; readonly currency: string };
}

/** What the calling agent already understood about the shopper's intent (every field optional). */
export interface AgentIntent {
  readonly type?: IntentType;
  readonly budget?: BudgetHint;
  readonly category?: string;
  readonly brand?: string;
  /** Things the shopper does not want: brands, materials, colours, categories or plain terms. */
  readonly mustNot?: readonly string[];
  readonly recipient?: string;
  readonly occasion?: string;
}

/** One personalized recommendation request. */
export interface PersonalizeRequest {
  readonly shop: string;
  /** Profile key (a user id, or `session:<id>` for an anonymous conversation). */
  readonly userId?: string;
  /** The conversation id as the agent gave it. */
  readonly sessionId?: string;
  /** The conversation so far (or its last turns). */
  readonly text?: string;
  readonly intent?: AgentIntent;
  readonly market?: Market;
  /** Product being discussed (normalised id). */
  readonly productId?: string;
  /** Products in the cart (normalised ids). */
  readonly cart?: readonly string[];
  readonly limit: number;
}

/** Why an item was recommended (a superset of the base ranker's reasons). */
export interface PersonalizedReason {
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

/** A recommended product (normalised id). */
export interface PersonalizedItem {
  readonly productId: string;
  readonly score: number;
  readonly reasons: readonly PersonalizedReason[];
}

/** Where a resolved intent came from. */
export type IntentOrigin = 'agent' | 'classifier' | 'agent+classifier' | 'model' | 'local' | 'session' | 'none';

/** The intent that shaped a recommendation, as far as the producer reports it. */
export interface ResolvedIntent {
  /** Where it came from (`model`/`local`/`session`: the personalization layer's extractor or conversation memory). */
  readonly source: IntentOrigin;
  readonly type?: IntentType;
  readonly confidence?: number;
  readonly language?: string;
  readonly budget?: BudgetHint;
  readonly categories: readonly string[];
  readonly brands: readonly string[];
  readonly mustNot: readonly string[];
  readonly recipient?: string;
  readonly occasion?: string;
}

/** The answer of a personalizer. */
export interface PersonalizeResult {
  readonly items: readonly PersonalizedItem[];
  /** The intent used: a {@link ResolvedIntent}, or the classifier's {@link Intent}. */
  readonly intent?: ResolvedIntent | (Intent & { readonly source?: string });
  /** True when a dependency (model, upstream) failed and a degraded path answered. */
  readonly fallbackUsed?: boolean;
  /** Name for responses and metrics. */
  readonly recommender?: string;
  /** The market as the producer resolved it (e.g. the currency of a country). */
  readonly market?: Market;
  /**
   * Whether the items meet the stated constraints; when not, what was relaxed and a sentence to quote
   * (`core/personalize/constraints.ts`). Absent from producers that do not check (then the tool checks).
   */
  readonly constraints?: ConstraintOutcome;
}

/** What the recommendation tools call. */
export interface Personalizer {
  /** Personalized recommendations; `now` is epoch ms. */
  recommend(req: PersonalizeRequest, now: number): Promise<PersonalizeResult>;
}

/** The conversational intent classifier (e.g. `IntentClassifier`). */
export interface IntentService {
  classify(text: string, ctx?: ClassifyContext): Intent;
}
