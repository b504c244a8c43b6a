/**
 * What the shopper asked for, held as constraints, and what happens when the shop has nothing that
 * meets all of them.
 *
 * Two tiers:
 * - **Never relaxed**: availability, the products the request leaves out (current product, cart,
 *   market), and rejections ("no leather", "not Nike"). Returning what the shopper ruled out is never
 *   an answer; when nothing else is left the list is empty and says so.
 * - **Relaxed, in this order, only as far as needed**: `sale` → `size` → `colour` → `brand` → `budget` →
 *   `audience` → `category`. `sale` is a wish for products on sale ("anything on sale?", "chaquetas con
 *   descuento"; `IntentEntities.onSale`), given up first: the jackets at full price are a better answer
 *   to "jackets on sale" than other things on sale. `audience` is whom the products are for, said of them ("men's",
 *   "de mujer") or of a kind for a woman or a man ("a shirt for my boyfriend"; wantedAudience.ts
 *   `heldAudience`): a product made only for someone else misses it, one that says nothing of its audience meets it. `colour` is what the product looks like and is made of: the colours asked for and the
 *   materials and stones asked for (`IntentEntities.materials`: "a leather bracelet", "earrings with
 *   diamonds"), held and relaxed together, and said in words as such ("in black, in leather"). A product must meet every stated one (any of several named values of a kind). When
 *   no candidate does, the first kinds in the order are dropped one by one until some candidate meets
 *   the rest; then each dropped kind but the last is tried back, so only what had to go is reported.
 *   The order keeps what the shopper is shopping for longest: running shoes over the budget before
 *   socks within it, Nike shoes in another colour before another brand in red.
 *
 * The outcome is `{satisfied: true}` when every returned item meets every stated constraint (also
 * when nothing was stated), else `{satisfied: false, relaxed, reason}` with a sentence an agent can
 * quote. A budget that could not be compared with a returned item's price (another currency and no
 * exchange rate known) is not met as far as anyone can tell: the outcome is not satisfied, says
 * `unchecked: ['budget']`, and its reason says why. A size asked for is met by a product with an
 * available variant in it, missed by one that lists its sizes without it (left out), and unknown for
 * one that lists no sizes at all (a CSV export's "Default Title"): such products are shown after
 * those that have the size, each with a `size_not_listed` note, and the outcome says `unchecked:
 * ['size']` (see {@link checkedOutcomeFor}). Pure.
 */
import { MATERIALS } from '../intent/materials.ts';
import { phraseKey } from '../intent/catalogVocabulary.ts';
import { ONE_SIZE, sizeKey } from '../intent/sizes.ts';
import { CATEGORY_SYNONYMS, SUBKIND_FORMS } from '../intent/synonyms.ts';
import type { Budget } from '../intent/types.ts';
import type { IntentEntities, Rejection } from '../intent/types.ts';
import { AUDIENCE_WORD, heldAudience, yourPerson } from './wantedAudience.ts';

/** A constraint kind that may be relaxed, in relaxation order. */
export const RELAX_ORDER = ['sale', 'size', 'colour', 'brand', 'budget', 'audience', 'category'] as const;

/** A constraint kind that may be relaxed. */
export type RelaxableConstraint = (typeof RELAX_ORDER)[number];

/** How an answer stands against what was asked. */
export interface ConstraintOutcome {
  /** True when every returned item meets every stated constraint. */
  readonly satisfied: boolean;
  /** What was relaxed to give an answer (empty when nothing could be returned, or when only `unchecked` applies); only when not satisfied. */
  readonly relaxed?: readonly RelaxableConstraint[];
  /** A sentence to quote to the shopper; only when not satisfied. */
  readonly reason?: string;
  /** Stated constraints some returned item could not be checked against (a budget in another currency than its price, no rate known; a size, the product listing none). */
  readonly unchecked?: readonly RelaxableConstraint[];
  /**
   * With `unchecked`: the outcome and what it was held to that it was worked out from, so that a caller that shows only
   * some of the items works it out again for those ({@link forShownItems}). Never shown.
   */
  readonly held?: HeldTo & { readonly base: ConstraintOutcome };
}

/** What an item's reasons may say about what it was not checked against (`hardFilters.ts` `budget_currency_unknown`, personalize.ts `size_not_listed`). */
interface BudgetNotes {
  readonly reasons: readonly { readonly source: string; readonly code?: string; readonly priceCurrency?: string; readonly budgetCurrency?: string }[];
}

