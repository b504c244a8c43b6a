/**
 * A metal refused is refused as a colour too (QA probe: "a necklace, no gold", "nothing gold", "un collar
 * sin oro", "nada de oro" read gold as a material refused, and the "Collar Dorado con Luna", gold by its
 * colour words, came back called satisfied, where "un collar que no sea dorado" left it out).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { extractEntities } from '../intent/entities.ts';
import { detectLanguage } from '../intent/language.ts';
import type { Intent, Rejection } from '../intent/types.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { rejectionHit } from './hardFilters.ts';
import { emptyIntent } from './intentInput.ts';
import { personalizeList } from './personalize.ts';
import { temporalContext } from './seasonal.ts';

const DORADO = product({ id: 'dorado', title: 'Collar Dorado con Luna', productType: 'Necklace', tags: ['dorado', 'luna'], description: '<p>Collar dorado con dije de luna.</p>', price: 520 });
const GOLD_TONE = product({ id: 'tone', title: 'Hoop Earrings', productType: 'Earrings', variants: [[20, true, { Color: 'Gold Tone' }]] });
const GOLDEN = product({ id: 'golden', title: 'Golden Leaf Pendant', productType: 'Necklace', price: 30 });
const PLATEADO = product({ id: 'plateado', title: 'Anillo Plateado', productType: 'Ring', tags: ['plateado'], price: 300 });
const SILVER = product({ id: 'silver', title: 'Silver Threader Necklace', productType: 'Necklace', price: 15 });
const PEARL = product({ id: 'pearl', title: 'Pearl Necklace', productType: 'Necklace', description: 'Freshwater pearls on a cotton cord.', price: 40 });
const TWO_TONE = product({ id: 'two', title: 'Chain Bracelet', productType: 'Bracelet', variants: [[25, true, { Color: 'Gold' }], [25, true, { Color: 'Silver' }]] });

const refusals = (text: string): Rejection[] => [...extractEntities(text, detectLanguage(text)).rejections];

describe('a metal refused rules out what is that metal by its colour words', () => {
  const GOLD_REFUSED = ['a necklace, no gold', 'nothing gold please, a necklace', 'un collar sin oro', 'un collar, nada de oro', 'any necklace except gold ones', 'ni plata ni oro'];
  for (const text of GOLD_REFUSED) {
    it(`"${text}" leaves out the golden products, as "un collar que no sea dorado" does`, () => {
      const gold = refusals(text).find((r) => r.value === 'gold') as Rejection;
      assert.ok(gold, 'gold refused');
      for (const p of [DORADO, GOLD_TONE, GOLDEN]) assert.ok(rejectionHit(p, gold) !== undefined, `${p.title} is gold`);
      assert.equal(rejectionHit(SILVER, gold), undefined, 'silver stays');
      assert.equal(rejectionHit(PEARL, gold), undefined, 'a pearl stays');
      assert.equal(rejectionHit(TWO_TONE, gold), undefined, 'a silver variant stays on offer');
    });
  }

  it('the same products as the colour refused ("que no sea dorado"), whichever the words', () => {
    const [asColour] = refusals('un collar que no sea dorado') as [Rejection];
    assert.deepEqual(asColour, { kind: 'colour', value: 'gold' });
    const [asMaterial] = refusals('un collar sin oro') as [Rejection];
    assert.deepEqual(asMaterial, { kind: 'material', value: 'gold' });
    for (const p of [DORADO, GOLD_TONE, GOLDEN, PLATEADO, SILVER, PEARL, TWO_TONE]) {
      assert.equal(rejectionHit(p, asMaterial) !== undefined, rejectionHit(p, asColour) !== undefined, p.title);
    }
  });

  it('silver likewise: "a ring, no silver", "nada de plata", "sin plata" leave out the "Anillo Plateado"', () => {
    for (const text of ['a ring, no silver', 'nada de plata, un anillo', 'un anillo sin plata']) {
      const silver = refusals(text).find((r) => r.value === 'silver') as Rejection;
      assert.deepEqual(silver, { kind: 'material', value: 'silver' }, text);
      assert.ok(rejectionHit(PLATEADO, silver) !== undefined, `${text}: Anillo Plateado`);
      assert.ok(rejectionHit(SILVER, silver) !== undefined, `${text}: Silver Threader Necklace`);
      assert.equal(rejectionHit(DORADO, silver), undefined, `${text}: gold stays`);
    }
  });

  it('in the list: "un collar sin oro" shows no golden necklace and is satisfied by the others', () => {
    const index = CatalogIndex.build([DORADO, GOLDEN, SILVER, PEARL]);
    const base: RecommendedItem[] = ['dorado', 'golden', 'silver', 'pearl'].map((id, i) => ({ productId: id, score: 1 / (i + 1), reasons: [{ source: 'popular', score: 1 / (i + 1) }] }));
    const now = Date.UTC(2025, 0, 15);
    const intent: Intent = { ...emptyIntent('es'), entities: extractEntities('un collar sin oro', 'es') };
    const r = personalizeList({ base, intent, catalog: index, temporal: temporalContext(now, 'MX'), limit: 5, now });
    assert.deepEqual(r.items.map((x) => x.productId).sort(), ['pearl', 'silver']);
    assert.equal(r.constraints.satisfied, true);
  });
});
