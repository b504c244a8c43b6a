/**
 * Whether a turn talks about a product rather than asking for products, read against the catalog.
 * "Do the Galaxy Earrings have any gold in them?" asks about one product: the gold it names is a
 * question about that product, not a wish for every product shown, and the conversation's
 * constraints (silver earrings, no gold) stay as they were. So is a question whose subject is the
 * product discussed by a pro-form ("does it come in silver?", intent/turns.ts `asksAboutProduct`), by
 * words of its title ("do the earrings have a clasp?" while the Galaxy Earrings are discussed), or that
 * points at the products shown ("are the silver ones real silver?", "¿las de plata tienen cierre?").
 * A turn that goes on to ask for something else after closing one ("great, I will take them. Now a
 * nice necklace for my mother-in-law") is a new request: what it asks for is read from the request
 * alone, so the closed product's words do not become wishes for the new one; so is one that goes on
 * with a fragment naming a kind ("I'll take the dainty gold necklace. And earrings to match?"), which
 * only the caller's extractor can tell from a remark (`followUp`). Pointing at a product shown by
 * words of its title ("do you have the dreamcatcher one in gold?") still names it by them (`pointedBy`);
 * a question whose subject says words of one product's title only that product has ("is the
 * dreamcatcher necklace available in gold?") names it, as its whole title would. A remark on a
 * product named by its whole title ("the Grey Sofa looks nice, now I need pillows") is about it too,
 * so what follows is a request of its own.
 * Pure over the catalog index (intent/turns.ts `talkSentences` splits and reads the sentences).
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { fold } from '../intent/text.ts';
import { talkSentences, type TalkSentence } from '../intent/turns.ts';
import { COLOURS } from '../intent/colours.ts';
import { CATEGORY_SYNONYMS } from '../intent/synonyms.ts';
import { namingWords, productWithWords } from './comparedProduct.ts';
import { namedProducts } from './namedProducts.ts';
import { phrase } from './productText.ts';

/** What a turn says of a product ({@link readProductTalk}). */
export interface ProductTalk {
  /** The turn is about a product only: what it names describes that product, not the list. */
  readonly about: boolean;
  /** The product a sentence about a product names by its whole title: the conversation is about it from now on. */
  readonly named?: string;
  /**
   * The words that name {@link named} when they are not its whole title ("dreamcatcher necklace" of the
   * Dreamcatcher Pendant Necklace): what they say (a colour, a material) names the product, no wish.
   */
  readonly namedBy?: string;
  /**
   * What the turn asks for after closing or asking about a product ("Now a nice necklace for my
   * mother-in-law, she does like gold"), to be read on its own for what the list should be.
   */
  readonly request?: string;
  /**
   * What follows a sentence about or closing a product when no sentence after it asks for products in
   * words ("I'll take the dainty gold necklace. And earrings to match?", "I'll take it. Earrings
   * too?"): a request if it names a kind of product, which the caller tells (its extractor knows the
   * shop's kinds); otherwise a remark ("I'll take them. They're for my wife").
   */
  readonly followUp?: string;
  /**
   * The words a sentence about the products shown picks one out by, before "one" ("do you have the
   * dreamcatcher one in gold?": "dreamcatcher"): the words of a title among them still say which
   * product the shopper means.
   */
  readonly pointedBy?: string;
}

/** What the turn's context knows: the product discussed (the request's or the conversation's), and whether products were shown before. */
export interface TalkContext {
  readonly discussed?: string;
  /** A conversation is going on (earlier turns, or a product discussed): "the silver ones" points at what it showed. */
  readonly inConversation: boolean;
  readonly index: CatalogIndex;
}

/** The product whose whole title (two words or more) opens the phrase: "galaxy earrings have any gold…". */
function titleOpening(phraseText: string, index: CatalogIndex): string | undefined {
  const said = `${phrase(phraseText)} `;
  return namedProducts(phraseText, index).find((p) => said.startsWith(`${phrase(p.title)} `))?.id;
}

/** Most words of a noun phrase opening a question that name a product by words of its title. */
const OPENING_WORDS = 4;

/**
 * Words that alone name a kind or a colour, not one product: "do the necklaces come in gold?" asks
 * for necklaces even in a shop with one (one-word kinds of the table and colour words, folded, singular).
 */
const KIND_OR_COLOUR: ReadonlySet<string> = new Set(
  [...CATEGORY_SYNONYMS.flatMap((g) => [...g.en, ...g.es]), ...Object.values(COLOURS).flatMap((c) => [...c.en, ...c.es])].map(phrase).filter((w) => !w.includes(' ')),
);

/**
 * The product the words opening the phrase name by words of its title that no other product has
 * ("dreamcatcher necklace available in gold?" of the Dreamcatcher Pendant Necklace; not "necklaces
 * come in gold?", a kind): the longest such opening ({@link productWithWords}) with a word that is
 * neither a kind nor a colour.
 */
function wordsOpening(phraseText: string, index: CatalogIndex): { readonly id: string; readonly by: string } | undefined {
  const folded = fold(phraseText);
  const ends = [...folded.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m.index + m[0].length);
  for (let k = Math.min(OPENING_WORDS, ends.length); k >= 1; k--) {
    // The words as said (a substring of the folded text: what names the product there).
    const opening = folded.slice(0, ends[k - 1]).trim();
    if (namingWords(opening).every((w) => KIND_OR_COLOUR.has(w))) continue;
    const p = productWithWords(opening, index);
    if (p !== undefined) return { id: p.id, by: opening };
  }
  return undefined;
}