/**
 * The relaxable constraints a request states. A kind the shopper said of only one of the options they
 * compare (`IntentEntities.soft`: "is the red scarf better than the silk one?", "the silk blouse or the
 * floral top?") is a preference, not a constraint: holding it would drop the other option.
 */
export function statedConstraints(e: IntentEntities | undefined, budget: Pick<Budget, 'min' | 'max'> | undefined): RelaxableConstraint[] {
  if (!e) return [];
  const soft = e.soft ?? [];
  const has: Record<RelaxableConstraint, boolean> = {
    sale: e.onSale === true,
    size: e.sizes.length > 0 && !soft.includes('size'),
    // Materials asked for are held with the colours (the look): see the module doc.
    colour: (e.colours.length > 0 && !soft.includes('colour')) || (e.materials?.length ?? 0) > 0,
    brand: e.brands.length > 0 && !soft.includes('brand'),
    budget: budget !== undefined && (budget.min !== undefined || budget.max !== undefined),
    // Said of the products ("men's jacket"), or a woman's or a man's recipient of a kind ("a shirt for my boyfriend"): wantedAudience.ts.
    audience: heldAudience(e) !== undefined,
    // A place said with no kind ("something for indoors under 20 euros") is held as the kind would be.
    category: (e.categories.length > 0 && !soft.includes('category')) || (e.categories.length === 0 && e.place !== undefined),
  };
  return RELAX_ORDER.filter((k) => has[k]);
}

/** What {@link chooseRelaxation} holds and what it lets go. */
export interface Relaxation {
  readonly keep: Set<RelaxableConstraint>;
  readonly relaxed: RelaxableConstraint[];
}

/**
 * The constraints to hold: all `stated` ones when some candidate meets them all (`meets(c, kinds)`),
 * else the fewest dropped in {@link RELAX_ORDER} for some candidate to meet the rest, those that matter
 * most kept first. `relaxed` is empty when nothing needed dropping.
 */
export function chooseRelaxation<C>(
  cands: readonly C[],
  stated: readonly RelaxableConstraint[],
  meets: (c: C, kinds: ReadonlySet<RelaxableConstraint>) => boolean,
): Relaxation {
  const keep = new Set(stated);
  const any = () => cands.some((c) => meets(c, keep));
  if (cands.length === 0 || any()) return { keep, relaxed: [] };
  const dropped: RelaxableConstraint[] = [];
  for (const k of stated) {
    keep.delete(k);
    dropped.push(k);
    if (any()) break;
  }
  // Try back every dropped kind but the one that made the difference, the one that matters most first
  // (the price asked before the colour: "a yellow watering can", then "cheaper" where the one can is
  // the only yellow thing but a sofa: cheaper garden things not in yellow, not the yellow sofa).
  for (const k of dropped.slice(0, -1).reverse()) {
    keep.add(k);
    if (!any()) keep.delete(k);
  }
  return { keep, relaxed: stated.filter((k) => !keep.has(k)) };
}

