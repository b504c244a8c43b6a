/**
 * Intent extraction through MCP sampling: the server asks the connected client's own model
 * (`sampling/createMessage`) with the intent system prompt, so no model of our own is needed.
 *
 * Only possible when the client declared the `sampling` capability at `initialize` and the transport
 * can carry server→client requests: the stdio transport or a stateful session. The stateless
 * streamable HTTP transport answers each POST and closes, so there is no channel for the server to ask
 * the client anything: there (and whenever the client has no `sampling`) the extractor is
 * *unavailable* and the next extractor answers as is. Failures (client error, timeout, invalid
 * answer, open breaker) answer with the next extractor marked `fallbackUsed: true`, like
 * {@link OpenAiIntentExtractor}.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ModelIntentExtractor, type ModelCall, type ModelIntentOptions } from './modelIntent.ts';

/** Options of {@link SamplingIntentExtractor}. */
export interface SamplingIntentOptions extends ModelIntentOptions {
  /** The MCP (low-level) server of the session, once connected (`mcpServer.server`). */
  readonly server: () => Server | undefined;
  /** Most tokens of the answer (default 400). */
  readonly maxTokens?: number;
}

/** Whether the session's client can be asked to sample. */
export function canSample(server: Server | undefined): server is Server {
  return server?.getClientCapabilities()?.sampling !== undefined;
}

function samplingCall(o: SamplingIntentOptions): ModelCall {
  return async (prompt, signal) => {
    const server = o.server();
    if (!canSample(server)) throw new Error('the MCP client does not support sampling');
    const res = await server.createMessage(
      {
        systemPrompt: prompt.system,
        messages: [{ role: 'user', content: { type: 'text', text: prompt.user } }],
        maxTokens: o.maxTokens ?? 400,
        temperature: 0,
        includeContext: 'none',
        modelPreferences: { speedPriority: 0.9, costPriority: 0.8, intelligencePriority: 0.3 },
      },
      { signal },
    );
    const parts = Array.isArray(res.content) ? res.content : [res.content];
    const text = parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    if (text.trim() === '') throw new Error('the MCP client sampled no text');
    return text;
  };
}

/** The MCP sampling intent extractor (`source: 'model'`; never throws). */
export class SamplingIntentExtractor extends ModelIntentExtractor {
  constructor(opts: SamplingIntentOptions) {
    super(samplingCall(opts), opts, () => canSample(opts.server()));
  }
}
