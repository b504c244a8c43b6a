import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { shopperLink, withStructuredText } from './answerText.ts';

describe('what a tool answer gives a client that shows the model only content', () => {
  const answer: CallToolResult = {
    content: [{ type: 'text', text: '1 recommendation(s):\n1. Boot (id 1) — link: https://a.myshopify.com/products/boot?aff_rec=r1' }],
    structuredContent: { recommendation_id: 'r1', items: [{ product_id: '1', url: 'https://a.myshopify.com/products/boot?aff_rec=r1' }], next_cursor: 'c2' },
  };

  it('keeps the summary first and adds the structured answer serialized as JSON', () => {
    const r = withStructuredText(answer);
    assert.equal(r.content.length, 2);
    assert.deepEqual(r.content[0], answer.content[0]);
    const json = r.content[1];
    assert.ok(json?.type === 'text');
    assert.deepEqual(JSON.parse(json.text), answer.structuredContent);
    assert.deepEqual(r.structuredContent, answer.structuredContent);
  });

  it('adds it once, and leaves errors and answers without structured content alone', () => {
    assert.deepEqual(withStructuredText(withStructuredText(answer)), withStructuredText(answer));
    const error: CallToolResult = { content: [{ type: 'text', text: 'NOT_FOUND: no such product' }], isError: true };
    assert.equal(withStructuredText(error), error);
    const plain: CallToolResult = { content: [{ type: 'text', text: 'pong' }] };
    assert.equal(withStructuredText(plain), plain);
  });

  it("gives a storefront path on the shop's domain, as the structured url is, and keeps it for a shop with no domain", () => {
    assert.equal(shopperLink('/products/boot?aff_rec=r1', 'a.myshopify.com'), 'https://a.myshopify.com/products/boot?aff_rec=r1');
    assert.equal(shopperLink('https://shop.example.com/products/boot', 'a.myshopify.com'), 'https://shop.example.com/products/boot');
    assert.equal(shopperLink('/products/boot', 'default'), '/products/boot');
  });
});
