/**
 * Turns of a conversation that compare with a named product, add to what was asked, or ask about the
 * product discussed (sessionContext.ts, comparedProduct.ts, intent/turns.ts, intent/entities.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../catalog/product.ts';
import { extractEntities } from '../intent/entities.ts';
import { extractNamedComparison, extractPriceComparison } from '../intent/pricePreference.ts';
import { addsToEarlier, asksAboutProduct } from '../intent/turns.ts';
import type { Intent, IntentEntities } from '../intent/types.ts';
import { namesProduct, withoutComparandLook } from './comparedProduct.ts';
import { emptyIntent } from './intentInput.ts';
import { mergeIntent } from './sessionContext.ts';

const NOW = Date.UTC(2025, 10, 20, 12);
const KEY = { shop: 's', sessionId: 'conv-t' };
function turn(e: Partial<IntentEntities>): Intent {
  const base = emptyIntent();
  return { ...base, type: 'browsing', entities: { ...base.entities, ...e } };
}
function product(title: string, productType = '', category = ''): Product {
  return { id: title, handle: title, title, description: '', vendor: '', productType, category, tags: [], options: {}, variants: [], images: [], published: true } as unknown as Product;
}

describe('extractNamedComparison: "cheaper than the <named product>"', () => {
  it('reads the words naming the product, EN and ES', () => {
    assert.deepEqual(extractNamedComparison('anything cheaper than the sofa?'), { side: 'below', named: 'sofa' });
    assert.deepEqual(extractNamedComparison('Is there anything cheaper than the Dainty Gold Necklace?'), { side: 'below', named: 'dainty gold necklace' });
    assert.deepEqual(extractNamedComparison('¿Hay algo más barato que la mesa?'), { side: 'below', named: 'mesa' });
    assert.deepEqual(extractNamedComparison('algo más barato que el collar de pájaro'), { side: 'below', named: 'collar de pajaro' });
    assert.deepEqual(extractNamedComparison('something pricier than your gold lamp'), { side: 'above', named: 'gold lamp' });
  });
  it('reads nothing from another shop, a question, a negation, a choice or a pro-form', () => {
    for (const t of ['cheaper than Amazon?', 'is it cheaper than in the store?', 'cheaper than the store', 'cheaper than the rest', 'más barato que en la tienda', 'is this cheaper than the gold one?', 'is the sofa cheaper than the armchair?', 'I do not want anything cheaper than the sofa', 'the cheaper one than the sofa', 'cheaper than that', 'lo más barato que tengas', 'a cheap sofa'])
      assert.equal(extractNamedComparison(t), undefined, t);
    assert.equal(extractPriceComparison('anything cheaper than the sofa?'), undefined, 'the product discussed only by a pro-form');
  });
});

describe('namesProduct: the noun phrase names the product discussed', () => {
  it('by kind (EN/ES synonyms), title words or whole title', () => {
    assert.ok(namesProduct('sofa', product('Yellow Sofa', 'Indoor')));
    assert.ok(namesProduct('mesa', product('Bedside Table', 'Indoor')));
    assert.ok(namesProduct('collar de pajaro', product('Gold Bird Necklace', 'Necklace')));
    assert.ok(namesProduct('gold one', product('Dainty Gold Necklace', 'Necklace')));
    assert.ok(namesProduct('sofa you showed me', product('Yellow Sofa')));
  });
  it('not another kind or another colour', () => {
    assert.ok(!namesProduct('armchair', product('Yellow Sofa', 'Indoor')));
    assert.ok(!namesProduct('silver one', product('Dainty Gold Necklace', 'Necklace')));
    assert.ok(!namesProduct('mesa', product('Yellow Sofa')));
  });
});

describe('entities: a side remark names no kind sought', () => {
  it('"silver suits her better": a verb, no suits; "go better with my rug": the rug is what it goes with', () => {
    assert.deepEqual(extractEntities('Actually scratch the gold, silver suits her better', 'en').categories, []);
    const rug = extractEntities('hmm, actually grey would go better with my rug', 'en');
    assert.deepEqual([rug.categories, rug.colours], [[], ['grey']]);
    assert.deepEqual(extractEntities('earrings to match her necklace', 'en').categories, ['earrings']);
  });
  it('still reads the kind in a request', () => {
    assert.deepEqual(extractEntities('I want suits', 'en').categories, ['suits']);
    assert.deepEqual(extractEntities('the suits her mother liked', 'en').categories, ['suits']);
    assert.deepEqual(extractEntities('a rug for my living room', 'en').categories, ['rugs']);
    assert.deepEqual(extractEntities('I need a rug and a sofa', 'en').categories, ['rugs', 'sofas']);
  });
});

describe('turns: adding to what was asked, asking about the product discussed', () => {
  it('addsToEarlier', () => {
    for (const t of ['ok, silver is fine too then', 'silver as well', 'also silver', 'or silver?', 'plata también', 'o en plata']) assert.ok(addsToEarlier(t), t);
    for (const t of ['too expensive', 'silver instead', 'that is too big', 'I want silver', 'or not']) assert.ok(!addsToEarlier(t), t);
  });
  it('asksAboutProduct', () => {
    for (const t of ['does it come in silver?', 'I will take the large clay one, how much is it?', "I'll take it", 'is it available in large?', 'do you have it in blue?', 'can I get this one in gold?', 'what sizes does it come in?', 'is it real leather?', '¿viene en plata?', '¿lo tienen en azul?', '¿cuánto cuesta?', '¿es de cuero?', 'me lo llevo', 'are they gold?'])
      assert.ok(asksAboutProduct(t), t);
    for (const t of ['is there one in silver?', 'do you have silver earrings?', 'something like it in silver', 'show me it in gold', 'is it cheaper than that?', 'a silver bracelet', 'do you have anything in silver?', '¿tienen collares de plata?', 'what do you have in silver?', 'anything cheaper?', 'que sea de plata', 'es para mi madre'])
      assert.ok(!asksAboutProduct(t), t);
  });
});

describe('mergeIntent: adding, budgets and named anchors across turns', () => {
  it('"a gold bracelet under 60", then "silver is fine too": gold and silver, the budget kept', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Bracelet'], colours: ['gold'], budget: { max: 60, text: 'under 60' } }), NOW, KEY);
    s = mergeIntent(s, turn({ colours: ['silver'] }), NOW + 1, KEY, { adds: true });
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.budget?.max], [['gold', 'silver'], 60]);
    s = mergeIntent(s, turn({ colours: ['rose gold'] }), NOW + 2, KEY);
    assert.deepEqual(s.intent.entities.colours, ['rose gold'], 'without "too" it replaces');
  });
  it('"necklaces", then "no chokers": still necklaces, the chokers ruled out by their word', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Necklace'] }), NOW, KEY);
    s = mergeIntent(s, turn({ rejections: extractEntities('no chokers', 'en').rejections }), NOW + 1, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.rejections], [['Necklace'], [{ kind: 'term', value: 'choker' }]]);
  });
  it('"bracelets too" adds a kind and starts no new search', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Necklace'], colours: ['gold'] }), NOW, KEY);
    s = mergeIntent(s, turn({ categories: ['Bracelet'] }), NOW + 1, KEY, { adds: true });
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.colours], [['Necklace', 'Bracelet'], ['gold']]);
  });
  it('a product named by the turn anchors its relative price, over the product the request is about; an earlier budget stays', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Necklace'], budget: { max: 100, currency: 'EUR', text: 'under 100 €' } }), NOW, KEY, { productId: 'p-viewed' });
    assert.equal(s.product, 'p-viewed', 'the product discussed is remembered');
    s = mergeIntent(s, turn({ priceRelative: 'below', priceAnchor: 'p-named' }), NOW + 1, KEY, { productId: 'p-viewed' });
    assert.deepEqual([s.intent.entities.priceAnchor, s.intent.entities.budget?.max, s.product], ['p-named', 100, 'p-viewed']);
    const first = mergeIntent(undefined, turn({ priceRelative: 'below', priceAnchor: 'p-named' }), NOW, { ...KEY, sessionId: 'other' }, { productId: 'p-viewed' });
    assert.equal(first.intent.entities.priceAnchor, 'p-named');
  });
});

describe('withoutComparandLook: the compared product\'s own colour and material words are not wishes', () => {
  const turn = (text: string) => {
    const said = extractNamedComparison(text);
    assert.ok(said, text);
    const e = extractEntities(text, /\b(que|más|algo)\b/.test(text) ? 'es' : 'en');
    return withoutComparandLook(e, text, said.named);
  };

  it('drops what only the named product\'s words say', () => {
    const e = turn('anything cheaper than the Classic Leather Jacket?');
    assert.deepEqual([e.colours, e.materials ?? []], [[], []]);
    assert.deepEqual(turn('is there anything cheaper than the Dainty Gold Necklace?').colours, []);
    assert.deepEqual(turn('¿hay algo más barato que el collar dorado?').colours, []);
  });

  it('near misses: a colour or material said elsewhere in the message stays', () => {
    assert.deepEqual(turn('a leather bag cheaper than the Classic Leather Jacket').materials, ['leather']);
    assert.deepEqual(turn('something black, cheaper than the sofa').colours, ['black']);
  });

  it('two products compared: a colour said outside both names stays, one inside both goes', () => {
    const pair = (text: string, names: string[]) => withoutComparandLook(extractEntities(text, 'en'), text, names).colours;
    assert.deepEqual(pair('I want something in silver. Which is better, the Galaxy Earrings or the Guardian Angel Earrings?', ['galaxy earrings', 'guardian angel earrings']), ['silver']);
    assert.deepEqual(pair('which is better for everyday, the dainty gold necklace or the pretty gold necklace?', ['dainty gold necklace', 'pretty gold necklace']), []);
  });
});
