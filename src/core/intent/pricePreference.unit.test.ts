import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPricePreference } from './pricePreference.ts';

describe('extractPricePreference: the end of the price range, said without a number', () => {
  const cases: [string, ReturnType<typeof extractPricePreference>][] = [
    ['cheap jackets', 'low'],
    ['the cheapest necklace you have', 'low'],
    ['something affordable for my sister', 'low'],
    ['budget-friendly gifts', 'low'],
    ['not too expensive please', 'low'],
    ['algo barato', 'low'],
    ['lo más económico que tengas', 'low'],
    ['un regalo asequible', 'low'],
    ['que no sea muy caro', 'low'],
    ["what's your most expensive jacket?", 'high'],
    ['premium headphones', 'high'],
    ['a luxury watch', 'high'],
    ['una chaqueta de lujo', 'high'],
    ['el collar más caro', 'high'],
    ['algo de gama alta', 'high'],
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(extractPricePreference(text), want));

  it('states none for a question about price, a number, or both ends', () => {
    for (const text of ['is it expensive?', '¿es caro?', 'under 50 dollars', 'cheap or premium, whatever', 'a cheapskate gift', 'cheaper than Amazon?', 'I have a budget of 50']) assert.equal(extractPricePreference(text), undefined, text);
  });

  it('states none for a negated word (a rejection, not the other end) or a product named by its capitalised name', () => {
    for (const text of ['a jacket, nothing cheap please', 'a jacket but not a cheap one', 'no quiero nada barato', 'not cheap, I want quality', 'ni muy caro ni muy barato', 'do you have the Premium Cotton Tee?', 'I want the Luxury Lip Balm', 'Budget planner notebook']) {
      assert.equal(extractPricePreference(text), undefined, text);
    }
    assert.equal(extractPricePreference('Premium headphones please'), 'high', 'a capital at the start of a sentence is not a name');
    assert.equal(extractPricePreference('I am on a budget'), 'low');
    assert.equal(extractPricePreference('que no cueste mucho'), 'low');
  });
});
