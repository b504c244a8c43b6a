/**
 * A family word's kinds count once, and the word said ranks first (categoryKinds.ts, intentScoring.ts
 * `categoryScore`). In a shop named only by titles, "a top" is read as the shop's Top entry plus its
 * narrower kinds (Tee, Shirt, Blouse, Jumper); a shirt matched both "Shirt" and "Blouse" (one synonym
 * group) and so counted twice, outranking the tops the shopper named (a regression review, 2026-12-05).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personalizeCatalogOf } from '../../testing/personalizeCatalog.ts';
import { product } from '../../testing/productFixture.ts';
import type { Product } from '../catalog/product.ts';
import { compileVocabulary } from '../intent/catalogVocabulary.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent, IntentEntities } from '../intent/types.ts';
import { vocabularyFromProducts } from '../intent/vocabularyFromCatalog.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { categoryKinds } from './categoryKinds.ts';
import { emptyIntent } from './intentInput.ts';
import { scoreIntent } from './intentScoring.ts';
import { personalizeList } from './personalize.ts';
import { temporalContext } from './seasonal.ts';

const NOW = Date.UTC(2025, 5, 15, 12);
const PRODUCTS: Product[] = [
  product({ id: 'chequered', title: 'Chequered Red Shirt', tags: ['men'], price: 50 }),
  product({ id: 'ocean', title: 'Ocean Blue Shirt', tags: ['men'], price: 50 }),
  product({ id: 'white', title: 'White Cotton Shirt', tags: ['women'], price: 30 }),
  product({ id: 'blouse', title: 'Striped Silk Blouse', tags: ['women'], price: 50 }),
  product({ id: 'jumper', title: 'Yellow Wool Jumper', tags: ['women'], price: 80 }),
  product({ id: 'tee', title: 'Red Sports Tee', tags: ['women'], price: 30 }),
  product({ id: 'varsity', title: 'Classic Varsity Top', tags: ['women'], price: 60 }),
  product({ id: 'denim', title: 'Dark Denim Top', tags: ['women'], price: 60 }),
  product({ id: 'floral', title: 'Floral White Top', tags: ['women'], price: 60 }),
  product({ id: 'leather', title: 'Classic Leather Jacket', tags: ['women'], price: 200 }),
];
const BY_ID = new Map(PRODUCTS.map((p) => [p.id, p]));
const catalog = personalizeCatalogOf(PRODUCTS);
/** The shirts, the jumper and the jacket sell; the tops hardly do. */
const BASE: RecommendedItem[] = [
  { productId: 'leather', score: 10, reasons: [{ source: 'popular', score: 10 }] },
  { productId: 'chequered', score: 6, reasons: [{ source: 'popular', score: 6 }] },
  { productId: 'jumper', score: 5.5, reasons: [{ source: 'popular', score: 5.5 }] },
  { productId: 'ocean', score: 5, reasons: [{ source: 'popular', score: 5 }] },
  { productId: 'blouse', score: 4.5, reasons: [{ source: 'popular', score: 4.5 }] },
  { productId: 'white', score: 4, reasons: [{ source: 'popular', score: 4 }] },
  { productId: 'varsity', score: 1, reasons: [{ source: 'popular', score: 1 }] },
];
const vocabulary = compileVocabulary(vocabularyFromProducts(PRODUCTS));

function read(text: string): IntentEntities {
  return extractEntities(text, 'en', { vocabulary });
}

function listFor(text: string) {
  const b = emptyIntent();
  const intent: Intent = { ...b, type: 'browsing', scores: { high_purchase_intent: 0, comparison_shopping: 0, browsing: 1, research: 0 }, entities: read(text) };
  return personalizeList({ base: BASE, catalog, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW, intent, candidates: PRODUCTS.map((p) => p.id) });
}
const ids = (text: string) => listFor(text).items.map((i) => i.productId);
const TOPS = ['denim', 'floral', 'varsity'];

