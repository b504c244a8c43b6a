import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntentEntities } from '../intent/types.ts';
import { budgetOutcomeFor, chooseRelaxation, constraintOutcome, forShownItems, RELAX_ORDER, statedConstraints, type RelaxableConstraint } from './constraints.ts';

const E = (e: Partial<IntentEntities>): IntentEntities => ({ categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false, ...e });
type C = { id: string; meets: Set<RelaxableConstraint> };
const c = (id: string, ...kinds: RelaxableConstraint[]): C => ({ id, meets: new Set(kinds) });
const meets = (x: C, kinds: ReadonlySet<RelaxableConstraint>) => [...kinds].every((k) => x.meets.has(k));

describe('constraints', () => {
  it('relaxes sale, size, colour, brand, budget, audience and category in that order', () => {
    assert.deepEqual(RELAX_ORDER, ['sale', 'size', 'colour', 'brand', 'budget', 'audience', 'category']);
    const e = E({ categories: ['running shoes'], brands: ['Nike'], colours: ['red'], sizes: ['42'] });
    const stated = statedConstraints(e, { max: 100 });
    assert.deepEqual(stated, ['size', 'colour', 'brand', 'budget', 'category']);
    // Red Nike running shoes exist only over budget: the budget goes, not the category.
    const cands = [c('over', 'size', 'colour', 'brand', 'category'), c('socks', 'size', 'colour', 'brand', 'budget')];
    const r = chooseRelaxation(cands, stated, meets);
    assert.deepEqual(r.relaxed, ['budget']);
    assert.deepEqual(cands.filter((x) => meets(x, r.keep)).map((x) => x.id), ['over']);
  });

  it('holds everything when something meets everything, and relaxes no more than needed', () => {
    const stated: RelaxableConstraint[] = ['size', 'colour', 'category'];
    assert.deepEqual(chooseRelaxation([c('a', 'size', 'colour', 'category'), c('b', 'category')], stated, meets).relaxed, []);
    // Dropping size alone is not enough, colour is needed too — but then size comes back if it can.
    const r = chooseRelaxation([c('a', 'size', 'category'), c('b', 'category')], stated, meets);
    assert.deepEqual(r.relaxed, ['colour']);
  });

  it('keeps what matters most first when the kind must go too: the price asked before the colour (probe round 6)', () => {
    // "Una regadera amarilla", then "más barata": the one yellow can is the cheapest can; yellow is had
    // only by a dearer sofa, cheaper by the trowel. The trowel, not the yellow sofa.
    const r = chooseRelaxation([c('yellow-sofa', 'colour'), c('trowel', 'budget')], ['colour', 'budget', 'category'], meets);
    assert.deepEqual(r.relaxed, ['colour', 'category']);
    // The person before the colour ("sneakers for my son", "in black", "cheaper?": his shirts, not a black bag of hers).
    const p = chooseRelaxation([c('black-bag', 'colour', 'budget'), c('his-shirt', 'audience', 'budget')], ['colour', 'budget', 'audience', 'category'], meets);
    assert.deepEqual(p.relaxed, ['colour', 'category']);
  });

  it('explains what was relaxed in a sentence to quote', () => {
    const e = E({ categories: ['Shoes > Running Shoes'], colours: ['red'] });
    const o = constraintOutcome({ entities: e, budget: { max: 50, currency: 'USD' }, stated: ['colour', 'budget', 'category'], relaxed: ['colour', 'budget'], empty: false });
    assert.deepEqual(o, {
      satisfied: false,
      relaxed: ['colour', 'budget'],
      reason: 'Nothing in this shop matches everything asked for (running shoes, in red, up to 50 USD). The closest products are shown, but they are not in red and outside the budget (up to 50 USD).',
    });
    assert.deepEqual(constraintOutcome({ entities: e, budget: undefined, stated: ['colour'], relaxed: [], empty: false }), { satisfied: true });
    assert.deepEqual(constraintOutcome({ entities: undefined, budget: undefined, stated: [], relaxed: [], empty: true }), { satisfied: true }, 'nothing asked, nothing to miss');
    const none = constraintOutcome({ entities: E({ rejections: [{ kind: 'material', value: 'leather' }] }), budget: undefined, stated: [], relaxed: [], empty: true });
    assert.deepEqual(none, { satisfied: false, relaxed: [], reason: 'Nothing available in this shop fits (without leather).' });
    // What was ruled out is said with what was asked: the chairs were all pink, not missing.
    const chair = constraintOutcome({ entities: E({ categories: ['Chair'], rejections: [{ kind: 'colour', value: 'pink' }] }), budget: undefined, stated: ['category'], relaxed: ['category'], empty: false });
    assert.equal(chair.reason, 'Nothing in this shop matches everything asked for (chairs, without pink). The closest products are shown, but they are not chairs.');
  });

  it("holds whom the products are for when said of them (not through the person), and relaxes it before the kind", () => {
    assert.deepEqual(statedConstraints(E({ categories: ['Jacket'], audience: 'men' }), { max: 80 }), ['budget', 'audience', 'category']);
    // "a gift for my wife", no kind said: her audience is held too (decision 0016), as relaxable as the rest.
    assert.deepEqual(statedConstraints(E({ recipient: 'wife', isGift: true }), undefined), ['audience']);
    // Men's jackets only over the budget: the budget goes before a women's jacket is offered.
    const stated: RelaxableConstraint[] = ['budget', 'audience', 'category'];
    const r = chooseRelaxation([c('mens-over', 'audience', 'category'), c('womens-cheap', 'budget', 'category')], stated, meets);
    assert.deepEqual(r.relaxed, ['budget']);
    // Only women's jackets: said plainly, the jackets still shown.
    const e = E({ categories: ['Jacket'], audience: 'men' });
    const o = constraintOutcome({ entities: e, budget: undefined, stated: ['audience', 'category'], relaxed: ['audience'], empty: false });
    assert.equal(o.reason, 'Nothing in this shop matches everything asked for (jackets, for men). The closest products are shown, but they are made for someone other than men.');
    const none = constraintOutcome({ entities: E({ categories: ['Jacket'], audience: 'men' }), budget: undefined, stated: ['audience', 'category'], relaxed: [], empty: true });
    assert.equal(none.reason, 'Nothing available in this shop fits (jackets, for men).');
  });

  it('a recipient\'s audience held is said back as the person ("una camisa blanca para mi hijo")', () => {
    const e = E({ categories: ['Shirts'], colours: ['white'], recipient: 'son', isGift: true });
    const o = constraintOutcome({ entities: e, budget: undefined, stated: ['colour', 'audience', 'category'], relaxed: ['colour'], empty: false });
    assert.equal(o.reason, 'Nothing in this shop matches everything asked for (shirts, for your son, in white). The closest products are shown, but they are not in white.');
    const inLaw = E({ categories: ['Scarves'], recipient: 'sister_in_law', isGift: true });
    const none = constraintOutcome({ entities: inLaw, budget: { max: 20, currency: 'USD' }, stated: ['budget', 'audience', 'category'], relaxed: [], empty: true });
    assert.equal(none.reason, 'Nothing available in this shop fits (scarves, for your sister-in-law, up to 20 USD).');
  });
});

