import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeProfiles } from './mergedProfile.ts';
import { RECENT_CAP, type RawProfile } from './profileDelta.ts';

const profile = (userId: string, over: Partial<RawProfile>): RawProfile => ({
  shop: 's',
  userId,
  features: {},
  recent: [],
  purchased: [],
  eventCount: 0,
  firstSeen: 0,
  lastSeen: 0,
  ...over,
});

test("a customer's profile and their devices' read as one: features add up, recent items newest first, purchases united", () => {
  const own = profile('123', { features: { 'cat:shoes': 2, 'n:purchase': 1 }, purchased: ['p1'], eventCount: 2, firstSeen: 50, lastSeen: 300 });
  const phone = profile('client-a', {
    customerId: '123',
    features: { 'cat:shoes': 1, 'cat:bags': 4 },
    recent: [
      { productId: 'p2', type: 'view', ts: 400 },
      { productId: 'p1', type: 'view', ts: 100 },
    ],
    purchased: ['p1', 'p3'],
    eventCount: 5,
    firstSeen: 10,
    lastSeen: 400,
  });
  const laptop = profile('client-b', { customerId: '123', recent: [{ productId: 'p1', type: 'view', ts: 250 }, { productId: 'p4', type: 'add_to_cart', ts: 200 }], eventCount: 1, firstSeen: 20, lastSeen: 250 });
  const m = mergeProfiles('s', '123', [own, phone, laptop]);
  assert.deepEqual(m, {
    shop: 's',
    userId: '123',
    features: { 'cat:shoes': 3, 'n:purchase': 1, 'cat:bags': 4 },
    recent: [
      { productId: 'p2', type: 'view', ts: 400 },
      { productId: 'p1', type: 'view', ts: 250 },
      { productId: 'p4', type: 'add_to_cart', ts: 200 },
    ],
    purchased: ['p1', 'p3'],
    eventCount: 8,
    firstSeen: 10,
    lastSeen: 400,
    customerId: '123',
  });
});

test('the merged recent list is capped as a stored one is; one own part is returned as it is; no part is no profile', () => {
  const many = (id: string, from: number) => profile(id, { recent: Array.from({ length: RECENT_CAP }, (_, k) => ({ productId: `${id}-${k}`, type: 'view' as const, ts: from + k })) });
  const m = mergeProfiles('s', 'c', [many('a', 0), many('b', 1000)]);
  assert.equal(m?.recent.length, RECENT_CAP);
  assert.equal(m?.recent[0]?.productId, `b-${RECENT_CAP - 1}`);
  assert.ok(m?.recent.every((r) => r.productId.startsWith('b-')));
  const own = profile('c', {});
  assert.equal(mergeProfiles('s', 'c', [own]), own);
  assert.equal(mergeProfiles('s', 'c', []), undefined);
  // A device's profile alone is the customer's, under the customer's id.
  assert.equal(mergeProfiles('s', 'c', [profile('device', { eventCount: 3 })])?.userId, 'c');
});
