import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gidKind, IdSchema, IdStringSchema, isMalformedGid, isWellFormed, MAX_ENCODED_ID_LENGTH, MAX_ID_LENGTH, normalizeId, shopperIdOf, shopperIdProblem, toGid } from './ids.ts';

describe('ids', () => {
  it('tells lone surrogates from well-formed pairs', () => {
    assert.equal(isWellFormed('abc'), true);
    assert.equal(isWellFormed('a😀b'), true);
    assert.equal(isWellFormed('\ud800abc'), false);
    assert.equal(isWellFormed('abc\udc00'), false);
    assert.equal(isWellFormed('\ude00\ud83d'), false, 'a pair in the wrong order is two lone surrogates');
  });

  it('IdStringSchema and IdSchema refuse lone surrogates, empty and over-long ids', () => {
    assert.equal(IdStringSchema.safeParse('\ud800abc').success, false);
    assert.equal(IdStringSchema.safeParse('').success, false);
    assert.equal(IdStringSchema.safeParse('x'.repeat(MAX_ID_LENGTH)).success, true);
    assert.equal(IdStringSchema.safeParse('x'.repeat(MAX_ID_LENGTH + 1)).success, false);
    assert.equal(IdSchema.safeParse(8896125829396).success, true);
    assert.equal(IdSchema.safeParse(-1).success, false);
    assert.equal(IdSchema.safeParse('a\udbff').success, false);
  });

  it('IdStringSchema and IdSchema refuse ids with nothing visible in them, and control characters', () => {
    for (const blank of [' ', '   ', '\t', '\n', '\u00a0', '\u200b', '\ufeff', ' \u2060 ']) {
      assert.equal(IdStringSchema.safeParse(blank).success, false, JSON.stringify(blank));
      assert.equal(IdSchema.safeParse(blank).success, false, JSON.stringify(blank));
    }
    for (const id of ['a\u0000b', 'x\u001f', '\u007fx', 'y\u0085']) assert.equal(IdStringSchema.safeParse(id).success, false, JSON.stringify(id));
    // Spaces inside or around something visible are kept (normalizeId trims them).
    for (const id of [' 8896125829396 ', 'my product', 'é']) assert.equal(IdStringSchema.safeParse(id).success, true, id);
  });

  it('bounds the URL-encoded form of every accepted id', () => {
    // The longest encoding per code unit: a BMP character at or above U+0800 (three UTF-8 bytes).
    for (const ch of ['x', 'é', '字', '😀', '\uffff']) {
      const id = ch.repeat(MAX_ID_LENGTH / ch.length);
      assert.ok(IdStringSchema.safeParse(id).success);
      assert.ok(encodeURIComponent(id).length <= MAX_ENCODED_ID_LENGTH, ch);
    }
    assert.equal(encodeURIComponent('字'.repeat(MAX_ID_LENGTH)).length, MAX_ENCODED_ID_LENGTH);
  });

  it('normalizeId never throws on a GID with broken percent-encoding', () => {
    assert.equal(normalizeId('gid://shopify/Product/%ED%A0%80'), '%ED%A0%80');
    assert.equal(normalizeId('gid://shopify/Product/%E0%A4%A'), '%E0%A4%A');
    assert.equal(normalizeId('gid://shopify/Product/a%2Fb'), 'a/b');
    assert.equal(normalizeId('gid://shopify/Product/123'), '123');
  });

  it('tells an id written as a GID that is not one from GIDs, numbers, handles and SKUs', () => {
    for (const raw of ['gid://shopify/Product/', 'gid://shopify/Product/abc', 'gid://shopify/ProductVariant/12a', 'GID://shopify/Product/1/2', 'gid:', 'gid://shopify/Order/x?y=1', 'gid://shopify//1'])
      assert.equal(isMalformedGid(raw), true, raw);
    for (const raw of ['gid://shopify/Product/8896125829396', ' gid://shopify/ProductVariant/2?x=1 ', 'gid://shopify/Cart/Z2NwLXVz', 'choker-with-bead', 'gidget-tee', '123', 5, undefined])
      assert.equal(isMalformedGid(raw), false, String(raw));
    assert.equal(IdSchema.safeParse('gid://shopify/Product/abc').success, false, 'an API caller is told, not stored under a product no catalog names');
    assert.equal(IdSchema.safeParse('gid://shopify/Product/12').success, true);
  });

  it('toGid gives a GID for a numeric id only, never a handle or SKU dressed up as one', () => {
    assert.equal(toGid('Product', '8896125829396'), 'gid://shopify/Product/8896125829396');
    assert.equal(toGid('ProductVariant', '42'), 'gid://shopify/ProductVariant/42');
    for (const id of ['choker-with-bead', 'SKU-1', '12a', '1.5', '', 'gid://shopify/Product/1']) assert.equal(toGid('Product', id), undefined, id);
  });

  it('gidKind names the kind of a Shopify GID and nothing else', () => {
    assert.equal(gidKind('gid://shopify/Collection/1'), 'Collection');
    assert.equal(gidKind(' gid://shopify/ProductVariant/2?x=1 '), 'ProductVariant');
    for (const raw of ['1', 'choker-with-bead', 'gid://other/Product/1', 'gid://shopify/Product', 5, undefined, null]) assert.equal(gidKind(raw), undefined, String(raw));
  });
});

it('shopperIdOf: a customer GID is the numeric id a checkout stores; every other id is kept as it is', () => {
  assert.equal(shopperIdOf('gid://shopify/Customer/7700042'), '7700042');
  assert.equal(shopperIdOf('gid://shopify/Customer/7700042?x=1'), '7700042');
  assert.equal(shopperIdOf('7700042'), '7700042');
  // Careless letter case names the same customer.
  for (const id of ['GID://shopify/Customer/7700042', 'gid://Shopify/customer/7700042', 'gid:/shopify/Customer/7700042']) assert.equal(shopperIdOf(id), '7700042', id);
  for (const id of ['gid://shopify/Product/1', 'gid://shopify/Order/9', 'gid://other/Customer/1', 'client-9f2c', 'gid://shopify/Customer/', 'gid://shopify/Customer/1/2', 'a@b.com', 'g']) assert.equal(shopperIdOf(id), id, id);
});

it('shopperIdProblem: an id written as a GID must be a customer’s with a numeric id; any other id is a shopper', () => {
  for (const id of ['gid://shopify/Customer/7700042', 'GID://Shopify/customer/7700042', 'gid:/shopify/Customer/7700042', 'client-9f2c', 'a@b.com', 'g', 'gidget', '7700042']) assert.equal(shopperIdProblem(id), undefined, id);
  // "abc" would have become shopper "abc"; a product or an order is no shopper; the rest is no GID at all.
  assert.match(shopperIdProblem('gid://shopify/Customer/abc') ?? '', /not a customer GID: a customer's id is a number/);
  assert.match(shopperIdProblem('gid://shopify/Product/1') ?? '', /is a Product GID, not a shopper/);
  for (const id of ['gid://shopify/Customer/', 'gid://shopify/Customer/1/2', 'gid://other/Customer/1', 'gid:x']) assert.match(shopperIdProblem(id) ?? '', /is not a Shopify GID/, id);
});
