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
    for (const text of ['is it expensive?', '¿es caro?', 'under 50 dollars', 'cheap or premium, whatever', 'a cheapskate gift']) assert.equal(extractPricePreference(text), undefined, text);
  });
});
