import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { emptyIntent } from './intentInput.ts';
import { checkProduct } from './hardFilters.ts';
import { matchCategory, MEETS_CATEGORY, MEETS_SIZE, scoreIntent, scoreIntentInto, titleIsOf, type IntentScore } from './intentScoring.ts';

const entities = (e: Partial<ReturnType<typeof emptyIntent>['entities']>) => ({ ...emptyIntent().entities, ...e });

describe('a kind matched by the head word its synonym group names products by ("pot" of planters)', () => {
  const clay = product({ id: 'c', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Pot', 'Plants'] });
  const ceramic = product({ id: 'w', title: 'White Ceramic Pot', productType: 'Indoor', tags: ['Pot', 'Plants'] });
  const cardboard = product({ id: 'b', title: 'Biodegradable cardboard pots', productType: 'Outdoor', tags: ['Garden', 'Plants'] });
  const typed = product({ id: 't', title: 'Terracotta', productType: 'Garden Pot' });

  it('finds every pot of the shop for the title phrase, its synonyms and its Spanish names', () => {
    for (const term of ['Plant Pot', 'planters', 'maceta', 'flower pots']) {
      for (const p of [clay, ceramic, cardboard, typed]) assert.ok(matchCategory(p, term), `${term} → ${p.title}`);
    }
    assert.equal(matchCategory(ceramic, 'Plant Pot'), 'tags');
    assert.equal(matchCategory(cardboard, 'Plant Pot'), 'title');
    assert.equal(matchCategory(typed, 'Plant Pot'), 'productType');
  });

  it('not a product that only mentions the word, nor one of another kind holding it (cookware), nor for other kinds', () => {
    const holder = product({ id: 'h', title: 'Pot Holder', productType: 'Kitchen', tags: ['Kitchen'] });
    const cooking = product({ id: 'k', title: 'Cast Iron Cooking Pot', productType: 'Cookware', tags: ['Pot'] });
    const stock = product({ id: 's', title: 'Stainless Stock Pot', tags: ['Pot', 'Pans'] });
    const potPie = product({ id: 'p', title: 'Pot Pie Dish', tags: ['Dish'] });
    for (const p of [holder, cooking, stock, potPie]) assert.equal(matchCategory(p, 'Plant Pot'), undefined, p.title);
    // The head word is the planters' only: "pot" does not widen another kind.
    assert.equal(matchCategory(ceramic, 'cookware'), undefined);
    assert.equal(matchCategory(ceramic, 'Vases'), undefined);
  });

  it('a pot refused is refused by that head word too ("que no sea una maceta": the cardboard pots typed "Outdoor")', () => {
    for (const term of ['Plant Pot', 'maceta', 'planters']) {
      assert.equal(titleIsOf(cardboard, term), true, term);
      assert.equal(checkProduct(cardboard, { rejections: [{ kind: 'category', value: term }] }).keep, false, term);
    }
    const holder = product({ id: 'h', title: 'Pot Holder', productType: 'Kitchen', tags: ['Kitchen'] });
    const cooking = product({ id: 'k', title: 'Cast Iron Cooking Pot', productType: 'Cookware', tags: ['Pot'] });
    for (const p of [holder, cooking]) assert.equal(checkProduct(p, { rejections: [{ kind: 'category', value: 'maceta' }] }).keep, true, p.title);
  });
});

describe('a size a title says, for a product sold in no size option', () => {
  const out: IntentScore = { score: 0, meets: 0 };
  it('"a large tote" meets the "Large Tote Bag" sold in one size', () => {
    scoreIntentInto(product({ id: 'l', title: 'Large Tote Bag' }), entities({ sizes: ['L'] }), out);
    assert.ok(out.meets & MEETS_SIZE);
  });
  it('not another size, nor a product whose size option lacks it', () => {
    scoreIntentInto(product({ id: 'l', title: 'Large Tote Bag' }), entities({ sizes: ['S'] }), out);
    assert.equal(out.meets & MEETS_SIZE, 0);
    scoreIntentInto(product({ id: 'x', title: 'Large Tote Bag', variants: [[10, true, { Size: 'Small' }], [12, true, { Size: 'Medium' }]] }), entities({ sizes: ['L'] }), out);
    assert.equal(out.meets & MEETS_SIZE, 0);
    scoreIntentInto(product({ id: 'y', title: 'Tote Bag' }), entities({ sizes: ['L'] }), out);
    assert.equal(out.meets & MEETS_SIZE, 0);
  });
});

describe('a name of a kind that is also a material ("denim" of jeans) names the kind only as a title\'s head', () => {
  it('"Slim Denim" and a "Denim" tag are jeans; "Dark Denim Top", a denim jacket and a description\'s "denim" are not', () => {
    assert.equal(matchCategory(product({ id: 's', title: 'Slim Denim' }), 'jeans'), 'title');
    assert.equal(matchCategory(product({ id: 'g', title: 'Classic Fit', tags: ['Denim'] }), 'jeans'), 'tags');
    assert.equal(matchCategory(product({ id: 'j', title: 'Black Skinny Jeans' }), 'jeans'), 'title');
    assert.equal(matchCategory(product({ id: 't', title: 'Dark Denim Top', description: 'A dark denim top.' }), 'jeans'), undefined);
    assert.equal(matchCategory(product({ id: 'd', title: 'Denim Jacket', description: 'A denim jacket.' }), 'jeans'), undefined);
  });

  it('such a product still says the word: it ranks before one that does not, with the word as its reason', () => {
    const e = entities({ categories: ['vaqueros'] });
    const top = scoreIntent(product({ id: 't', title: 'Dark Denim Top' }), e);
    const bag = scoreIntent(product({ id: 'b', title: 'Black Leather Bag' }), e);
    assert.ok((top?.score ?? 0) > (bag?.score ?? 0));
    assert.deepEqual(top?.reasons.map((r) => [r.term, r.field]), [['denim', 'title']]);
    const out: IntentScore = { score: 0, meets: 0 };
    scoreIntentInto(product({ id: 't2', title: 'Dark Denim Top' }), e, out);
    assert.equal(out.meets & MEETS_CATEGORY, 0, 'it does not meet the kind');
  });
});

describe('a kind its products are marked by a word of ("Red Sports Tee" is activewear; SynonymGroup.marks)', () => {
  it('"gym clothes", "activewear", "ropa deportiva" find the sports tee and jacket; a jacket is still only a jacket', () => {
    const tee = product({ id: 't', title: 'Red Sports Tee' });
    const jacket = product({ id: 'j', title: 'Navy Sports Jacket' });
    const top = product({ id: 'v', title: 'Classic Varsity Top' });
    for (const term of ['gym clothes', 'activewear', 'ropa deportiva']) {
      assert.equal(matchCategory(tee, term), 'title', term);
      assert.equal(matchCategory(jacket, term), 'title', term);
      assert.equal(matchCategory(top, term), undefined, term);
    }
    assert.equal(matchCategory(tee, 'jackets'), undefined);
  });
});

describe('a room the shop has no word of is met by the kinds used there ("algo para decorar el living")', () => {
  it('"living", "living room", "sala" find the sofas and armchairs; not a garden table', () => {
    const sofa = product({ id: 's', title: 'Grey Sofa', productType: 'Indoor' });
    const armchair = product({ id: 'a', title: 'Pink Armchair', productType: 'Indoor' });
    const table = product({ id: 't', title: 'Wooden Outdoor Table', productType: 'Outdoor' });
    for (const term of ['living', 'living room', 'sala']) {
      assert.ok(matchCategory(sofa, term), term);
      assert.ok(matchCategory(armchair, term), term);
      assert.equal(matchCategory(table, term), undefined, term);
    }
  });
});
