/**
 * Composition of intent extractors: ask the preferred one, and when it fails let the next answer.
 * The production chain (see `main.ts` and docs/intent.md) is
 *
 *   agent's structured intent (MCP layer / HTTP route, not an extractor)
 *   → MCP sampling (stdio, when the client declared `sampling`)
 *   → OpenAI-compatible model (when `AFFINITY_INTENT_MODEL_URL` is set)
 *   → local classifier.
 *
 * A link that cannot be asked in this context (no sampling channel) throws
 * {@link ExtractorUnavailableError}: the next link then answers as is (no `fallbackUsed`). Any other
 * failure makes the next link's answer `fallbackUsed: true`.
 */
import type { ExtractContext, ExtractedIntent, IntentExtractor } from '../../core/intent/intentExtractor.ts';

/** Thrown by an extractor that cannot be used for this request (not a failure). */
export class ExtractorUnavailableError extends Error {
  constructor(message = 'extractor not available for this request') {
    super(message);
    this.name = 'ExtractorUnavailableError';
  }
}

/** Whether `err` only says the extractor was not available. */
export function isExtractorUnavailable(err: unknown): err is ExtractorUnavailableError {
  return err instanceof ExtractorUnavailableError;
}

/**
 * `primary`, falling back to `fallback` when it throws (or straight to `fallback` when there is no
 * primary). The fallback's answer is marked `fallbackUsed: true` unless the primary was merely unavailable.
 */
export function chainExtractors(primary: IntentExtractor | undefined, fallback: IntentExtractor, onFallback?: (err: unknown) => void): IntentExtractor {
  if (!primary) return fallback;
  return {
    async extract(text: string, ctx: ExtractContext): Promise<ExtractedIntent> {
      try {
        return await primary.extract(text, ctx);
      } catch (err) {
        if (isExtractorUnavailable(err)) return fallback.extract(text, ctx);
        onFallback?.(err);
        const r = await fallback.extract(text, ctx);
        return r.fallbackUsed ? r : { ...r, fallbackUsed: true };
      }
    },
  };
}
