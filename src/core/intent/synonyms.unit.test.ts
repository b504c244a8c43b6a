import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { matchCategory } from '../personalize/intentScoring.ts';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import type { CatalogVocabulary, IntentLanguage } from './types.ts';

/** Categories and purposes read with a shop vocabulary (or the table alone). */
function read(text: string, lang: IntentLanguage, vocab?: CatalogVocabulary): { cats: string[]; purposes: string[] } {
  const e = extractEntities(text, lang, vocab ? { vocabulary: compileVocabulary(vocab) } : {});
  return { cats: [...e.categories], purposes: [...(e.purposes ?? [])] };
}
const cats = (text: string, lang: IntentLanguage, vocab?: CatalogVocabulary): string[] => read(text, lang, vocab).cats;
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('the synonym table', () => {
  it('names only groups that exist as narrower kinds, and no term in two groups', () => {
    const names = new Set(CATEGORY_SYNONYMS.map((g) => g.en[0]));
    for (const g of CATEGORY_SYNONYMS) for (const n of g.narrower ?? []) assert.ok(names.has(n), `${g.en[0]} → ${n}`);
    const seen = new Map<string, string>();
    for (const g of CATEGORY_SYNONYMS) {
      for (const t of [...g.en, ...g.es]) {
        const owner = seen.get(t);
        assert.ok(owner === undefined || owner === g.en[0], `"${t}" is in ${owner} and ${g.en[0]}`);
        seen.set(t, g.en[0] as string);
      }
    }
  });
});

describe('two-word names of one kind, whose first word is a kind of its own', () => {
  it('reads the kind the whole name is, not its words ("tea lights" are candles, "lamp shade" a lamp)', () => {
    for (const [text, want] of [
      ['tea lights', 'candles'],
      ['a lamp shade', 'lamps'],
      ['pillow cases', 'bedding'],
      ['a book case', 'shelves'],
    ] as const) {
      assert.deepEqual(read(text, 'en'), { cats: [want], purposes: [] }, text);
    }
  });
});

describe('rooms', () => {
  // A home shop whose types are Indoor / Outdoor and whose rooms are tags (the Shopify home-and-garden demo's shape).
  const home: CatalogVocabulary = {
    categories: ['Indoor', 'Outdoor'],
    vendors: [],
    tags: ['Bedroom', 'Living Room', 'Dining Room', 'Bathroom', 'Kitchen', 'Garden', 'Wood'],
  };

  it('Spanish and regional names of a room find the shop\'s English room tag, as English does', () => {
    const cases: [string, IntentLanguage, string][] = [
      ['something for the bedroom', 'en', 'Bedroom'],
      ['algo para el dormitorio', 'es', 'Bedroom'],
      ['algo para la recámara', 'es', 'Bedroom'],
      ['algo lindo para la habitación', 'es', 'Bedroom'],
      ['busco cosas para el cuarto de mi hija', 'es', 'Bedroom'],
      ['ideas para el living', 'es', 'Living Room'],
      ['algo para la sala', 'es', 'Living Room'],
      ['decorar el salón', 'es', 'Living Room'],
      ['something for the living room', 'en', 'Living Room'],
      ['algo para el comedor', 'es', 'Dining Room'],
      ['cosas para el baño', 'es', 'Bathroom'],
      ['algo para la cocina', 'es', 'Kitchen'],
      // The garden is also the shop's "Outdoor" type, which comes first.
      ['algo para el patio', 'es', 'Outdoor'],
      ['plantas para el balcón', 'es', 'Outdoor'],
      ['algo para la terraza', 'es', 'Outdoor'],
    ];
    for (const [text, lang, room] of cases) {
      const { cats: c, purposes } = read(text, lang, home);
      assert.ok([...c, ...purposes].includes(room), `${text}: ${JSON.stringify([c, purposes])}`);
    }
  });

  it('a room named alone is met by the kinds used there; next to a kind it says what the kind is for', () => {
    const shop: CatalogVocabulary = { categories: ['Beds', 'Nightstands', 'Sofas', 'Lamps', 'Towels'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('algo para el dormitorio', 'es', shop)), ['Beds', 'Nightstands']);
    assert.deepEqual(sorted(cats('something for the living room', 'en', shop)), ['Sofas']);
    assert.deepEqual(cats('algo para el baño', 'es', shop), ['Towels']);
    assert.deepEqual(read('una lámpara para el dormitorio', 'es', shop), { cats: ['Lamps'], purposes: ['dormitorio'] });
    assert.deepEqual(read('a lamp for the bedroom', 'en', shop).cats, ['Lamps']);
  });

  it('does not read a room in other senses of its word', () => {
    const none: [string, IntentLanguage][] = [
      ['estoy en la sala de espera', 'es'],
      ['for everyday living', 'en'],
      ['hair salon products', 'en'],
      ['un salón de belleza', 'es'],
      ['el cuarto piso', 'es'],
      ['pantalón tres cuartos', 'es'],
      ['un baño de burbujas', 'es'],
    ];
    for (const [text, lang] of none) {
      const e = read(text, lang);
      assert.deepEqual(e.cats.filter((c) => c !== 'pants'), [], `${text}: ${JSON.stringify(e)}`);
      assert.deepEqual(e.purposes, [], text);
    }
    assert.deepEqual(cats('un cuarto de kilo de café', 'es'), ['coffee'], 'a quarter, not a room');
    assert.deepEqual(cats('aretes con baño de oro', 'es'), ['earrings'], 'gold plating, not a bathroom');
    assert.deepEqual(cats('toallas de baño', 'es'), ['towels']);
  });
});

