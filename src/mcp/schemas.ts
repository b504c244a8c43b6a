/**
 * Zod pieces shared by the MCP tools: identifiers, the shopper reference, market, the agent's
 * structured intent, and the output shapes of products, reasons and intents. Argument names are
 * snake_case, as models expect from MCP tools; the tools map them onto Affinity's camelCase types.
 */
import { BLANK_MESSAGE, CONTROL, CONTROL_MESSAGE, isMalformedGid, isWellFormed, LONE_SURROGATE_MESSAGE, MALFORMED_GID_MESSAGE, NOT_BLANK, refineShopperId } from '../core/ids.ts';
import { z } from 'zod';
import { INTENT_TYPES } from '../core/intent/types.ts';
import { RELAX_ORDER } from '../core/personalize/constraints.ts';
import { SESSION_KEY_PREFIX } from '../core/profile/sessionKey.ts';
import { CountryCode } from '../core/countryCode.ts';

/** An id argument: well-formed Unicode, no control character. */
function idString(max: number) {
  return nonBlankString(max).refine(isWellFormed, LONE_SURROGATE_MESSAGE).refine((s) => !CONTROL.test(s), CONTROL_MESSAGE);
}

/**
 * A string argument that is trimmed and must not be empty or only white space, at most `max`
 * characters once trimmed. The check is a `pattern` (`\S`) and not only `.trim().min(1)`: a trim is
 * invisible in the published JSON Schema, so `"   "` would pass a client's validation against the
 * served inputSchema (`minLength: 1`) and then be refused by the server. With the pattern, both give
 * the same verdict.
 */
export function nonBlankString(max: number) {
  return z.string().regex(NOT_BLANK, BLANK_MESSAGE).trim().max(max);
}

/** A product (or variant) id: numeric, numeric string or Shopify GID. */
export const IdSchema = z
  .union([idString(200).refine((s) => !isMalformedGid(s), MALFORMED_GID_MESSAGE), z.number().int().nonnegative()], {
    // Absent, the union's own message would be "Invalid input": say what is missing.
    error: (issue) => (issue.input === undefined ? 'required: a Shopify id, numeric (8896125829396) or a GID or handle string' : undefined),
  })
  .describe('Shopify id: numeric (8896125829396) or GID (gid://shopify/Product/8896125829396).');

/**
 * The tenant. A connection serves one shop (its API key's, or `--shop` on stdio), so the argument is
 * optional and may only repeat that shop; naming another is refused (TENANT_MISMATCH).
 */
export const ShopSchema = z
  .string()
  .min(1)
  .max(253)
  .describe("Optional: this connection's shop domain. Omit it; naming any other shop is refused.");

/** Who the shopper is. At least one of the two is required where a tool says so. */
export const ShopperShape = {
  user_id: idString(200)
    // The namespace of anonymous conversations' profiles (core/profile/sessionKey.ts): pass those as session_id.
    .refine((s) => !s.startsWith(SESSION_KEY_PREFIX), `must not start with "${SESSION_KEY_PREFIX}" (the profiles of anonymous conversations): pass the conversation as session_id`)
    .superRefine(refineShopperId)
    .optional()
    .describe('Stable shopper id: the Web Pixel clientId, the Shopify customer id, or your own user id.'),
  session_id: idString(200)
    .optional()
    .describe('Conversation id, for an anonymous shopper; used as the profile key when user_id is absent.'),
};

/**
 * Requires at least one of `keys` (all optional properties of `schema`): zod checks it, with `message`
 * on the first key, and the tool's JSON Schema declares it. The declaration is a root `if`/`then`
 * ("when none of the others is given, the last one is required"), not a root `anyOf`: the Anthropic
 * API refuses tool input schemas with `anyOf`, `oneOf` or `allOf` at the top level, which would make
 * every request listing the tool fail in Claude clients.
 */
export function requireOneOf<T extends z.ZodObject>(schema: T, keys: readonly [string, string, ...string[]], message: string): T {
  const others = keys.slice(0, -1);
  const last = keys[keys.length - 1] as string;
  const absent = others.length === 1 ? { not: { required: others } } : { not: { anyOf: others.map((k) => ({ required: [k] })) } };
  return schema
    .superRefine((args, ctx) => {
      const a = args as Record<string, unknown>;
      if (keys.every((k) => a[k] === undefined)) ctx.addIssue({ code: 'custom', path: [keys[0]], message });
    })
    .meta({ if: absent, then: { required: [last] } });
}

/** Requires `user_id` or `session_id` (see {@link requireOneOf}). */
export function requireShopper<T extends z.ZodObject>(schema: T): T {
  return requireOneOf(schema, ['user_id', 'session_id'], 'user_id or session_id is required (user_id for a known shopper, session_id for an anonymous conversation)');
}

