/**
 * Entity extraction for one utterance: budget, categories, brands, colours, sizes, rejections and
 * gift context. Rule-based and pure.
 */
import { extractBudget } from './budget.ts';
import { compileVocabulary, findBrands, findCategories, type CompiledVocabulary } from './catalogVocabulary.ts';
import { findColours } from './colours.ts';
import { extractGift } from './gift.ts';
import { findRejections } from './rejections.ts';
import { extractSizes } from './sizes.ts';
import { fold, tokens } from './text.ts';
import type { IntentEntities, IntentLanguage } from './types.ts';

const EMPTY_VOCAB = compileVocabulary(undefined);

/** Options for {@link extractEntities}. */
export interface EntityOptions {
  /** The shop vocabulary, compiled with `compileVocabulary` (absent: canonical category terms, no brands). */
  readonly vocabulary?: CompiledVocabulary;
  /** ISO 4217 currency or ISO 3166 market resolving "$". */
  readonly currencyHint?: string;
}

/** Extracts every entity from `text` (in `lang`). Rejected values never appear among the positive entities. */
export function extractEntities(text: string, lang: IntentLanguage, opts: EntityOptions = {}): IntentEntities {
  const original = text.normalize('NFC');
  const folded = fold(original);
  const vocab = opts.vocabulary ?? EMPTY_VOCAB;
  const rejections = findRejections(folded, original, vocab);
  const masked = (start: number, end: number): boolean => rejections.some((r) => start < r.end && end > r.start);
  const toks = tokens(folded);
  const skip = (i: number): boolean => {
    const t = toks[i];
    return t !== undefined && masked(t.start, t.end);
  };
  const brands = [...new Set(findBrands(toks, vocab, original, skip).flatMap((m) => m.values))];
  const brandTokens = new Set(findBrands(toks, vocab, original, skip).flatMap((m) => Array.from({ length: m.to - m.from }, (_, k) => m.from + k)));
  const categories = [
    ...new Set(findCategories(toks, vocab, (i) => skip(i) || brandTokens.has(i)).flatMap((m) => m.values)),
  ].slice(0, 20);
  const colours = [...new Set(findColours(folded, lang).filter((c) => !masked(c.start, c.end)).map((c) => c.colour))];
  const budget = extractBudget(original, opts.currencyHint);
  const gift = extractGift(original);
  return {
    ...(budget ? { budget } : {}),
    categories,
    brands,
    colours,
    sizes: extractSizes(original),
    rejections: rejections.map((r) => ({ kind: r.kind, value: r.value })),
    ...(gift.recipient ? { recipient: gift.recipient } : {}),
    ...(gift.occasion ? { occasion: gift.occasion } : {}),
    isGift: gift.isGift,
  };
}