describe('soft furnishings', () => {
  it('cushions and throw pillows are one kind in every regional name', () => {
    for (const [text, lang] of [
      ['almohadones para el sillón', 'es'],
      ['unos cojines', 'es'],
      ['almohadas decorativas', 'es'],
      ['throw pillows', 'en'],
      ['scatter cushions', 'en'],
    ] as const) assert.equal(cats(text, lang)[0], 'pillows', text);
    // In a shop with a "Pillows" tag, "almohadones" finds it (it found a sofa before).
    assert.deepEqual(cats('almohadones', 'es', { categories: ['Indoor'], vendors: [], tags: ['Pillows', 'Sofa'] }), ['Pillows']);
  });

  it('bedding in English and Spanish names, and a product called "Bed Clothes" is bedding', () => {
    for (const [text, lang] of [
      ['white bedding', 'en'],
      ['sábanas blancas', 'es'],
      ['ropa de cama', 'es'],
      ['un edredón', 'es'],
      ['funda nórdica', 'es'],
      ['un acolchado de dos plazas', 'es'],
      ['a duvet cover', 'en'],
    ] as const) assert.deepEqual(cats(text, lang), ['bedding'], text);
    const bedClothes = product({ id: 'bc', title: 'White Bed Clothes', productType: 'Indoor', tags: ['Bed'] });
    assert.equal(matchCategory(bedClothes, 'bedding'), 'title');
    assert.equal(matchCategory(bedClothes, 'sábanas'), 'title');
  });
});

describe('lighting', () => {
  const copper = product({ id: 'cl', title: 'Copper Light', productType: 'Indoor', tags: ['Copper', 'Bedroom'] });

  it('a lamp is a light: "lámpara" and "velador" meet a product called "Copper Light"', () => {
    assert.equal(matchCategory(copper, 'lámpara'), 'title');
    assert.equal(matchCategory(copper, 'lamps'), 'title');
    for (const [text, lang] of [
      ['¿la lámpara de cobre está disponible?', 'es'],
      ['un velador para la mesa de luz', 'es'],
      ['una luz para el pasillo', 'es'],
      ['luces de navidad', 'es'],
      ['a light for the hallway', 'en'],
      ['is the copper light in stock?', 'en'],
      ['lights for the garden', 'en'],
      ['a floor lamp', 'en'],
    ] as const) assert.equal(cats(text, lang)[0], 'lamps', text);
    assert.deepEqual(read('un foco para el velador', 'es'), { cats: ['light bulbs'], purposes: ['lamps'] });
  });

  it('"light" as an adjective, a colour or a feature is not a lamp', () => {
    for (const [text, lang, want] of [
      ['a light jacket', 'en', ['jackets']],
      ['something light for summer', 'en', []],
      ['I want something light', 'en', []],
      ['light and airy dress', 'en', ['dresses']],
      ['light grey hoodie', 'en', ['hoodies']],
      ['light up sneakers', 'en', ['sneakers']],
      ['sneakers with lights', 'en', ['sneakers']],
      ['zapatillas con luces', 'es', ['sneakers']],
      ['una camisa con mucha luz', 'es', ['shirts']],
    ] as const) assert.deepEqual(cats(text, lang), want, text);
  });

  it('"lighting" is the family of lamps and bulbs', () => {
    const shop: CatalogVocabulary = { categories: ['Lamps', 'Light Bulbs', 'Rugs'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('lighting', 'en', shop)), ['Lamps', 'Light Bulbs']);
    assert.deepEqual(sorted(cats('iluminación', 'es', shop)), ['Lamps', 'Light Bulbs']);
    assert.deepEqual(cats('lamps', 'en', shop), ['Lamps'], 'not the bulbs');
    // "light" finds a shop entry it names whole, not one it is a word of.
    const clothes: CatalogVocabulary = { categories: ['Light Jackets', 'Tea Light Candles', 'Lamps & Lights'], vendors: [], tags: [] };
    assert.deepEqual(cats('a lamp', 'en', clothes), ['Lamps & Lights']);
    assert.deepEqual(cats('a light for the hall', 'en', clothes), ['Lamps & Lights']);
  });
});

