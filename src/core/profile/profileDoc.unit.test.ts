import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECENT_CAP, type ProfileDelta, type RawProfile } from './profileDelta.ts';
import { applyDelta, decodeProfile } from './profileDoc.ts';

function delta(over: Partial<ProfileDelta>): ProfileDelta {
  return { shop: 's', userId: 'u', features: {}, recent: [], purchased: [], events: 1, firstTs: 1000, lastTs: 1000, ...over };
}

/** The document after `deltas`, one projection each, from a new user. */
function project(...deltas: ProfileDelta[]): string {
  let doc: string | undefined;
  for (const d of deltas) doc = applyDelta(doc, d).doc;
  return doc as string;
}

function profileOf(doc: string): RawProfile {
  return decodeProfile('s', 'u', doc);
}

describe('profile document (both stores)', () => {
  it('starts a new user from the delta alone', () => {
    const doc = project(
      delta({ features: { 'cat:tents': 2 }, recent: [{ productId: 'a', type: 'view', ts: 1000 }], purchased: ['a'], events: 3, firstTs: 900, lastTs: 1000 }),
    );
    assert.deepEqual(profileOf(doc), {
      shop: 's',
      userId: 'u',
      features: { 'cat:tents': 2 },
      recent: [{ productId: 'a', type: 'view', ts: 1000 }],
      purchased: ['a'],
      eventCount: 3,
      firstSeen: 900,
      lastSeen: 1000,
    });
  });

  it('adds features and counts, widens first/last seen, keeps purchases a set and the newest customer id', () => {
    const first = delta({ features: { 'cat:tents': 2, 'vendor:acme': 1 }, purchased: ['a'], customerId: 'c-1' });
    const second = delta({ features: { 'cat:tents': 0.5, 'tag:red': 1 }, purchased: ['b', 'a'], events: 2, firstTs: 500, lastTs: 3000 });
    const p = profileOf(project(first, second));
    assert.deepEqual(p.features, { 'cat:tents': 2.5, 'vendor:acme': 1, 'tag:red': 1 });
    assert.deepEqual(p.purchased, ['a', 'b']);
    assert.equal(p.eventCount, 3);
    assert.equal(p.firstSeen, 500);
    assert.equal(p.lastSeen, 3000);
    assert.equal(p.customerId, 'c-1', 'a delta without a customer id keeps the known one');
    assert.equal(profileOf(project(first, second, delta({ customerId: 'c-2' }))).customerId, 'c-2');
    assert.equal(applyDelta(project(first), second).lastSeen, 3000, 'the last-seen column follows the document');
  });

  it('keeps the latest time per product and type, newest first, ties by product then type', () => {
    const p = profileOf(
      project(
        delta({ recent: [{ productId: 'b', type: 'view', ts: 1500 }, { productId: 'a', type: 'view', ts: 1000 }] }),
        delta({
          recent: [
            { productId: 'a', type: 'view', ts: 3000 },
            { productId: 'a', type: 'purchase', ts: 3000 },
            { productId: 'b', type: 'view', ts: 1200 },
            { productId: 'a', type: 'view', ts: 2000 },
          ],
        }),
      ),
    );
    assert.deepEqual(
      p.recent.map((r) => `${r.productId}:${r.type}:${r.ts}`),
      ['a:purchase:3000', 'a:view:3000', 'b:view:1500'],
    );
  });

  it(`caps the recent items at the newest ${RECENT_CAP}, whatever order they come in`, () => {
    const recent = Array.from({ length: RECENT_CAP + 5 }, (_, i) => ({ productId: `p${i}`, type: 'view' as const, ts: (i * 37) % (RECENT_CAP + 5) }));
    const p = profileOf(project(delta({ recent })));
    assert.equal(p.recent.length, RECENT_CAP);
    assert.deepEqual(
      p.recent.map((r) => r.ts),
      Array.from({ length: RECENT_CAP }, (_, i) => RECENT_CAP + 4 - i),
    );
  });
});