/** Where the shopper buys. */
export const MarketSchema = z
  .object({
    country: CountryCode.optional(),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as "EUR"').optional(),
  })
  .strict()
  .describe('Market of the shopper: country (ISO 3166-1 alpha-2) and currency (ISO 4217) prices should be shown in.');

/** A budget in major units. */
export const BudgetSchema = z
  .object({
    min: z.number().nonnegative().optional().describe('Lowest price, in major units (e.g. 20 for $20).'),
    max: z.number().positive('max must be above 0 (a budget of 0 fits nothing; to drop a budget, leave it out and say so in text)').optional().describe('Highest price, in major units (e.g. 49.99); above 0.'),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code').optional(),
  })
  .strict()
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, { message: 'min must not exceed max' });

/** What the agent already understood from the conversation. */
export const AgentIntentSchema = z
  .object({
    type: z.enum(INTENT_TYPES).optional().describe('Shopping mode: high_purchase_intent, comparison_shopping, browsing or research.'),
    budget: BudgetSchema.optional().describe('Price range, in major units. It replaces a budget remembered from earlier turns of this session_id; to drop that one, say so in `text` ("forget the budget", "any price", "el precio da igual").'),
    category: nonBlankString(100).optional().describe('What kind of product, e.g. "hiking boots".'),
    brand: nonBlankString(100).optional().describe('Wanted brand / vendor.'),
    colours: z
      .array(nonBlankString(40))
      .max(10)
      .optional()
      .describe('Wanted colours ("navy", "rojo"); they replace any colour remembered from earlier turns of this session_id. An empty list [] clears the remembered colours (no colour any more); leave the field out to keep them.'),
    sizes: z
      .array(nonBlankString(20))
      .max(10)
      .optional()
      .describe('Wanted sizes as size charts write them ("M", "42"); they replace any size remembered from earlier turns. An empty list [] clears the remembered sizes; leave the field out to keep them.'),
    must_not: z
      .array(nonBlankString(100))
      .max(20)
      .optional()
      .describe('Things the shopper does not want: brands, materials, colours, categories ("leather", "Nike"). They add to those remembered from earlier turns of this session_id; an empty list [] clears the remembered ones (nothing ruled out any more); leave the field out to keep them.'),
    recipient: nonBlankString(60).optional().describe('Who it is for when it is a gift ("mother", "self").'),
    occasion: nonBlankString(60).optional().describe('Occasion ("birthday", "wedding").'),
    price_preference: z.enum(['low', 'high']).optional().describe('The end of the price range wanted when no number was given: "low" for "something cheap", "high" for "premium". Orders the answer; not a budget.'),
    on_sale: z.boolean().optional().describe('True when the shopper wants products on sale ("anything on sale?", "discounted jackets"): held like a constraint, given up first when nothing on sale fits (constraints.relaxed: "sale"). false overrides an "on sale" read from the text.'),
    price_relative: z
      .enum(['below', 'above'])
      .optional()
      .describe('"cheaper than this one" (below) or "more expensive than this one" (above): only products priced below (above) the product_id of this call, else the one it was said of earlier in this session_id. Held like a budget (constraints.satisfied is false when the shop has nothing cheaper); a budget with a number given here replaces one read from the text.'),
  })
  .strict()
  .describe('Structured intent you already extracted; it takes precedence over what Affinity reads from text.');

/** Money in integer minor units plus a display string. */
export const MoneyOutSchema = z.object({
  amount: z.number().int().describe('Integer minor units (cents for USD, yen for JPY).'),
  currency: z.string(),
  formatted: z.string().describe('e.g. "149.00 USD"; "≈ 137.08 EUR" when estimated.'),
  estimated: z
    .boolean()
    .optional()
    .describe("True exactly when the amount was converted from the shop's price with a configured exchange rate: not the price the shopper will pay (Shopify converts at checkout with its own rate). A price that could not be converted is the shop's own, in its own currency (`currency` then differs from the market's; the notes say so), and is not estimated."),
});

/** A product as the tools present it. */
export const ProductOutSchema = z.object({
  product_id: z.string(),
  gid: z
    .string()
    .optional()
    .describe("The product's Shopify GID (gid://shopify/Product/<numeric id>) for Storefront, Admin or UCP calls. Absent while Affinity knows the product only by its handle (a CSV import whose numeric id no event has shown yet): product_id is then the handle."),
  title: z.string(),
  handle: z.string().optional(),
  vendor: z.string().optional(),
  product_type: z.string().optional(),
  url: z.string().optional(),
  image: z.string().optional(),
  price: MoneyOutSchema.optional(),
  compare_at_price: MoneyOutSchema.optional(),
  available: z.boolean(),
});

/** One structured reason. */
export const ReasonOutSchema = z.object({
  source: z.string(),
  text: z.string().describe('The reason as a short sentence.'),
  score: z.number().optional(),
  seed: z.string().optional(),
  seed_title: z.string().optional(),
  feature: z.string().optional(),
});

