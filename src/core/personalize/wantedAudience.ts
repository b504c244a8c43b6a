/**
 * Whom the shopper wants products for, and whether a product is made for someone else.
 *
 * Two readings. Who the products are for, in the intent score: the audience said of the products
 * ("a men's watch for my wife" is a men's watch), else the recipient's ("a jacket for my husband":
 * men) — a product made for another audience ranks lower. And the constraint (constraints.ts
 * `audience`): only an audience said of the products ("men's jacket", "pulsera de hombre", "for
 * him"), where a product made only for someone else is left out while others meet what was asked.
 * A recipient is not held that way: shoppers buy a partner the product they name ("the zipped jacket
 * for my girlfriend", "she likes the navy sports jacket"), and "my son" or "my grandchild" may be a
 * child or an adult. A product that says nothing of its audience, or is for both women and men, is
 * for anyone. Pure.
 */
import type { IntentEntities } from '../intent/types.ts';
import type { ProductAudience } from './productAudience.ts';

const FEMALE = new Set(['mother', 'wife', 'girlfriend', 'sister', 'grandmother', 'daughter', 'aunt', 'niece', 'sister_in_law', 'daughter_in_law', 'godmother']);
const MALE = new Set(['father', 'husband', 'boyfriend', 'brother', 'grandfather', 'son', 'uncle', 'nephew', 'brother_in_law', 'son_in_law', 'godfather']);
const CHILD = new Set(['child', 'baby', 'grandchild']);

/** Audience of a recipient (`mother` → female). */
export function recipientAudience(recipient: string): ProductAudience | undefined {
  if (FEMALE.has(recipient)) return 'female';
  if (MALE.has(recipient)) return 'male';
  if (CHILD.has(recipient)) return 'child';
  return undefined;
}

const STATED_AUDIENCE: Readonly<Record<NonNullable<IntentEntities['audience']>, ProductAudience>> = { women: 'female', men: 'male', kids: 'child' };

/** Who the products are for: the audience said of the products, else the recipient's. */
export function wantedAudience(e: Pick<IntentEntities, 'audience' | 'recipient'>): ProductAudience | undefined {
  return (e.audience ? STATED_AUDIENCE[e.audience] : undefined) ?? (e.recipient ? recipientAudience(e.recipient) : undefined);
}

/** The audience asked for in words, as a list's reason quotes it ("men", "women", "kids"). */
export const AUDIENCE_WORD: Readonly<Record<ProductAudience, string>> = { female: 'women', male: 'men', child: 'kids' };

/**
 * Whether a product made for `madeFor` (productAudience.ts; empty: it says nothing, or is unisex)
 * fits the audience said of the products (`e.audience`); with none said, every product does.
 */
export function fitsAudience(madeFor: ReadonlySet<ProductAudience>, e: Pick<IntentEntities, 'audience'>): boolean {
  // Made for someone else only (women's for "men's", adults' for "kids'", kids' for "men's") misses it.
  return e.audience === undefined || madeFor.size === 0 || madeFor.has(STATED_AUDIENCE[e.audience]);
}
