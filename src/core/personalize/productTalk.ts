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
 * alone, so the closed product's words do not become wishes for the new one.
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

/** Whether one sentence is about a product (and which one it names), given what the turn's context knows. */
function sentenceAbout(s: TalkSentence, ctx: TalkContext): { readonly about: boolean; readonly named?: string } {
  // "And the Galaxy Earrings, do they have gold?": the pro-form's product is the one the sentence names.
  if (s.kind === 'it') {
    const named = namedProducts(s.text, ctx.index)[0]?.id;
    return named !== undefined ? { about: true, named } : { about: ctx.discussed !== undefined };
  }
  if (s.kind !== 'subject') return { about: false };
  const named = titleOpening(s.phrase, ctx.index);
  if (named !== undefined) return { about: true, named };
  if (opensWithTitleWords(s.phrase, ctx.discussed, ctx.index)) return { about: true };
  if (s.pointing && ctx.inConversation) return { about: true };
  return { about: s.it && ctx.discussed !== undefined };
}

/**
 * Reads a turn's talk about a product: `about` when some sentence is about a product and none asks
 * for products after it; `request`, the sentences from the first request after one that is about a
 * product or closes one ("I'll take them", "me los quedo", even with no product on record: the
 * products just shown), when there is one.
 */
export function readProductTalk(text: string, ctx: TalkContext): ProductTalk {
  const said = talkSentences(text);
  let first = -1;
  let closes = -1;
  let named: string | undefined;
  said.forEach((s, i) => {
    const read = sentenceAbout(s, ctx);
    if (read.about && first < 0) first = i;
    if ((read.about || s.kind === 'it') && closes < 0) closes = i;
    named ??= read.named;
  });
  const from = closes < 0 ? -1 : said.findIndex((s, i) => i > closes && s.kind === 'request');
  const out = named !== undefined ? { named } : {};
  if (from >= 0) return { about: false, ...out, request: said.slice(from).map((s) => s.text).join(' ') };
  return { about: first >= 0, ...out };
}