/** The intent a recommendation used. */
export const IntentOutSchema = z.object({
  source: z
    .enum(['agent', 'classifier', 'agent+classifier', 'model', 'local', 'session', 'none'])
    .describe('agent: your intent argument; classifier/model/local: read from text; session: remembered from earlier turns of this session_id; none.'),
  type: z.string().optional(),
  confidence: z.number().optional(),
  language: z.string().optional(),
  budget: z
    .object({
      min: z.number().optional(),
      max: z.number().optional(),
      currency: z.string().optional(),
      estimated: z.boolean().optional().describe("True when the shopper named another currency and the budget was converted to the market's with the configured rate."),
      stated: z.object({ min: z.number().optional(), max: z.number().optional(), currency: z.string() }).optional().describe('The budget as the shopper stated it, before conversion.'),
    })
    .optional(),
  categories: z.array(z.string()),
  price_preference: z.enum(['low', 'high']).optional().describe('The end of the price range asked for without a number ("cheap", "lo más barato" → low; "premium", "de lujo" → high).'),
  on_sale: z.boolean().optional().describe('Products on sale were asked for ("anything on sale?", "chaquetas con descuento"): each item is on sale unless constraints.relaxed holds "sale".'),
  place: z.enum(['indoor', 'outdoor']).optional().describe('Where the products are for ("a table for the garden", "for the bedroom"), said now or earlier in the session_id: a product the shop says is for the other place does not meet the kind asked.'),
  price_relative: z
    .enum(['below', 'above'])
    .optional()
    .describe('A price said relative to the product discussed ("cheaper than that", "something cheaper", "más barato que ese" → below; "more expensive than this one" → above): with a product_id (now or earlier in the session_id) only products priced below (above) it are shown; without one it only orders, as price_preference does.'),
  purposes: z.array(z.string()).optional().describe('Kinds named as what the products are for ("a table for the garden": the garden); a nudge, not a constraint.'),
  brands: z.array(z.string()),
  colours: z.array(z.string()).describe('Colours every item must have (canonical English names), from your intent, the text or earlier turns of this session_id; unless `preferences` holds "colour".'),
  sizes: z.array(z.string()).describe('Sizes every item must come in, from your intent, the text or earlier turns of this session_id.'),
  materials: z
    .array(z.string())
    .optional()
    .describe('Materials or stones every item must be made of or set with ("leather", "wood", "diamond"; canonical English names), read from the text or earlier turns; held with the colours as the look (`constraints.relaxed: ["colour"]` when let go).'),
  must_not: z.array(z.string()),
  preferences: z
    .array(z.enum(['colour', 'brand', 'size', 'category']))
    .optional()
    .describe('Kinds above that are preferences, not constraints: they steer the ranking, and an item need not meet them (the metal of the necklace "matching earrings" go with; what was said of one side of a comparison). Do not tell the shopper every item has them.'),
  recipient: z.string().optional(),
  recipient_sex: z.enum(['female', 'male']).optional().describe('Whether the recipient is a woman or a man where only the shopper\'s word or a pronoun says it ("mi amiga", "my partner, he…"): the products are chosen for them.'),
  audience: z.enum(['women', 'men', 'kids']).optional().describe('Who the products are made for, as the shopper said it of the products ("men\'s", "de mujer").'),
  occasion: z.string().optional(),
});

/** How an answer stands against what was asked (core/personalize/constraints.ts). */
export const ConstraintsOutSchema = z
  .object({
    satisfied: z.boolean().describe('True when every item meets every stated constraint (category, audience, brand, colour, size, budget; rejections always hold).'),
    relaxed: z
      .array(z.enum(RELAX_ORDER))
      .optional()
      .describe('When not satisfied: what was relaxed to give an answer, in relaxation order (empty: nothing could be returned, or only `unchecked` kept it from being satisfied). `colour` is the look: the colours and the materials or stones asked for ("leather", "with diamonds"); `reason` names which. `audience`: whom the products are for, said of them ("men\'s", "de mujer"); some items are made for someone else.'),
    reason: z.string().optional().describe('When not satisfied: a sentence to tell the shopper.'),
    unchecked: z
      .array(z.enum(RELAX_ORDER))
      .optional()
      .describe('Only when not satisfied: stated constraints some items could not be checked against (a budget in another currency than their prices, with no exchange rate known); reason says which.'),
  })
  .describe('Whether the shop has products that meet everything asked for. When satisfied is false, say so (quote reason) instead of presenting the items as matches.');

export type ProductOut = z.infer<typeof ProductOutSchema>;
export type ReasonOut = z.infer<typeof ReasonOutSchema>;
export type IntentOut = z.infer<typeof IntentOutSchema>;
export type AgentIntentArgs = z.infer<typeof AgentIntentSchema>;
