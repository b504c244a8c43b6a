/**
 * Whom the shopper wants products for, and whether a product is made for someone else.
 *
 * The audience said of the products wins ("a men's watch for my wife" is a men's watch), else the
 * recipient's ("a jacket for my husband": men). It is a constraint (constraints.ts `audience`): a
 * product made only for another audience is left out while others meet what was asked ("men's
 * jacket" never returns a women's jacket as if it fitted). A product that says nothing of its
 * audience, or is for both women and men, is for anyone. A person who may be a child ("my son", "my
 * daughter", "my niece") is held to their gender only: a kids' product fits them too. Pure.
 */
import type { IntentEntities } from '../intent/types.ts';
import type { ProductAudience } from './productAudience.ts';

const FEMALE = new Set(['mother', 'wife', 'girlfriend', 'sister', 'grandmother', 'daughter', 'aunt', 'niece']);
const MALE = new Set(['father', 'husband', 'boyfriend', 'brother', 'grandfather', 'son', 'uncle', 'nephew']);
const CHILD = new Set(['child', 'baby', 'grandchild']);
/** Recipients who are adults: a kids' product is not for them. */
const ADULT = new Set(['mother', 'wife', 'girlfriend', 'grandmother', 'father', 'husband', 'boyfriend', 'grandfather']);

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
 * fits the audience the entities ask for. With none asked for, every product does.
 */
export function fitsAudience(madeFor: ReadonlySet<ProductAudience>, e: Pick<IntentEntities, 'audience' | 'recipient'>): boolean {
  const wanted = wantedAudience(e);
  if (wanted === undefined || madeFor.size === 0 || madeFor.has(wanted)) return true;
  if (wanted === 'child') return false; // made for adult women or men only
  const otherGender = wanted === 'female' ? 'male' : 'female';
  if (madeFor.has(otherGender)) return false;
  // Made for kids only: not for "men's", nor for a husband; a son or a daughter may be a child.
  return !(e.audience !== undefined || (e.recipient !== undefined && ADULT.has(e.recipient)));
}