describe('families: a broad word is met by its narrower kinds, never the reverse', () => {
  it('"shoes" is met by sneakers and boots; "sneakers" is not met by boots or dress shoes', () => {
    const shop: CatalogVocabulary = { categories: ['Sneakers', 'Boots', 'Sandals', 'Shirts'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('shoes', 'en', shop)), ['Boots', 'Sandals', 'Sneakers']);
    assert.deepEqual(sorted(cats('zapatos', 'es', shop)), ['Boots', 'Sandals', 'Sneakers']);
    assert.deepEqual(sorted(cats('calzado', 'es', shop)), ['Boots', 'Sandals', 'Sneakers']);
    assert.deepEqual(cats('sneakers', 'en', shop), ['Sneakers']);
    assert.deepEqual(cats('botas', 'es', shop), ['Boots']);
    const shoes: CatalogVocabulary = { categories: ['Dress Shoes', 'Boots'], vendors: [], tags: [] };
    assert.deepEqual(cats('zapatillas', 'es', shoes), ['zapatillas'], 'sneakers the shop lacks are not its boots');
  });

  it('a whole shop\'s domain word is met by any of its kinds', () => {
    const jewellery: CatalogVocabulary = { categories: ['Bracelet', 'Earrings', 'Necklace'], vendors: [], tags: ['Gold', 'Silver', 'Choker'] };
    for (const [text, lang] of [
      ['jewelry', 'en'],
      ['some jewellery for my mum', 'en'],
      ['joyas', 'es'],
      ['algo de bisutería', 'es'],
      ['una joya para mi novia', 'es'],
    ] as const) assert.deepEqual(sorted(cats(text, lang, jewellery)), ['Bracelet', 'Earrings', 'Necklace'], text);
    const clothing: CatalogVocabulary = { categories: ['Shirts', 'Jackets', 'Sneakers'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('clothes', 'en', clothing)), ['Jackets', 'Shirts'], 'garments, not shoes');
    assert.deepEqual(sorted(cats('ropa de hombre', 'es', clothing)), ['Jackets', 'Shirts']);
    const home: CatalogVocabulary = { categories: ['Sofas', 'Dressers', 'Rugs', 'Candles', 'Mugs'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('furniture', 'en', home)), ['Dressers', 'Sofas']);
    assert.deepEqual(sorted(cats('muebles', 'es', home)), ['Dressers', 'Sofas']);
    assert.deepEqual(sorted(cats('home decor', 'en', home)), ['Candles', 'Rugs']);
    assert.deepEqual(sorted(cats('decoración', 'es', home)), ['Candles', 'Rugs']);
  });

  it('a shop whose types are the broad word keeps its own entry', () => {
    const shop: CatalogVocabulary = { categories: ['Jewelry', 'Furniture'], vendors: [], tags: [] };
    assert.deepEqual(cats('joyas', 'es', shop), ['Jewelry']);
    assert.deepEqual(cats('muebles', 'es', shop), ['Furniture']);
  });
});

