import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableRecord } from './readableExport.ts';

describe('readable data-request export', () => {
  it('lists interests by what they are about, never the profile\'s internal counters', () => {
    const r = readableRecord(
      {
        shop: 's',
        userId: 'c-1',
        linkedIds: [],
        events: [],
        profile: {
          userId: 'c-1',
          features: { 'price:sq': 900, 'price:sum': 300, 'price:w': 80, 'n:view': 12, 'n:purchase': 2, 'cat:necklaces': 5, 'vendor:acme': 3, 'tag:gold': 2, 'type:jewelry': 1 },
          recent: [],
          purchased: [],
          eventCount: 14,
          firstSeen: Date.UTC(2026, 10, 1),
          lastSeen: Date.UTC(2026, 11, 1),
        } as never,
      },
      () => undefined,
    );
    assert.deepEqual(r.inferredInterests, [
      { kind: 'category', value: 'necklaces' },
      { kind: 'brand', value: 'acme' },
      { kind: 'tag', value: 'gold' },
      { kind: 'product type', value: 'jewelry' },
    ]);
  });

  it('names the lists shown to the shopper and what came of them, with titles and dates', () => {
    const titles: Record<string, string> = { 'gold-chain': 'Gold Chain', 'rose-ring': 'Rose Ring' };
    const r = readableRecord(
      {
        shop: 's',
        userId: 'c-1',
        linkedIds: ['5550001'],
        events: [],
        attribution: {
          served: [{ id: 'AAAAAAAAAAAAAAAA', shop: 's', ts: Date.UTC(2026, 11, 1), surface: 'mcp', agent: 'claude', actor: 'agent', experiment: { id: 'recs-v1', variant: 'affinity' }, userId: 'c-1', items: ['gold-chain', 'rose-ring'] }],
          outcomes: [{ key: 'k', shop: 's', recId: 'AAAAAAAAAAAAAAAA', kind: 'click', ts: Date.UTC(2026, 11, 1, 1), userId: 'c-1', productId: 'rose-ring' }],
        },
      },
      (id) => titles[id],
    );
    assert.deepEqual(r.recommendations, [
      {
        at: '2026-12-01T00:00:00.000Z',
        recommendationId: 'AAAAAAAAAAAAAAAA',
        surface: 'mcp (claude)',
        experiment: 'recs-v1: affinity',
        products: [
          { productId: 'gold-chain', title: 'Gold Chain' },
          { productId: 'rose-ring', title: 'Rose Ring' },
        ],
        outcomes: [{ kind: 'click', productId: 'rose-ring', title: 'Rose Ring' }],
      },
    ]);
  });
});
