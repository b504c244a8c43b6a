/**
 * A material or stone asked for holds as a constraint with the colours (constraints.ts `colour`: the
 * look), read from the product's title, type, tags, options and description as a rejection reads it
 * (entityFacts.ts, intentMatch.ts); and a colour or metal ruled out ("not gold") leaves a product
 * whose colour options offer a variant that escapes it, shown as that variant (hardFilters.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { compileVocabulary } from '../intent/catalogVocabulary.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent, IntentLanguage } from '../intent/types.ts';
import { vocabularyFromProducts } from '../intent/vocabularyFromCatalog.ts';
import { constraintOutcome, statedConstraints } from './constraints.ts';
import { budgetPrice, checkProduct, rejectionHit, wantedProduct } from './hardFilters.ts';
import { emptyIntent } from './intentInput.ts';
import { searchConstraints } from './intentMatch.ts';
import { materialFields } from './materialMatch.ts';
import { personalizeList } from './personalize.ts';
import { temporalContext } from './seasonal.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
const usd = (major: number) => ({ amount: Math.round(major * 100), currency: 'USD' });

// After jewelery.csv (titles, types, tags and descriptions as exported).
const anchor = (goldAvailable = true, silverAvailable = true) =>
  product({ id: 'leather-anchor', title: 'Anchor Bracelet Mens', productType: 'Bracelet', tags: ['Anchor', 'Gold', 'Leather', 'Silver'], description: 'Black leather bracelet with gold or silver anchor for men.', variants: [[69.99, goldAvailable, { color: 'Gold' }], [55, silverAvailable, { color: 'Silver' }]] });
const JEWELLERY = [
  anchor(),
  product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', tags: ['Diamond', 'Gem', 'Gold'], description: 'Gold bangle bracelet with studded jewels.', price: 39.99 }),
  product({ id: 'chakra', title: '7 Shakra Bracelet', productType: 'Bracelet', tags: ['Beads'], description: '7 chakra bracelet, in blue or black.', variants: [[42.99, true, { color: 'Blue' }], [42.99, true, { color: 'Black' }]] }),
  product({ id: 'moon', title: 'Moon Charm Bracelet', productType: 'Bracelet', tags: ['Gold', 'Moon'], description: 'Moon 14k gold chain friendship bracelet.', price: 47.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Angel', 'Silver'], description: 'Sterling silver guardian angel earrings with diamond gemstones.', price: 19.99 }),
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Blue', 'Galaxy', 'Silver'], description: 'One set of galaxy earrings, with sterling silver clasps.', price: 37.99 }),
  product({ id: 'choker', title: 'Choker with Triangle', productType: 'Necklace', tags: ['Leather', 'Silver', 'Triangle'], description: 'Black choker with silver triangle pendant.', price: 47.99 }),
  product({ id: 'vegan', title: 'Vegan Leather Cuff', productType: 'Bracelet', tags: ['Vegan'], description: 'A vegan leather cuff.', price: 25 }),
];
const index = CatalogIndex.build(JEWELLERY);
const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));

function ask(text: string, lang: IntentLanguage = 'en') {
  const entities = extractEntities(text, lang, { vocabulary });
  const b = emptyIntent();
  const intent: Intent = { ...b, language: lang, type: 'browsing', scores: { high_purchase_intent: 0, comparison_shopping: 0, browsing: 1, research: 0 }, entities };
  const base = JEWELLERY.map((p, i) => ({ productId: p.id, score: 1 - i / 100, reasons: [{ source: 'popular' as const, score: 1 - i / 100 }] }));
  return personalizeList({ base, intent, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW });
}
const idsOf = (l: ReturnType<typeof ask>) => l.items.map((i) => i.productId).sort();

describe('a material or stone asked for is a constraint, held with the colours', () => {
  it('"a leather bracelet" / "una pulsera de cuero": the leather bracelets only (not vegan leather, not every bracelet)', () => {
    for (const [text, lang] of [['a leather bracelet', 'en'], ['una pulsera de cuero', 'es']] as const) {
      const l = ask(text, lang);
      assert.deepEqual([idsOf(l), l.constraints], [['leather-anchor'], { satisfied: true }], text);
    }
  });

  it('"earrings with diamonds": the earrings whose description sets diamonds, not the bracelet tagged Diamond', () => {
    const l = ask('earrings with diamonds');
    assert.deepEqual([idsOf(l), l.constraints], [['angel'], { satisfied: true }]);
  });

  it('none made of it: the closest products, and an outcome that says what they miss', () => {
    const l = ask('a wooden bracelet');
    assert.equal(l.constraints.satisfied, false);
    assert.deepEqual(l.constraints.relaxed, ['colour']);
    assert.match(l.constraints.reason ?? '', /bracelets, in wood\).*not in wood\./);
    assert.ok(l.items.length > 0 && l.items.every((i) => JEWELLERY.find((p) => p.id === i.productId)?.productType === 'Bracelet'), 'still bracelets');
    const stone = ask('a necklace with pearls');
    assert.match(stone.constraints.reason ?? '', /necklaces, with pearl\).*not with pearl\./);
  });

  it('a colour and a material: both hold, and the outcome names both', () => {
    // No bracelet here is red and leather: both are relaxed together, bracelets stay, the leather one first.
    const both = ask('a red leather bracelet');
    assert.deepEqual([both.constraints.relaxed, both.items[0]?.productId], [['colour'], 'leather-anchor']);
    const e = extractEntities('a blue leather bracelet', 'en', { vocabulary });
    assert.deepEqual(statedConstraints(e, undefined), ['colour', 'category']);
    const c = constraintOutcome({ entities: e, budget: undefined, stated: ['colour', 'category'], relaxed: ['colour'], empty: false });
    assert.match(c.reason ?? '', /\(bracelets, in blue, in leather\).*not in blue or not in leather\./);
  });

  it('near misses hold nothing: a question, a figure of speech, a metal that is a colour (held as a colour, as before)', () => {
    assert.deepEqual(ask('is it real leather?').constraints, { satisfied: true });
    assert.ok(ask('is it real leather?').items.length >= 5, 'no product held to leather');
    assert.deepEqual(idsOf(ask('gold standard bracelet')), ['bangle', 'chakra', 'leather-anchor', 'moon', 'vegan']);
    assert.deepEqual(idsOf(ask('silver earrings')), ['angel', 'galaxy']);
  });

  it('a search query names a material: the search page is held to it too', () => {
    const r = searchConstraints(JEWELLERY, { query: 'leather bracelet', currency: 'USD', vocabulary: vocabularyFromProducts(JEWELLERY) });
    assert.deepEqual([r.products.map((p) => p.id), r.constraints], [['leather-anchor'], { satisfied: true }]);
  });
});

describe('a colour or metal ruled out leaves a product whose colour options escape it', () => {
  it('"not gold": the Gold/Silver anchor bracelet stays, as its Silver variant; a gold-only bracelet goes', () => {
    const e = extractEntities('a bracelet, not gold', 'en', { vocabulary });
    assert.deepEqual(e.rejections, [{ kind: 'material', value: 'gold' }]);
    for (const r of [...e.rejections, { kind: 'colour' as const, value: 'gold' }]) {
      assert.equal(rejectionHit(anchor(), r), undefined, `${r.kind}: the silver variant escapes`);
      assert.equal(rejectionHit(anchor(true, false), r), 'variant', `${r.kind}: only gold is to be had`);
      assert.equal(rejectionHit(JEWELLERY[3]!, r), 'tags', `${r.kind}: the moon bracelet is gold`);
    }
    assert.deepEqual(idsOf(ask('a bracelet, not gold')), ['chakra', 'leather-anchor', 'vegan']);
    // Shown, and held to a budget, as the variant that escapes.
    const wish = { rejections: e.rejections };
    assert.deepEqual(wantedProduct(anchor(), wish).variants.map((v) => v.options.color), ['Silver']);
    const cheapGold = product({ id: 'g', title: 'Anchor Bracelet', productType: 'Bracelet', tags: ['Gold', 'Silver'], variants: [[30, true, { color: 'Gold' }], [80, true, { color: 'Silver' }]] });
    assert.deepEqual(budgetPrice(cheapGold, undefined, wish), usd(80));
    assert.equal(checkProduct(cheapGold, { budget: { max: 50, currency: 'USD' }, wanted: wish }).keep, false, 'the silver one is over 50');
  });

  it('near misses: a rejection the options do not tell apart still drops the product whole', () => {
    assert.equal(rejectionHit(anchor(), { kind: 'material', value: 'leather' }), 'tags', 'Gold/Silver options say nothing of leather');
    assert.equal(rejectionHit(JEWELLERY[1]!, { kind: 'colour', value: 'gold' }), 'tags', 'one variant: nothing escapes');
    assert.deepEqual(wantedProduct(anchor(), { rejections: [{ kind: 'material', value: 'leather' }] }).variants.length, 2, 'nothing picked');
  });
});

describe('regional Spanish materials in product text (materials.ts, materialMatch.ts)', () => {
  const made = (title: string, description = '') => [...materialFields(product({ id: 'p', title, productType: 'Shoes', description, price: 50 })).keys()].sort();
  it('reads a "Jean Jacket" as denim, and a jean alone as nothing', () => {
    assert.deepEqual(made('Trucker Jean Jacket'), ['denim']);
    assert.deepEqual(made('Jeans Shorts'), ['denim']);
    assert.deepEqual(made('Slim Jean'), []);
  });

  it('reads patent leather as leather of a finish, and the synthetic and "ecológico" forms as no leather', () => {
    assert.deepEqual(made('Botines de charol'), ['patent leather']);
    assert.deepEqual(made('Patent Leather Pumps'), ['leather', 'patent leather']);
    assert.deepEqual(made('Faux Patent Leather Pumps'), []);
    assert.deepEqual(made('Botines de charol sintético'), ['synthetic']);
    assert.deepEqual(made('Bolso de cuero ecológico'), ['faux leather']);
    assert.deepEqual(made('Zapatos de cuero vegano'), ['faux leather']);
    assert.deepEqual(made('Chompa de alpaca'), ['alpaca']);
    assert.deepEqual(made('Alpaca Plush Toy'), [], 'the animal, not the wool');
    // Faux suede is one material, neither suede nor leather.
    assert.deepEqual(made('Vegan Suede Loafers'), ['faux suede']);
    assert.deepEqual(made('Microsuede Sofa'), ['faux suede']);
    assert.deepEqual(made('Bolso de gamuza sintética'), ['faux suede', 'synthetic']);
    // So is faux fur: no fur ("a faux fur coat, no real fur" wishes the one and refuses the other).
    assert.deepEqual(made('Faux Fur Collar Coat'), ['faux fur']);
    assert.deepEqual(made('Real Fur Trapper Hat'), ['fur']);
    assert.deepEqual(extractEntities('faux fur coat, no real fur', 'en').materials, ['faux fur']);
  });
  it('rules patent leather out with "sin piel", and not a synthetic one', () => {
    const sinPiel = extractEntities('unos zapatos sin piel', 'es').rejections;
    const shoe = (title: string) => product({ id: title, title, productType: 'Shoes', price: 50 });
    assert.ok(rejectionHit(shoe('Botines de charol'), sinPiel[0]!), 'patent leather is leather');
    assert.equal(rejectionHit(shoe('Faux Patent Leather Pumps'), sinPiel[0]!), undefined);
  });
});
