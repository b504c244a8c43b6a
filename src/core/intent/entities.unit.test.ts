import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractColours } from './colours.ts';
import { extractEntities, extractEntitiesTwice } from './entities.ts';
import { extractGift } from './gift.ts';
import { MATERIALS, materialFamily } from './materials.ts';
import { extractSizes } from './sizes.ts';
import type { IntentLanguage, Rejection } from './types.ts';

const SHOP = compileVocabulary({
  categories: [
    'Apparel & Accessories > Shoes > Running Shoes',
    'Apparel & Accessories > Shoes > Boots',
    'Apparel & Accessories > Clothing > Dresses',
    'Apparel & Accessories > Jewelry > Necklaces',
    'Apparel & Accessories > Clothing > Outerwear > Jackets',
    'Apparel & Accessories > Clothing > Shirts & Tops',
    'T-Shirts',
    'Home & Garden > Bedding > Mattresses',
  ],
  vendors: ['Nike', 'Adidas', 'Dr. Martens', 'New Balance', 'Coach', 'Acme Outdoor'],
  tags: ['vegan', 'merino'],
});

function entities(text: string, lang: IntentLanguage, withShop = true) {
  return extractEntities(text, lang, withShop ? { vocabulary: SHOP } : {});
}

describe('colours', () => {
  const cases: [string, IntentLanguage, string[]][] = [
    ['red running shoes', 'en', ['red']],
    ['zapatillas rojas', 'es', ['red']],
    ['vestido rojo', 'es', ['red']],
    ['botas negras y blancas', 'es', ['black', 'white']],
    ['una chaqueta azul marino', 'es', ['navy']],
    ['a navy blue blazer', 'en', ['navy']],
    ['camisa azul claro', 'es', ['light blue']],
    ['light grey hoodie', 'en', ['grey']],
    ['sudadera gris', 'es', ['grey']],
    ['pantalones verde oliva', 'es', ['olive']],
    ['collar dorado', 'es', ['gold']],
    ['rose gold watch', 'en', ['rose gold']],
    ['bolso color vino', 'es', ['burgundy']],
    ['es tan bonito', 'es', []],
    ['una red de pesca', 'es', []],
    ['orange juice maker', 'en', []],
    ['amarillas o moradas', 'es', ['yellow', 'purple']],
  ];
  for (const [text, lang, want] of cases) it(`${text} → ${want.join(', ') || 'none'}`, () => assert.deepEqual(extractColours(text, lang), want));
});