/** Whether the phrase opens with words of the discussed product's title ("earrings have a clasp?" of the Galaxy Earrings). */
function opensWithTitleWords(phraseText: string, discussed: string | undefined, index: CatalogIndex): boolean {
  const p = discussed === undefined ? undefined : index.get(discussed);
  if (!p) return false;
  const title = new Set(phrase(p.title).split(' '));
  const first = phrase(phraseText).split(' ')[0];
  return first !== undefined && first !== '' && title.has(first);
}

/** Pointer words that are a place in a list ("second", "the last", "3rd"), not words of a title. */
const ORDINAL_POINTER = /^(?:the\s+|that\s+|this\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d{1,2}(?:st|nd|rd|th))$/u;

/** The words before "one(s)" in a phrase pointing at what was shown ("dreamcatcher one in gold?" → "dreamcatcher"). */
function pointerWords(phraseText: string): string | undefined {
  const words = /^((?:[\p{L}-]+\s+){1,3})ones?(?=[^\p{L}]|$)/u.exec(phraseText)?.[1]?.trim();
  return words === undefined || words === '' ? undefined : words;
}

/** A remark on what a noun phrase names: "the Grey Sofa looks nice", "el Grey Sofa es precioso" (group 1: the phrase). */
const REMARK = /^(?:(?:ok|okay|oh|wow|hmm+|y|and|so)[\s,!]+)?(?:the|this|that|your|el|la|los|las|ese|esa|este|esta)\s+(.+?)\s+(?:looks?|is|are|seems?|was|were|sounds?|se\s+ven?|es|son|esta|estan|queda|quedan|parece|parecen)\s/u;

/** Whether one sentence is about a product (and which one it names, or the words it points by), given what the turn's context knows. */
function sentenceAbout(s: TalkSentence, ctx: TalkContext): { readonly about: boolean; readonly named?: string; readonly namedBy?: string; readonly pointedBy?: string } {
  // "And the Galaxy Earrings, do they have gold?": the pro-form's product is the one the sentence names.
  if (s.kind === 'it') {
    const named = namedProducts(s.text, ctx.index)[0]?.id;
    return named !== undefined ? { about: true, named } : { about: ctx.discussed !== undefined };
  }
  if (s.kind === 'other') {
    // "The Grey Sofa looks nice, now I need pillows": a remark on a product named by its whole title.
    const remark = REMARK.exec(fold(s.text).trim());
    const p = remark?.[1] === undefined ? undefined : namedProducts(remark[1], ctx.index).find((x) => phrase(x.title) === phrase(remark[1] as string));
    return p !== undefined ? { about: true, named: p.id } : { about: false };
  }
  if (s.kind !== 'subject') return { about: false };
  const named = titleOpening(s.phrase, ctx.index);
  if (named !== undefined) return { about: true, named };
  if (opensWithTitleWords(s.phrase, ctx.discussed, ctx.index)) return { about: true };
  if (s.pointing && ctx.inConversation) {
    const by = pointerWords(s.phrase);
    // "Does the second one come in silver?": a place in the list shown, which the caller points at
    // (intent/ordinals.ts), asked of as "number 2" is: what it names is asked of that product.
    if (by !== undefined && ORDINAL_POINTER.test(by)) return { about: false };
    return { about: true, ...(by !== undefined ? { pointedBy: by } : {}) };
  }
  // "Is the dreamcatcher necklace available in gold?": a product named by words only its title has.
  const byWords = wordsOpening(s.phrase, ctx.index);
  if (byWords !== undefined) return { about: true, named: byWords.id, namedBy: byWords.by };
  return { about: s.it && ctx.discussed !== undefined };
}

/**
 * Reads a turn's talk about a product: `about` when some sentence is about a product and none asks
 * for products after it; `request`, the sentences from the first request after one that is about a
 * product or closes one ("I'll take them", "me los quedo", even with no product on record: the
 * products just shown), when there is one; else `followUp`, the sentences from the first remark
 * after it, which the caller reads as a request when they name a kind ("And earrings to match?").
 */
export function readProductTalk(text: string, ctx: TalkContext): ProductTalk {
  const said = talkSentences(text);
  let first = -1;
  let closes = -1;
  let named: string | undefined;
  let namedBy: string | undefined;
  let pointedBy: string | undefined;
  said.forEach((s, i) => {
    const read = sentenceAbout(s, ctx);
    if (read.about && first < 0) first = i;
    if ((read.about || s.kind === 'it') && closes < 0) closes = i;
    if (named === undefined && read.named !== undefined) [named, namedBy] = [read.named, read.namedBy];
    pointedBy ??= read.pointedBy;
  });
  const from = closes < 0 ? -1 : said.findIndex((s, i) => i > closes && s.kind === 'request');
  const out = { ...(named !== undefined ? { named } : {}), ...(namedBy !== undefined ? { namedBy } : {}), ...(pointedBy !== undefined ? { pointedBy } : {}) };
  if (from >= 0) return { about: false, ...out, request: said.slice(from).map((s) => s.text).join(' ') };
  const rest = closes < 0 ? -1 : said.findIndex((s, i) => i > closes && s.kind === 'other');
  return { about: first >= 0, ...out, ...(rest >= 0 ? { followUp: said.slice(rest).map((s) => s.text).join(' ') } : {}) };
}
