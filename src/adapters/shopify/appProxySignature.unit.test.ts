import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { namesEndingOthers, parseProxyQuery, proxyQueryAmbiguity, proxySigningMessage, SHOPIFY_PROXY_PARAMS, signProxyParams, verifyProxyParams } from './appProxySignature.ts';

const SECRET = 'hush';
const NOW = 1_764_700_000_000;

describe('Shopify app proxy signature', () => {
  it("signs exactly like Shopify's documented example", () => {
    // shopify.dev "Authenticate app proxies": the example query and its signature.
    const q = parseProxyQuery(
      'extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
    );
    assert.equal(proxySigningMessage(q), 'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555');
    assert.equal(signProxyParams(q, SECRET), '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb');
    assert.equal(verifyProxyParams(q, [SECRET], 1317327555_000), undefined);
  });

  it('refuses tampered, unsigned, stale and wrongly keyed requests; accepts any secret of a rotation', () => {
    const params = new Map([
      ['shop', ['a.myshopify.com']],
      ['logged_in_customer_id', ['']],
      ['path_prefix', ['/apps/affinity']],
      ['timestamp', [String(NOW / 1000)]],
      ['product_id', ['42']],
    ]);
    const signed = new Map([...params, ['signature', [signProxyParams(params, SECRET)]]]);
    assert.equal(verifyProxyParams(signed, ['old', SECRET], NOW), undefined);
    assert.equal(verifyProxyParams(signed, ['other'], NOW), 'bad-signature');
    assert.equal(verifyProxyParams(new Map([...signed, ['shop', ['b.myshopify.com']]]), [SECRET], NOW), 'bad-signature');
    assert.equal(verifyProxyParams(new Map([...signed, ['product_id', ['43']]]), [SECRET], NOW), 'bad-signature');
    assert.equal(verifyProxyParams(new Map([...signed, ['added', ['1']]]), [SECRET], NOW), 'bad-signature');
    assert.equal(verifyProxyParams(params, [SECRET], NOW), 'unsigned');
    assert.equal(verifyProxyParams(signed, [SECRET], NOW + 301_000), 'stale');
    assert.equal(verifyProxyParams(signed, [SECRET], NOW - 301_000), 'stale');
    assert.equal(verifyProxyParams(signed, [], NOW), 'no-secret');
    // The hex digest is compared, not a prefix or a case-folded copy of it.
    const sig = signed.get('signature')![0]!;
    assert.equal(verifyProxyParams(new Map([...signed, ['signature', [sig.slice(0, 63)]]]), [SECRET], NOW), 'unsigned');
    assert.equal(createHmac('sha256', SECRET).update(proxySigningMessage(signed)).digest('hex'), sig);
  });

  it('trusts a signature only for a query that reads back one way: a regrouped query naming a customer is refused', () => {
    const names = new Set([...SHOPIFY_PROXY_PARAMS, 'product_id', 'limit', 'text']);
    const ts = String(NOW / 1000);
    // An anonymous visitor asks the storefront for ?lo=x&logged_in_customer_id%3D8800124m=1; Shopify forwards it signed.
    const asked = parseProxyQuery(`shop=a.myshopify.com&path_prefix=%2Fapps%2Faffinity&timestamp=${ts}&logged_in_customer_id=&lo=x&logged_in_customer_id%3D8800124m=1`);
    const signature = signProxyParams(asked, SECRET);
    // The same pairs regrouped: the same signed message, now naming customer 8800124.
    const forged = parseProxyQuery(`shop=a.myshopify.com&timestamp=${ts}&lo=xlogged_in_customer_id%3D&logged_in_customer_id=8800124&m=1path_prefix%3D%2Fapps%2Faffinity&signature=${signature}`);
    assert.equal(proxySigningMessage(forged), proxySigningMessage(asked), 'Shopify\'s message does not separate the pairs');
    assert.equal(verifyProxyParams(forged, [SECRET], NOW), undefined, 'without the names, the signature alone accepts it');
    assert.equal(verifyProxyParams(forged, [SECRET], NOW, names), 'ambiguous');
    assert.equal(verifyProxyParams(new Map([...asked, ['signature', [signature]]]), [SECRET], NOW, names), 'ambiguous', 'the asked query names parameters the route does not take');
    assert.match(proxyQueryAmbiguity(forged, names) ?? '', /does not take/);
    // Known names only, but a value holding "=", or one of Shopify's given twice: refused too.
    const withText = (text: string) => new Map([['shop', ['a.myshopify.com']], ['logged_in_customer_id', ['']], ['path_prefix', ['/apps/affinity']], ['timestamp', [ts]], ['text', [text]]]);
    assert.equal(proxyQueryAmbiguity(withText('xlogged_in_customer_id=1'), names), 'the value of text holds "="');
    assert.equal(proxyQueryAmbiguity(new Map([...withText('rings'), ['logged_in_customer_id', ['', '8800124']]]), names), 'logged_in_customer_id is given more than once');
    // What the theme block sends reads back one way, and is verified as before.
    const block = withText('silver rings');
    assert.equal(proxyQueryAmbiguity(block, names), undefined);
    assert.equal(verifyProxyParams(new Map([...block, ['signature', [signProxyParams(block, SECRET)]]]), [SECRET], NOW, names), undefined);
  });

  it('finds names that end others (a set with one could not keep a query from being read two ways)', () => {
    assert.deepEqual(namesEndingOthers(['product_id', 'id', 'shop']), ['id']);
    assert.deepEqual(namesEndingOthers(SHOPIFY_PROXY_PARAMS), []);
  });
});
