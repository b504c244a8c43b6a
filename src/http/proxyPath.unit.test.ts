import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutProxySlash } from './proxyPath.ts';

test('an app proxy path ending in a slash is the path without it, the query kept', () => {
  assert.equal(withoutProxySlash('/shopify/proxy/recommendations/?shop=a.myshopify.com&signature=ab'), '/shopify/proxy/recommendations?shop=a.myshopify.com&signature=ab');
  assert.equal(withoutProxySlash('/shopify/proxy/recommendations//'), '/shopify/proxy/recommendations');
  assert.equal(withoutProxySlash('/shopify/proxy/recommendations?x=/'), '/shopify/proxy/recommendations?x=/', 'a slash in the query is not the path');
});

test('near misses: the proxy root and every other path are left as they are', () => {
  for (const url of ['/shopify/proxy/', '/shopify/proxy/?shop=a', '/shopify/proxy', '/v1/recommendations/', '/health/', '/']) assert.equal(withoutProxySlash(url), url);
});
