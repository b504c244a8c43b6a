import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntentEntities } from '../intent/types.ts';
import { budgetForAnotherKind, isNewPerson, mergeEntities } from './sessionContext.ts';

const e = (over: Partial<IntentEntities>): IntentEntities => ({ categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false, ...over });

describe('mergeEntities: a material ruled out stays ruled out for the same person', () => {
  it('"no leather", then "the leather ones look cheap" (or "el oro le queda fatal"): still ruled out', () => {
    const leather = mergeEntities(e({ categories: ['Necklace'], rejections: [{ kind: 'material', value: 'leather' }] }), e({ materials: ['leather'] }));
    assert.deepEqual([leather.rejections, leather.materials], [[{ kind: 'material', value: 'leather' }], undefined], 'nor wished');
    const gold = mergeEntities(e({ categories: ['Earrings'], rejections: [{ kind: 'material', value: 'gold' }] }), e({ materials: ['gold'] }));
    assert.deepEqual(gold.rejections, [{ kind: 'material', value: 'gold' }]);
  });
  it('for a new person, their metal holds: "nada de oro", then "ahora para mi suegra, ella sí quiere oro"', () => {
    const m = mergeEntities(e({ categories: ['Earrings'], rejections: [{ kind: 'material', value: 'gold' }] }), e({ recipient: 'mother-in-law', categories: ['Necklace'], materials: ['gold'] }));
    assert.deepEqual([m.materials, m.rejections], [['gold'], []]);
  });
});

describe('mergeEntities: a new person to shop for', () => {
  const mine = e({ categories: ['Earrings'], colours: ['silver'], materials: ['silver'], sizes: ['S'], brands: ['Acme'], rejections: [{ kind: 'colour', value: 'gold' }, { kind: 'material', value: 'leather' }], budget: { max: 80, text: 'under 80' } });
  it('drops the earlier person\'s colours, materials, sizes and colour dislikes; keeps kinds, brands, budget, other rejections', () => {
    const m = mergeEntities(mine, e({ recipient: 'mother', isGift: true }));
    assert.deepEqual([m.colours, m.materials, m.sizes], [[], undefined, []]);
    assert.deepEqual(m.rejections, [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual([m.categories, m.brands, m.budget?.max, m.recipient], [['Earrings'], ['Acme'], 80, 'mother']);
  });
  it('a metal disliked as a material is a look too', () => {
    const m = mergeEntities(e({ rejections: [{ kind: 'material', value: 'gold' }] }), e({ recipient: 'father' }));
    assert.deepEqual(m.rejections, []);
  });
  it('what the new turn says of the new person holds', () => {
    const m = mergeEntities(mine, e({ recipient: 'mother', colours: ['gold'], categories: ['Necklace'] }));
    assert.deepEqual([m.colours, m.rejections.map((r) => r.value)], [['gold'], ['leather']]);
  });
  it('the same person restated, "for me" after no one, or "too" keeps the tastes', () => {
    const forMom = { ...mine, recipient: 'mother' };
    assert.deepEqual(mergeEntities(forMom, e({ recipient: 'mother' })).colours, ['silver']);
    assert.deepEqual(mergeEntities(mine, e({ recipient: 'self' })).colours, ['silver']);
    assert.deepEqual(mergeEntities(forMom, e({ recipient: 'father' }), [], undefined, true).colours, ['silver']);
    assert.equal(isNewPerson(forMom, e({})), false, 'naming no one names no one new');
  });
});

describe('budgetForAnotherKind: a cap carries to a new kind, a floor does not', () => {
  it('cap alone kept; a range or a floor goes', () => {
    assert.deepEqual(budgetForAnotherKind({ max: 50, text: 'under 50' }), { max: 50, text: 'under 50' });
    assert.equal(budgetForAnotherKind({ min: 80, max: 120, currency: 'EUR', text: 'between 80 and 120 euros' }), undefined);
    assert.equal(budgetForAnotherKind({ min: 200, text: 'over 200' }), undefined);
  });
  it('through mergeEntities: "sofa between 80 and 120" then pillows: no budget; "under 300" then pillows: 300', () => {
    const sofa = (budget: IntentEntities['budget']) => e({ categories: ['Sofa'], ...(budget ? { budget } : {}) });
    assert.equal(mergeEntities(sofa({ min: 80, max: 120, text: 'between 80 and 120' }), e({ categories: ['Pillows'] })).budget, undefined);
    assert.equal(mergeEntities(sofa({ max: 300, text: 'under 300' }), e({ categories: ['Pillows'] })).budget?.max, 300);
    assert.equal(mergeEntities(sofa({ min: 80, max: 120, text: 'between 80 and 120' }), e({ colours: ['grey'] })).budget?.min, 80, 'the same kind keeps it');
  });
  it('a range said as the shopper\'s money ("my budget is 20-45") goes on to the next kind as a cap does', () => {
    const mine: IntentEntities['budget'] = { min: 20, max: 45, currency: 'USD', spending: true, text: '20-45 dollars' };
    assert.equal(budgetForAnotherKind(mine), mine);
    const next = mergeEntities(e({ categories: ['Bracelet'], budget: mine }), e({ categories: ['Necklace'] }));
    assert.deepEqual([next.budget?.min, next.budget?.max], [20, 45]);
  });
});

describe('mergeEntities: the audience a conversation holds, refused by a later turn', () => {
  it('"shoes for kids", then "actually, not for kids": the audience goes; the kinds stay', () => {
    const m = mergeEntities(e({ categories: ['shoes'], audience: 'kids' }), e({ notAudience: 'kids' }));
    assert.deepEqual([m.audience, m.categories], [undefined, ['shoes']]);
  });
  it('an audience refused holds for the next turns, until it is asked for or someone is named', () => {
    const refused = e({ categories: ['dresses'], notAudience: 'kids' });
    assert.equal(mergeEntities(refused, e({ colours: ['red'] })).notAudience, 'kids');
    assert.equal(mergeEntities(refused, e({ audience: 'kids' })).notAudience, undefined);
    assert.equal(mergeEntities(refused, e({ recipient: 'son' })).notAudience, undefined);
  });
  it('the same kind said again keeps it ("mens jackets", then an agent\'s `category: "jacket"`); a new kind does not', () => {
    const mens = e({ categories: ['Jacket'], audience: 'men' });
    assert.equal(mergeEntities(mens, e({ categories: ['jacket'] })).audience, 'men');
    assert.equal(mergeEntities(mens, e({ categories: ['dresses'] })).audience, undefined);
  });
  it('another audience refused, or none said, keeps it', () => {
    assert.equal(mergeEntities(e({ categories: ['shoes'], audience: 'kids' }), e({ notAudience: 'men' })).audience, 'kids');
    assert.equal(mergeEntities(e({ categories: ['shoes'], audience: 'kids' }), e({ colours: ['red'] })).audience, 'kids');
  });
});
