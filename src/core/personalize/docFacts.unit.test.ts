import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../catalog/product.ts';
import { product } from '../../testing/productFixture.ts';
import { DocFacts, NOT_SHOWN_MEETS } from './docFacts.ts';
import { docFactsOf, entityFacts, factsOf, factsSlot } from './entityFacts.ts';
import { emptyIntent } from './intentInput.ts';

const catalog: readonly Product[] = Object.freeze([
  product({ id: 'a', title: 'Brown Leather Boot', productType: 'Boots', variants: [[120, true, { color: 'Brown' }]] }),
  product({ id: 'b', title: 'Black Rain Boot', productType: 'Boots', variants: [[60, true, { color: 'Black' }]] }),
  product({ id: 'c', title: 'Brown Wool Scarf', productType: 'Scarves', variants: [[30, true, { color: 'Brown' }]] }),
  product({ id: 'd', title: 'Sold Out Boot', productType: 'Boots', variants: [[80, false, {}]] }),
]);

describe('facts by catalog position', () => {
  it('keeps what is put, by position, through growing', () => {
    const d = new DocFacts(catalog, 1);
    const docs = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 100_003);
    for (const doc of docs) {
      const free = d.slotOf(doc);
      assert.ok(free < 0, `position ${doc} is not there yet`);
      d.put(~free, doc, doc / 3, doc % 97);
    }
    assert.equal(d.size, docs.length);
    for (const doc of docs) {
      const s = d.slotOf(doc);
      assert.ok(s >= 0);
      assert.equal(d.scoreAt(s), doc / 3);
      assert.equal(d.meetsAt(s), doc % 97);
    }
    assert.ok(d.slotOf(100_004) < 0, 'a position never put is not found');
  });

  it('answers what factsOf answers of the product at each position', () => {
    const e = { ...emptyIntent().entities, categories: ['boots'], colours: ['brown'] };
    const t = entityFacts(e);
    const d = docFactsOf(t, catalog);
    catalog.forEach((p, doc) => {
      const f = factsOf(t, p);
      const slot = factsSlot(t, d, doc);
      assert.equal(d.meetsAt(slot), f.shown ? f.meets : NOT_SHOWN_MEETS, p.title);
      assert.equal(d.scoreAt(slot), f.score, p.title);
      assert.equal(factsSlot(t, d, doc), slot, 'asked again: the same slot');
    });
    assert.equal(d.meetsAt(factsSlot(t, d, 3)), NOT_SHOWN_MEETS, 'the sold-out boot is never shown');
    assert.ok(d.scoreAt(factsSlot(t, d, 0)) > d.scoreAt(factsSlot(t, d, 1)), 'the brown boot meets more than the black one');
  });

  it('start anew for another catalog version', () => {
    const t = entityFacts({ ...emptyIntent().entities, categories: ['scarves'] });
    const d = docFactsOf(t, catalog);
    assert.equal(docFactsOf(t, catalog), d);
    const reloaded = Object.freeze([...catalog].reverse());
    const e = docFactsOf(t, reloaded);
    assert.notEqual(e, d);
    assert.equal(e.products, reloaded);
    assert.equal(e.size, 0);
  });
});
