/**
 * Intent extraction by a model behind an OpenAI-compatible chat completions API (OpenAI, Ollama's
 * `/v1`, vLLM, llama.cpp server, LiteLLM, ...): `POST {baseUrl}/chat/completions` with the intent
 * system prompt, `response_format: {type: 'json_object'}` and `temperature: 0`. Behind a timeout
 * (default 1500 ms), a circuit breaker (5 consecutive failures, half-open after 30 s) and a 5-minute
 * cache; any failure answers with the fallback extractor (the local classifier), `fallbackUsed: true`.
 */
import { ModelIntentExtractor, type ModelCall, type ModelIntentOptions } from './modelIntent.ts';

/** Options of {@link OpenAiIntentExtractor}. */
export interface OpenAiIntentOptions extends ModelIntentOptions {
  /** Base URL of the API, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  readonly baseUrl: string;
  /** Model name, e.g. `gpt-4o-mini` or `qwen2.5:3b`. */
  readonly model: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  readonly apiKey?: string;
  /** Most tokens of the answer (default 400). */
  readonly maxTokens?: number;
}

/** The chat completions call. */
export function openAiChatCall(o: Pick<OpenAiIntentOptions, 'baseUrl' | 'model' | 'apiKey' | 'maxTokens'>): ModelCall {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async (prompt, signal) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
      body: JSON.stringify({
        model: o.model,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
        response_format: { type: 'json_object' },
        temperature: 0,
        max_tokens: o.maxTokens ?? 400,
      }),
      signal,
    });
    if (!res.ok) throw new Error(`intent model answered HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('intent model answer has no choices[0].message.content');
    return content;
  };
}

/** The OpenAI-compatible intent extractor (`source: 'model'`; never throws). */
export class OpenAiIntentExtractor extends ModelIntentExtractor {
  constructor(opts: OpenAiIntentOptions) {
    super(openAiChatCall(opts), opts);
  }
}
