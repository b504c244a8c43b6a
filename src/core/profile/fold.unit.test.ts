import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from '../events/userEvent.ts';
import { DEFAULT_EVENT_WEIGHTS, DEFAULT_PROFILE_HALF_LIFE_MS, foldEvents, type ProductFacts } from './fold.ts';

const NOW = Date.UTC(2025, 5, 1, 12);
const PARAMS = { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: DEFAULT_PROFILE_HALF_LIFE_MS };
const FACTS: Record<string, ProductFacts> = {
  boot: { featureKeys: ['cat:hiking boots', 'vendor:alpina'], priceMajor: 150 },
  necklace: { featureKeys: ['cat:necklaces', 'vendor:aurum'], priceMajor: 40 },
};
const lookup = (id: string): ProductFacts | undefined => FACTS[id];

function ev(id: string, type: UserEvent['type'], productId: string, ts: number, context?: UserEvent['context']): UserEvent {
  return {
    v: 1,
    id,
    shop: 's',
    userId: 'u',
    type,
    name: type,
    ts,
    items: [{ productId, quantity: 1 }],
    source: 'api',
    ...(context ? { context } : {}),
  };
}

describe('foldEvents', () => {
  it('adds affinities and price statistics for the shopper’s own events', () => {
    const d = foldEvents([ev('1', 'view', 'boot', NOW), ev('2', 'purchase', 'necklace', NOW + 1)], lookup, PARAMS);
    assert.ok(d);
    assert.ok((d.features['cat:hiking boots'] ?? 0) > 0);
    assert.ok((d.features['cat:necklaces'] ?? 0) > 0);
    assert.ok((d.features['price:w'] ?? 0) > 0);
    assert.deepEqual(d.purchased, ['necklace']);
  });

  it('keeps gift events as recent items and purchases but learns no affinity or price from them', () => {
    const gift = { gift: true, sessionId: 'conv-1' } as const;
    const d = foldEvents(
      [ev('1', 'view', 'boot', NOW), ev('2', 'view', 'necklace', NOW + 1, gift), ev('3', 'purchase', 'necklace', NOW + 2, gift)],
      lookup,
      PARAMS,
    );
    assert.ok(d);
    assert.ok((d.features['cat:hiking boots'] ?? 0) > 0, 'own view still counts');
    assert.equal(d.features['cat:necklaces'], undefined, 'gift views and purchases add no affinity');
    assert.equal(d.features['vendor:aurum'], undefined);
    // Only the boot's price is in the price band.
    const own = foldEvents([ev('1', 'view', 'boot', NOW)], lookup, PARAMS);
    assert.equal(d.features['price:sum'], own?.features['price:sum']);
    assert.deepEqual(d.purchased, ['necklace'], 'a gift bought is still bought');
    assert.ok(d.recent.some((r) => r.productId === 'necklace' && r.type === 'purchase'), 'gift items are recent items');
    assert.equal(d.events, 3);
  });
});
