/**
 * A reason that added nothing to an item's score is not listed (QA probe: the Organic Cotton Tee for
 * "algo sin cuero, hasta 30 lucas" was explained first by {source: "affinity", feature: "price", score: 0}).
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
import { temporalContext } from './seasonal.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
const index = CatalogIndex.build([
  product({ id: 'tee', title: 'Organic Cotton Tee', productType: 'T-Shirts', price: 20 }),
  product({ id: 'ring', title: 'Anillo de Plata', productType: 'Ring', price: 25 }),
  product({ id: 'belt', title: 'Leather Belt', productType: 'Belts', price: 25, currency: 'EUR' }),
]);
const base: RecommendedItem[] = [
  { productId: 'ring', score: 0.4, reasons: [{ source: 'affinity', feature: 'vendor:luna', score: 0.4 }] },
  { productId: 'tee', score: 0.0016, reasons: [{ source: 'affinity', feature: 'price', score: 0 }, { source: 'popular', score: 0.0016 }] },
  { productId: 'belt', score: 0.2, reasons: [{ source: 'popular', score: 0 }] },
];
const list = (text: string) => {
  const intent: Intent = { ...emptyIntent('es'), entities: extractEntities(text, 'es') };
  return personalizeList({ base, intent, catalog: index, temporal: temporalContext(NOW, 'AR'), limit: 5, now: NOW });
};

describe('reasons that contributed nothing', () => {
  it('are not listed, so the first reason quoted is one that ranked the item', () => {
    const items = list('algo sin cuero, hasta 30 dólares').items;
    const tee = items.find((x) => x.productId === 'tee');
    assert.ok(tee, 'the tee is shown');
    assert.ok(!tee.reasons.some((r) => r.source === 'affinity' && r.score === 0), JSON.stringify(tee.reasons));
    assert.equal(tee.reasons[0]?.source, 'popular');
    for (const it of items) for (const r of it.reasons) if (r.source !== 'constraint') assert.notEqual(r.score, 0, `${it.productId}: ${JSON.stringify(r)}`);
  });

  it('the reasons that did contribute stay, and so do the constraint notes (score 0 by design)', () => {
    const items = list('algo hasta 30 dólares').items;
    const ring = items.find((x) => x.productId === 'ring');
    assert.ok(ring?.reasons.some((r) => r.source === 'affinity' && r.score > 0), 'the ring\'s affinity');
    const belt = items.find((x) => x.productId === 'belt');
    assert.ok(belt?.reasons.some((r) => r.source === 'constraint' && r.code === 'budget_currency_unknown'), 'the unchecked budget is still said');
  });
});
