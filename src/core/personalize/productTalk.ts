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
 * words of its title ("do you have the dreamcatcher one in gold?") still names it by them (`pointedBy`).
 * Pure over the catalog index (intent/turns.ts `talkSentences` splits and reads the sentences).
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { talkSentences, type TalkSentence } from '../intent/turns.ts';
import { namedProducts } from './namedProducts.ts';
import { phrase } from './productText.ts';

/** What a turn says of a product ({@link readProductTalk}). */
export interface ProductTalk {
  /** The turn is about a product only: what it names describes that product, not the list. */
  readonly about: boolean;
  /** The product a sentence about a product names by its whole title: the conversation is about it from now on. */
  readonly named?: string;
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

/** Whether the phrase opens with words of the discussed product's title ("earrings have a clasp?" of the Galaxy Earrings). */
function opensWithTitleWords(phraseText: string, discussed: string | undefined, index: CatalogIndex): boolean {
  const p = discussed === undefined ? undefined : index.get(discussed);
  if (!p) return false;
  const title = new Set(phrase(p.title).split(' '));
  const first = phrase(phraseText).split(' ')[0];
  return first !== undefined && first !== '' && title.has(first);
}

/** The words before "one(s)" in a phrase pointing at what was shown ("dreamcatcher one in gold?" → "dreamcatcher"). */
function pointerWords(phraseText: string): string | undefined {
  const words = /^((?:[\p{L}-]+\s+){1,3})ones?(?=[^\p{L}]|$)/u.exec(phraseText)?.[1]?.trim();
  return words === undefined || words === '' ? undefined : words;
}

/** Whether one sentence is about a product (and which one it names, or the words it points by), given what the turn's context knows. */
function sentenceAbout(s: TalkSentence, ctx: TalkContext): { readonly about: boolean; readonly named?: string; readonly pointedBy?: string } {
  // "And the Galaxy Earrings, do they have gold?": the pro-form's product is the one the sentence names.
  if (s.kind === 'it') {
    const named = namedProducts(s.text, ctx.index)[0]?.id;
    return named !== undefined ? { about: true, named } : { about: ctx.discussed !== undefined };
  }
  if (s.kind !== 'subject') return { about: false };
  const named = titleOpening(s.phrase, ctx.index);
  if (named !== undefined) return { about: true, named };
  if (opensWithTitleWords(s.phrase, ctx.discussed, ctx.index)) return { about: true };
  if (s.pointing && ctx.inConversation) {
    const by = pointerWords(s.phrase);
    return { about: true, ...(by !== undefined ? { pointedBy: by } : {}) };
  }
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
  let pointedBy: string | undefined;
  said.forEach((s, i) => {
    const read = sentenceAbout(s, ctx);
    if (read.about && first < 0) first = i;
    if ((read.about || s.kind === 'it') && closes < 0) closes = i;
    named ??= read.named;
    pointedBy ??= read.pointedBy;
  });
  const from = closes < 0 ? -1 : said.findIndex((s, i) => i > closes && s.kind === 'request');
  const out = { ...(named !== undefined ? { named } : {}), ...(pointedBy !== undefined ? { pointedBy } : {}) };
  if (from >= 0) return { about: false, ...out, request: said.slice(from).map((s) => s.text).join(' ') };
  const rest = closes < 0 ? -1 : said.findIndex((s, i) => i > closes && s.kind === 'other');
  return { about: first >= 0, ...out, ...(rest >= 0 ? { followUp: said.slice(rest).map((s) => s.text).join(' ') } : {}) };
}