describe('a family word: its kinds count once, the word said first', () => {
  it('"a top" is read as the shop\'s Top and its narrower kinds (the premise)', () => {
    assert.deepEqual(read('I want a top').categories, ['Top', 'Tee', 'Shirt', 'Blouse', 'Jumper']);
  });

  it('"I want a top", "tank top", "a women\'s top": the tops first, then the rest of the family, never the jacket', () => {
    for (const text of ['I want a top', 'tank top', "a women's top", 'show me some tops']) {
      const got = ids(text);
      assert.deepEqual([...got.slice(0, 3)].sort(), TOPS, `${text}: ${got.join(', ')}`);
      assert.ok(!got.includes('leather'), `${text}: the family holds the list`);
    }
  });

  it('a shirt matching "Shirt" and "Blouse" (one kind) is one match with one reason, and scores below a top', () => {
    const e = read('I want a top');
    const shirt = scoreIntent(BY_ID.get('chequered') as Product, e);
    const top = scoreIntent(BY_ID.get('varsity') as Product, e);
    assert.deepEqual(shirt.reasons.map((r) => r.term), ['Shirt']);
    assert.deepEqual(top.reasons.map((r) => r.term), ['Top']);
    // Quoted by the name the product itself has.
    assert.deepEqual(scoreIntent(BY_ID.get('blouse') as Product, e).reasons.map((r) => r.term), ['Blouse']);
    assert.ok(top.score > shirt.score, `top ${top.score} > shirt ${shirt.score}`);
    // Every member of the family scores alike, whatever how many of its entries name it.
    const jumper = scoreIntent(BY_ID.get('jumper') as Product, e);
    assert.equal(jumper.score, shirt.score);
  });

  it('the kinds of a list: synonyms together, the family\'s narrower kinds as members', () => {
    const k = categoryKinds(['Top', 'Tee', 'Shirt', 'Blouse', 'Jumper']);
    assert.deepEqual(k.kindOf, [0, 1, 2, 2, 3]);
    assert.deepEqual(k.member, [false, true, true, true]);
    assert.equal(k.said, 1);
    assert.equal(k.once, false);
    // "furniture" where the shop has no entry for it: every kind said, but alternatives of one family.
    const f = categoryKinds(['Sofa', 'Couch', 'Armchair', 'Chair', 'Table']);
    assert.deepEqual(f.kindOf, [0, 0, 1, 2, 3]);
    assert.deepEqual(f.member, [false, false, false, false]);
    assert.equal(f.once, true);
    // Kinds of no family together, and words the table does not know: each its own, none a member.
    const o = categoryKinds(['Boots', 'Kimono']);
    assert.deepEqual(o.member, [false, false]);
    assert.equal(o.once, false);
  });

  it('near misses: a product of more of the kinds named (no family of them) still ranks higher', () => {
    const both = product({ id: 'n1', title: 'Silver Chain', productType: 'Necklaces', tags: ['Sterling Silver'] });
    const one = product({ id: 'n2', title: 'Gold Chain', productType: 'Necklaces' });
    const e: IntentEntities = { ...emptyIntent().entities, categories: ['Necklaces', 'Sterling Silver'] };
    assert.ok(scoreIntent(both, e).score > scoreIntent(one, e).score);
    assert.equal(scoreIntent(both, e).reasons.length, 2);
  });

  it('near misses: an armchair that is also a chair is one match among the alternatives of "furniture"', () => {
    const e: IntentEntities = { ...emptyIntent().entities, categories: ['Sofa', 'Armchair', 'Chair'] };
    const armchair = product({ id: 'a', title: 'Pink Armchair', productType: 'Armchair', tags: ['Chair'] });
    const sofa = product({ id: 's', title: 'Grey Sofa', productType: 'Sofa' });
    assert.equal(scoreIntent(armchair, e).score, scoreIntent(sofa, e).score);
    assert.equal(scoreIntent(armchair, e).reasons.length, 1);
  });
});
