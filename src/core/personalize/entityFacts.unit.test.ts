import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { emptyIntent } from './intentInput.ts';
import { entityFacts, factsOf, intentReasonsOf, keptFacts } from './entityFacts.ts';
import { MEETS_AUDIENCE, MEETS_CATEGORY, MEETS_COLOUR, MEETS_SALE, scoreIntent } from './intentScoring.ts';

const boot = product({
  id: 'b',
  title: 'Ridge Leather Hiking Boot',
  vendor: 'Alpina',
  productType: 'Hiking Boots',
  category: 'Apparel & Accessories > Shoes > Boots > Hiking Boots',
  variants: [[150, true, { color: 'Brown', size: '8' }]],
});
const soldOut = product({ id: 's', title: 'Trail Boot', productType: 'Hiking Boots', variants: [[90, false, {}]] });
const entities = (e: Partial<ReturnType<typeof emptyIntent>['entities']>) => ({ ...emptyIntent().entities, ...e });

describe('entity facts', () => {
  it('are the availability, the rejections and the intent match of a product', () => {
    const e = entities({ categories: ['boots'], colours: ['brown'] });
    const f = factsOf(entityFacts(e), boot);
    assert.deepEqual(f, { shown: true, score: scoreIntent(boot, e).score, meets: MEETS_CATEGORY | MEETS_COLOUR });
    assert.equal(factsOf(entityFacts(e), soldOut).shown, false);
    assert.equal(factsOf(entityFacts(entities({ categories: ['boots'], rejections: [{ kind: 'material', value: 'leather' }] })), boot).shown, false);
    assert.deepEqual(factsOf(entityFacts(entities({ rejections: [{ kind: 'material', value: 'wool' }] })), boot), { shown: true, score: 0, meets: 0 });
  });

  it('are kept for a set of entities asked again, whatever object carries them', () => {
    const a = factsOf(entityFacts(entities({ categories: ['boots'] })), boot);
    assert.equal(factsOf(entityFacts(entities({ categories: ['boots'] })), boot), a);
    assert.notEqual(factsOf(entityFacts(entities({ categories: ['boots'], isGift: true })), boot), a);
    assert.notEqual(factsOf(entityFacts(entities({ categories: ['boots'], rejections: [{ kind: 'brand', value: 'Nike' }] })), boot), a);
  });

  it('tell one recipient from several (a woman\'s shirt is no present held to "my husband" alone)', () => {
    const shirt = product({ id: 'w', title: "Women's Linen Shirt", productType: 'Shirts', variants: [[40, true, {}]] });
    const one = factsOf(entityFacts(entities({ categories: ['shirts'], recipient: 'husband', isGift: true })), shirt);
    const several = factsOf(entityFacts(entities({ categories: ['shirts'], recipient: 'husband', severalRecipients: true, isGift: true })), shirt);
    assert.equal(one.meets & MEETS_AUDIENCE, 0);
    assert.equal(several.meets & MEETS_AUDIENCE, MEETS_AUDIENCE);
  });

  it('tell a wish for products on sale from none (the facts of "jackets" are not those of "jackets on sale")', () => {
    const onSale = product({ id: 'j', title: 'Olive Jacket', productType: 'Jackets', price: 45, compareAt: 65 });
    const full = product({ id: 'k', title: 'Navy Jacket', productType: 'Jackets', price: 60 });
    assert.equal(factsOf(entityFacts(entities({ categories: ['jackets'] })), onSale).meets & MEETS_SALE, 0);
    assert.equal(factsOf(entityFacts(entities({ categories: ['jackets'], onSale: true })), onSale).meets & MEETS_SALE, MEETS_SALE);
    assert.equal(factsOf(entityFacts(entities({ categories: ['jackets'], onSale: true })), full).meets & MEETS_SALE, 0);
  });

  it('quote the intent match\'s reasons, worked out once per product', () => {
    const e = entities({ categories: ['boots'], colours: ['brown'] });
    const t = entityFacts(e);
    assert.deepEqual(intentReasonsOf(t, boot), scoreIntent(boot, e).reasons);
    assert.ok(intentReasonsOf(t, boot).length > 0);
    assert.equal(intentReasonsOf(entityFacts(entities({ categories: ['boots'], colours: ['brown'] })), boot), intentReasonsOf(t, boot));
  });

  it('stay bounded in all however many sets of entities and products are seen: the oldest sets are let go', () => {
    const products = Array.from({ length: 1_700 }, (_, i) => product({ id: `p${i}`, title: `Plain Tee ${i}`, variants: [[10, true, {}]] }));
    for (let k = 0; k < 240; k++) {
      const t = entityFacts(entities({ rejections: [{ kind: 'term', value: `word${k}` }] }));
      for (const p of products) factsOf(t, p);
    }
    assert.ok(keptFacts() <= 400_000, String(keptFacts()));
    // The latest set is still kept: asked again, the same facts.
    const last = entityFacts(entities({ rejections: [{ kind: 'term', value: 'word239' }] }));
    assert.equal(factsOf(last, products[0] as (typeof products)[number]), factsOf(entityFacts(entities({ rejections: [{ kind: 'term', value: 'word239' }] })), products[0] as (typeof products)[number]));
  });

  it('a set let go is not found again through its (frozen, memoised) entities object: its facts would grow uncounted', () => {
    const frozen = Object.freeze(entities({ rejections: [{ kind: 'term', value: 'frozen-word' }] }));
    const first = entityFacts(frozen);
    assert.equal(entityFacts(frozen), first, 'found by object while kept');
    for (let k = 0; k < 300; k++) entityFacts(entities({ rejections: [{ kind: 'term', value: `other${k}` }] }));
    assert.equal(first.kept, false);
    const again = entityFacts(frozen);
    assert.notEqual(again, first);
    assert.equal(again.kept, true);
  });
});