describe('sizes', () => {
  const cases: [string, string[]][] = [
    ['size 10', ['10']],
    ['size 10.5 running shoes', ['10.5']],
    ['talla 42', ['42']],
    ['talla M', ['M']],
    ['talla m por favor', ['M']],
    ['do you have it in XL?', ['XL']],
    ['S or M', ['S', 'M']],
    ['in a medium please', ['M']],
    ['talla mediana', ['M']],
    ['EU 42', ['42']],
    ['42 EU', ['42']],
    ['what sizes do you have?', []],
    ["I'm looking for shoes", []],
    ['M. Smith ordered', []],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ') || 'none'}`, () => assert.deepEqual(extractSizes(text), want));
});

describe('categories against the shop taxonomy', () => {
  const cases: [string, IntentLanguage, string[]][] = [
    ['running shoes', 'en', ['Apparel & Accessories > Shoes > Running Shoes']],
    ['zapatillas rojas', 'es', ['Apparel & Accessories > Shoes > Running Shoes']],
    ['sneakers', 'en', ['Apparel & Accessories > Shoes > Running Shoes']],
    ['un vestido', 'es', ['Apparel & Accessories > Clothing > Dresses']],
    ['dresses', 'en', ['Apparel & Accessories > Clothing > Dresses']],
    ['un collar para mi madre', 'es', ['Apparel & Accessories > Jewelry > Necklaces']],
    ['botas de agua', 'es', ['Apparel & Accessories > Shoes > Boots']],
    ['chaqueta impermeable', 'es', ['Apparel & Accessories > Clothing > Outerwear > Jackets']],
    ['camisetas blancas', 'es', ['T-Shirts']],
    ['a colchón', 'es', ['Home & Garden > Bedding > Mattresses']],
    ['camisas', 'es', ['Apparel & Accessories > Clothing > Shirts & Tops']],
    ['vegan stuff', 'en', ['vegan']],
    // A category the shop does not carry is kept (canonical English), so the answer can say the shop has none.
    ['a lamp', 'en', ['lamp']],
  ];
  for (const [text, lang, want] of cases) it(`${text}`, () => assert.deepEqual(entities(text, lang).categories, want));

  it('a second kind is the head on its own side: after the shop\'s word in English, before it in Spanish', () => {
    // The Shopify demo "home and garden" export: product types Indoor / Outdoor, kinds in tags and titles.
    const home = compileVocabulary({ categories: ['Indoor', 'Outdoor'], vendors: [], tags: ['Garden', 'Wood', 'Sofa', 'Chair'] });
    const cats = (text: string, lang: IntentLanguage) => extractEntities(text, lang, { vocabulary: home }).categories;
    // An English compound's first noun says what its head is for (compounds.ts): a purpose, as in Spanish.
    assert.deepEqual(cats('a garden table', 'en'), ['table'], 'a table, for the garden');
    assert.deepEqual(extractEntities('a garden table', 'en', { vocabulary: home }).purposes, ['Outdoor']);
    assert.deepEqual(cats('una mesa para el jardín', 'es'), ['mesa'], 'the garden is what it is for (purposes, below)');
    assert.deepEqual(cats('algo para el jardín', 'es'), ['Outdoor'], 'jardín is the garden');
    // The modifier side still modifies.
    assert.deepEqual(entities('waterproof jacket', 'en').categories, ['Apparel & Accessories > Clothing > Outerwear > Jackets']);
    assert.deepEqual(entities('chaqueta impermeable', 'es').categories, ['Apparel & Accessories > Clothing > Outerwear > Jackets']);
  });

  it('a kind refused is not sought under a longer name, and plants are not their pots', () => {
    // The Shopify demo "home and garden" export: "garden" reaches every garden kind, the pots among them.
    const home = compileVocabulary({ categories: ['Indoor', 'Outdoor'], vendors: [], tags: ['Garden', 'Plants', 'Plant Pot', 'Pot', 'Fence'] });
    const e = (text: string, lang: IntentLanguage) => extractEntities(text, lang, { vocabulary: home });
    assert.ok(e('something for the garden', 'en').categories.includes('Plant Pot'));
    const notPots = e('something for the garden, not pots', 'en');
    assert.ok(notPots.rejections.some((r) => r.kind === 'category'));
    assert.ok(!notPots.categories.includes('Plant Pot') && notPots.categories.includes('Plants'), JSON.stringify(notPots.categories));
    // "sin macetas" refuses the pots, not the plants.
    const sinMacetas = entities('quiero plantas, sin macetas', 'es');
    assert.deepEqual(sinMacetas.rejections.map((r) => r.kind), ['category']);
    assert.deepEqual(sinMacetas.categories, ['plantas']);
    assert.equal(sinMacetas.rejections[0]?.value, 'macetas', 'refused in the shopper\'s word (hardFilters.unit.test.ts: the pots go, the plants stay)');
  });

  it('a kind introduced by "for" / "para" (or "de" right after a kind) after one asked for is a purpose, not what is sought', () => {
    const home = compileVocabulary({ categories: ['Indoor', 'Outdoor'], vendors: [], tags: ['Garden', 'Pillows', 'Sofa', 'Bedroom'] });
    const kinds = (text: string, lang: IntentLanguage) => {
      const e = extractEntities(text, lang, { vocabulary: home });
      return [e.categories, e.purposes ?? []];
    };
    assert.deepEqual(kinds('I need a wooden table for the garden', 'en'), [['table'], ['Outdoor']]);
    assert.deepEqual(kinds('cojines para el sofá', 'es'), [['Pillows'], ['Sofa']]);
    assert.deepEqual(kinds('mesa de jardín', 'es'), [['mesa'], ['Outdoor']]);
    assert.deepEqual(kinds('a lamp for my new bedroom', 'en'), [['lamp'], ['Bedroom']]);
    // The first kind named is sought, whatever introduces it; a list of kinds is a list.
    assert.deepEqual(kinds('something for the bedroom', 'en'), [['Bedroom'], []]);
    assert.deepEqual(kinds('looking for a sofa', 'en'), [['Sofa'], []]);
    assert.deepEqual(kinds('pillows and a sofa', 'en'), [['Pillows', 'Sofa'], []]);
  });

  it('a kind sought after a verb is sought, even with a kind named earlier; "or" extends a purpose', () => {
    const home = compileVocabulary({ categories: ['Indoor'], vendors: [], tags: ['Bed', 'Lamp', 'Pillows', 'Sofa', 'Armchair'] });
    const kinds = (text: string, lang: IntentLanguage) => {
      const e = extractEntities(text, lang, { vocabulary: home });
      return [e.categories, e.purposes ?? []];
    };
    // The shopper's own bed is what the lamp goes with, not a second kind sought.
    assert.deepEqual(kinds('my bed is oak, searching for a lamp', 'en'), [['Lamp'], ['Bed']]);
    assert.deepEqual(kinds("we got the bed last week, now searching for pillows", 'en'), [['Pillows'], ['Bed']], 'what they have: below');
    assert.deepEqual(kinds('pillows for the sofa or armchair', 'en'), [['Pillows'], ['Sofa', 'Armchair']]);
    assert.deepEqual(kinds('cojines para el sofá o el sillón', 'es'), [['Pillows'], ['Sofa', 'Armchair']]);
    assert.deepEqual(kinds('pillows for the sofa and a lamp', 'en'), [['Pillows', 'Lamp'], ['Sofa']]);
  });

  it('seating said by what it is for ("a comfy place to sit", "algo donde sentarme") asks for its kinds; where the shop has none, it is quoted as "seating"', () => {
    const home = compileVocabulary({ categories: ['Indoor'], vendors: [], tags: ['Sofa', 'Chair', 'Couch', 'Pillows'] });
    for (const [text, lang] of [['I just moved into a tiny flat, need a comfy place to sit', 'en'], ['something to sit on', 'en'], ['algo donde sentarme', 'es']] as const) {
      assert.deepEqual(extractEntities(text, lang, { vocabulary: home }).categories, ['Sofa', 'Couch', 'Chair'], text);
    }
    assert.deepEqual(extractEntities('somewhere to sit', 'en').categories, ['seating']);
    const apparel = compileVocabulary({ categories: ['Tops', 'Jackets'], vendors: [], tags: [] });
    assert.deepEqual(extractEntities('somewhere to sit', 'en', { vocabulary: apparel }).categories, ['seating']);
    assert.deepEqual(extractEntities('a sofa to sit on', 'en', { vocabulary: home }).categories, ['Sofa', 'Couch']);
  });

  it('a watering can or storage said by what it is for ("algo para regar las plantas", "a place to put my books"): what it is used on is a purpose', () => {
    for (const [text, lang] of [['algo para regar las plantas', 'es'], ['something to water my plants with', 'en']] as const) {
      const e = extractEntities(text, lang);
      assert.deepEqual([e.categories, e.purposes], [['watering cans'], ['plants']], text);
    }
    // Near misses: the verb alone, and "water" naming a kind's sort.
    assert.ok(!extractEntities('tengo que regar las plantas', 'es').categories.includes('watering cans'));
    // Storage alike: what it keeps is a purpose.
    for (const [text, lang, kept] of [['something to store my clothes in', 'en', 'clothing'], ['algo para guardar la ropa', 'es', 'clothing'], ['a place to put my books', 'en', 'books']] as const) {
      const e = extractEntities(text, lang);
      assert.deepEqual([e.categories, e.purposes], [['storage'], [kept]], text);
    }
    assert.deepEqual(extractEntities('I want to put my jacket on', 'en').categories, ['jackets'], 'a verb of no kind said by its use');
    assert.deepEqual(extractEntities('water shoes for the beach', 'en').categories, ['shoes']);
    // Lighting, by the room to be lit; not a day to be brightened.
    for (const [text, lang] of [['something to brighten up a dark room', 'en'], ['algo para iluminar el pasillo', 'es'], ['something to light up the patio', 'en']] as const) {
      assert.deepEqual(extractEntities(text, lang).categories, ['lighting'], text);
    }
    assert.deepEqual(extractEntities('a gift to brighten her day', 'en').categories, []);
    // Jewellery by where it is worn, a bag by what it carries, candles by the smell, wall art, socks by the feet.
    for (const [text, lang, want] of [
      ['something to wear around my neck', 'en', 'necklaces'],
      ['algo para las orejas', 'es', 'earrings'],
      ['something for my wrist, nothing fancy', 'en', 'bracelets'],
      ['algo para llevar mis cosas al trabajo', 'es', 'bags'],
      ['algo para que huela bien la casa', 'es', 'candles'],
      ['algo para colgar en la pared', 'es', 'wall art'],
      ['something to keep my feet warm', 'en', 'socks'],
    ] as const) {
      assert.deepEqual(extractEntities(text, lang).categories, [want], text);
    }
    // Where it is used is no kind named beside it ("en el balcón"), after "in" / "en" as after a determiner ("en la cama").
    assert.ok(extractEntities('algo para regar las plantas en el balcón', 'es').categories.includes('watering cans'));
    assert.deepEqual(extractEntities('algo para leer de noche en la cama', 'es').categories, ['lighting']);
    // Near misses: the same words of other things ("llevar" is to wear too; a cream for the neck or the feet).
    for (const [text, lang, not] of [
      ['algo para llevar a una fiesta', 'es', 'bags'],
      ['a cream for my neck', 'en', 'necklaces'],
      ['crema para el cuello', 'es', 'necklaces'],
      ['crema para los pies', 'es', 'socks'],
      ['algo para colgar la ropa', 'es', 'wall art'],
      ['a bike seat', 'en', 'seating'],
    ] as const) {
      assert.ok(!extractEntities(text, lang).categories.includes(not), text);
    }
    // A kind named beside it is what is asked ("a garden hose for watering": the hose, not watering cans).
    for (const [text, want] of [['a garden hose for watering', 'garden hoses'], ['a lamp to brighten up the room', 'lamps'], ['a scarf for my neck', 'scarves'], ['a chair, somewhere to sit', 'chairs']] as const) {
      assert.deepEqual(extractEntities(text, 'en').categories, [want], text);
    }
  });

  it('what the shopper has is a purpose, and its colour is not the colour asked for', () => {
    const home = compileVocabulary({ categories: ['Indoor'], vendors: [], tags: ['Bed', 'Rug', 'Pillows', 'Sofa'] });
    const read = (text: string, lang: IntentLanguage) => {
      const e = extractEntities(text, lang, { vocabulary: home });
      return [e.categories, e.purposes ?? [], e.colours];
    };
    assert.deepEqual(read("I have a grey sofa and I'm looking for pillows", 'en'), [['Pillows'], ['Sofa'], []]);
    assert.deepEqual(read('tengo un sofá gris y busco cojines', 'es'), [['Pillows'], ['Sofa'], []]);
    assert.deepEqual(read('red pillows for my grey sofa', 'en'), [['Pillows'], ['Sofa'], ['red']]);
    assert.deepEqual(read('cojines rojos para mi sofá gris', 'es'), [['Pillows'], ['Sofa'], ['red']]);
    assert.deepEqual(read('I bought a bed, now I need a rug', 'en'), [['Rug'], ['Bed'], []]);
    // Asking whether the shop has it is asking for it.
    assert.deepEqual(read('do you have grey sofas?', 'en'), [['Sofa'], [], ['grey']]);
    assert.deepEqual(read('have you got grey sofas?', 'en'), [['Sofa'], [], ['grey']]);
    assert.deepEqual(read('¿tienes sofás grises?', 'es'), [['Sofa'], [], ['grey']]);
    // Only the shopper's own having: English needs "I"/"we", Spanish its first-person forms.
    assert.deepEqual(read('do you guys have grey sofas?', 'en'), [['Sofa'], [], ['grey']]);
    assert.deepEqual(read('does your store have grey sofas', 'en'), [['Sofa'], [], ['grey']]);
    assert.deepEqual(read('I already have a grey sofa, need pillows', 'en'), [['Pillows'], ['Sofa'], []]);
    assert.deepEqual(read('ya tengo un sofá gris, busco cojines', 'es'), [['Pillows'], ['Sofa'], []]);
    assert.deepEqual(read('compré un sofá gris, ahora busco cojines', 'es'), [['Pillows'], ['Sofa'], []]);
    assert.deepEqual(read('quiero que me compre un sofá gris', 'es'), [['Sofa'], [], ['grey']]);
    assert.deepEqual(read('tengo que comprar un sofá', 'es'), [['Sofa'], [], []]);
    // A colour after a comma is the shopper's next request, not the purpose's.
    assert.deepEqual(read('I have a sofa, red pillows please', 'en'), [['Pillows'], ['Sofa'], ['red']]);
    assert.deepEqual(read('cojines para el sofá, rojos por favor', 'es'), [['Pillows'], ['Sofa'], ['red']]);
  });

  it('"para mujer" / "para niños" say who the products are made for, not who receives a gift', () => {
    const e = entities('zapatillas para mujer', 'es');
    assert.deepEqual([e.audience, e.recipient, e.isGift], ['women', undefined, false]);
    const k = entities('juguetes para niños', 'es');
    assert.deepEqual([k.audience, k.recipient, k.isGift], ['kids', undefined, false]);
    assert.deepEqual([entities('un regalo para mi mujer', 'es').recipient, entities('un regalo para mi mujer', 'es').audience], ['wife', undefined]);
  });

  it('does not ground a category the shop lacks in a sibling that shares its head word', () => {
    const dressShoes = compileVocabulary({ categories: ['Shoes > Dress Shoes', 'Apparel > Outerwear > Jackets', 'Apparel > Formal Wear > Tuxedos'], vendors: [] });
    const cats = (text: string, lang: IntentLanguage) => extractEntities(text, lang, { vocabulary: dressShoes }).categories;
    assert.deepEqual(cats('running shoes', 'en'), ['running shoes'], 'not "Dress Shoes"');
    assert.deepEqual(cats('dress shoes', 'en'), ['Shoes > Dress Shoes']);
    assert.deepEqual(cats('chaqueta impermeable', 'es'), ['Apparel > Outerwear > Jackets'], 'the broader category itself stands');
    const noShoes = compileVocabulary({ categories: ['Apparel > Formal Wear > Tuxedos'], vendors: [] });
    assert.deepEqual(extractEntities('running shoes', 'en', { vocabulary: noShoes }).categories, ['running shoes'], 'kept although the shop has no shoes');
  });

  it('reads regional Spanish names of jewellery (Uruguay, Mexico, Colombia, Spain)', () => {
    const cats = (text: string) => entities(text, 'es', false).categories;
    assert.deepEqual(cats('unas caravanas de plata'), ['earrings']);
    assert.deepEqual(cats('busco unas argollas doradas'), ['earrings']);
    assert.deepEqual(cats('manillas para mi novia'), ['bracelets']);
    assert.deepEqual(cats('una esclava de oro'), ['bracelets']);
    assert.deepEqual(cats('una gargantilla negra'), ['necklaces']);
    assert.deepEqual(cats('un vestido de topos'), ['dresses'], 'polka dots, not earrings');
  });

  it('reads regional Spanish names of clothes and bags (Spain, Peru, Colombia, Venezuela, Mexico)', () => {
    for (const [text, kind] of [
      ['unas bambas blancas talla 42', 'sneakers'],
      ['una casaca impermeable', 'jackets'],
      ['un camibuso azul', 'polo shirts'],
      ['unas cotizas para la playa', 'sandals'],
      ['un morral para el colegio', 'backpacks'],
      ['una riñonera negra', 'bags'],
      ['un anorak', 'coats'],
    ] as const) {
      assert.deepEqual(entities(text, 'es', false).categories, [kind], text);
    }
  });

  it('without a taxonomy, returns canonical English terms from the synonym table', () => {
    assert.deepEqual(entities('zapatillas y un vestido', 'es', false).categories, ['sneakers', 'dresses']);
    assert.deepEqual(entities('botines negros', 'es', false).categories, ['boots']);
    assert.deepEqual(entities('a lamp', 'en', false).categories, ['lamps']);
  });
});

describe('brands against the vendor list', () => {
  it('matches single and multi-word vendors, case and punctuation insensitive', () => {
    assert.deepEqual(entities('I want Nike running shoes', 'en').brands, ['Nike']);
    assert.deepEqual(entities('new balance 574', 'en').brands, ['New Balance']);
    assert.deepEqual(entities('botas dr martens', 'es').brands, ['Dr. Martens']);
    assert.deepEqual(entities('Adidas o Nike', 'es').brands, ['Adidas', 'Nike']);
    assert.deepEqual(entities('acme outdoor tent', 'en').brands, ['Acme Outdoor']);
  });
  it('needs capitals for vendors that are everyday words', () => {
    assert.deepEqual(entities('a Coach bag', 'en').brands, ['Coach']);
    assert.deepEqual(entities('I need a running coach', 'en').brands, []);
  });
  it('finds nothing without a vendor list', () => {
    assert.deepEqual(entities('Nike shoes', 'en', false).brands, []);
  });
});

describe('rejections', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['no leather', 'en', [{ kind: 'material', value: 'leather' }]],
    ['not Nike', 'en', [{ kind: 'brand', value: 'Nike' }]],
    ['running shoes, but not Adidas', 'en', [{ kind: 'brand', value: 'Adidas' }]],
    ['nothing in leather', 'en', [{ kind: 'material', value: 'leather' }]],
    ['cookies without sugar', 'en', [{ kind: 'term', value: 'sugar' }]],
    ['anything but red', 'en', [{ kind: 'colour', value: 'red' }]],
    ['no polyester or nylon', 'en', [{ kind: 'material', value: 'polyester' }, { kind: 'material', value: 'nylon' }]],
    ["I don't want boots", 'en', [{ kind: 'category', value: 'Apparel & Accessories > Shoes > Boots' }]],
    ['gluten-free snacks', 'en', [{ kind: 'term', value: 'gluten' }]],
    ['sin cuero', 'es', [{ kind: 'material', value: 'leather' }]],
    ['que no sea de Nike', 'es', [{ kind: 'brand', value: 'Nike' }]],
    ['zapatillas que no sean de nike', 'es', [{ kind: 'brand', value: 'Nike' }]],
    ['nada de cuero', 'es', [{ kind: 'material', value: 'leather' }]],
    ['excepto rojo', 'es', [{ kind: 'colour', value: 'red' }]],
    ['cualquier color menos el rojo', 'es', [{ kind: 'colour', value: 'red' }]],
    ['que no sea de poliéster ni nylon', 'es', [{ kind: 'material', value: 'polyester' }, { kind: 'material', value: 'nylon' }]],
    ['soy alérgica al níquel', 'es', [{ kind: 'material', value: 'nickel' }]],
    ['no me gustan los vestidos', 'es', [{ kind: 'category', value: 'Apparel & Accessories > Clothing > Dresses' }]],
  ];
  for (const [text, lang, want] of cases) it(text, () => assert.deepEqual(entities(text, lang).rejections, want));

  it('a narrower kind refused of the kind asked for rules out its word, not the kind ("earrings but not hoops")', () => {
    for (const [text, lang, categories, term] of [
      ['earrings but not hoops', 'en', ['earrings'], 'hoop'],
      ['a necklace without a pendant', 'en', ['necklaces'], 'pendant'],
      ['aretes que no sean argollas', 'es', ['earrings'], 'argolla'],
    ] as const) {
      const e = extractEntities(text, lang);
      assert.deepEqual({ c: e.categories, r: e.rejections }, { c: categories, r: [{ kind: 'term', value: term }] }, text);
    }
    // Another kind, or the same word, is still the kind ruled out.
    assert.deepEqual(extractEntities('shoes, not sneakers', 'en').rejections, [{ kind: 'category', value: 'sneakers' }]);
  });

  it('a room or place beside a kind that is no place is where the kind is for, not more kinds ("outdoor string lights", "¿y para el salón? unos cojines")', () => {
    for (const [t, lang, categories, place] of [
      ['can the outdoor string lights stay up all winter?', 'en', ['lamps'], 'outdoor'],
      ['¿y para el salón? unos cojines para el sofá', 'es', ['pillows'], 'indoor'],
      ['unos cojines para el salón', 'es', ['pillows'], 'indoor'],
    ] as const) {
      const e = extractEntities(t, lang);
      assert.deepEqual([e.categories, e.place], [categories, place], t);
    }
    // Asked for apart, in a sentence of its own with a thing of its own, the place's kinds are asked too.
    assert.deepEqual(extractEntities('Jewellery maybe? Something for the garden?', 'en').categories, ['jewelry', 'garden']);
  });

  it('activewear said by what it is for: "something to work out in", "algo para ir al gym", "para salir a correr"', () => {
    for (const [t, lang] of [['something to work out in', 'en'], ['algo para ir al gym', 'es'], ['necesito algo para el gym, soy mujer', 'es'], ['algo para salir a correr', 'es']] as const) {
      assert.deepEqual(extractEntities(t, lang).categories, ['activewear'], t);
    }
    assert.deepEqual(extractEntities('una botella para el gym', 'es').categories, [], 'a thing for the gym is no activewear');
  });

  it('"verdes" after an amount is the money, not a colour ("hasta 45 verdes"); after a count or a kind it is green', () => {
    assert.deepEqual(extractEntities('una campera que no pase de 45 verdes', 'es').colours, []);
    assert.deepEqual(extractEntities('dame 2 verdes', 'es').colours, ['green']);
    assert.deepEqual(extractEntities('quiero 2 remeras verdes', 'es').colours, ['green']);
  });

  it('a narrower kind refused on its own rules out its word too, not the kind it is read as ("no chokers" after "necklaces")', () => {
    for (const [text, lang, term] of [
      ['no chokers', 'en', 'choker'],
      ['not hoops please', 'en', 'hoop'],
      ['nada de gargantillas', 'es', 'gargantilla'],
      ['no quiero argollas', 'es', 'argolla'],
    ] as const) {
      assert.deepEqual(extractEntities(text, lang).rejections, [{ kind: 'term', value: term }], text);
    }
    // The kind's own names still refuse the kind.
    assert.deepEqual(extractEntities('no necklaces', 'en').rejections, [{ kind: 'category', value: 'necklaces' }]);
    assert.deepEqual(extractEntities('sin collares', 'es').rejections, [{ kind: 'category', value: 'necklaces' }]);
  });

  it('"short" alone is a length in English, neither the shorts asked for nor ruled out', () => {
    for (const text of ['a short dress', 'a black dress for a wedding, nothing too short', 'a dress, not too short']) {
      const e = extractEntities(text, 'en');
      assert.deepEqual({ c: e.categories, p: e.purposes ?? [], r: e.rejections }, { c: ['dresses'], p: [], r: [] }, text);
    }
    assert.deepEqual(extractEntities('very short shorts', 'en').categories, ['shorts']);
    // Said as a noun, with nothing after it to describe, it is the shorts: "a short for running".
    for (const text of ['a short for running', 'I want a short.', 'a black short with pockets', 'a green short with pockets', 'a short, size M', 'I need a short and a tank top']) {
      assert.ok(extractEntities(text, 'en').categories.includes('shorts'), text);
    }
    for (const text of ['the short one', 'a short walk from the beach', 'a short sleeve shirt', 'keep it short']) {
      assert.ok(!extractEntities(text, 'en').categories.includes('shorts'), text);
    }
    // So is Spanish "acolchado" right after a kind (padded); alone it is a quilt (Río de la Plata).
    for (const [text, lang, categories] of [
      ['quiero un chaleco acolchado azul marino talla M', 'es', ['vests']],
      ['un abrigo acolchado negro', 'es', ['outerwear']],
      ['un acolchado para la cama', 'es', ['bedding']],
      ['a quilted vest', 'en', ['vests']],
      // The cut of a leg: "jeans bota recta", "pantalón bota ancha"; boots themselves still are.
      ['unos jeans bota recta para mi señora, talla 10', 'es', ['jeans']],
      ['un pantalón bota ancha', 'es', ['pants']],
      ['jeans y botas', 'es', ['jeans', 'boots']],
      // "Deportiva" after a kind is what it is for; alone, sneakers (Spain).
      ['una playera deportiva', 'es', ['t-shirts']],
      ['unas deportivas blancas', 'es', ['sneakers']],
      // Colombia's "guayos" (football boots), Chile's "polerón" and "polera con capucha" (hoodies).
      ['parce, ¿tienen guayos talla 40?', 'es', ['sneakers']],
      ['un polerón gris talla M', 'es', ['hoodies']],
      ['una polera con capucha', 'es', ['hoodies']],
      ["need pj's for my son, age 10", 'en', ['pajamas']],
      // Venezuela's "franela" is a T-shirt; "de franela" is the fabric.
      ['busco una franela negra para mi hijo', 'es', ['t-shirts']],
      ['una camisa de franela', 'es', ['shirts']],
    ] as const) assert.deepEqual(extractEntities(text, lang).categories, categories, text);
    assert.deepEqual(extractEntities('no shorts', 'en').rejections, [{ kind: 'category', value: 'shorts' }]);
    assert.deepEqual(extractEntities('una camisa de franela', 'es').materials, ['flannel']);
    assert.deepEqual(extractEntities('una camisa que no sea de franela', 'es').rejections, [{ kind: 'material', value: 'flannel' }]);
    // A degree before a kind word makes it a quality: "not too light" is a weight, not lamps.
    for (const [text, lang] of [['a denim jacket but not too light', 'en'], ['nothing too light', 'en'], ['una lámpara, nada muy larga', 'es']] as const) {
      assert.deepEqual(extractEntities(text, lang).rejections, [], text);
    }
    assert.deepEqual(extractEntities('a jacket, no lamps', 'en').rejections, [{ kind: 'category', value: 'lamps' }]);
  });

  it('brands by capitalisation when the vendor list does not know them', () => {
    assert.deepEqual(entities('sneakers, not Reebok', 'en').rejections, [{ kind: 'brand', value: 'Reebok' }]);
    assert.deepEqual(entities('un bolso sin piel', 'es').rejections, [{ kind: 'material', value: 'leather' }], '"piel" is leather in a request');
    assert.deepEqual(entities('a pillow, no foam please', 'en').rejections, [{ kind: 'material', value: 'memory foam' }]);
  });

  for (const text of ['no rush, just looking', 'not sure which one', 'sin embargo me gustan', 'no quiero gastar más de 100', 'menos de 50 euros', 'no more than $40', 'sin prisa', 'no thanks', 'not ready to buy']) {
    it(`no rejection in "${text}"`, () => assert.deepEqual(entities(text, /[áéíóñ]|sin|quiero|menos/.test(text) ? 'es' : 'en').rejections, []));
  }

  it('keeps rejected values out of the positive entities', () => {
    const e = entities('red or blue dress, anything but black, not Nike', 'en');
    assert.deepEqual(e.colours, ['red', 'blue']);
    assert.deepEqual(e.brands, []);
    assert.deepEqual(e.rejections, [{ kind: 'colour', value: 'black' }, { kind: 'brand', value: 'Nike' }]);
    const es = entities('botas sin cuero, que no sean negras', 'es');
    assert.deepEqual(es.colours, []);
    assert.deepEqual(es.categories, ['Apparel & Accessories > Shoes > Boots']);
  });
});

