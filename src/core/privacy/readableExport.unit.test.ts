import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableRecord } from './readableExport.ts';

describe('readable data-request export', () => {
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
