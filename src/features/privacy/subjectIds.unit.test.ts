/**
 * The agent conversations of a data subject (`subjectIds.ts`): a conversation (`session:<id>`) an agent
 * named a shopper's device with is that device's shopper's, as the device's market-scoped ids are; one
 * linked only to another customer is not. In-memory links (the store contract's `directLinks`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderNode } from '../../core/privacy/orderNode.ts';
import { subjectIds } from './subjectIds.ts';

function links(pairs: readonly (readonly [string, string])[]) {
  const m = new Map<string, Set<string>>();
  const add = (a: string, b: string) => m.set(a, (m.get(a) ?? new Set()).add(b));
  for (const [a, b] of pairs) {
    add(a, b);
    add(b, a);
  }
  return { directLinks: async (_shop: string, id: string) => [...(m.get(id) ?? [])].sort() };
}

describe('subjectIds: agent conversations', () => {
  const store = links([
    ['laptop', 'cust-a'],
    ['laptop', 'cust-b'],
    ['session:chat-dev', 'laptop'],
    ['session:chat-a', 'cust-a'],
    ['session:chat-b', 'cust-b'],
    ['phone-b', 'cust-b'],
    ['session:chat-phone-b', 'phone-b'],
    ['laptop', orderNode('1')],
  ]);

  it("reaches a conversation linked to the customer or to one of the customer's devices", async () => {
    assert.deepEqual((await subjectIds(store, 's', 'cust-a')).sort(), ['cust-a', 'laptop', 'session:chat-a', 'session:chat-dev'].sort());
  });

  it("near miss: never a conversation of another customer's own id or device, nor through an order", async () => {
    const ids = await subjectIds(store, 's', 'cust-a', ['1']);
    for (const id of ['session:chat-b', 'session:chat-phone-b', 'phone-b', 'cust-b']) assert.equal(ids.includes(id), false, id);
  });
});