describe('budgetOutcomeFor and forShownItems', () => {
  const note = (price: string, budget: string) => ({ reasons: [{ source: 'intent' }, { source: 'constraint', code: 'budget_currency_unknown', priceCurrency: price, budgetCurrency: budget }] });
  const checked = { reasons: [{ source: 'intent' }] };

  it('reads a budget stated without a currency in the one the check used, and counts only the items given', () => {
    const c = budgetOutcomeFor({ satisfied: true }, { max: 40 }, [note('USD', 'GBP'), checked, note('USD', 'GBP')]);
    assert.equal(c.satisfied, false);
    assert.deepEqual(c.unchecked, ['budget']);
    assert.equal(c.reason, '2 of these products are priced in USD and no exchange rate to GBP is known, so they were not checked against the budget (up to 40 GBP).');
    assert.equal(forShownItems(c, [checked]).satisfied, true, 'the shown item was checked');
    assert.equal(forShownItems(c, [note('USD', 'GBP')]).reason, 'This product is priced in USD and no exchange rate to GBP is known, so it was not checked against the budget (up to 40 GBP).');
  });

  it('keeps an outcome with nothing unchecked, or whose budget was relaxed, as it is', () => {
    const relaxed = { satisfied: false, relaxed: ['budget' as const], reason: 'Relaxed.' };
    assert.equal(budgetOutcomeFor(relaxed, { max: 40, currency: 'GBP' }, [note('USD', 'GBP')]), relaxed);
    const fine = { satisfied: true };
    assert.equal(budgetOutcomeFor(fine, { max: 40, currency: 'GBP' }, [checked]), fine);
    assert.equal(forShownItems(fine, [note('USD', 'GBP')]), fine);
  });
});


