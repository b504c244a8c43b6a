import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShopTaxonomy, isCategoryId } from './shopTaxonomy.ts';

describe('ShopTaxonomy', () => {
  it('tells taxonomy ids (and their GIDs, and Google ids) from names', () => {
    for (const id of ['aa', 'aa-8-1', 'gid://shopify/TaxonomyCategory/aa-8-1', '187']) assert.equal(isCategoryId(id), true, id);
    for (const name of ['Shoes', 'Apparel & Accessories > Shoes', 'aa shoes']) assert.equal(isCategoryId(name), false, name);
  });

  it('maps names, paths and path segments to the ids learned for them', () => {
    const t = new ShopTaxonomy();
    t.learn('gid://shopify/TaxonomyCategory/aa-8-1', 'Apparel & Accessories > Shoes > Athletic Shoes');
    t.learn('aa-8-2', 'Apparel & Accessories > Shoes > Boots');
    t.learn('Shoes', 'aa-1'); // the wrong way round: ignored
    assert.deepEqual(t.idsFor('Athletic Shoes'), ['aa-8-1']);
    assert.deepEqual(t.idsFor('shoes').sort(), ['aa-8-1', 'aa-8-2']);
    assert.deepEqual(t.idsFor('apparel & accessories > shoes > boots'), ['aa-8-2']);
    assert.deepEqual(t.idsFor('aa-9'), ['aa-9'], 'an id is itself');
    assert.deepEqual(t.idsFor('Hats'), []);
    assert.equal(t.nameOf('gid://shopify/TaxonomyCategory/aa-8-2'), 'Apparel & Accessories > Shoes > Boots');
  });

  it('assumes ids (Shopify) until an answer shows category names', () => {
    const t = new ShopTaxonomy();
    t.observe('aa-8-1');
    t.observe('');
    assert.equal(t.scheme, 'ids');
    t.observe('Footwear > Running');
    assert.equal(t.scheme, 'names');
  });
});
