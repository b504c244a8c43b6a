import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSearchQuery } from '../../core/personalize/intentMatch.ts';
import { product } from '../../testing/productFixture.ts';
import { descriptionHas, descriptionWords } from './descriptionMatch.ts';

const indexed = new Set(['earring', 'gold', 'necklace']);
const words = (q: string) => descriptionWords(q, readSearchQuery(q), (w) => indexed.has(w));

describe('descriptionWords', () => {
  it('keeps the content words no indexed field holds, folded and singular', () => {
    assert.deepEqual(words('opal'), ['opal']);
    assert.deepEqual(words('14k gold earrings'), ['14k']);
    assert.deepEqual(words('Ópalos'), ['opalo']);
    assert.deepEqual(words('hypoallergenic hooks'), ['hypoallergenic', 'hook']);
  });

  it('leaves out numbers, the budget, conversational words and indexed words', () => {
    assert.deepEqual(words('gold necklace'), []);
    assert.deepEqual(words('something under 30'), []);
    assert.deepEqual(words('opal under 50 dollars'), ['opal']);
    assert.deepEqual(words('algo de ópalo por menos de 50 dólares'), ['opalo']);
    assert.deepEqual(words('size 10'), []);
    assert.deepEqual(words('algo color turquesa'), ['turquesa'], 'a colour word no indexed field holds is looked for as written');
  });
});

describe('descriptionHas', () => {
  const earrings = product({ id: 'e', title: 'Gold Elephant Earrings', description: 'Cute elephant earrings with opal ear detail and 14k gold hooks.' });
  it('finds a word of the description as the index reads words', () => {
    assert.ok(descriptionHas(earrings, ['opal']));
    assert.ok(descriptionHas(earrings, ['14k']));
    assert.ok(descriptionHas(earrings, ['hook']), 'plural folded');
    assert.ok(descriptionHas(product({ id: 'c', title: 'Collar', description: 'Collar con ÓPALOS' }), ['opalo']));
  });

  it('does not find part of a word, or anything in an empty description', () => {
    assert.ok(!descriptionHas(product({ id: 'o', title: 'Ring', description: 'An opalescent sheen.' }), ['opal']));
    assert.ok(!descriptionHas(earrings, ['silver']));
    assert.ok(!descriptionHas(product({ id: 'n', title: 'Ring' }), ['opal']));
    assert.ok(!descriptionHas(earrings, []));
  });
});
