/**
 * The intent extraction chain of a node (docs/intent.md): MCP sampling (stdio, opt-in, when the
 * client supports it) → an OpenAI-compatible model (when configured) → the local classifier. Each
 * link falls back to the next. Without either model there is no chain: the personalizer asks the
 * local classifier itself, as it always did.
 */
import type { Server as McpLowLevelServer } from '@modelcontextprotocol/sdk/server/index.js';
import { OpenAiIntentExtractor } from '../../adapters/intent/openAiIntentExtractor.ts';
import { SamplingIntentExtractor } from '../../adapters/intent/samplingIntentExtractor.ts';
import type { CatalogVocabulary } from '../../core/intent/types.ts';
import type { IntentExtractor } from '../../core/intent/intentExtractor.ts';

/** What the chain is built from. */
export interface IntentExtractionOptions {
  /** The local classifier as an extractor: the last link. */
  readonly local: IntentExtractor;
  /** The shop's vocabulary (categories, vendors…) the models are told about. */
  readonly vocabulary: (shop: string) => CatalogVocabulary | undefined;
  /** `AFFINITY_INTENT_MODEL_*`, when set. */
  readonly model?: { readonly url: string; readonly model: string; readonly apiKey?: string; readonly timeoutMs: number };
  /** The MCP session's server (stdio), when sampling is enabled (`AFFINITY_INTENT_SAMPLING`). */
  readonly samplingServer?: () => McpLowLevelServer | undefined;
  /** Timeout of a sampling request, ms. */
  readonly samplingTimeoutMs: number;
  readonly warn: (obj: object, msg: string) => void;
}

/** The chain's first link, or undefined when only the local classifier is configured. */
export function intentExtractionChain(o: IntentExtractionOptions): IntentExtractor | undefined {
  const model = o.model
    ? new OpenAiIntentExtractor({
        baseUrl: o.model.url,
        model: o.model.model,
        ...(o.model.apiKey ? { apiKey: o.model.apiKey } : {}),
        timeoutMs: o.model.timeoutMs,
        fallback: o.local,
        vocabulary: o.vocabulary,
        onFallback: (err) => o.warn({ err }, 'intent model failed; the local classifier answered'),
        onStateChange: (state) => o.warn({ state }, 'intent model circuit breaker changed state'),
      })
    : undefined;
  const sampling = o.samplingServer
    ? new SamplingIntentExtractor({
        server: o.samplingServer,
        timeoutMs: o.samplingTimeoutMs,
        fallback: model ?? o.local,
        vocabulary: o.vocabulary,
        onFallback: (err) => o.warn({ err }, 'intent sampling failed; the next extractor answered'),
        onStateChange: (state) => o.warn({ state }, 'intent sampling circuit breaker changed state'),
      })
    : undefined;
  return sampling ?? model;
}