describe('gift, recipient and occasion', () => {
  const cases: [string, ReturnType<typeof extractGift>][] = [
    ['gift for my mother', { recipient: 'mother', isGift: true }],
    ['something for my boyfriend', { recipient: 'boyfriend', isGift: true }],
    ['birthday present', { occasion: 'birthday', isGift: true }],
    ['regalo de cumpleaños para mi madre', { recipient: 'mother', occasion: 'birthday', isGift: true }],
    ['algo para mi hijo', { recipient: 'son', isGift: true }],
    ['anniversary gift for my wife', { recipient: 'wife', occasion: 'anniversary', isGift: true }],
    ['un regalo de aniversario', { occasion: 'anniversary', isGift: true }],
    ['christmas presents for the kids', { recipient: 'child', occasion: 'christmas', isGift: true }],
    ['regalos de navidad para mi papá', { recipient: 'father', occasion: 'christmas', isGift: true }],
    ["my wife's birthday is on friday", { recipient: 'wife', occasion: 'birthday', isGift: true }],
    ['el cumple de mi novio', { recipient: 'boyfriend', occasion: 'birthday', isGift: true }],
    ['a dress for a wedding', { occasion: 'wedding', isGift: false }],
    ['un vestido para una boda', { occasion: 'wedding', isGift: false }],
    ["a suit for my brother's wedding", { occasion: 'wedding', isGift: false }],
    ['running shoes for me', { recipient: 'self', isGift: false }],
    ['algo para mí', { recipient: 'self', isGift: false }],
    ['at present we only need one', { isGift: false }],
    ['busco zapatillas para correr', { isGift: false }],
    ['regálale a mi abuela', { recipient: 'grandmother', isGift: true }],
    // Its name names the person, as "for mother's day" does through its possessive.
    ['día de la madre', { recipient: 'mother', occasion: 'mothers_day', isGift: true }],
    // A girl's fifteenth ("los quince", "sus XV", "la fiesta de 15") is the quinceañera, not a number of things.
    ['un collar para los quince de mi sobrina', { occasion: 'quinceanera', isGift: false }],
    ['un vestido para la fiesta de 15 de mi prima', { occasion: 'quinceanera', isGift: false }],
    // A recipient after an article, as after a possessive ("for a friend").
    ['un regalo para una amiga', { recipient: 'friend', recipientSex: 'female', isGift: true }],
    ['algo para un compañero de trabajo', { recipient: 'colleague', isGift: true }],
    // An age said before the person, as "little" or "older" is ("my teenage son", "her eldest daughter").
    ['something for my teenage son', { recipient: 'son', isGift: true }],
    ['a watch for my eldest daughter', { recipient: 'daughter', isGift: true }],
    ['zapatos para un niño', { isGift: false }],
    // Mexico: "mi morra" is my girlfriend; "una morra" any girl.
    ['unos aretes de plata pa mi morra', { recipient: 'girlfriend', isGift: true }],
    ['ropa para una morra de 15', { isGift: false }],
    ["something for my nan who's always knitting", { recipient: 'grandmother', isGift: true }],
    // Colombia: "mi pelado" is my boyfriend; "pelado" alone is bald or broke.
    ['busco una chaqueta para mi pelado', { recipient: 'boyfriend', isGift: true }],
    ['me quedé pelado este mes', { isGift: false }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(extractGift(text), want));
});

describe('extractEntities', () => {
  it('combines every entity of a mixed request', () => {
    const e = extractEntities('regalo de cumpleaños para mi madre: un collar dorado de menos de 80 €, que no sea de plata', 'es', {
      vocabulary: SHOP,
    });
    assert.deepEqual(e, {
      budget: { max: 80, currency: 'EUR', text: 'menos de 80 €' },
      categories: ['Apparel & Accessories > Jewelry > Necklaces'],
      brands: [],
      colours: ['gold'],
      sizes: [],
      rejections: [{ kind: 'material', value: 'silver' }],
      recipient: 'mother',
      occasion: 'birthday',
      isGift: true,
    });
  });

  it('uses the currency hint', () => {
    assert.equal(extractEntities('tenis por menos de $900', 'es', { currencyHint: 'MX' }).budget?.currency, 'MXN');
  });

  it('returns empty entities for text with none', () => {
    assert.deepEqual(extractEntities('hola', 'es'), { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false });
  });
});

describe('Spanish colours, metals and materials (issue 14)', () => {
  const cases: [string, IntentLanguage, string[]][] = [
    ['collar de plata', 'es', ['silver']],
    ['anillo de oro', 'es', ['gold']],
    ['aretes en oro rosa', 'es', ['rose gold']],
    // "color oro" is a form of gold: the longer "color oro rosa" is one colour, not gold and pink.
    ['reloj color oro rosa', 'es', ['rose gold']],
    ['una pulsera color oro rosado', 'es', ['rose gold']],
    ['pendientes dorados', 'es', ['gold']],
    ['pulseras plateadas', 'es', ['silver']],
    ['un reloj color plata', 'es', ['silver']],
    ['collar bañado en oro', 'es', ['gold']],
    ['anillo de plata de ley', 'es', ['silver']],
    ['lámpara de bronce', 'es', ['bronze']],
    ['olla de cobre', 'es', ['copper']],
    ['botas pardas', 'es', ['brown']],
    ['jeans índigo', 'es', ['navy']],
    ['no tengo mucha plata', 'es', []],
    ['vale oro lo que pesa', 'es', []],
    ['sterling silver ring', 'en', ['silver']],
    ['a gold-plated chain', 'en', ['gold']],
  ];
  for (const [text, lang, want] of cases) it(`${text} → ${want.join(', ') || 'no colour'}`, () => assert.deepEqual(extractColours(text, lang), want));

  it('reads “collar de plata” as a silver necklace, not a category “silver”', () => {
    const withSilverTag = compileVocabulary({ categories: ['Jewelry > Necklaces'], vendors: [], tags: ['silver', 'plata'] });
    for (const [text, lang] of [['collar de plata', 'es'], ['silver necklace', 'en']] as const) {
      const e = extractEntities(text, lang, { vocabulary: withSilverTag });
      assert.deepEqual(e.colours, ['silver'], text);
      assert.deepEqual(e.categories, ['Jewelry > Necklaces'], text);
    }
  });

  it('rejects leather in every form, and knows suede and nubuck', () => {
    const rej = (text: string, lang: IntentLanguage): Rejection[] => [...entities(text, lang, false).rejections];
    assert.deepEqual(rej('sin piel', 'es'), [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual(rej('que no sea de cuero', 'es'), [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual(rej('nada de ante', 'es'), [{ kind: 'material', value: 'suede' }]);
    assert.deepEqual(rej('sin gamuza', 'es'), [{ kind: 'material', value: 'suede' }]);
    assert.deepEqual(rej('no nubuck please', 'en'), [{ kind: 'material', value: 'nubuck' }]);
  });

  it('reads a bare “plata”/“oro” right after a piece of jewellery, as listings write it', () => {
    assert.deepEqual(extractColours('quiero un collar plata', 'es'), ['silver']);
    assert.deepEqual(extractColours('aretes oro 14k', 'es'), ['gold']);
    assert.deepEqual(extractColours('cadena oro para mi novio', 'es'), ['gold']);
    assert.deepEqual(extractColours('pulsera plata y dije dorado', 'es'), ['silver', 'gold']);
    // Money and sayings stay out even next to a jewellery word.
    assert.deepEqual(extractColours('un collar que no cueste mucha plata', 'es'), []);
    assert.deepEqual(extractColours('un reloj para sus bodas de oro', 'es'), []);
  });

  it('keeps white gold apart from yellow gold and from white', () => {
    assert.deepEqual(extractColours('anillo de oro blanco', 'es'), ['white gold']);
    assert.deepEqual(extractColours('a white gold wedding band', 'en'), ['white gold']);
    assert.deepEqual(extractColours('anillo de oro y un vestido blanco', 'es'), ['gold', 'white']);
  });

  it('gives “collar de plata” the colour silver and no rejection, and dorado/oro/plateado their metals', () => {
    const e = extractEntities('busco un collar de plata para mi madre', 'es');
    assert.deepEqual([e.colours, e.categories, e.rejections], [['silver'], ['necklaces'], []]);
    assert.deepEqual(extractEntities('reloj dorado', 'es').colours, ['gold']);
    assert.deepEqual(extractEntities('pendientes de oro', 'es').colours, ['gold']);
    assert.deepEqual(extractEntities('una pulsera plateada', 'es').colours, ['silver']);
  });

  it('rules out the whole leather family for “no leather” and “sin piel”, but not leather for “no suede”', () => {
    for (const [text, lang] of [['no leather', 'en'], ['sin piel', 'es'], ['que no sea de cuero', 'es']] as const) {
      const [r] = extractEntities(text, lang).rejections;
      assert.deepEqual(r, { kind: 'material', value: 'leather' }, text);
      assert.deepEqual(materialFamily(r?.value ?? ''), ['leather', 'suede', 'nubuck', 'patent leather'], text);
    }
    // "ante" and "gamuza" are suede, a member of the family: ruling it out leaves leather alone.
    for (const text of ['sin gamuza', 'nada de ante']) {
      assert.deepEqual(extractEntities(text, 'es').rejections, [{ kind: 'material', value: 'suede' }], text);
      assert.deepEqual(materialFamily('suede'), ['suede'], text);
    }
    // The product side: "gamuza" and "ante" in product text are suede, which "no leather" covers.
    const suedeForms = MATERIALS.suede?.forms ?? [];
    assert.ok(suedeForms.includes('gamuza') && (MATERIALS.suede?.written ?? []).includes('de ante'));
  });
});

describe('entities with and without the shop vocabulary at once', () => {
  it('are what two extractions give', () => {
    const texts: [string, IntentLanguage][] = [
      ['Nike running shoes in red, size 42, no leather, under $80 for my sister', 'en'],
      ['un collar de plata para mi hermana, sin oro, menos de 40 dólares', 'es'],
      ['merino boots or a silver necklace, not Adidas', 'en'],
      ['just browsing', 'en'],
    ];
    for (const [t, lang] of texts) {
      for (const hint of [undefined, 'MX']) {
        const both = extractEntitiesTwice(t, lang, SHOP, hint);
        assert.deepEqual(both.plain, extractEntities(t, lang, hint ? { currencyHint: hint } : {}), t);
        assert.deepEqual(both.shop, extractEntities(t, lang, { vocabulary: SHOP, ...(hint ? { currencyHint: hint } : {}) }), t);
      }
    }
  });
});

describe('a family or a place beside one of its kinds', () => {
  it('a family said apart is what the kind is of; a place is where; a list of kinds asks for each', () => {
    const kinds = (t: string, lang: 'en' | 'es' = 'en') => extractEntities(t, lang).categories;
    assert.deepEqual(kinds('I really like jewellery. I want a silver necklace'), ['necklaces']);
    assert.deepEqual(kinds('some jewellery for my wife, maybe a necklace'), ['necklaces']);
    assert.deepEqual(kinds('quiero joyas, un collar de plata', 'es'), ['necklaces']);
    assert.deepEqual(kinds('anything for the kitchen? like pans'), ['cookware']);
    assert.deepEqual(extractEntities('estoy reformando el baño, ¿qué toallas y alfombrillas tienen?', 'es').place, 'indoor');
    // Listed together, each is asked for.
    assert.deepEqual(kinds('jewelry and necklaces'), ['jewelry', 'necklaces']);
  });
});

describe('a material allowed is not asked for', () => {
  it('"leather is fine", "leather or not, doesn\'t matter", "el cuero me da igual" hold no bracelet to leather (five of six were hidden)', () => {
    for (const [t, l] of [['a bracelet for my dad, leather is fine', 'en'], ["a bracelet for my dad, leather or not, doesn't matter", 'en'], ['una pulsera, el cuero me da igual', 'es']] as const) {
      assert.equal(extractEntities(t, l).materials, undefined, t);
    }
    assert.deepEqual(extractEntities('a leather bracelet', 'en').materials, ['leather']);
  });
});
