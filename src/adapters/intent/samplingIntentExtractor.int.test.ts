import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CreateMessageRequestSchema, type CreateMessageRequest } from '@modelcontextprotocol/sdk/types.js';
import { classifierExtractor } from '../../core/intent/intentExtractor.ts';
import type { Intent } from '../../core/intent/types.ts';
import { ModelAnswerError } from './modelIntent.ts';
import { SamplingIntentExtractor } from './samplingIntentExtractor.ts';

const local = classifierExtractor({
  classify(): Intent {
    return {
      type: 'browsing',
      confidence: 0.5,
      language: 'en',
      scores: { high_purchase_intent: 0.1, comparison_shopping: 0.1, browsing: 0.5, research: 0.3 },
      entities: { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false },
    };
  },
});

/**
 * Timeout of these tests (none is about the timeout): far longer than an in-memory round trip takes
 * on any machine, so a slow or busy one cannot turn the client's answer into a fallback.
 */
const NO_TIMEOUT_MS = 30_000;

/** A connected server/client pair; `answer` is what the client's "model" samples (or throws). */
async function connect(sampling: boolean, answer: () => string = () => '{"type":"comparison_shopping","confidence":0.8,"language":"es","entities":{"brands":["acme"],"categories":[]}}') {
  const server = new McpServer({ name: 'affinity-test', version: '0.0.0' }, { capabilities: { tools: {} } });
  const client = new Client({ name: 'agent', version: '0.0.0' }, { capabilities: sampling ? { sampling: {} } : {} });
  const seen: CreateMessageRequest['params'][] = [];
  if (sampling) {
    client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
      seen.push(req.params);
      return { role: 'assistant', model: 'client-model', content: { type: 'text', text: answer() } };
    });
  }
  const [ct, st] = InMemoryTransport.createLinkedPair();
  await server.connect(st);
  await client.connect(ct);
  return { server, client, seen, close: async () => void (await client.close(), await server.close()) };
}

describe('SamplingIntentExtractor (MCP sampling through the connected client)', () => {
  it('asks the client to sample and maps its JSON answer (source model), then caches it', async () => {
    const c = await connect(true);
    try {
      const x = new SamplingIntentExtractor({ server: () => c.server.server, fallback: local, vocabulary: () => ({ categories: [], vendors: ['ACME'] }), timeoutMs: NO_TIMEOUT_MS });
      const r = await x.extract('¿acme o zed, cuál es mejor?', { shop: 's1', currencyHint: 'MX' });
      assert.equal(r.source, 'model');
      assert.equal(r.fallbackUsed, false);
      assert.equal(r.type, 'comparison_shopping');
      assert.equal(r.language, 'es');
      assert.deepEqual(r.entities.brands, ['ACME']);
      assert.equal(c.seen.length, 1);
      assert.match(c.seen[0]?.systemPrompt ?? '', /high_purchase_intent/);
      assert.equal(c.seen[0]?.temperature, 0);
      await x.extract('¿acme o zed, cuál es mejor?', { shop: 's1', currencyHint: 'MX' });
      assert.equal(c.seen.length, 1, 'cached');
    } finally {
      await c.close();
    }
  });

  it('falls through to the next extractor (no fallbackUsed) when the client has no sampling', async () => {
    const c = await connect(false);
    try {
      const x = new SamplingIntentExtractor({ server: () => c.server.server, fallback: local });
      const r = await x.extract('red sneakers', { shop: 's1' });
      assert.equal(r.source, 'local');
      assert.equal(r.fallbackUsed, false);
      assert.equal(x.calls, 0);
    } finally {
      await c.close();
    }
  });

  it('falls through when there is no session (stateless HTTP)', async () => {
    const x = new SamplingIntentExtractor({ server: () => undefined, fallback: local });
    const r = await x.extract('red sneakers', { shop: 's1' });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, false);
  });

  it('a client answer that is not an intent is a failure: local answer with fallbackUsed', async () => {
    const c = await connect(true, () => 'I cannot help with that.');
    try {
      const errors: unknown[] = [];
      const x = new SamplingIntentExtractor({ server: () => c.server.server, fallback: local, timeoutMs: NO_TIMEOUT_MS, onFallback: (e) => errors.push(e) });
      const r = await x.extract('red sneakers', { shop: 's1' });
      assert.equal(r.source, 'local');
      assert.equal(r.fallbackUsed, true);
      assert.equal(c.seen.length, 1);
      assert.ok(errors[0] instanceof ModelAnswerError, `the answer was the failure, not a timeout: ${String(errors[0])}`);
    } finally {
      await c.close();
    }
  });
});