describe('furniture and garden kinds', () => {
  it('knows dressers, nightstands, beanbags, fences, garden tools and watering cans in English and Spanish', () => {
    const cases: [string, IntentLanguage, string][] = [
      ['a dresser', 'en', 'dressers'],
      ['a chest of drawers', 'en', 'dressers'],
      ['una cómoda blanca', 'es', 'dressers'],
      ['a nightstand', 'en', 'nightstands'],
      ['bedside table', 'en', 'nightstands'],
      ['una mesita de noche', 'es', 'nightstands'],
      ['una mesa de luz', 'es', 'nightstands'],
      ['a beanbag', 'en', 'beanbags'],
      ['un puf', 'es', 'beanbags'],
      ['un puff para el living', 'es', 'beanbags'],
      ['a garden fence', 'en', 'fences'],
      ['una cerca de madera', 'es', 'fences'],
      ['una valla', 'es', 'fences'],
      ['a hand trowel', 'en', 'garden tools'],
      ['una pala para el jardín', 'es', 'garden tools'],
      ['a watering can', 'en', 'watering cans'],
      ['una regadera', 'es', 'watering cans'],
      ['need fencing for the garden', 'en', 'fences'],
      ['white bedsheets', 'en', 'bedding'],
      ['a lawn mower', 'en', 'lawn mowers'],
      ['una cortadora de césped', 'es', 'lawn mowers'],
      ['quiero comprar una cortadora de pasto', 'es', 'lawn mowers'],
      ['un sillón de dos plazas', 'es', 'sofas'],
      ["a tux for my brother's wedding", 'en', 'suits'],
    ];
    for (const [text, lang, want] of cases) assert.equal(cats(text, lang)[0], want, `${text}: ${JSON.stringify(cats(text, lang))}`);
  });

  it('does not read those kinds in the words\' other senses', () => {
    for (const [text, lang, want] of [
      ['una silla cómoda', 'es', ['chairs']],
      ['zapatillas cómodas', 'es', ['sneakers']],
      ['está cerca de mi casa', 'es', []],
      ['hay una tienda cerca', 'es', []],
      ['a desk with drawers', 'en', ['tables']],
      ['puff sleeve dress', 'en', ['dresses']],
      ['vestido con mangas puff', 'es', ['dresses']],
      ['camisa a cuadros', 'es', ['shirts']],
      ['pots and pans', 'en', ['cookware']],
      ['plant pots', 'en', ['planters']],
    ] as const) assert.deepEqual(cats(text, lang), want, text);
  });
});

describe('families of garments: tops, bottoms, outerwear (EN/ES)', () => {
  it('reads the family word, in both languages, as its kind', () => {
    for (const [text, lang, want] of [
      ["a women's top", 'en', ['tops']],
      ['tops under $30', 'en', ['tops']],
      ['a top in blue, size M', 'en', ['tops']],
      ['una parte de arriba para mi hija', 'es', ['tops']],
      ['un top de encaje', 'es', ['tops']],
      ['matching bottoms', 'en', ['bottoms']],
      ['prendas de abajo de hombre', 'es', ['bottoms']],
      ['some outerwear for winter', 'en', ['outerwear']],
      ['ropa de abrigo', 'es', ['outerwear']],
      ['un abrigo de mujer', 'es', ['outerwear']],
      ['calzado de hombre', 'es', ['shoes']],
    ] as const) assert.deepEqual(cats(text, lang), want, text);
  });

  it('near misses: "top"/"bottom" as a rank, a place, an amount or describing another kind name no garment', () => {
    for (const [text, want] of [
      ['show me your top sellers', []],
      ['top quality jacket', ['jackets']],
      ['the top one', []],
      ['top 10 jackets', ['jackets']],
      ['what is at the top of the page?', []],
      ['on top of that, a scarf', ['scarves']],
      ['a jacket, 200 bucks tops', ['jackets']],
      ['under $50 tops', []],
      ['a top hat', ['hats']],
      ['the bottom line is price', []],
      ['from top to bottom', []],
      ['high tops', ['sneakers']],
    ] as const) assert.deepEqual(cats(text, 'en'), want, text);
  });

  it('in a shop of types, "top" finds "Tops" and "Tank Tops", never "High Tops" or "Top Sellers"', () => {
    const shop = { categories: ['Tops', 'Tank Tops', 'High Tops', 'Top Sellers', 'Jackets'], vendors: [], tags: [] };
    assert.deepEqual(sorted(cats('a top for summer', 'en', shop)), ['Tank Tops', 'Tops']);
    assert.deepEqual(cats('sneakers', 'en', shop), ['High Tops']);
  });

  it('a product is a top by its head word, unless it names a rival kind with it ("LED High Tops")', () => {
    const is = (title: string, term = 'tops') => matchCategory(product({ id: title, title }), term) !== undefined;
    assert.equal(is('Classic Varsity Top'), true);
    assert.equal(is('Striped Skirt and Top'), true);
    assert.equal(is('Ribbed Tank Top'), true);
    assert.equal(is('LED High Tops'), false);
    assert.equal(is('Top Quality Leather Jacket'), false);
    assert.equal(is('Pyjama Bottoms', 'bottoms'), true);
  });
});
