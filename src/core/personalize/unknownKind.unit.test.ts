/**
 * A thing asked for by a name the shop has no word of (unknownKind.ts): the answer says the shop has
 * none, instead of calling its best-sellers a match.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { extractEntities } from '../intent/entities.ts';
import type { IntentType } from '../intent/types.ts';
import { askedName, unknownKind, unknownKindOutcome, unmentionedOutcome, unmentionedWord } from './unknownKind.ts';
import { titleWords } from './titleTerms.ts';

const words = titleWords([
  product({ id: 'f', title: 'Wooden Fence', description: 'A garden fence of pine slats.' }),
  product({ id: 'c', title: 'Vanilla candle', productType: 'Candle' }),
  product({ id: 'p', title: 'Clay Plant Pot', description: 'Handmade pot for herbs.' }),
]);
const unknown = (text: string): string | undefined => unknownKind(text, extractEntities(text, /[¿ñáé]|\b(?:tienen|busco)\b/.test(text) ? 'es' : 'en'), words);

describe('askedName: the name of the thing a message asks for', () => {
  it('nothing is asked for when the words of asking are negated ("no quiero chaquetas" said the shop had no "chaquetas")', () => {
    for (const t of ['no quiero chaquetas', "I don't want a hammock", 'I do not need jackets', 'ya no quiero chaquetas']) assert.equal(askedName(t), undefined, t);
    assert.equal(askedName('no, quiero hamacas'), 'hamacas', 'a "no" that answers, then asks');
  });

  it('words of comparing are no name of a thing ("a lot cheaper?" was "a shop with nothing called lot cheaper")', () => {
    for (const t of ['a lot cheaper?', 'se me va de precio, qué otra cosa hay parecida', 'something similar?']) assert.equal(askedName(t), undefined, t);
  });

  it('after words of asking, or alone and asked, up to a word that starts another phrase', () => {
    assert.equal(askedName('do you have a barbecue grill?'), 'barbecue grill');
    assert.equal(askedName('a hammock?'), 'hammock');
    assert.equal(askedName('any curtains?'), 'curtains');
    assert.equal(askedName('any hoops at all?'), 'hoops', 'not "hoops at all" (shopper probe)');
    assert.equal(askedName('looking for a hammock for the garden'), 'hammock');
    assert.equal(askedName('¿tienen hamacas para el jardín?'), 'hamacas');
    // With a verb of getting: the thing, not the verb ("comprar una aspiradora" named nothing the shop has before).
    assert.equal(askedName('I want to buy a vacuum cleaner'), 'vacuum cleaner');
    assert.equal(askedName('quiero comprar una aspiradora'), 'aspiradora');
    assert.equal(askedName('necesito conseguir un ventilador de techo'), 'ventilador');
  });

  it('not a pronoun, the shop\'s service, or talk', () => {
    for (const t of ['do you have it in blue?', 'do you have a return policy?', 'do you have free shipping?', '¿tienen envío gratis?', 'I want something cheaper', 'why?', 'ok?', 'do you have gift cards?', 'cheaper?', '¿viene en plateado?', 'la segunda, ¿tiene piedras?', '¿cuánto cuestan en euros?', 'I want to get something for my mum', 'I need to buy it now', 'quiero comprar algo para mi novia', 'no quiero nada negro, algo para mujer', 'I want nothing gold', 'entre el primero y el tercero, ¿cuál me conviene si quiero gastar menos?', 'quiero gastar poca plata en una pulsera']) {
      assert.equal(askedName(t), undefined, t);
    }
  });
});

describe('unknownKind: a thing the shop has no word of', () => {
  it('is said when no word of its name is in the shop\'s titles, descriptions or tags, and nothing else was read', () => {
    assert.equal(unknown('do you have a barbecue grill?'), 'barbecue grill');
    assert.equal(unknown('¿tienen hamacas?'), 'hamacas');
    assert.equal(unknown('do you have a fence?'), undefined, 'in a title');
    assert.equal(unknown('do you sell anything handmade?'), undefined, 'nothing named');
    assert.equal(unknown('got any pine?'), undefined, 'in a description');
    assert.equal(unknown('do you have earrings?'), undefined, 'a kind the rules read: its own outcome says whether the shop has it');
  });

  it('is said of a name whose last word, the thing itself, is none of the shop\'s words nor of what else was read ("patio umbrella")', () => {
    assert.equal(unknown('do you have a patio umbrella?'), 'patio umbrella');
    assert.equal(unknown('I need a garden gnome'), 'garden gnome');
    assert.equal(unknown('I need a garden hose'), undefined, 'a kind the rules read (garden hoses): its own outcome says the shop has none');
    assert.equal(unknown('do you have a garden fence?'), undefined, 'the fence is the shop\'s');
    assert.equal(unknown('do you have a clay pot?'), undefined);
    assert.equal(unknown('do you have silver earrings?'), undefined, 'a kind the rules read');
    for (const t of ['any garden tools?', 'do you have outdoor furniture?', 'do you have kitchen stuff?', 'garden supplies?']) assert.equal(unknown(t), undefined, `${t}: a sort of things, not one thing`);
    for (const t of ['¿tienen collares plateados por menos de 100 mil pesos?', 'busco macetas baratas pa mis plantitas']) assert.equal(unknown(t), undefined, `${t}: a Spanish name starts with the thing`);
  });

  it('is not said of a Spanish name after English words: the kind comes first, as in Spanish ("do you have tenis blancos?")', () => {
    for (const t of ['do you have tenis blancos?', 'do you have tenis blancos? talla 38 please', 'I need zapatillas rojas', 'got any botas negras?', 'do you have collares plateados?']) {
      assert.equal(unknown(t), undefined, t);
    }
    // English names still end with the thing, whatever a Spanish word before it.
    assert.equal(unknown('do you have a patio umbrella?'), 'patio umbrella');
    assert.equal(unknown('I need a garden gnome'), 'garden gnome');
  });

  it('is said of a name alone after an article, asked or not ("a barbecue grill", "una parrilla para el asado"), when nothing else was read of it', () => {
    assert.equal(unknown('a barbecue grill'), 'barbecue grill');
    assert.equal(unknown('a toaster.'), 'toaster');
    assert.equal(unknown('una parrilla para el asado'), 'parrilla');
    for (const t of ['a medium', 'a red one', 'some candles', 'a ver qué tienes', 'quiero ver qué hay', 'a cuadros', 'a rayas', 'some polka dots']) assert.equal(unknown(t), undefined, t);
  });

  it('is said of a name alone beside the place it is for ("a grill for the patio": the place read as its kinds)', () => {
    for (const [t, name] of [['a grill for the patio', 'grill'], ['una hamaca para el jardín', 'hamaca'], ['sombrilla para la terraza', 'sombrilla'], ['bbq for the backyard, under 200', 'bbq']] as const) {
      assert.equal(unknown(t), name, t);
    }
    for (const t of ['a fence for the garden', 'pots for the garden', 'macetas para la terraza', 'looking for inspiration for a small balcony garden', 'ideas para el jardín', 'now for the garden instead', 'ahora para el jardín']) {
      assert.equal(unknown(t), undefined, t);
    }
  });

  it('makes the outcome not satisfied, the kind let go, with a sentence to quote', () => {
    const c = unknownKindOutcome({ satisfied: true }, 'hammock');
    assert.deepEqual(c, { satisfied: false, relaxed: ['category'], reason: 'This shop has nothing called "hammock": the products shown are other products, not hammock.' });
  });
});

describe('unmentionedWord: a first message of one word that no product mentions', () => {
  // The words a classifier taught on shoppers' messages knows: talk, people, seasons, verbs.
  const taught = new Set(['thanks', 'mom', 'summer', 'quiero', 'cute', 'checkout', 'warranty']);
  const alone = (text: string, type: IntentType): string | undefined =>
    unmentionedWord(text, extractEntities(text, /[¿ñáé]/.test(text) ? 'es' : 'en'), { words, vendors: new Set(['rustic ltd']) }, { type, knownWord: (w) => taught.has(w) });

  it('is the word, asked or not, read as browsing or as research, that the classifier never learned', () => {
    for (const [t, name] of [['hammock', 'hammock'], ['Tiaras?', 'tiaras'], ['¿hamacas?', 'hamacas'], ['ukulele.', 'ukulele'], ['boho', 'boho']] as const) assert.equal(alone(t, 'browsing'), name, t);
    assert.equal(alone('trampolines?', 'research'), 'trampolines', 'a word asked');
  });

  it('is not a purchase or a comparison, a word the classifier learned, chat, a way of being, a word of the shop or of its vendors, a kind, a look', () => {
    assert.equal(alone('trampoline', 'high_purchase_intent'), undefined, 'a purchase');
    assert.equal(alone('trampoline', 'comparison_shopping'), undefined, 'a comparison');
    for (const t of ['thanks', 'mom', 'Summer!', 'quiero', 'cute', 'idk', 'jajaja', 'browse', 'amazing?', 'hermoso', 'seriously?', 'login', 'espectacular', 'hellooo', 'buenasss', 'candles', 'fence', 'tools', 'red', 'cheaper', 'sale', 'rustic']) {
      assert.equal(alone(t, 'browsing'), undefined, t);
    }
  });

  it('is one word alone: two words are a name only after an article or words of asking (unknownKind)', () => {
    assert.equal(alone('garden hammock', 'browsing'), undefined);
    assert.equal(unknown('hammock'), undefined, 'unknownKind leaves one word alone to it');
  });

  it('makes the outcome not satisfied, with a sentence that says no product mentions the word', () => {
    assert.deepEqual(unmentionedOutcome({ satisfied: true }, 'rustic'), { satisfied: false, relaxed: ['category'], reason: 'No product of this shop mentions "rustic": the products shown are other products.' });
  });
});
