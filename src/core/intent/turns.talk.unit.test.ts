import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asksAboutProduct, asksForItIn, talkSentences } from './turns.ts';

const kinds = (t: string) => talkSentences(t).map((s) => s.kind);

describe('talkSentences: talk about a product, requests', () => {
  it('a question about a noun phrase keeps the phrase, EN/ES', () => {
    for (const [t, phrase] of [
      ['do the Galaxy Earrings have any gold in them?', 'galaxy earrings have any gold in them?'],
      ['¿los Galaxy Earrings llevan algo de oro?', 'galaxy earrings llevan algo de oro?'],
      ['is the Anchor Bracelet waterproof?', 'anchor bracelet waterproof?'],
      ['how much are the Galaxy Earrings?', 'galaxy earrings?'],
      ['¿cuánto cuestan los Galaxy Earrings?', 'galaxy earrings?'],
      ['do you still have the Galaxy Earrings in gold?', 'galaxy earrings in gold?'],
      ["I'll take the Galaxy Earrings, thanks", 'galaxy earrings, thanks'],
      ['¿es el Anchor Bracelet de plata?', 'anchor bracelet de plata?'],
    ] as const) {
      const [s] = talkSentences(t);
      assert.equal(s?.kind, 'subject', t);
      assert.equal(s?.kind === 'subject' ? s.phrase : undefined, phrase, t);
    }
  });
  it('a phrase pointing at what was shown: "the silver ones", "this necklace", "las de plata", "los plateados"', () => {
    for (const t of ['are the silver ones real silver?', 'is this necklace real gold?', '¿las de plata tienen cierre?', '¿los plateados llevan oro?']) {
      const [s] = talkSentences(t);
      assert.ok(s?.kind === 'subject' && s.pointing, t);
    }
    const [named] = talkSentences('do the Galaxy Earrings have any gold in them?');
    assert.ok(named?.kind === 'subject' && !named.pointing);
  });
  it('closing a product, then a request', () => {
    assert.deepEqual(kinds('great, I will take them. Now a nice necklace for my mother-in-law, she does like gold'), ['it', 'request']);
    assert.deepEqual(kinds('genial, me los quedo. Ahora un collar elegante para mi suegra'), ['it', 'request']);
    assert.deepEqual(kinds("I'll take it, now show me necklaces"), ['it', 'request']);
    assert.deepEqual(kinds("I'll take it. I also need a ring"), ['it', 'request']);
    assert.deepEqual(kinds("ok cool, I'll get those. Next, something for my dad"), ['it', 'request']);
    assert.deepEqual(kinds('perfecto, me quedo con esos. También busco un anillo'), ['it', 'request']);
    assert.deepEqual(kinds('Me los llevo! y ahora algo para mi vieja'), ['it', 'request']);
  });
  it('near misses: a request alone, a statement, chatter, a price with a dot', () => {
    assert.deepEqual(kinds('do you have silver earrings?'), ['request']);
    assert.deepEqual(kinds('los pendientes de plata, nada de oro'), ['other']);
    assert.deepEqual(kinds("I'll take it. It's for my mom"), ['it', 'other']);
    assert.deepEqual(kinds('is it waterproof? thanks!'), ['it', 'other']);
    assert.deepEqual(kinds('the price is 37.99 right'), ['other']);
  });
});

describe('asksAboutProduct: only about the product, no request after', () => {
  it('a purchase followed by a new request is not only about the product', () => {
    for (const t of ['great, I will take them. Now a nice necklace for my mother-in-law, she does like gold', 'genial, me los quedo. Ahora un collar elegante para mi suegra', "I'll take it, now show me necklaces"])
      assert.ok(!asksAboutProduct(t), t);
  });
  it('a purchase or a question with chatter or a remark stays about it', () => {
    for (const t of ["I'll take it. It's for my mom", 'does it come in silver? thanks!', 'me lo llevo, gracias', 'I will take the large clay one, how much is it?'])
      assert.ok(asksAboutProduct(t), t);
  });
});

describe('asksForItIn: whether the product spoken of by a pro-form comes in a look or a size', () => {
  it('"does it come in silver?", "do you have it in blue?", "¿lo tienen en gris?", "¿viene en talla M?"', () => {
    for (const t of ['does it come in silver?', 'do you have it in blue?', 'is it available in gold?', 'can I get it in a medium?', '¿lo tienen en gris?', '¿viene en talla M?', 'y la hay en negro?', '¿está disponible en plata?']) {
      assert.equal(asksForItIn(t), true, t);
    }
  });

  it('not whether it is so, nor a request for products', () => {
    for (const t of ['is it gold?', '¿es de plata?', 'show me something in silver', 'in silver?', 'I want it', 'how much is it?']) assert.equal(asksForItIn(t), false, t);
  });
});
