/**
 * "The cheapest earrings", "the most expensive necklace", "sort by price": the list is ordered by price,
 * the end asked for first (`IntentEntities.byPrice`), among the products that match what was said; a
 * preference alone ("cheap earrings") only nudges. The candidates of such a list include the shop's
 * ends and the ends of what a search finds (priceEnds.ts), not only the most popular or relevant.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent } from '../intent/types.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { emptyIntent } from './intentInput.ts';
import { personalizeList } from './personalize.ts';
import { atPriceEnd, priceEndCandidates } from './priceEnds.ts';
import { temporalContext } from './seasonal.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
// jewelery.csv's earrings and necklaces.
const index = CatalogIndex.build([
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', price: 37.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', price: 54.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', price: 19.99 }),
  product({ id: 'boho', title: 'Boho Earrings', productType: 'Earrings', price: 27.99 }),
  product({ id: 'crane', title: 'Origami Crane Necklace', productType: 'Necklace', price: 75.99 }),
  product({ id: 'threader', title: 'Silver Threader Necklace', productType: 'Necklace', price: 14.99 }),
  product({ id: 'bird', title: 'Gold Bird Necklace', productType: 'Necklace', price: 79.99 }),
  product({ id: 'gone', title: 'Moon Earrings', productType: 'Earrings', variants: [[9.99, false]] }),
]);
// The base list as a popular shop gives it: best sellers first, not by price.
const BASE: RecommendedItem[] = ['boho', 'galaxy', 'crane', 'angel', 'elephant', 'threader', 'bird'].map((productId, i) => ({ productId, score: 1 / 4 ** i, reasons: [{ source: 'popular', score: 1 / 4 ** i }] }));

function ask(text: string, lang: 'en' | 'es' = 'en') {
  const intent: Intent = { ...emptyIntent(lang), entities: extractEntities(text, lang) };
  return personalizeList({ base: BASE, intent, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW }).items.map((i) => i.productId);
}

describe('a list asked by price', () => {
  it('"the cheapest earrings" / "los aretes más baratos": the earrings by price, cheapest first', () => {
    assert.deepEqual(ask('the cheapest earrings').slice(0, 4), ['angel', 'boho', 'galaxy', 'elephant']);
    assert.deepEqual(ask('los aretes más baratos', 'es').slice(0, 4), ['angel', 'boho', 'galaxy', 'elephant']);
  });

  it('"the most expensive necklace" and "sort by price, highest first": the dearest first', () => {
    assert.deepEqual(ask('the most expensive necklace').slice(0, 3), ['bird', 'crane', 'threader']);
    assert.deepEqual(ask('necklaces, sort by price, highest first').slice(0, 3), ['bird', 'crane', 'threader']);
  });

  it('"the 2 cheapest earrings", "your three most expensive necklaces", "los 3 aretes más baratos": as many as said', () => {
    assert.deepEqual(ask('the 2 cheapest earrings'), ['angel', 'boho']);
    assert.deepEqual(ask('your three most expensive necklaces'), ['bird', 'crane', 'threader']);
    assert.deepEqual(ask('los 3 aretes más baratos', 'es'), ['angel', 'boho', 'galaxy']);
    assert.deepEqual(ask('las dos más caras', 'es'), ['bird', 'crane']);
    // A count is no budget, and no count is read without a price end ("2 cheap earrings" only nudges).
    assert.equal(extractEntities('the 2 cheapest earrings', 'en').budget, undefined);
    assert.equal(extractEntities('2 cheap earrings', 'en').howMany, undefined);
    assert.equal(ask('2 cheap earrings').length > 2, true);
  });

  it('"what\'s the cheapest thing you have?": everything by price', () => {
    assert.deepEqual(ask("what's the cheapest thing you have?"), ['threader', 'angel', 'boho', 'galaxy', 'elephant', 'crane', 'bird']);
  });
});

describe('a budget nothing meets: "the closest products are shown", nearest first', () => {
  it('"earrings under 10 dollars": the cheapest earrings first; "a necklace over 100 dollars": the dearest first', () => {
    assert.deepEqual(ask('earrings under 10 dollars').slice(0, 4), ['angel', 'boho', 'galaxy', 'elephant']);
    assert.deepEqual(ask('a necklace over 100 dollars').slice(0, 3), ['bird', 'crane', 'threader']);
  });
});

describe('the candidates of a list asked by price', () => {
  it("the shop's available products at each end, that end first (a sold-out one is not among them)", () => {
    assert.deepEqual(priceEndCandidates(index, 'low').slice(0, 3), ['threader', 'angel', 'boho']);
    assert.deepEqual(priceEndCandidates(index, 'high').slice(0, 2), ['bird', 'crane']);
  });

  it('of what a search found, the cheapest (dearest) n, an unpriced id last', () => {
    assert.deepEqual(atPriceEnd(index, ['galaxy', 'nope', 'angel', 'elephant'], 'low', 3), ['angel', 'galaxy', 'elephant']);
    assert.deepEqual(atPriceEnd(index, ['galaxy', 'nope', 'angel', 'elephant'], 'high', 4), ['elephant', 'galaxy', 'angel', 'nope']);
  });
});
