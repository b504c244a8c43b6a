/**
 * Two-speed memory. The long-term profile learns slowly from behaviour (days to weeks); what the
 * shopper says in a conversation lives here, in a short-lived session context (minutes), merged turn by
 * turn and never written into the profile. A gift conversation also marks the events recorded during
 * it, so that buying for someone else does not rewrite the shopper's own tastes.
 */
import type { UserEvent } from '../events/userEvent.ts';
import { canonicalColour, colourKey, withShades } from '../intent/colours.ts';
import { MATERIALS, materialFamily } from '../intent/materials.ts';
import { isPlaceName } from '../intent/places.ts';
import { CATEGORY_SYNONYMS } from '../intent/synonyms.ts';
import type { Budget, Intent, IntentEntities, Rejection, SoftKind } from '../intent/types.ts';
import type { ClearedKind } from '../intent/turns.ts';
import { keptKinds, type KindGroups, type KindPeople } from './askedKinds.ts';

/** Default lifetime of a conversation's context after its last turn: 15 minutes. */
export const DEFAULT_SESSION_TTL_MS = 15 * 60_000;

/** The accumulated intent of one conversation. */
export interface SessionContext {
  readonly shop: string;
  readonly sessionId: string;
  /** Whose conversation it is, when known (gift marking of events uses it). */
  readonly userId?: string;
  /** The merged intent: the latest turn's type and confidence, entities accumulated across turns. */
  readonly intent: Intent;
  /** Turns merged so far. */
  readonly turns: number;
  /**
   * The product the conversation is about: the latest turn's `productId` (the one viewed or discussed),
   * kept while later turns name none. A comparative that names it ("anything cheaper than the sofa?")
   * is read against it (comparedProduct.ts).
   */
  readonly product?: string;
  /**
   * When the conversation came to {@link product}: the turn that discussed it (`productId`) or named it
   * by its title. A product viewed later (track_event, the pixel) is the one it is about now
   * (conversationProduct.ts).
   */
  readonly productAt?: number;
  /**
   * Fingerprints of the shopper's messages merged so far (intent/transcript.ts `turnKey`), the latest
   * {@link HEARD_MAX}: an agent passing the whole conversation again each turn has its earlier messages
   * read once, not merged again over what later turns changed.
   */
  readonly heard?: readonly string[];
  /**
   * The two products the latest comparison by name weighed ("the Red Sports Tee or the Floral White
   * Top?": personalize/comparedPair.ts), for a later turn that speaks of them ("the cheaper of the two",
   * "la más barata de las dos"). A turn starting a new search lets them go.
   */
  readonly compared?: readonly string[];
  /**
   * Kinds asked for together ("a ring and matching earrings": askedKinds.ts), while the kinds sought
   * are still theirs: each is to be represented in the list.
   */
  readonly kinds?: KindGroups;
  /** Whom each of {@link kinds} is for, as the turn that asked for them named ("… and a jacket for my husband"). */
  readonly kindPeople?: KindPeople;
  /**
   * Tastes said as the whole household's ("my family only wears silver", "everything silver please",
   * "en mi familia nadie usa oro": intent/turns.ts `tastesForEveryone`): every person named later
   * starts with them, where a new person otherwise starts without the earlier one's ({@link withoutTastes}).
   */
  readonly shared?: Tastes;
  /**
   * The last answer of several products: its cheapest and its dearest product, its products in order,
   * and when it was shown. "Anything cheaper?" said after it, of no product, is held below the cheapest
   * of them ("more expensive ones?" above the dearest), unless a product was discussed or viewed since;
   * "the second one" is its second product (intent/ordinals.ts).
   */
  readonly shown?: ShownList;
  /**
   * Products the shopper refused by their place in a list shown ("I don't like the first one", "el
   * segundo tampoco") or said they own ("I already have the silver threader one"): left out of the
   * answers while the search goes on; a new search lets them go.
   */
  readonly refused?: readonly string[];
  readonly startedAt: number;
  readonly updatedAt: number;
}

/** See {@link SessionContext.shown}. */
export interface ShownList {
  readonly cheapest: string;
  readonly dearest: string;
  /** Its products in the order shown (the first {@link SHOWN_MAX}): "the second one" is `ids[1]`. */
  readonly ids?: readonly string[];
  /** The products of the lists shown before it while the shopper kept asking for others ("show me more"): none is shown again. */
  readonly earlier?: readonly string[];
  readonly at: number;
}

/** Most products of a list a conversation keeps in order ({@link ShownList.ids}). */
export const SHOWN_MAX = 10;

/** Most message fingerprints a conversation keeps ({@link SessionContext.heard}). */
export const HEARD_MAX = 64;

/** Whether the conversation is about a present for someone else. */
export function isGiftSession(s: SessionContext | undefined): boolean {
  return !!s && s.intent.entities.isGift && s.intent.entities.recipient !== 'self';
}

/**
 * Whether a request looks for a present for someone else (this turn's intent, else the conversation's):
 * then nothing is chosen by the shopper's own tastes, neither their affinities nor the base list their
 * own history seeds.
 */
export function isForAnother(intent: Pick<Intent, 'entities'> | undefined, session: SessionContext | undefined): boolean {
  const e = (intent ?? session?.intent)?.entities;
  return (e?.isGift === true && e.recipient !== 'self') || isGiftSession(session);
}

function sameRejection(a: Rejection, b: Rejection): boolean {
  return a.kind === b.kind && a.value.toLowerCase() === b.value.toLowerCase();
}