/** Words joined as a sentence lists them ("a, b or c"). */
export function list(xs: readonly string[], conj: string): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} ${conj} ${xs.at(-1) as string}`;
}

function leaf(category: string): string {
  return category.split('>').at(-1)?.trim() || category;
}

/**
 * A budget in words, with the currency it was held in: its own, else the one a budget stated without
 * one was read in (the market's); with neither, it was compared with each price in that price's own
 * currency (hardFilters.ts), and says so.
 */
export function budgetText(b: Pick<Budget, 'min' | 'max' | 'currency'>, readIn?: string): string {
  const currency = b.currency ?? readIn;
  const cur = currency ? ` ${currency.toUpperCase()}` : " in the products' own currency";
  if (b.min !== undefined && b.max !== undefined) return `between ${b.min} and ${b.max}${cur}`;
  if (b.max !== undefined) return `up to ${b.max}${cur}`;
  return `from ${b.min ?? 0}${cur}`;
}

/** Sizes in words: "size M or L", or "one size" ("talla única"). */
export function sizesText(sizes: readonly string[]): string {
  return sizes.every((s) => sizeKey(s) === ONE_SIZE_KEY) ? 'one size' : `size ${list(sizes, 'or')}`;
}

const ONE_SIZE_KEY = sizeKey(ONE_SIZE);

/** What the shopper asked for, in words ("necklaces, in silver, up to 50 USD"). */
function askedFor(e: IntentEntities, budget: Pick<Budget, 'min' | 'max' | 'currency' | 'words'> | undefined, kinds: readonly RelaxableConstraint[], readIn?: string): string {
  const parts: string[] = [];
  for (const k of kinds) {
    if (k === 'category') parts.unshift(e.categories.length > 0 ? `${kindsText(e)}${placeText(e)}` : placeText(e).trim());
    else if (k === 'brand') parts.push(`from ${list(e.brands, 'or')}`);
    else if (k === 'colour') parts.push(...lookAsked(e));
    else if (k === 'size') parts.push(`in ${sizesText(e.sizes)}`);
    else if (k === 'budget' && budget) parts.push(budget.words?.asked ?? budgetText(budget, readIn));
    else if (k === 'sale') parts.push('on sale');
  }
  // Whom they are for, right after what they are ("Jacket, for men, up to 40 USD").
  if (kinds.includes('audience')) parts.splice(kinds.includes('category') ? 1 : 0, 0, `for ${askedAudienceWord(e)}`);
  return parts.join(', ');
}


/** Each name of the synonym table (synonyms.ts), as a phrase key, and its group's canonical English name ("botas": "boots"). */
const KIND_ENGLISH: ReadonlyMap<string, string> = firstOf(CATEGORY_SYNONYMS.flatMap((g) => [...g.en, ...g.es].map((t) => [phraseKey(t), g.en[0] as string] as const)));
/** Each name of a narrower kind held (synonyms.ts `SUBKIND_FORMS`), as a phrase key, and its English name, its group's first ("sofá cama": "sofa bed"). */
const SUBKIND_ENGLISH: ReadonlyMap<string, string> = firstOf(SUBKIND_FORMS.flatMap((forms) => forms.map((f) => [phraseKey(f), forms[0] as string] as const)));

/** The table's English names, as phrase keys: a shopper's English words are quoted as said. */
const ENGLISH_NAMES: ReadonlySet<string> = new Set(CATEGORY_SYNONYMS.flatMap((g) => g.en.map(phraseKey)));

/** A kind said in English ("running shoes", "a coat", "hoop") in the plural, else its English `name` in the plural. */
function saidInEnglish(said: string, name: string | undefined): string {
  const w = said.toLowerCase();
  return englishPlural(ENGLISH_NAMES.has(phraseKey(w)) || name === undefined ? w : name);
}

function firstOf(pairs: readonly (readonly [string, string])[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of pairs) if (!out.has(k)) out.set(k, v);
  return out;
}

/** Every name of the synonym table, folded to lower case: where the plural of a kind is looked up. */
const TABLE_NAMES: ReadonlySet<string> = new Set(CATEGORY_SYNONYMS.flatMap((g) => [...g.en, ...g.es]));

/**
 * A kind's name in the plural: the table's plural of it ("choker" → "chokers", "dress" → "dresses",
 * "scarf" → "scarves"); a name the table has with no plural as it is, a thing not counted ("lingerie",
 * "jewelry", "seating"); another word with an "s" ("jumper" → "jumpers"), unless it ends with one.
 */
function englishPlural(name: string): string {
  const forms = [`${name}s`, `${name}es`, /[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : '', /f$/.test(name) ? `${name.slice(0, -1)}ves` : '', /fe$/.test(name) ? `${name.slice(0, -2)}ves` : ''];
  const listed = forms.find((f) => f !== '' && TABLE_NAMES.has(f));
  if (listed !== undefined) return listed;
  if (TABLE_NAMES.has(name) || name.endsWith('s')) return name;
  return /(?:ch|sh|x|z)$/.test(name) ? `${name}es` : `${name}s`;
}

/**
 * The kinds asked for, in the English of the sentence they are quoted in, plural and in lower case:
 * the narrower kinds when those were held (`IntentEntities.subkinds`), else the categories. A kind said
 * in English is quoted as said ("running shoes", "coats" for "a coat", "hoops"), one said in Spanish by
 * the table's English name ("chokers" for "una gargantilla", "sofa beds" for "un sofá cama", "boots"
 * for "botas"), a shop's own word in lower case ("Jumper": "jumpers"). Before, Spanish words and the
 * shop's capitalised singular were quoted as they came ("not sofá cama", "not Jumper": probe round 5).
 */
function kindsText(e: IntentEntities): string {
  if (!e.subkinds || e.subkinds.length === 0) return kindsInWords(e.categories);
  return list([...new Set(e.subkinds.map((s) => saidInEnglish(s, SUBKIND_ENGLISH.get(phraseKey(s)))))], 'or');
}

/**
 * Categories in words as a sentence quotes them ({@link kindsText}): a word of the table said by the
 * shopper (lower case) in English as said, in Spanish by the table's name ("botas": "boots"); the
 * shop's word in lower case and plural ("Jumper": "jumpers"); joined with "or".
 */
export function kindsInWords(categories: readonly string[]): string {
  const names = categories.map((c) => {
    const word = leaf(c);
    return word === word.toLowerCase() ? saidInEnglish(word, KIND_ENGLISH.get(phraseKey(word))) : englishPlural(word.toLowerCase());
  });
  return list([...new Set(names)], 'or');
}

/** " for outdoors" / " for indoors" when the kinds are asked for a place (`IntentEntities.place`): a sofa made for indoors is no outdoor sofa. */
function placeText(e: IntentEntities): string {
  return e.place ? ` for ${e.place}s` : '';
}

/** How the shown items miss a relaxed constraint. */
function missText(k: RelaxableConstraint, e: IntentEntities, budget: Pick<Budget, 'min' | 'max' | 'currency' | 'words'> | undefined, readIn?: string): string {
  switch (k) {
    case 'category':
      return e.categories.length > 0 ? `not ${kindsText(e)}${placeText(e)}` : `not${placeText(e)}`;
    case 'brand':
      return `not from ${list(e.brands, 'or')}`;
    case 'colour':
      return lookMissed(e);
    case 'size':
      return `not available in ${sizesText(e.sizes)}`;
    case 'audience':
      return `made for someone other than ${audienceWord(e)}`;
    case 'budget':
      return budget?.words ? budget.words.miss : budget ? `outside the budget (${budgetText(budget, readIn)})` : 'outside the budget';
    case 'sale':
      return 'not on sale';
  }
}

/** How a product misses the given stated kinds, in words ("not available in size M and outside the budget (up to 50 USD)"). */
export function missesText(kinds: readonly RelaxableConstraint[], e: IntentEntities, budget: Pick<Budget, 'min' | 'max' | 'currency' | 'words'> | undefined, readIn?: string): string {
  return list(kinds.map((k) => missText(k, e, budget, readIn)), 'and');
}

/** A product the shopper named to compare, shown whatever it misses of what was asked (personalize.ts `named`). */
export interface NamedShown {
  readonly title: string;
  /** The stated kinds it misses, in {@link RELAX_ORDER}. */
  readonly misses: readonly RelaxableConstraint[];
}

/**
 * The outcome of a list that shows products the shopper named to compare ("the Red Sports Tee or the
 * Floral White Top?") before the others, whatever the conversation asked before: `c`, the outcome of
 * the others, when every named product meets all of it; else not satisfied, the kinds they miss among
 * `relaxed`, and a sentence naming each product and what it misses, before `c`'s own reason. The
 * named products are what the shopper asked about: hiding one because an earlier turn's size or budget
 * rules it out would answer another question, and showing it as a match would be untrue.
 */
export function namedOutcome(c: ConstraintOutcome, shown: readonly NamedShown[], e: IntentEntities | undefined, budget: Pick<Budget, 'min' | 'max' | 'currency' | 'words'> | undefined, readIn?: string): ConstraintOutcome {
  const missing = shown.filter((n) => n.misses.length > 0);
  if (missing.length === 0 || !e) return c;
  const titles = list(shown.map((n) => n.title), 'and');
  // Products that miss the same are said together ("X and Y are not available in size M").
  const byMiss = new Map<string, string[]>();
  for (const n of missing) {
    const miss = missesText(n.misses, e, budget, readIn);
    byMiss.set(miss, [...(byMiss.get(miss) ?? []), n.title]);
  }
  const each = [...byMiss].map(([miss, ts]) => (shown.length === 1 ? `it is ${miss}` : `${list(ts, 'and')} ${ts.length === 1 ? 'is' : 'are'} ${miss}`));
  const sentence = `${titles} ${shown.length === 1 ? 'is' : 'are'} shown because ${shown.length === 1 ? 'it was' : 'they were'} asked about, but ${list(each, 'and')}, which was asked for.`;
  const kinds = new Set([...(c.relaxed ?? []), ...missing.flatMap((n) => n.misses)]);
  return {
    satisfied: false,
    relaxed: RELAX_ORDER.filter((k) => kinds.has(k)),
    reason: c.satisfied || !c.reason ? sentence : `${sentence} ${c.reason}`,
    ...(c.unchecked ? { unchecked: c.unchecked } : {}),
  };
}

/**
 * The outcome of a list asked for several kinds together ("a ring and matching earrings": askedKinds.ts)
 * when the shop has something for only some of them: not satisfied, `category` among `relaxed`, and a
 * sentence naming the kinds it has nothing for (that fits what else was asked), after `c`'s own reason.
 * `c` itself when nothing is `missing`, or nothing at all is `present` (then `c` already says so).
 */
export function kindsOutcome(c: ConstraintOutcome, missing: readonly (readonly string[])[], present: readonly (readonly string[])[]): ConstraintOutcome {
  if (missing.length === 0 || present.length === 0) return c;
  const words = (gs: readonly (readonly string[])[], conj: string) => list(gs.map((g) => list(g.map(leaf), 'or')), conj);
  const sentence = `This shop has no ${words(missing, 'or')} that fits what was asked; the products shown are ${words(present, 'and')} only.`;
  const kinds = new Set<RelaxableConstraint>([...(c.relaxed ?? []), 'category']);
  return {
    satisfied: false,
    relaxed: RELAX_ORDER.filter((k) => kinds.has(k)),
    reason: c.satisfied || !c.reason ? sentence : `${c.reason} ${sentence}`,
    ...(c.unchecked ? { unchecked: c.unchecked } : {}),
  };
}

/** The audience held in words ("men"). */
function audienceWord(e: IntentEntities): string {
  const a = heldAudience(e);
  return a ? AUDIENCE_WORD[a] : 'the person asked for';
}

/**
 * Whom the products were held to be for, said back as asked: the person named when the audience is
 * theirs ("una camisa blanca para mi hijo": "Shirts, for your son, in white"; "a watering can for my
 * mother": "for your mother", not "for women"), else the audience said of the products ("men").
 */
function askedAudienceWord(e: IntentEntities): string {
  return e.audience === undefined && e.recipient !== undefined && heldAudience(e) !== undefined ? yourPerson(e.recipient) : audienceWord(e);
}

/** Stones are set in a product ("with diamond"), other materials are what it is made of ("in leather"). */
function materialsText(ms: readonly string[]): string {
  const stones = ms.filter((m) => MATERIALS[m]?.stone === true);
  const made = ms.filter((m) => !stones.includes(m));
  return [...(made.length > 0 ? [`in ${list(made, 'or')}`] : []), ...(stones.length > 0 ? [`with ${list(stones, 'or')}`] : [])].join(' or ');
}

/** The colours and materials asked for, in words ("in black", "in leather", "with diamond"). */
function lookAsked(e: IntentEntities): string[] {
  const colours = e.colours.length > 0 && !(e.soft ?? []).includes('colour') ? [`in ${list(e.colours, 'or')}`] : [];
  const materials = e.materials && e.materials.length > 0 ? [materialsText(e.materials)] : [];
  return [...colours, ...materials];
}

/** How the shown items miss the colours and materials asked for ("not in black", "not in leather", "not in black or not with diamond"). */
function lookMissed(e: IntentEntities): string {
  return lookAsked(e).map((x) => `not ${x}`).join(' or ');
}

/** What was ruled out, in words: the rejections ("without leather and Nike"), an audience refused ("not for men"). */
function refusedText(e: IntentEntities | undefined): string[] {
  const rs = e?.rejections ?? [];
  return [...(rs.length > 0 ? [`without ${rejectedText(rs)}`] : []), ...(e?.notAudience ? [`not for ${e.notAudience}`] : [])];
}

/** Rejections in words ("leather and Nike"). */
function rejectedText(rs: readonly Rejection[]): string {
  return list([...new Set(rs.map((r) => r.value))], 'and');
}

/**
 * The outcome of one answer: satisfied, or what was relaxed and a quotable reason. `empty` says no
 * item could be returned at all (every candidate unavailable, left out or rejected).
 */
export function constraintOutcome(args: {
  readonly entities: IntentEntities | undefined;
  readonly budget: Pick<Budget, 'min' | 'max' | 'currency'> | undefined;
  readonly stated: readonly RelaxableConstraint[];
  readonly relaxed: readonly RelaxableConstraint[];
  readonly empty: boolean;
  /** The currency a budget stated without one was read in (the market's), to quote it in. */
  readonly currency?: string;
  /**
   * The title of the product the request is about (never in its own list) when it meets everything
   * stated: the sentence says that only it does, not that nothing in the shop does.
   */
  readonly discussed?: string;
}): ConstraintOutcome {
  const e = args.entities;
  const rejections = e?.rejections ?? [];
  if (args.empty) {
    if (args.stated.length === 0 && rejections.length === 0 && e?.notAudience === undefined) return { satisfied: true };
    const what = e && args.stated.length > 0 ? askedFor(e, args.budget, args.stated, args.currency) : '';
    const asked = [what, ...refusedText(e)].filter((x) => x !== '').join(', ');
    if (args.discussed) return { satisfied: false, relaxed: [], reason: `Only ${args.discussed} fits${asked ? ` (${asked})` : ''}; nothing else available in this shop does.` };
    return { satisfied: false, relaxed: [], reason: `Nothing available in this shop fits${asked ? ` (${asked})` : ''}.` };
  }
  if (args.relaxed.length === 0 || !e) return { satisfied: true };
  const misses = args.relaxed.map((k) => missText(k, e, args.budget, args.currency));
  // What was ruled out is part of what was asked: "a chair that's not pink" in a shop whose only chair is pink.
  const asked = [askedFor(e, args.budget, args.stated, args.currency), ...refusedText(e)].join(', ');
  return {
    satisfied: false,
    relaxed: [...args.relaxed],
    reason: args.discussed
      ? `Only ${args.discussed} matches everything asked for (${asked}); no other product in this shop does. The closest others are shown, but they are ${list(misses, 'and')}.`
      : `Nothing in this shop matches everything asked for (${asked}). The closest products are shown, but they are ${list(misses, 'and')}.`,
  };
}

/** What a list was held to that a shown item may not have been checked against (see {@link checkedOutcomeFor}). */
export interface HeldTo {
  /** The stated budget (an item priced in a currency no rate converts: `budget_currency_unknown`). */
  readonly budget?: Pick<Budget, 'min' | 'max' | 'currency'>;
  /** The sizes asked for (an item that lists no sizes: `size_not_listed`, personalize.ts). */
  readonly sizes?: readonly string[];
  /** What the caller knows was not checked, said first whenever an item is shown. */
  readonly notes?: readonly UncheckedNote[];
}

/** A constraint the caller knows was not checked, and the sentence that says why ({@link checkedOutcomeFor}). */
export interface UncheckedNote {
  readonly kind: RelaxableConstraint;
  readonly sentence: string;
}

/**
 * The outcome `c` of a list whose `items` are shown, held to what `held` names, when some items could
 * not be checked against it: not satisfied (nobody can tell they fit), the kinds in `unchecked`, and a
 * sentence per kind after any reason `c` already had. `c` itself when every item was checked.
 *
 * - Budget: items whose price could not be compared with it (their `budget_currency_unknown` notes:
 *   another currency, no rate known). A budget stated without a currency was read in the one the notes
 *   name (the market's). Not when the budget was relaxed.
 * - Size: items that do not say what sizes they come in (their `size_not_listed` notes: a CSV export's
 *   "Default Title" product). They are shown after the products that have the size, not left out:
 *   nothing says they miss it. Not when the size was relaxed.
 * - `notes`: what the caller knows was not checked (a budget in a currency no rate converts, beside
 *   "cheaper than that": personalize.ts), said first.
 */
export function checkedOutcomeFor(c: ConstraintOutcome, held: HeldTo, items: readonly BudgetNotes[]): ConstraintOutcome {
  const sentences: string[] = [];
  const unchecked = new Set<RelaxableConstraint>(c.unchecked ?? []);
  for (const m of items.length > 0 ? (held.notes ?? []) : []) {
    sentences.push(m.sentence);
    unchecked.add(m.kind);
  }
  const budget = budgetSentence(c, held.budget, items);
  if (budget !== undefined) {
    sentences.push(budget);
    unchecked.add('budget');
  }
  const sizes = sizeSentence(c, held.sizes, items);
  if (sizes !== undefined) {
    sentences.push(sizes);
    unchecked.add('size');
  }
  if (sentences.length === 0) return c;
  const sentence = sentences.join(' ');
  return {
    satisfied: false,
    relaxed: [...(c.relaxed ?? [])],
    reason: c.reason ? `${c.reason} ${sentence}` : sentence,
    unchecked: RELAX_ORDER.filter((k) => unchecked.has(k)),
    held: { base: c, ...held },
  };
}

/** {@link checkedOutcomeFor} with the budget alone. */
export function budgetOutcomeFor(c: ConstraintOutcome, budget: Pick<Budget, 'min' | 'max' | 'currency'> | undefined, items: readonly BudgetNotes[]): ConstraintOutcome {
  return checkedOutcomeFor(c, budget ? { budget } : {}, items);
}

/** The budget sentence of {@link checkedOutcomeFor}, or `undefined` when every item was checked against it. */
function budgetSentence(c: ConstraintOutcome, budget: Pick<Budget, 'min' | 'max' | 'currency'> | undefined, items: readonly BudgetNotes[]): string | undefined {
  if (!budget || (budget.min === undefined && budget.max === undefined) || c.relaxed?.includes('budget')) return undefined;
  let currencies: Set<string> | undefined;
  let unpriced = 0;
  let budgetCurrency: string | undefined;
  for (const it of items) {
    const note = it.reasons.find((r) => r.source === 'constraint' && r.code === 'budget_currency_unknown');
    if (note === undefined) continue;
    unpriced++;
    currencies ??= new Set();
    if (note.priceCurrency) currencies.add(note.priceCurrency);
    budgetCurrency ??= note.budgetCurrency;
  }
  if (unpriced === 0) return undefined;
  const read = budget.currency || !budgetCurrency ? budget : { ...budget, currency: budgetCurrency };
  const shown = items.length;
  const which = unpriced === shown ? (shown === 1 ? 'This product is' : 'These products are') : unpriced === 1 ? 'One of these products is' : `${unpriced} of these products are`;
  const target = read.currency ? ` to ${read.currency}` : '';
  return `${which} priced in ${list([...(currencies ?? [])], 'and')} and no exchange rate${target} is known, so ${unpriced === 1 ? 'it was' : 'they were'} not checked against the budget (${budgetText(read)}).`;
}

/** The size sentence of {@link checkedOutcomeFor}, or `undefined` when every item says whether it has the size. */
function sizeSentence(c: ConstraintOutcome, sizes: readonly string[] | undefined, items: readonly BudgetNotes[]): string | undefined {
  if (!sizes || sizes.length === 0 || c.relaxed?.includes('size')) return undefined;
  const unlisted = items.filter((it) => it.reasons.some((r) => r.source === 'constraint' && r.code === 'size_not_listed')).length;
  if (unlisted === 0) return undefined;
  const shown = items.length;
  const one = unlisted === 1;
  const which = unlisted === shown ? (one ? 'This product does' : 'These products do') : one ? 'One of these products does' : `${unlisted} of these products do`;
  return `${which} not list ${one ? 'its' : 'their'} sizes, so whether ${one ? 'it comes' : 'they come'} in ${sizesText(sizes)} could not be checked.`;
}

/** The outcome for the `shown` items of the list it was worked out for (a caller that shows fewer). */
export function forShownItems(c: ConstraintOutcome, shown: readonly BudgetNotes[]): ConstraintOutcome {
  if (!c.held) return c;
  const { base, ...held } = c.held;
  return checkedOutcomeFor(base, held, shown);
}

/** The outcome as REST and MCP answers show it: `{satisfied: true}`, or `{satisfied: false, relaxed, reason, unchecked?}`. */
export function constraintsView(c: ConstraintOutcome): { satisfied: boolean; relaxed?: RelaxableConstraint[]; reason?: string; unchecked?: RelaxableConstraint[] } {
  if (c.satisfied) return { satisfied: true };
  return { satisfied: false, relaxed: [...(c.relaxed ?? [])], ...(c.reason ? { reason: c.reason } : {}), ...(c.unchecked?.length ? { unchecked: [...c.unchecked] } : {}) };
}
