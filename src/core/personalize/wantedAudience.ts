/**
 * Whom the shopper wants products for, and whether a product is made for someone else.
 *
 * Two readings. Who the products are for, in the intent score: the audience said of the products
 * ("a men's watch for my wife" is a men's watch), else the recipient's ("a jacket for my husband":
 * men) — a product made for another audience ranks lower. And the constraint (constraints.ts
 * `audience`), {@link heldAudience}: an audience said of the products ("men's jacket", "pulsera de
 * hombre", "for him"), where a product made only for someone else is left out while others meet what
 * was asked; and a woman's or a man's recipient ("una camisa para mi novio": men's shirts, not a women's
 * blouse; "something for my dad": not the women's jacket), where only a product made for the other sex is
 * left out (decision 0016). A child's recipient only ranks, and so does one of several people named ("a
 * shirt for my wife and a jacket for my husband"): "my son" or "my grandchild" may be a child or an
 * adult. A product the shopper names for a partner ("the zipped jacket for my girlfriend") is shown as
 * named (personalize.ts `named`) and said to miss it. A product that says nothing of its audience, or is
 * for both women and men, is for anyone. Pure.
 */
import { recipientIs } from '../intent/gift.ts';
import type { IntentEntities } from '../intent/types.ts';
import type { ProductAudience } from './productAudience.ts';

/** Audience of a recipient (`mother` → female), or of their sex where only that says it ("mi amiga", "my partner, he…"). */
export function recipientAudience(recipient: string, sex?: 'female' | 'male'): ProductAudience | undefined {
  return recipientIs(recipient) ?? sex;
}

const STATED_AUDIENCE: Readonly<Record<NonNullable<IntentEntities['audience']>, ProductAudience>> = { women: 'female', men: 'male', kids: 'child' };

/** Who the products are for: the audience said of the products, else the recipient's. */
export function wantedAudience(e: Pick<IntentEntities, 'audience' | 'recipient' | 'recipientSex'>): ProductAudience | undefined {
  return (e.audience ? STATED_AUDIENCE[e.audience] : undefined) ?? (e.recipient ? recipientAudience(e.recipient, e.recipientSex) : undefined);
}

/** The audience asked for in words, as a list's reason quotes it ("men", "women", "kids"). */
export const AUDIENCE_WORD: Readonly<Record<ProductAudience, NonNullable<IntentEntities['audience']>>> = { female: 'women', male: 'men', child: 'kids' };

/** A recipient as a reason says it to the shopper: "your husband", "your sister-in-law". */
export function yourPerson(recipient: string): string {
  return `your ${recipient.replace(/_/g, '-')}`;
}

/**
 * The audience the answer is held to (see the module doc): the one said of the products, else a woman's
 * or a man's recipient's; `undefined` when none is.
 */
export function heldAudience(e: Pick<IntentEntities, 'audience' | 'recipient' | 'recipientSex' | 'severalRecipients'>): ProductAudience | undefined {
  if (e.audience) return STATED_AUDIENCE[e.audience];
  if (!e.recipient || e.severalRecipients) return undefined;
  const a = recipientAudience(e.recipient, e.recipientSex);
  return a === 'child' ? undefined : a;
}

/**
 * Whether a product made for `madeFor` (productAudience.ts; empty: it says nothing, or is unisex) fits
 * the audience the answer is held to ({@link heldAudience}); with none held, every product does. Said
 * of the products, a product made for someone else only misses it (a kids' tee is not a men's tee); a
 * recipient's, only one made for the other sex and not theirs (a kids' tee may be for "my son").
 */
export function fitsAudience(madeFor: ReadonlySet<ProductAudience>, e: Pick<IntentEntities, 'audience' | 'recipient' | 'recipientSex' | 'severalRecipients'>): boolean {
  const held = heldAudience(e);
  if (held === undefined || madeFor.size === 0 || madeFor.has(held)) return true;
  if (e.audience) return false;
  return fitsPerson(madeFor, held);
}

/**
 * Whether a product made for `madeFor` is made only for the audience the shopper refused ("a bracelet,
 * not for men": the men's bracelet; `IntentEntities.notAudience`). One made for others too, or that says
 * nothing of its audience, is not.
 */
export function refusedAudienceHit(madeFor: ReadonlySet<ProductAudience>, e: Pick<IntentEntities, 'notAudience'>): boolean {
  if (e.notAudience === undefined || madeFor.size === 0) return false;
  const refused = STATED_AUDIENCE[e.notAudience];
  for (const a of madeFor) if (a !== refused) return false;
  return true;
}

/** Whether a product made for `madeFor` suits a person of `audience` (a recipient's): not made for the other sex only. */
export function fitsPerson(madeFor: ReadonlySet<ProductAudience>, audience: ProductAudience): boolean {
  if (madeFor.size === 0 || madeFor.has(audience) || audience === 'child') return true;
  return !madeFor.has(audience === 'female' ? 'male' : 'female');
}
