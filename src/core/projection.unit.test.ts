import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from './events/userEvent.ts';
import { DEFAULT_EVENT_WEIGHTS } from './profile/fold.ts';
import { project, type ProjectionParams } from './projection.ts';
import { DEFAULT_COOC_PARAMS } from './recommend/cooccurrence.ts';

const PARAMS: ProjectionParams = {
  fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * 86_400_000 },
  cooc: DEFAULT_COOC_PARAMS,
  popularHalfLifeMs: 7 * 86_400_000,
  trendingHalfLifeMs: 86_400_000,
};
const T0 = Date.UTC(2026, 5, 1);

function event(n: number, type: UserEvent['type'], productId: string, gift = false): { seq: string; event: UserEvent } {
  return {
    seq: String(n),
    event: { v: 1, id: `e${n}`, shop: 's', userId: 'u', type, ts: T0 + n * 60_000, items: [{ productId }], source: 'agent', ...(gift ? { context: { gift: true } } : {}) } as unknown as UserEvent,
  };
}

/** The co-occurrence pairs a batch adds, `from>to`. */
function pairs(batch: ReturnType<typeof event>[], history: { productId: string; type: UserEvent['type']; ts: number }[] = []): string[] {
  const out = project(batch, new Map(history.length > 0 ? [['s\u0000u', history]] : []), () => undefined, PARAMS);
  return [...new Set(out.stats.flatMap((s) => (s.kind === 'cooc' ? [`${s.from}>${s.to}`] : [])))].sort();
}

describe('projection: a gift for someone else teaches no "viewed together"', () => {
  it('links the shopper\'s own items, not a gift to them, in a batch or after one', () => {
    // Earrings for herself, then a plant pot bought as a gift for her father, then a bracelet.
    const batch = [event(1, 'view', 'earrings'), event(2, 'view', 'necklace'), event(3, 'purchase', 'plant-pot', true), event(4, 'view', 'bracelet')];
    const got = pairs(batch);
    assert.ok(got.includes('earrings>necklace') && got.includes('necklace>bracelet'), got.join(' '));
    assert.deepEqual(got.filter((p) => p.includes('plant-pot')), []);
    // Earlier batches' history: the gift links to none of it either.
    assert.deepEqual(pairs([event(5, 'purchase', 'plant-pot', true)], [{ productId: 'earrings', type: 'view', ts: T0 }]), []);
  });

  it('still counts the gift\'s demand in popularity and trending', () => {
    const out = project([event(1, 'purchase', 'plant-pot', true)], new Map(), () => undefined, PARAMS);
    assert.deepEqual(out.stats.flatMap((s) => (s.kind === 'cooc' ? [] : [[s.kind, s.productId]])).sort(), [['popular', 'plant-pot'], ['trending', 'plant-pot']]);
  });
});
