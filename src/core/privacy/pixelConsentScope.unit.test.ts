import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pixelClientIdProblem } from './pixelConsentScope.ts';

describe('what a pixel may withdraw consent for', () => {
  it('accepts pixel client ids', () => {
    for (const id of ['df1007bb-6c4d-4f1e-9a0b-2f3c4d5e6f70', 'client-laptop-7f3a', 'a1b2c3']) assert.equal(pixelClientIdProblem(id), undefined, id);
  });

  it('refuses customer ids, GIDs, market-scoped ids, emails, order nodes and agent conversations', () => {
    for (const id of ['8800123', 'gid://shopify/Customer/8800123', 'GID://shopify/Customer/1', 'client-1@eu', 'shopper@example.com', 'order:5001', 'session:conv-1']) {
      assert.ok(pixelClientIdProblem(id), id);
    }
  });
});
