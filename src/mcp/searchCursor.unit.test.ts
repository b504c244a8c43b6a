import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../core/errors.ts';
import { cursorError, openCursor, sealCursor, searchFingerprint } from './searchCursor.ts';

describe('search_catalog cursors', () => {
  const search = { shop: 'a.myshopify.com', query: 'trail shoes', price: { max: 120 }, market: { country: 'US', currency: 'USD' } };
  const fp = searchFingerprint(search);

  it('opens a cursor it sealed for the same search, whatever the catalog cursor holds', () => {
    for (const inner of ['affinity-local:10', 'eyJsYXN0X2lkIjo0Mn0=', 'ünïcode cursor/with.dots+and=']) {
      assert.deepEqual(openCursor(sealCursor(inner, fp), fp), { inner });
    }
  });

  it('is the same search with another case or spacing of the words, another page size, another market case', () => {
    assert.equal(searchFingerprint({ ...search, query: '  Trail   SHOES ' }), fp);
    assert.equal(searchFingerprint({ ...search, shop: 'A.myshopify.com', market: { country: 'us', currency: 'usd' } }), fp);
  });

  it('refuses a cursor of another search: another shop, query, category, price or market', () => {
    const cursor = sealCursor('affinity-local:10', fp);
    const others = [
      { ...search, shop: 'b.myshopify.com' },
      { ...search, query: 'trail shoe' },
      { ...search, category: 'Shoes' },
      { ...search, price: { max: 100 } },
      { ...search, price: { min: 10, max: 120 } },
      { ...search, market: { country: 'DE', currency: 'EUR' } },
      { shop: search.shop },
    ];
    for (const other of others) assert.deepEqual(openCursor(cursor, searchFingerprint(other)), { problem: 'other_search' }, JSON.stringify(other));
  });

  it('refuses what it did not write: a raw catalog cursor, cut or changed cursors, another version', () => {
    const cursor = sealCursor('affinity-local:10', fp);
    const [, , body, check] = cursor.split('.') as [string, string, string, string];
    const bodyCut = `c1.${fp}.${body.slice(0, -1)}.${check}`;
    const bodyLonger = `c1.${fp}.${body}x.${check}`;
    for (const bad of ['affinity-local:10', 'garbage', '', 'c1', `c1.${fp}`, `c1.${fp}.${body}`, `c1.${fp}..${check}`, bodyCut, bodyLonger, cursor.slice(0, -1), `${cursor}x`, `${cursor}.more`, cursor.replace(/^c1/, 'c2'), `c1.short.${body}.${check}`, `c1.${fp}.a+b/.${check}`]) {
      assert.deepEqual(openCursor(bad, fp), { problem: 'garbled' }, bad);
    }
  });

  it('is a VALIDATION_FAILED on cursor that says to start again, with the same words for another shop as for another query', () => {
    const other = cursorError('other_search');
    assert.ok(isAffinityError(other));
    assert.equal(other.code, 'VALIDATION_FAILED');
    assert.deepEqual(other.issues.map((i) => i.path), ['cursor']);
    assert.match(other.message, /^This cursor belongs to another search .*; start again without cursor/);
    assert.match(cursorError('garbled').message, /start again without cursor\.$/);
  });
});
