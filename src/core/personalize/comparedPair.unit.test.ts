import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { kindClauses, pickByPrice, picksAmongCompared, refersToCompared } from '../intent/turns.ts';
import { product } from '../../testing/productFixture.ts';
import { keptKinds, kindGroups } from './askedKinds.ts';
import { comparedProducts } from './comparedPair.ts';
import { kindsOutcome, namedOutcome } from './constraints.ts';
import { unanchoredOutcome } from './conversationProduct.ts';
import { emptyIntent } from './intentInput.ts';

const index = CatalogIndex.build([
  product({ id: 'red-tee', title: 'Red Sports Tee' }),
  product({ id: 'floral', title: 'Floral White Top' }),
  product({ id: 'yellow-sofa', title: 'Yellow Sofa', productType: 'Indoor' }),
  product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Indoor' }),
  product({ id: 'bangle', title: 'Bangle Bracelet' }),
  product({ id: 'boho-bangle', title: 'Boho Bangle Bracelet' }),
  product({ id: 'moon', title: 'Moon Charm Bracelet' }),
  product({ id: 'silk-top', title: 'Silk Summer Top' }),
  product({ id: 'silk-blouse', title: 'Striped Silk Blouse' }),
]);

describe('comparedProducts: the two products a turn weighs by name', () => {
  const cases: [string, string[] | undefined][] = [
    ['which is better for summer, the Red Sports Tee or the Floral White Top?', ['red-tee', 'floral']],
    ['the yellow sofa or the grey sofa?', ['yellow-sofa', 'grey-sofa']],
    ['compare the Boho Bangle Bracelet and the Moon Charm Bracelet', ['boho-bangle', 'moon']],
    ['¿qué es mejor, el Boho Bangle Bracelet o el Moon Charm Bracelet?', ['boho-bangle', 'moon']],
    ['Moon Charm Bracelet vs Bangle Bracelet', ['moon', 'bangle']],
    ['is the moon charm one better than the grey sofa?', ['moon', 'grey-sofa']],
    // A side that leaves its noun out, with the other side's noun.
    ["what's better for a small living room, the yellow sofa or the grey one?", ['yellow-sofa', 'grey-sofa']],
    ['the grey one or the yellow sofa?', ['grey-sofa', 'yellow-sofa']],
    // Near misses: a side naming no single product, a price, the same product twice, no comparison.
    ['the silk one or the red sports tee?', undefined],
    ['is the grey sofa cheaper than 50?', undefined],
    ['the grey sofa or the grey sofa?', undefined],
    ['a yellow sofa and a grey sofa', undefined],
    ['the moon charm bracelet or the silver one?', undefined],
    ['the yellow sofa or the grey and very comfy one?', undefined],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(comparedProducts(text, index)?.ids, want));
  it('"¿el sofá crema o el gris?" in a shop that titles in Spanish: the noun comes first', () => {
    const es = CatalogIndex.build([product({ id: 'crema', title: 'Sofá Crema' }), product({ id: 'gris', title: 'Sofá Gris' }), product({ id: 'mesa', title: 'Mesa Gris' })]);
    assert.deepEqual(comparedProducts('¿el sofá crema o el gris?', es), { ids: ['crema', 'gris'], sides: ['el sofa crema ', ' el gris'] });
  });
});

describe('turns: the pair compared, and kinds asked together', () => {
  it('refersToCompared: "of the two", "de las dos", "both of them"; not "two necklaces"', () => {
    for (const t of ['the cheaper of the two', 'la más barata de las dos', '¿cuál de los dos?', 'which of the two is warmer?', 'both of them', 'entre ambos'])
      assert.ok(refersToCompared(t), t);
    for (const t of ['two necklaces please', 'I want the two', 'dos collares']) assert.ok(!refersToCompared(t), t);
  });
  it('picksAmongCompared: a choice by price ("which is cheaper?", "the more expensive one", "¿cuál es la más barata?"); not a wish for cheaper things', () => {
    for (const t of ['which is cheaper?', 'and which one is more expensive?', 'and the more expensive one?', 'ok the cheaper one', '¿y cuál es la más barata?', 'la más cara', 'which of them costs less expensive'])
      assert.ok(picksAmongCompared(t), t);
    for (const t of ['something cheaper', 'cheaper please', 'anything more expensive?', 'algo más barato', 'which is better?', 'the silver one'])
      assert.ok(!picksAmongCompared(t), t);
  });
  it('pickByPrice', () => {
    assert.equal(pickByPrice('the cheaper of the two'), 'low');
    assert.equal(pickByPrice('la más barata de las dos'), 'low');
    assert.equal(pickByPrice('which of the two is more expensive?'), 'high');
    assert.equal(pickByPrice('which of the two is warmer?'), undefined);
    // Spending less is the cheaper one.
    assert.equal(pickByPrice('entre el primero y el tercero, ¿cuál me conviene si quiero gastar menos?'), 'low');
    assert.equal(pickByPrice('which one if I want to spend less?'), 'low');
  });
  it('kindClauses splits at and / y / commas, and reads nothing from one part', () => {
    assert.deepEqual(kindClauses('a ring and matching earrings for my wife'), ['a ring', 'matching earrings for my wife']);
    assert.deepEqual(kindClauses('una lamparita de noche y una mesita de noche'), ['una lamparita de noche', 'una mesita de noche']);
    assert.deepEqual(kindClauses('silver earrings'), []);
  });
  it('kindGroups: disjoint parts with kinds of their own; keptKinds while still sought', () => {
    assert.deepEqual(kindGroups(['ring', 'Earrings'], [['ring'], ['earrings']]), [['ring'], ['Earrings']]);
    assert.equal(kindGroups(['Shirt'], [[], ['Shirt']]), undefined, '"black and white shirt": one kind');
    assert.equal(kindGroups(['Top', 'Tee'], [['Top', 'Tee'], ['Tee']]), undefined, 'parts sharing a kind');
    assert.deepEqual(keptKinds([['ring'], ['Earrings']], ['Earrings', 'ring']), [['ring'], ['Earrings']]);
    assert.equal(keptKinds([['ring'], ['Earrings']], ['Necklace']), undefined);
  });
});

describe('outcomes', () => {
  const e = { ...emptyIntent().entities, categories: ['Top'], sizes: ['M'] };
  it('namedOutcome: each named product and what it misses; satisfied when none misses', () => {
    const c = namedOutcome({ satisfied: true }, [{ title: 'Red Sports Tee', misses: ['size'] }, { title: 'Floral White Top', misses: [] }], e, undefined);
    assert.deepEqual([c.satisfied, c.relaxed], [false, ['size']]);
    assert.match(c.reason ?? '', /^Red Sports Tee and Floral White Top are shown because they were asked about, but Red Sports Tee is not available in size M/);
    assert.deepEqual(namedOutcome({ satisfied: true }, [{ title: 'A', misses: [] }], e, undefined), { satisfied: true });
  });
  it('kindsOutcome: names the kind missing', () => {
    const c = kindsOutcome({ satisfied: true }, [['ring']], [['Earrings']]);
    assert.deepEqual([c.satisfied, c.relaxed], [false, ['category']]);
    assert.match(c.reason ?? '', /no ring/);
  });
  it('unanchoredOutcome: a budget with a number held is not unchecked', () => {
    assert.equal(unanchoredOutcome({ satisfied: true }, 'below', true).unchecked, undefined);
    assert.deepEqual(unanchoredOutcome({ satisfied: true }, 'below').unchecked, ['budget']);
  });
});
