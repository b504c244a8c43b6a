import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseProxyQuery, proxySigningMessage, signProxyParams, verifyProxyParams } from './appProxySignature.ts';

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
});
