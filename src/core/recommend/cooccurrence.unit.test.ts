import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forward } from '../decay.ts';
import type { RecentItem } from '../profile/profileDelta.ts';
import { coocIncrements, DEFAULT_COOC_PARAMS, type CoocParams } from './cooccurrence.ts';

const T = Date.UTC(2025, 0, 10, 12);
const MIN = 60_000;
const P: CoocParams = { ...DEFAULT_COOC_PARAMS, window: 3, forwardWeight: 1, backwardWeight: 0.5, basketCap: 3 };

/** Increments as `from>to` → weight at distance-1 scale (decay-forward factor removed). */
function table(incs: readonly { from: string; to: string; weight: number }[], ts = T): Record<string, number> {
  const unit = forward(1, ts, P.halfLifeMs);
  const out: Record<string, number> = {};
  for (const i of incs) out[`${i.from}>${i.to}`] = Math.round(((out[`${i.from}>${i.to}`] ?? 0) + i.weight / unit) * 1e9) / 1e9;
  return out;
}

const view = (productId: string, minutesAgo: number, type: RecentItem['type'] = 'view'): RecentItem => ({ productId, type, ts: T - minutesAgo * MIN });

describe('coocIncrements', () => {
  it('links earlier session items forward with 1/d and back with backwardWeight/d', () => {
    const history = [view('b', 1), view('a', 2)];
    assert.deepEqual(table(coocIncrements(history, [{ productId: 'x' }], 'view', T, P)), {
      'b>x': 1,
      'x>b': 0.5,
      'a>x': 0.5,
      'x>a': 0.25,
    });
  });

  it('weights by event type and writes decay-forward values', () => {
    const incs = coocIncrements([view('a', 1)], [{ productId: 'x' }], 'add_to_cart', T, P);
    const ax = incs.find((i) => i.from === 'a' && i.to === 'x');
    assert.ok(ax);
    assert.equal(ax.weight, forward(P.typeWeights.add_to_cart, T, P.halfLifeMs));
    assert.deepEqual(coocIncrements([view('a', 1)], [{ productId: 'x' }], 'page_view', T, P), []);
  });

  it('uses only the current session chain', () => {
    // 'old' is 2 hours before 'a': the chain breaks there (30 min gap).
    const history = [view('a', 5), view('old', 125)];
    assert.deepEqual(Object.keys(table(coocIncrements(history, [{ productId: 'x' }], 'view', T, P))).sort(), ['a>x', 'x>a']);
    // A history whose newest item is older than the gap gives nothing.
    assert.deepEqual(coocIncrements([view('a', 45)], [{ productId: 'x' }], 'view', T, P), []);
  });

  it('counts distance in distinct products, skips self pairs and respects the window', () => {
    const history = [view('x', 1), view('b', 2, 'add_to_cart'), view('b', 3), view('a', 4), view('z', 5), view('y', 6)];
    const t = table(coocIncrements(history, [{ productId: 'x' }], 'view', T, P));
    assert.equal(t['x>x'], undefined);
    assert.equal(t['b>x'], 1);
    assert.equal(t['a>x'], 0.5);
    assert.equal(t['z>x'], 0.333333333);
    assert.equal(t['y>x'], undefined, 'outside the window of 3');
  });

  it('ignores history items later than the event', () => {
    const history = [{ productId: 'future', type: 'view' as const, ts: T + MIN }, view('a', 1)];
    assert.deepEqual(Object.keys(table(coocIncrements(history, [{ productId: 'x' }], 'view', T, P))).sort(), ['a>x', 'x>a']);
  });

  it('links the items of one basket with each other, capped and normalised by basket size', () => {
    const items = ['p', 'q', 'r', 's'].map((productId) => ({ productId }));
    const t = table(coocIncrements([], items, 'purchase', T, P));
    // basketCap 3: p, q, r pair; each pair gets 3 (purchase) × (1 + 0.5) / 2 / (3 - 1).
    assert.deepEqual(Object.keys(t).sort(), ['p>q', 'p>r', 'q>p', 'q>r', 'r>p', 'r>q']);
    for (const v of Object.values(t)) assert.equal(v, (3 * 0.75) / 2);
  });

  it('dedupes repeated items of one event', () => {
    const t = table(coocIncrements([], [{ productId: 'p' }, { productId: 'p' }, { productId: 'q' }], 'purchase', T, P));
    assert.deepEqual(t, { 'p>q': 2.25, 'q>p': 2.25 });
  });
});
