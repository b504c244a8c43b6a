/**
 * Where an agent's rejections are read: under the shopper's id, under the id their consent stored them
 * under (`<id>@<market>`), and in session-only memory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { UserEventStore } from '../core/ports.ts';
import { makeEvent } from '../testing/userEventStoreContract.ts';
import { REJECTED_EVENT_NAME, rejectedProducts } from './agentEvents.ts';

const rejection = (userId: string, productId: string): UserEvent =>
  makeEvent({ userId, type: 'remove_from_cart', name: REJECTED_EVENT_NAME, source: 'agent', items: [{ productId, quantity: 1 }] });

/** A store holding `events` per user id. */
function store(events: Record<string, UserEvent[]>): UserEventStore {
  return { getUserEvents: async (_shop: string, id: string) => events[id] ?? [] } as unknown as UserEventStore;
}

describe('rejectedProducts', () => {
  const canonical = (id: string) => (id === '8801' ? 'boot' : undefined);

  it('reads the stored rejections under the id, and under the market-scoped id the consent stored them under', async () => {
    const s = store({ u: [rejection('u', 'tent')], 'u@eu': [rejection('u@eu', '8801')] });
    assert.deepEqual([...(await rejectedProducts({ store: s }, 'shop', 'u', canonical))], ['tent']);
    assert.deepEqual([...(await rejectedProducts({ store: s, storedKey: async () => 'u@eu' }, 'shop', 'u', canonical))].sort(), ['boot', 'tent']);
  });

  it('reads the session-only memory of a shopper whose consent allows no storage', async () => {
    const held = [rejection('v', 'dress'), makeEvent({ userId: 'v', type: 'remove_from_cart', name: 'product_removed_from_cart', source: 'pixel', items: [{ productId: 'hat', quantity: 1 }] })];
    const got = await rejectedProducts({ store: store({}), sessionEvents: (_shop, id) => (id === 'v' ? held : []) }, 'shop', 'v', canonical);
    assert.deepEqual([...got], ['dress'], 'a cart removal from the storefront is no rejection');
  });
});