/** Each canonical kind of the synonym table (lower case) → the kinds its family word also asks for, transitively. */
const FAMILY: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const direct = new Map<string, readonly string[]>();
  for (const g of CATEGORY_SYNONYMS) if (g.narrower) direct.set((g.en[0] as string).toLowerCase(), g.narrower.map((n) => n.toLowerCase()));
  const out = new Map<string, Set<string>>();
  for (const k of direct.keys()) {
    const seen = new Set<string>();
    const todo = [...(direct.get(k) ?? [])];
    while (todo.length > 0) {
      const n = todo.pop() as string;
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(...(direct.get(n) ?? []));
    }
    out.set(k, seen);
  }
  return out;
})();

/** A category value's path in the shop taxonomy ("Home > Furniture > Sofas" → home, furniture, sofas). */
function pathOf(v: string): string[] {
  return v.toLowerCase().split(/>|\//).map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Whether two category values name the same kind, or one a narrower kind of the other: the same value,
 * a taxonomy path under the other ("Home > Furniture" and "Home > Furniture > Sofas"), or a family of
 * the synonym table and one of its kinds ("jewelry" and "earrings").
 */
export function relatedKinds(a: string, b: string): boolean {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  if (x === y) return true;
  const px = pathOf(x);
  const py = pathOf(y);
  const under = (p: string[], q: string[]): boolean => p.length < q.length && p.every((s, i) => s === q[i]);
  if (under(px, py) || under(py, px)) return true;
  return FAMILY.get(x)?.has(y) === true || FAMILY.get(y)?.has(x) === true;
}

/**
 * Whether this turn starts a new search: it names kinds of product and none of them is, or is related
 * to ({@link relatedKinds}), a kind the conversation was about ("silver earrings" → "now a sofa"; not
 * "earrings under 50", "hoops" after "jewelry", nor "something cheaper" or "show me more", which name
 * no kind).
 */
export function isNewSearch(prev: IntentEntities, next: IntentEntities): boolean {
  if (next.categories.length === 0 || prev.categories.length === 0) return false;
  return !next.categories.some((b) => prev.categories.some((a) => relatedKinds(a, b)));
}

/**
 * What of a budget goes on to another kind of product ({@link withoutAttributes}). A cap alone ("up to
 * $50", "menos de 50", "around 60") is what the shopper means to spend: it stays. So does a range said
 * as the shopper's money (`spending`, marked by intent/budget.ts: "my budget is 20-45 dollars total",
 * "I want to spend 50 to 100 on the garden", "tengo entre 30 y 50 dólares para gastar"): the next kind
 * is bought with the same money. A budget with a floor said of the item ("a sofa between 80 and 120
 * euros", "a rug over 200") goes with its kind: pillows at 80 or more make no sense, and the cap of
 * that range was the sofa's. A new number states the next one.
 */
export function budgetForAnotherKind(b: Budget | undefined): Budget | undefined {
  return b?.min === undefined || b.spending === true ? b : undefined;
}

/**
 * The entities without what was said of the kinds sought: colours, brands, sizes, materials, which of
 * them were only preferences, a price said relative to a product ("cheaper earrings than these"
 * says nothing of what a bracelet may cost), and a range said of the item ({@link budgetForAnotherKind}). A cap
 * stated with a number stays: it is what the shopper means to spend, not a property of one kind ("a gold
 * necklace, up to $50", then "what about bracelets?" still shows bracelets up to 50); letting go of it
 * is said ("forget the budget", intent/turns.ts) or a new number replaces it.
 */
function withoutAttributes(e: IntentEntities): IntentEntities {
  const { soft: _soft, priceRelative: _relative, priceFar: _far, priceAnchor: _anchor, budget: said, ...rest } = e;
  const { materials: _materials, ...kept } = rest;
  const budget = budgetForAnotherKind(said);
  return { ...kept, ...(budget ? { budget } : {}), brands: [], colours: [], sizes: [] };
}

/** Whom a turn's recipient names: no recipient is the shopper (or nobody said), as "for me" is. */
function person(recipient: string | undefined): string {
  return recipient ?? 'self';
}

/** What a person's tastes are, as far as a new person goes ({@link withoutTastes}): the colours, materials and sizes wished for, the looks disliked. */
export type Tastes = Pick<IntentEntities, 'colours' | 'materials' | 'sizes' | 'rejections'>;

/** A rejection of a look: a colour, or a metal ruled out as a material ("nada de oro"). */
function isLook(r: Rejection): boolean {
  return r.kind === 'colour' || (r.kind === 'material' && canonicalColour(r.value) !== undefined);
}

/** The tastes of merged entities ({@link Tastes}). */
function tastesOf(e: IntentEntities): Tastes {
  return { colours: e.colours, ...(e.materials && e.materials.length > 0 ? { materials: e.materials } : {}), sizes: e.sizes, rejections: e.rejections.filter(isLook) };
}

/**
 * Whether this turn names another person to shop for than the earlier turns did ("silver earrings, no
 * gold" for the shopper, then "now something for my mother-in-law"; "for my mom, she likes silver",
 * then "and for my dad?"). Restating the same person ("for my mom… she'd also like a scarf") is none.
 */
export function isNewPerson(prev: IntentEntities, next: IntentEntities): boolean {
  return next.recipient !== undefined && person(next.recipient) !== person(prev.recipient);
}

/**
 * The entities without the earlier person's tastes ({@link isNewPerson}): the colours, materials and
 * sizes wished for, and the colours disliked (metals included: "no gold" is a look, "nada de oro"), do
 * not speak for someone else. What is sought (the kinds), the brands, the budget and the other
 * rejections stay: "no leather" or "nothing from Acme" is more often the shopper's own rule (a vegan, a
 * brand they avoid) than the wearer's taste, and keeping a rejection hides some products the shopper
 * can see listed in `must_not`, while dropping it would show what they said they do not want.
 */
function withoutTastes(e: IntentEntities, shared?: Tastes): IntentEntities {
  const { materials: _materials, ...rest } = e;
  const soft = e.soft?.filter((k) => k !== 'colour' && k !== 'size');
  const { soft: _soft, ...kept } = rest;
  const rejections = e.rejections.filter((r) => !isLook(r));
  // The household's tastes ("my family only wears silver") are everyone's: the new person starts with them.
  if (shared) {
    for (const r of shared.rejections) if (!rejections.some((x) => sameRejection(x, r))) rejections.push(r);
    return { ...kept, ...(soft && soft.length > 0 ? { soft } : {}), colours: shared.colours, ...(shared.materials ? { materials: shared.materials } : {}), sizes: shared.sizes, rejections };
  }
  return { ...kept, ...(soft && soft.length > 0 ? { soft } : {}), colours: [], sizes: [], rejections };
}

/** How a turn naming a new person treats the earlier tastes ({@link mergeEntities}). */
export interface TasteCarry {
  /** The turn carries them over in words ("same for my mum", "the same size", "and one for my husband": intent/turns.ts `carriesTastes`). */
  readonly keep?: boolean;
  /** The turn only says whom the products are for (intent/turns.ts `namesWhomOnly`): after turns that named nobody, that person's they are. */
  readonly whomOnly?: boolean;
  /** The household's tastes ({@link SessionContext.shared}): kept for every new person. */
  readonly shared?: Tastes;
}

/**
 * The entities without the kind of product sought and what was said of it (its attributes, purposes,
 * title words, "cheap"): a turn asking for something to go with the product discussed ("which shirt
 * goes with it?", "what else would go well with it?": intent/turns.ts `goesWith`) asks for a new kind
 * (or, naming none, any kind), not for more of the one chosen in its colour. The budget stated with a
 * number, rejections, the recipient and the occasion stay: they are the shopper's.
 */
function withoutKind(e: IntentEntities): IntentEntities {
  const { purposes: _purposes, terms: _terms, subkinds: _subkinds, pricePreference: _cheap, byPrice: _byPrice, onSale: _onSale, ...rest } = withoutAttributes(e);
  return { ...rest, categories: [] };
}

/**
 * What a turn asking for something to go with what was chosen keeps of it ({@link withoutKind}), plus
 * its metal as a preference (`soft`): "aretes plateados", then "y un collar que combine?" or "a
 * matching necklace" wants the necklace to match the silver, first, without hiding the necklaces of
 * another colour. Other colours do not carry: what goes with navy trousers is rarely navy ("which shirt
 * goes with it?" shows shirts of any colour). A colour said in the turn itself replaces it. Materials
 * that are not metals ("leather") do not carry: a material asked for is always held, never only preferred.
 */
function complementOf(e: IntentEntities, chosenMetals: readonly string[] = []): IntentEntities {
  const rest = withoutKind(e);
  // Only a metal: silver earrings want a silver necklace, but what goes with navy trousers is rarely navy.
  // Said of none, the metal of the product chosen ("the cheaper of the two" was the Pretty Gold Necklace).
  const said = e.colours.filter(isMetal);
  const metals = said.length > 0 ? said : chosenMetals;
  if (metals.length === 0) return rest;
  return { ...rest, colours: [...metals], soft: ['colour'] };
}

/** Colours that are metals: what "matching" jewellery shares. */
const METAL_COLOURS: ReadonlySet<string> = new Set(['gold', 'silver', 'rose gold', 'platinum', 'bronze', 'copper', 'brass']);

/** Whether a colour said ("plateado", "Silver") is a metal ({@link METAL_COLOURS}). */
function isMetal(colour: string): boolean {
  return METAL_COLOURS.has(colourKey(colour));
}

/**
 * Merges one turn's entities into the accumulated ones: a stated budget, category list, brand list,
 * colour list, size list, recipient or occasion replaces the earlier one (a colour, brand, size or
 * category list with whether it is only a preference, `soft`); rejections accumulate (a value named positively
 * again is no longer rejected, a kind rejected now leaves the kinds sought: "forget the necklace"); the
 * gift flag holds until the shopper says the purchase is for themselves. The colours, brands, sizes and
 * budget said of one kind of product stay with it: a turn that starts a new search ({@link isNewSearch}:
 * "silver earrings under 50", then "now a sofa") does not take them to the new kind, while a refinement
 * of the same search ("something cheaper") keeps them. A budget cap stated with a number is the
 * shopper's for the conversation and stays through a new search too, until cleared or replaced, as
 * does a range said as the shopper's money ("my budget is 20-45"); a budget with a floor said of the
 * item ("a sofa between 80 and 120") goes with its kind ({@link budgetForAnotherKind}).
 *
 * A turn naming another person to shop for ({@link isNewPerson}: "now something for my mother-in-law")
 * starts without the earlier person's tastes: the colours, materials and sizes wished for and the
 * colours (metals included) disliked ({@link withoutTastes}): "nada de oro", then "ahora para mi
 * suegra, ella sí quiere oro" wants gold. Unless `tastes` says otherwise: the turn carries them in
 * words (`keep`: "same for my mum", "she is the same size", "and one for my husband", "lo mismo para
 * mi madre"), or some were said as the household's (`shared`: "my family only wears silver"), which
 * every person starts with. For the same person a material ruled out stays ruled out whatever a later
 * remark says of it ("the leather ones look cheap").
 *
 * `complements`: the turn asks for something to go with the product discussed ({@link complementOf}):
 * the earlier kind and its materials, sizes and brands do not carry over, its colours only as a
 * preference ("a matching necklace" after silver earrings: silver first); its own hold, and one naming
 * no kind holds none.
 *
 * `adds`: the turn adds what it names to the earlier values ("silver is fine too", "bracelets as
 * well": intent/turns.ts `addsToEarlier`): its categories, brands, colours, materials and sizes join
 * the earlier ones instead of replacing them, and it starts no new search.
 *
 * `cleared`: what this turn lets go of (intent/turns.ts): an empty list said by a caller (`colours: []`)
 * or words ("forget the budget", "el precio da igual"). A cleared kind keeps nothing from earlier
 * turns: a cleared list is this turn's (empty) one, cleared rejections leave only this turn's, and a
 * cleared budget leaves none, nor the price preference ("cheap") unless this turn states one (the
 * words only clear the budget when no budget follows them: "forget the budget, under 80" sets 80).
 *
 * A turn saying only a place ("for indoors" after "pots for my plants") keeps the kinds asked for, also
 * where the shop's own kinds are named by place ("Indoor", "Outdoor") and the words read as one; a turn
 * saying the other place than the one held ("something for my garden", then "something for indoors")
 * starts the kinds anew.
 *
 * A price said relative to the product discussed ("cheaper than that": `priceRelative`) is held like
 * the budget: it stays through refinements, goes with a new search, with a cleared budget and with a
 * budget stated with a number (the number wins), and this turn's stands whatever it clears. The price
 * is held to the product this turn compares with by name (its `priceAnchor`: "cheaper than the Dainty
 * Gold Necklace"), else to `about`, the product this turn is about (the request's `productId`: a later
 * turn naming another product re-anchors it), else to the product it was said of.
 */
export function mergeEntities(
  before: IntentEntities,
  said: IntentEntities,
  cleared: readonly ClearedKind[] = [],
  about?: string,
  adds = false,
  complements = false,
  tastes: TasteCarry = {},
  words: TurnSays = {},
): IntentEntities {
  // "For indoors" after "pots for my plants": a place said where a shop names its kinds by place
  // ("Indoor", "Outdoor") is where the pots are for, not a new kind sought.
  // Not after kinds asked for by a place ("garden stuff" read as "Outdoor", then "something for indoors": the indoor ones).
  if (said.place !== undefined && before.categories.length > 0 && !before.categories.some(isPlaceName) && said.categories.length > 0 && said.categories.every(isPlaceName)) {
    const { purposes: _p, ...rest } = said;
    return mergeEntities(before, { ...rest, categories: [] }, cleared, about, adds, complements, tastes, words);
  }
  // The other place after the place's own things ("something for my garden", read as the shop's
  // "Outdoor" and the garden's kinds, then "something for indoors"): those kinds, what they were for and
  // their title words were the other place's; the budget and the people stay. Not after a kind of its own
  // ("a table for the garden", then "and for indoors?": indoor tables).
  if (said.place !== undefined && before.place !== undefined && said.place !== before.place && before.categories.some(isPlaceName) && said.categories.every(isPlaceName)) {
    const { purposes: _p, terms: _t, subkinds: _s, place: _pl, ...rest } = before;
    return mergeEntities({ ...rest, categories: [] }, said, cleared, about, adds, complements, tastes, words);
  }
  // "Leather is fine" after "not leather": the refusal is lifted, and leather is allowed, not asked for.
  const allowed = allowedForms(words.allowed);
  const lifted = before.rejections.filter((r) => allowed.has(r.value.toLowerCase()));
  const unrefused = lifted.length === 0 ? before : { ...before, rejections: before.rejections.filter((r) => !lifted.includes(r)) };
  // Said "too" ("leather is fine too"), it joins what was already wished of its kind, if anything was: else it is only allowed.
  // A metal ruled out as a material ("not gold") joins the colours wished ("silver"), as it is read as one when wished.
  const joins = (r: Rejection): boolean =>
    adds &&
    (r.kind === 'colour' || (r.kind === 'material' && canonicalColour(r.value) !== undefined)
      ? before.colours.length > 0
      : r.kind === 'material'
        ? (before.materials?.length ?? 0) > 0
        : r.kind === 'brand'
          ? before.brands.length > 0
          : before.categories.length > 0);
  const onlyAllowed = lifted.filter((r) => !joins(r));
  const next = onlyAllowed.length === 0 ? said : withoutValues(said, new Set(onlyAllowed.map((r) => r.value.toLowerCase())));
  const kindly = complements ? complementOf(unrefused, words.chosenMetals) : !adds && isNewSearch(unrefused, next) ? withoutAttributes(unrefused) : unrefused;
  // "Gold necklace", then "for my mom": the necklace was for her all along, gold and all.
  const sameAsked = tastes.whomOnly === true && before.recipient === undefined;
  const newPerson = !adds && !sameAsked && isNewPerson(before, next);
  const prev = newPerson && !tastes.keep ? withoutTastes(kindly, tastes.shared) : kindly;
  const lower = (v: string): string => v.toLowerCase();
  const clears = new Set(cleared);
  // "In a different colour": the colours so far are ruled out now (unless the turn names one itself).
  const otherThan: readonly Rejection[] = next.colours.length === 0 ? (words.otherThan ?? []).map((value) => ({ kind: 'colour', value })) : [];
  const rejectedNow = new Set([...next.rejections, ...otherThan].map((r) => lower(r.value)));
  // A change of mind about a kind asked for takes the kinds its word was read as with it ("forget the
  // bedroom": Bedroom, and the Bed, Bed Clothes and Drawers it was also read as).
  if (words.changesMind && words.forgets) {
    const wished = new Set(prev.categories.map(lower));
    if (next.rejections.some((r) => r.kind === 'category' && wished.has(lower(r.value)))) for (const c of words.forgets) rejectedNow.add(lower(c));
  }
  // A list stated in this turn replaces the earlier one (or joins it, when the turn adds); a kept
  // earlier list loses what is now rejected.
  const kept = (a: readonly string[]): readonly string[] => a.filter((v) => !rejectedNow.has(lower(v)));
  const pick = (a: readonly string[], b: readonly string[], kind: ClearedKind): readonly string[] =>
    clears.has(kind) ? b : b.length === 0 ? kept(a) : adds ? [...new Set([...kept(a), ...b])] : b;
  const categories = pick(prev.categories, next.categories, 'category');
  // What the products are for goes with the kinds asked for: new kinds bring their own (or none), no
  // kind left leaves none, and what is now rejected goes.
  const purposes = (next.categories.length > 0 || next.purposes !== undefined ? next.purposes : categories.length > 0 ? prev.purposes : undefined)?.filter((v) => !rejectedNow.has(lower(v)));
  const brands = pick(prev.brands, next.brands, 'brand');
  // "Silver instead" after "a pearl necklace": the look said now is the whole look (pearl was kept beside silver).
  const namesMaterial = (next.materials?.length ?? 0) > 0 || next.colours.some(isMetal);
  const lookAnew = !adds && (words.replacesLook === 'instead' ? next.colours.length > 0 || namesMaterial : words.replacesLook === 'then' && namesMaterial);
  const colours = lookAnew ? next.colours : pick(prev.colours, next.colours, 'colour');
  // Materials asked for go with the colours (the look): this turn's, else the earlier ones, minus what is now rejected.
  // An earlier material that is also a colour ("gold", "silver") is a colour said then: a turn naming
  // other colours without adding ("actually she prefers silver") replaces it too.
  const recoloured = (v: string): boolean => next.colours.length > 0 && !adds && canonicalColour(v) !== undefined && !next.colours.some((c) => lower(c) === lower(v));
  // A colour let go ("forget the colour") takes the metals with it, not silk or leather.
  const merged = lookAnew ? next.materials : clears.has('colour') ? keptMaterials(next.materials, prev.materials?.filter((v) => canonicalColour(v) === undefined && !rejectedNow.has(lower(v)))) : next.materials && next.materials.length > 0 ? (adds ? [...new Set([...kept(prev.materials ?? []), ...next.materials])] : next.materials) : prev.materials?.filter((v) => !rejectedNow.has(lower(v)) && !recoloured(v));
  // A kind, brand or colour asked for now is no longer rejected. Not a material: a later remark ("the
  // leather ones look cheap", "el oro le queda fatal") names it without wanting it back, and a new
  // person's taste for a metal ("ahora para mi suegra, ella sí quiere oro") is free already, the earlier
  // person's metal dislikes having gone with them (withoutTastes).
  const wantedNow = new Set([...next.categories, ...next.brands, ...next.colours].map(lower));
  const rejections: Rejection[] = [];
  if (!clears.has('rejection')) for (const r of prev.rejections) if (!wantedNow.has(lower(r.value)) && !rejections.some((x) => sameRejection(x, r))) rejections.push(r);
  // "Forget the diamonds" after asking for them: they are no longer wished for, not ruled out.
  const wishedBefore = words.changesMind ? wishesOf(before) : undefined;
  for (const r of next.rejections) if (!wishedBefore?.has(r.value.toLowerCase()) && !rejections.some((x) => sameRejection(x, r))) rejections.push(r);
  for (const r of otherThan) if (!rejections.some((x) => sameRejection(x, r))) rejections.push(r);
  // A new amount said without a currency ("make it 60", "subo a 120") is in the one said before.
  const budget: Budget | undefined = clears.has('budget') ? undefined : next.budget && !next.budget.currency && prev.budget?.currency ? { ...next.budget, currency: prev.budget.currency } : (next.budget ?? prev.budget);
  // "Cheap" holds while the kinds do: new kinds, or a budget with a number, start without it; "any price" drops it.
  const pricePreference = next.pricePreference ?? (next.categories.length > 0 || next.budget !== undefined || clears.has('budget') ? undefined : prev.pricePreference);
  // Ordered by price ("the cheapest") while that preference holds: a preference said anew says whether.
  const byPrice = next.pricePreference !== undefined ? next.byPrice : pricePreference !== undefined ? prev.byPrice : undefined;
  // "On sale" holds while the kinds do, and for the first kinds named after it ("anything on sale?" →
  // "jackets": jackets on sale); other kinds than those asked for start without it.
  // "It doesn't need to be on sale" lets it go, with this turn's own words of it.
  const onSale = clears.has('sale') ? undefined : (next.onSale ?? (next.categories.length > 0 && prev.categories.length > 0 ? undefined : prev.onSale));
  // A price relative to a product is said of its kind: a kind named anew ("also some sneakers" after
  // "a bit cheaper than the zipped jacket") is not held below that jacket.
  const newKind = next.categories.some((c) => !prev.categories.includes(c));
  // Nor is a new person's ("cheaper than that one" of mom's bangle, then "and for my dad? something for men").
  const priceRelative = next.priceRelative ?? (next.budget !== undefined || clears.has('budget') || newKind || newPerson ? undefined : prev.priceRelative);
  const priceAnchor = priceRelative ? (next.priceAnchor ?? about ?? prev.priceAnchor) : undefined;
  // The step goes with the comparative it was said with.
  const priceFar = priceRelative ? (next.priceRelative ? next.priceFar : prev.priceFar) : undefined;
  const recipient = next.recipient ?? prev.recipient;
  // Whether the recipient is a woman or a man goes with the turn that named them.
  const recipientSex = next.recipient !== undefined ? next.recipientSex : prev.recipientSex;
  // Several people named go with the recipient of the turn that named them.
  const severalRecipients = next.recipient !== undefined ? next.severalRecipients : prev.severalRecipients;
  // "men's" said of the products holds while the kinds do: new kinds without it ("now a summer
  // dress") start without it, and a recipient named now speaks for the new products.
  // A turn refusing the audience held ("actually, not for kids") lets it go.
  // The same kind said again ("mens jackets", then an agent's `category: "jacket"`) keeps it.
  const audience = next.audience ?? ((next.categories.length > 0 && isNewSearch(prev, next)) || next.recipient !== undefined || next.notAudience === prev.audience ? undefined : prev.audience);
  // An audience refused holds as a rejection does ("a dress, not for kids" → "in red": still not the kids'
  // dresses), until the shopper asks for it or names someone ("now for my son").
  const notAudience = next.notAudience ?? (next.audience === prev.notAudience || next.recipient !== undefined ? undefined : prev.notAudience);
  const occasion = next.occasion ?? prev.occasion;
  // Where the products are for holds for the next kinds until another place is said ("mi terraza" → "una mesa").
  const place = next.place ?? prev.place;
  // Products named by their titles go with the kinds asked for, as purposes do.
  const terms = next.categories.length > 0 || next.terms !== undefined ? next.terms : prev.terms;
  // So do the narrower kinds named ("a choker", then "not black": a choker still), while their kinds are asked for.
  const subkinds = (next.categories.length > 0 ? next.subkinds : prev.subkinds)?.filter((s) => !rejectedNow.has(s));
  const isGift = next.recipient === 'self' ? false : next.isGift || (prev.isGift && recipient !== 'self');
  // A kind said of one compared option only stays a preference while its values are the ones said then.
  const statedNow: Readonly<Record<SoftKind, boolean>> = {
    colour: next.colours.length > 0 || clears.has('colour'),
    brand: next.brands.length > 0 || clears.has('brand'),
    size: next.sizes.length > 0 || clears.has('size'),
    category: next.categories.length > 0 || clears.has('category'),
  };
  const soft = (['colour', 'brand', 'size', 'category'] as const).filter((k) => (statedNow[k] ? next.soft : prev.soft)?.includes(k));
  // A material still ruled out is not wished for because a remark named it ("the leather ones look cheap").
  const ruledOut = new Set(rejections.filter((r) => r.kind === 'material' && !next.rejections.includes(r)).map((r) => lower(r.value)));
  const materials = merged?.filter((v) => !ruledOut.has(lower(v)));
  return {
    ...(budget ? { budget } : {}),
    ...(pricePreference ? { pricePreference } : {}),
    ...(byPrice ? { byPrice } : {}),
    // A count is said for its turn ("the 2 cheapest", "show me 3 shirts"; the next turn asks for a list again).
    ...(next.howMany !== undefined ? { howMany: next.howMany } : {}),
    ...(onSale ? { onSale } : {}),
    ...(priceRelative ? { priceRelative } : {}),
    ...(priceFar ? { priceFar } : {}),
    ...(priceAnchor ? { priceAnchor } : {}),
    categories,
    ...(purposes && purposes.length > 0 ? { purposes } : {}),
    brands,
    colours,
    ...(materials && materials.length > 0 ? { materials } : {}),
    sizes: pick(prev.sizes, next.sizes, 'size'),
    ...(soft.length > 0 ? { soft } : {}),
    rejections,
    ...(recipient ? { recipient } : {}),
    ...(recipient && recipientSex ? { recipientSex } : {}),
    ...(recipient && severalRecipients ? { severalRecipients } : {}),
    ...(audience ? { audience } : {}),
    ...(notAudience && notAudience !== audience ? { notAudience } : {}),
    ...(occasion ? { occasion } : {}),
    ...(place ? { place } : {}),
    ...(terms && terms.length > 0 ? { terms } : {}),
    ...(subkinds && subkinds.length > 0 && categories.length > 0 ? { subkinds } : {}),
    isGift,
  };
}

/** What a turn's words say of earlier wishes and refusals ({@link mergeEntities}; intent/turns.ts reads them). */
export interface TurnSays {
  /**
   * Words said to be acceptable again ("leather is fine", "ok brown is fine", "el cuero está bien";
   * intent/turns.ts `allowedNow`): an earlier refusal of one is lifted, and the turn does not ask for it
   * (unless it adds: "gold is fine too").
   */
  readonly allowed?: readonly string[];
  /**
   * The turn changes its mind ("forget the diamonds", "never mind the bedroom"; intent/turns.ts
   * `changesMind`): what it rules out that an earlier turn asked for is no longer asked for, not refused.
   */
  readonly changesMind?: boolean;
  /**
   * With {@link changesMind}: the kinds the words it rules out are read as ("the bedroom": Bedroom, Bed,
   * Bed Clothes, Drawers). When it rules out a kind asked for, these go too.
   */
  readonly forgets?: readonly string[];
  /**
   * With `complements`: the metals of the product the turn's products are to go with, as its title or
   * tags show them ("Pretty Gold Necklace": gold), carried when the conversation said none.
   */
  readonly chosenMetals?: readonly string[];
  /**
   * "Do you have them in a different colour?" (intent/turns.ts `asksOtherColour`): the colours the
   * answer must now leave out, those asked for so far or the discussed product's; ruled out, and no
   * longer asked for.
   */
  readonly otherThan?: readonly string[];
  /**
   * The turn's look takes the place of the earlier one (intent/turns.ts `replacesEarlierLook`):
   * `instead` ("silver instead", "mejor en plata"): when it names colours or materials, neither the
   * earlier colours nor the earlier materials are kept; `then` ("silver then" after "a pearl necklace"):
   * so too when it names a material or a metal, while a plain colour ("blue then" after "a silk shirt
   * in red") replaces the colours alone, as any colour said does.
   */
  readonly replacesLook?: 'instead' | 'then';
}

/** Material name of each of its forms, in either language ("cuero" → leather). */
const MATERIAL_OF = new Map<string, string>(Object.entries(MATERIALS).flatMap(([m, f]) => [[m, m] as const, ...f.forms.map((x) => [x, m] as const)]));

/**
 * The lower-case values a word said to be acceptable lifts: itself, its singular, the material it names
 * ("cuero": leather) with its family ("leather": suede, nubuck), and a colour's shades ("blue": navy too).
 */
function allowedForms(words: readonly string[] | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const w of words ?? []) {
    const lw = w.toLowerCase();
    for (const form of lw.endsWith('s') ? [lw, lw.slice(0, -1)] : [lw]) {
      out.add(form);
      const material = MATERIAL_OF.get(form);
      if (material) for (const m of [material, ...materialFamily(material)]) out.add(m);
    }
    const colour = canonicalColour(lw);
    if (colour) for (const c of withShades(colour)) out.add(c.toLowerCase());
  }
  return out;
}

/** The entities without the colours, materials, kinds and brands in `values` (lower case). */
function withoutValues(e: IntentEntities, values: ReadonlySet<string>): IntentEntities {
  const keep = (a: readonly string[]): string[] => a.filter((v) => !values.has(v.toLowerCase()));
  const materials = e.materials ? keep(e.materials) : undefined;
  const { materials: _m, ...rest } = e;
  return { ...rest, categories: keep(e.categories), colours: keep(e.colours), brands: keep(e.brands), ...(materials && materials.length > 0 ? { materials } : {}) };
}

/** Everything the entities ask for, lower case: kinds, colours, brands, materials, title terms, purposes. */
function wishesOf(e: IntentEntities): ReadonlySet<string> {
  return new Set([...e.categories, ...e.colours, ...e.brands, ...(e.materials ?? []), ...(e.terms ?? []), ...(e.purposes ?? [])].map((v) => v.toLowerCase()));
}

function withoutBudget(e: IntentEntities): IntentEntities {
  const { budget: _budget, ...rest } = e;
  return rest;
}

/** The first turn's entities: without its budget when it clears its own ("under 100 … forget the budget"). */
function opening(e: IntentEntities, cleared: readonly ClearedKind[] | undefined): IntentEntities {
  return cleared?.includes('budget') && e.budget ? withoutBudget(e) : e;
}

/** The entities with a price said relative to a product held to `productId` (the product the turn is about), unless the turn named the product it compares with. */
function anchored(e: IntentEntities, productId: string | undefined): IntentEntities {
  return e.priceRelative && productId && e.priceAnchor === undefined ? { ...e, priceAnchor: productId } : e;
}

/** Options of {@link mergeIntent}; what the turn's words say of earlier wishes and refusals ({@link TurnSays}) goes to {@link mergeEntities}. */
export interface MergeOptions extends TurnSays {
  /** A context older than this (since its last turn) is forgotten before merging. */
  readonly ttlMs?: number;
  readonly userId?: string;
  /** What the turn lets go of from earlier turns ({@link mergeEntities}; intent/turns.ts reads it). */
  readonly cleared?: readonly ClearedKind[];
  /** The product the turn is about (the request's `productId`): a price said relative to it is held to it ({@link mergeEntities}). */
  readonly productId?: string;
  /** The turn adds its values to the earlier ones ({@link mergeEntities}; intent/turns.ts `addsToEarlier`). */
  readonly adds?: boolean;
  /** The turn asks for something to go with the product discussed ({@link mergeEntities}; intent/turns.ts `goesWith`). */
  readonly complements?: boolean;
  /**
   * A product the turn names by its title ("I like the Pretty Gold Necklace"): the conversation is
   * about it from now on ({@link SessionContext.product}), as with a `productId`, which wins.
   */
  readonly mentioned?: string;
  /** The fingerprint of the shopper's message this turn merges ({@link SessionContext.heard}). */
  readonly heard?: string;
  /** The products this turn compares by name ({@link SessionContext.compared}). */
  readonly compared?: readonly string[];
  /** Kinds this turn asks for together ({@link SessionContext.kinds}). */
  readonly kinds?: KindGroups;
  /** Whom each of this turn's {@link kinds} is for ({@link SessionContext.kindPeople}). */
  readonly kindPeople?: KindPeople;
  /** The turn carries the earlier person's tastes to the one it names ({@link TasteCarry.keep}; intent/turns.ts `carriesTastes`). */
  readonly keepsTastes?: boolean;
  /** The turn only says whom the products are for ({@link TasteCarry.whomOnly}; intent/turns.ts `namesWhomOnly`). */
  readonly whomOnly?: boolean;
  /** The turn says its tastes are the household's ({@link SessionContext.shared}; intent/turns.ts `tastesForEveryone`). */
  readonly sharesTastes?: boolean;
  /**
   * The turn starts the conversation over ("let's start over, a wallet for my dad"; intent/turns.ts
   * `startsOver`): nothing said before carries on (wishes, refusals, budget, people, the product
   * discussed, the pair compared); only the messages already heard (an agent resending the
   * conversation must not merge them again) and whose conversation it is.
   */
  readonly startsOver?: boolean;
  /** Products this turn refuses by their place in the list shown or owns already ({@link SessionContext.refused}). */
  readonly refuses?: readonly string[];
}

/**
 * Adds one turn to a conversation's context (or starts one). The turn's intent type, confidence,
 * scores and language win; entities merge by {@link mergeEntities}. An expired context is discarded.
 * A turn that starts the context and clears its own budget ("under 100 … forget the budget") starts
 * without it; a price it says relative to a product is held to `opts.productId`.
 */
export function mergeIntent(
  prev: SessionContext | undefined,
  next: Intent,
  now: number,
  key: { readonly shop: string; readonly sessionId: string },
  opts: MergeOptions = {},
): SessionContext {
  const ttl = opts.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const kept = prev && now - prev.updatedAt <= ttl && prev.shop === key.shop && prev.sessionId === key.sessionId ? prev : undefined;
  const live = opts.startsOver ? undefined : kept;
  const userId = opts.userId ?? kept?.userId;
  const first = live ? undefined : anchored(opening(next.entities, opts.cleared), opts.productId);
  const about = opts.productId ?? opts.mentioned;
  const product = about !== undefined ? { product: about, productAt: now } : live?.product !== undefined ? { product: live.product, ...(live.productAt !== undefined ? { productAt: live.productAt } : {}) } : {};
  const heard = [...(kept?.heard ?? []).filter((h) => h !== opts.heard), ...(opts.heard !== undefined ? [opts.heard] : [])].slice(-HEARD_MAX);
  // The pair compared holds until another is compared or the shopper looks for another kind.
  const compared = opts.compared ?? (live?.compared !== undefined && !isNewSearch(live.intent.entities, next.entities) ? live.compared : undefined);
  const carry: TasteCarry = { ...(opts.keepsTastes ? { keep: true } : {}), ...(opts.whomOnly ? { whomOnly: true } : {}), ...(live?.shared ? { shared: live.shared } : {}) };
  const intent: Intent = live
    ? { ...next, entities: mergeEntities(live.intent.entities, next.entities, opts.cleared, opts.productId, opts.adds, opts.complements, carry, opts) }
    : first === next.entities
      ? next
      : { ...next, entities: first as IntentEntities };
  // Tastes said as the household's are those the conversation holds once this turn is merged ("everything
  // silver please, my family only wears silver"); they hold until another turn says whose tastes are everyone's.
  const shared = opts.sharesTastes ? tastesOf(intent.entities) : live?.shared;
  // Kinds asked for together: this turn's when it names kinds, else the earlier ones while still sought.
  const kinds = keptKinds(opts.kinds ?? (next.entities.categories.length > 0 ? undefined : live?.kinds), intent.entities.categories);
  // Whom each kind is for goes with the kinds it was said of.
  const kindPeople = kinds === undefined ? undefined : kinds === opts.kinds ? opts.kindPeople : kinds === live?.kinds ? live?.kindPeople : undefined;
  return {
    shop: key.shop,
    sessionId: key.sessionId,
    ...(userId ? { userId } : {}),
    intent,
    turns: (live?.turns ?? 0) + 1,
    ...product,
    ...(heard.length > 0 ? { heard } : {}),
    ...(compared !== undefined ? { compared } : {}),
    ...(kinds !== undefined ? { kinds, ...(kindPeople !== undefined ? { kindPeople } : {}) } : {}),
    ...(shared !== undefined ? { shared } : {}),
    ...(live?.shown !== undefined ? { shown: live.shown } : {}),
    ...refusedSoFar(live, next, opts.refuses),
    startedAt: live?.startedAt ?? now,
    updatedAt: now,
  };
}

/**
 * Marks events recorded during a live gift conversation (`context.gift`), so that folding them adds
 * no affinity. `sessionFor` finds the shopper's live context (by the event's `context.sessionId` or
 * its user). Events already marked keep their marking.
 */
export function markGiftEvents(
  events: readonly UserEvent[],
  sessionFor: (e: UserEvent) => SessionContext | undefined,
): UserEvent[] {
  return events.map((e) => {
    if (e.context?.gift !== undefined) return e;
    const s = sessionFor(e);
    if (!isGiftSession(s)) return e;
    return { ...e, context: { ...e.context, gift: true, sessionId: (s as SessionContext).sessionId } };
  });
}

/** Products refused by place kept in a conversation (the latest {@link REFUSED_MAX}). */
const REFUSED_MAX = 20;

/** The conversation's refused products with this turn's: none kept over a new search. */
function refusedSoFar(live: SessionContext | undefined, next: Intent, now: readonly string[] | undefined): { refused?: readonly string[] } {
  const kept = live?.refused !== undefined && !isNewSearch(live.intent.entities, next.entities) ? live.refused : [];
  const all = [...new Set([...kept, ...(now ?? [])])].slice(-REFUSED_MAX);
  return all.length > 0 ? { refused: all } : {};
}

/** This turn's materials, else the earlier ones kept (none: undefined). */
function keptMaterials(now: readonly string[] | undefined, earlier: readonly string[] | undefined): readonly string[] | undefined {
  if (now && now.length > 0) return now;
  return earlier && earlier.length > 0 ? earlier : now;
}
