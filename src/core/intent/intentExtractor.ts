/**
 * The intent extraction port: turns a shopper's words into an {@link Intent}. Implementations: the
 * local classifier (through {@link classifierExtractor}), a model behind an API, or an agent that
 * already states the intent; each says where the answer came from and whether it had to fall back.
 */
import { ClassificationMemo, DEFAULT_CLASSIFICATION_MEMO_SIZE } from './classificationMemo.ts';
import type { CatalogVocabulary, ClassifyContext, Intent, IntentLanguage } from './types.ts';

/** Where an extracted intent came from. */
export type IntentSource = 'agent' | 'model' | 'local';

/** An intent plus its provenance. */
export type ExtractedIntent = Intent & {
  readonly source: IntentSource;
  /** True when the preferred extractor failed and a fallback answered. */
  readonly fallbackUsed: boolean;
};

/** What an extraction knows about the request. */
export interface ExtractContext {
  readonly shop: string;
  /** Market handle or ISO 3166 country, e.g. `MX`. */
  readonly market?: string;
  /** ISO 4217 currency or ISO 3166 market resolving "$" and "pesos". */
  readonly currencyHint?: string;
}

/** Extracts an intent from text. */
export interface IntentExtractor {
  extract(text: string, ctx: ExtractContext): Promise<ExtractedIntent>;
}

/** Anything that classifies synchronously (the local `IntentClassifier`). */
export interface SyncClassifier {
  classify(text: string, ctx?: ClassifyContext): Intent;
  /** The text as the classifier reads it, its slips read past (`IntentClassifier.spell`); a classifier that corrects none leaves it out. */
  spell?(text: string, vocabulary?: CatalogVocabulary): string;
  /** Whether the classifier was taught the word (`IntentClassifier.knowsWord`); a classifier that cannot tell leaves it out. */
  knowsWord?(word: string, lang: IntentLanguage): boolean;
}

/** Options of {@link classifierExtractor}. */
export interface ClassifierExtractorOptions {
  /** Answers kept for texts seen again (default {@link DEFAULT_CLASSIFICATION_MEMO_SIZE}; 0 keeps none). */
  readonly memoSize?: number;
}

/**
 * Adapts a synchronous classifier into an {@link IntentExtractor} (`source: 'local'`). `taxonomyOf`
 * gives the shop's vocabulary so categories and brands resolve to the shop's own entries. Answers are
 * kept per (vocabulary object, currency hint, text) for conversations that send their text again
 * (`classificationMemo.ts`): the classifier must be pure, as the local one is. The answers are frozen.
 */
export function classifierExtractor(
  classifier: SyncClassifier,
  taxonomyOf?: (shop: string) => CatalogVocabulary | undefined,
  options: ClassifierExtractorOptions = {},
): IntentExtractor {
  const memo = new ClassificationMemo<ExtractedIntent>(options.memoSize ?? DEFAULT_CLASSIFICATION_MEMO_SIZE);
  return {
    async extract(text, ctx) {
      const taxonomy = taxonomyOf?.(ctx.shop);
      const hint = ctx.currencyHint ?? ctx.market;
      return memo.get(taxonomy, hint, text, () => {
        const intent = classifier.classify(text, { ...(taxonomy ? { taxonomy } : {}), ...(hint ? { currencyHint: hint } : {}) });
        return { ...intent, source: 'local', fallbackUsed: false };
      });
    },
  };
}