describe('constraints a comparison leaves preferences', () => {
  it('does not state a kind said of one compared option only (IntentEntities.soft)', () => {
    const e = E({ categories: ['scarves'], colours: ['red'], brands: ['Zenith'], sizes: ['M'], soft: ['colour', 'brand'] });
    assert.deepEqual(statedConstraints(e, undefined), ['size', 'category']);
    assert.deepEqual(statedConstraints({ ...e, soft: ['size'] }, undefined), ['colour', 'brand', 'category']);
  });

  it('does not state a category named on one compared side only ("the silk blouse or the floral top?")', () => {
    const e = E({ categories: ['Blouses'], colours: ['white'], soft: ['colour', 'category'] });
    assert.deepEqual(statedConstraints(e, { max: 80 }), ['budget']);
    assert.deepEqual(statedConstraints({ ...e, soft: ['colour'] }, undefined), ['category']);
  });

  it('says "one size" for a one-size request', () => {
    const e = E({ categories: ['hats'], sizes: ['One Size'] });
    const o = constraintOutcome({ entities: e, budget: undefined, stated: ['size', 'category'], relaxed: ['size'], empty: false });
    assert.equal(o.reason, 'Nothing in this shop matches everything asked for (hats, in one size). The closest products are shown, but they are not available in one size.');
  });
});

describe('constraints: a quoted budget names its currency', () => {
  const e = E({ categories: ['Jewelry > Earrings'] });
  const args = { entities: e, stated: ['budget', 'category'] as RelaxableConstraint[], relaxed: ['budget'] as RelaxableConstraint[], empty: false };

  it('a budget stated without one is quoted in the currency it was read in', () => {
    assert.equal(
      constraintOutcome({ ...args, budget: { max: 30 }, currency: 'usd' }).reason,
      'Nothing in this shop matches everything asked for (earrings, up to 30 USD). The closest products are shown, but they are outside the budget (up to 30 USD).',
    );
    assert.match(constraintOutcome({ ...args, budget: { max: 30, currency: 'EUR' }, currency: 'USD' }).reason ?? '', /\(up to 30 EUR\)\.$/, 'its own currency first');
  });

  it('with none known, says it was held in each price’s own currency, never a bare number', () => {
    const o = constraintOutcome({ ...args, budget: { max: 0 } });
    assert.equal(o.reason, "Nothing in this shop matches everything asked for (earrings, up to 0 in the products' own currency). The closest products are shown, but they are outside the budget (up to 0 in the products' own currency).");
    assert.match(constraintOutcome({ ...args, relaxed: [], budget: { min: 20, max: 40 }, empty: true }).reason ?? '', /between 20 and 40 in the products' own currency/);
  });
});
