import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { product } from '../../testing/productFixture.ts';
import { readProductTalk } from './productTalk.ts';

const index = CatalogIndex.build([
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Silver'] }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'] }),
  product({ id: 'pretty', title: 'Pretty Gold Necklace', productType: 'Necklace' }),
]);
const read = (t: string, o: { discussed?: string; inConversation?: boolean } = {}) => readProductTalk(t, { index, inConversation: o.inConversation ?? false, ...(o.discussed ? { discussed: o.discussed } : {}) });

describe('readProductTalk', () => {
  it('a question whose subject is a product\'s whole title is about it, with nothing discussed', () => {
    assert.deepEqual(read('do the Galaxy Earrings have any gold in them?'), { about: true, named: 'galaxy' });
    assert.deepEqual(read('¿los Galaxy Earrings llevan algo de oro?'), { about: true, named: 'galaxy' });
    assert.deepEqual(read('does the Pretty Gold Necklace come in silver?'), { about: true, named: 'pretty' });
  });
  it('words of the discussed product\'s title, or a phrase pointing at what was shown in a conversation', () => {
    assert.equal(read('do the earrings have a clasp?', { discussed: 'galaxy' }).about, true);
    assert.equal(read('are the silver ones real silver?', { inConversation: true }).about, true);
    assert.equal(read('are the silver ones real silver?').about, false, 'nothing was shown');
  });
  it('a pro-form whose product the sentence names by title: "and the Galaxy Earrings, do they have gold?"', () => {
    assert.deepEqual(read('and the Galaxy Earrings, do they have gold?'), { about: true, named: 'galaxy' });
  });
  it('a pro-form needs a product discussed, as before', () => {
    assert.equal(read('does it come in gold?', { discussed: 'galaxy' }).about, true);
    assert.equal(read('does it come in gold?', { inConversation: true }).about, false);
  });
  it('a subject saying words only one product\'s title has is about it: "is the elephant pair available in silver?"', () => {
    assert.deepEqual(read('are the elephant earrings available in silver?'), { about: true, named: 'elephant', namedBy: 'elephant earrings' });
    assert.deepEqual(read('is the pretty necklace real gold?'), { about: true, named: 'pretty', namedBy: 'pretty necklace' });
    // Near misses: words two products share, a kind or a colour alone (even of one product), a pointer.
    assert.equal(read('do the gold earrings come in silver?').named, undefined);
    assert.equal(read('is the gold one real?').named, undefined);
    assert.equal(read('are the earrings real silver?').named, undefined);
  });
  it('a subject naming no product is a request: "do the necklaces come in gold?"', () => {
    assert.equal(read('do the necklaces come in gold?', { discussed: 'galaxy', inConversation: true }).about, false);
    assert.equal(read('is the price in dollars?', { discussed: 'galaxy' }).about, false);
  });
  it('closing a product then asking for another: the request alone', () => {
    assert.deepEqual(read('great, I will take them. Now a nice necklace for my mother-in-law, she does like gold', { discussed: 'galaxy' }), {
      about: false,
      request: 'Now a nice necklace for my mother-in-law, she does like gold',
    });
    assert.deepEqual(read('genial, me los quedo. Ahora un collar elegante para mi suegra', { inConversation: true }), { about: false, request: 'Ahora un collar elegante para mi suegra' });
    assert.deepEqual(read("I'll take the Galaxy Earrings. I also need a ring"), { about: false, named: 'galaxy', request: 'I also need a ring' });
  });
  it('closing a product then a fragment with no request words: a follow-up for the caller to read ("And earrings to match?")', () => {
    assert.deepEqual(read("I'll take the Pretty Gold Necklace. And earrings to match?"), { about: true, named: 'pretty', followUp: 'And earrings to match?' });
    assert.deepEqual(read("I'll take it. Earrings too?", { discussed: 'pretty' }), { about: true, followUp: 'Earrings too?' });
    assert.deepEqual(read('do the Galaxy Earrings have gold?'), { about: true, named: 'galaxy' }, 'nothing after it');
  });
  it('pointing at a product shown by words before "one": those words ("the dreamcatcher one")', () => {
    assert.deepEqual(read('do you have the dreamcatcher one in gold?', { inConversation: true }), { about: true, pointedBy: 'dreamcatcher' });
    assert.equal(read('are the silver ones real silver?', { inConversation: true }).pointedBy, 'silver');
    assert.equal(read('do you have those in gold?', { inConversation: true }).pointedBy, undefined);
  });
  it('pointing by a place in the list ("does the second one come in silver?") is asked of as "number 2": what it names stays asked', () => {
    for (const t of ['does the second one come in silver?', 'is the last one available in blue?', 'can I get the 3rd one in gold?']) {
      assert.deepEqual(read(t, { inConversation: true }), { about: false }, t);
    }
  });
});
