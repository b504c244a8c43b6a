import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decayed } from '../decay.ts';
import type { RawProfile } from './profileDelta.ts';
import { buildProfileView } from './profileView.ts';

const OPTS = { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 };
const NOW = Date.UTC(2026, 11, 2);

/** The affinities as first written (entries, namespace by slice, normalised per namespace): what the view must keep giving. */
function reference(features: Record<string, number>): Map<string, number> {
  const sums = new Map<string, number>();
  const values = new Map<string, number>();
  for (const [key, stored] of Object.entries(features)) {
    const ns = key.slice(0, key.indexOf(':'));
    if (!['cat', 'type', 'vendor', 'tag'].includes(ns)) continue;
    const v = decayed(stored, NOW, OPTS.halfLifeMs);
    if (!(v > 0)) continue;
    values.set(key, v);
    sums.set(ns, (sums.get(ns) ?? 0) + v);
  }
  const out = new Map<string, number>();
  for (const [key, v] of values) out.set(key, v / (sums.get(key.slice(0, key.indexOf(':'))) ?? 1));
  return out;
}

function raw(features: Record<string, number>): RawProfile {
  return { shop: 's', userId: 'u', features, recent: [], purchased: [], eventCount: 1, firstSeen: NOW - 1000, lastSeen: NOW - 1000 };
}

describe('profile view', () => {
  it('normalises affinities per namespace, in the features’ order, and ignores other keys', () => {
    const cases: Record<string, number>[] = [
      {},
      { 'cat:boots': 3, 'cat:shirts': 1, 'type:shoes': 2, 'vendor:acme': 5, 'tag:leather': 1, 'tag:summer': 0.5, 'price:w': 4, 'price:sum': 12, 'price:sq': 40 },
      { 'tag:a': 1e-300, 'tag:b': 0, 'tag:c': -1, 'cat:x:y': 2, 'category:x': 9, 'cats': 4, 'tags': 1, ':x': 1, '': 1, 'catx': 2, 'vendor:': 3 },
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${['cat', 'type', 'vendor', 'tag'][i % 4]}:f${i}`, (i * 7919) % 97 / 13 + 1e6])),
    ];
    for (const features of cases) {
      const got = buildProfileView(raw(features), NOW, OPTS).affinities;
      const want = reference(features);
      assert.deepEqual([...got.keys()], [...want.keys()]);
      for (const [k, v] of want) assert.equal(got.get(k), v, k);
    }
    const view = buildProfileView(raw({ 'cat:boots': 3, 'cat:shirts': 1, 'type:shoes': 2 }), NOW, OPTS);
    assert.ok(Math.abs((view.affinities.get('cat:boots') as number) - 0.75) < 1e-12);
    assert.ok(Math.abs((view.affinities.get('type:shoes') as number) - 1) < 1e-12);
  });
});
