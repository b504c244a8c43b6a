import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { rejectionHit } from './hardFilters.ts';
import { emptyIntent } from './intentInput.ts';
import { extractEntities } from '../intent/entities.ts';
import {
  categorySearchTerms,
  hasSize,
  inCategory,
  INTENT_MULTIPLIERS,
  intentMultiplier,
  matchCategory,
  MEETS_BRAND,
  MEETS_AUDIENCE, MEETS_CATEGORY,
  MEETS_COLOUR,
  MEETS_SIZE,
  scoreIntent,
  scoreIntentInto,
  wantedVariants,
  type IntentReason,
} from './intentScoring.ts';

const boot = product({
  id: 'b',
  title: 'Ridge Waterproof Hiking Boot',
  vendor: 'Alpina',
  productType: 'Hiking Boots',
  category: 'Apparel & Accessories > Shoes > Boots > Hiking Boots',
  tags: ['hiking', 'women'],
  variants: [[150, true, { color: 'Forest Green', size: '8' }], [150, false, { color: 'Forest Green', size: '9' }], [150, true, { color: 'Slate', size: '9' }]],
});
const entities = (e: Partial<ReturnType<typeof emptyIntent>['entities']>) => ({ ...emptyIntent().entities, ...e });

describe('intent multiplier', () => {
  it('is the type’s multiplier, or its expectation under the calibrated scores', () => {
    assert.equal(intentMultiplier(undefined), 1);
    assert.equal(intentMultiplier({ type: 'research', scores: undefined as never }), INTENT_MULTIPLIERS.research);
    const m = intentMultiplier({ type: 'high_purchase_intent', scores: { high_purchase_intent: 0.5, comparison_shopping: 0, browsing: 0.5, research: 0 } });
    assert.equal(m, 1.25);
  });
});

describe('entity matches', () => {
  it('matches categories as taxonomy paths, product types and EN/ES synonyms', () => {
    assert.equal(matchCategory(boot, 'Apparel & Accessories > Shoes > Boots > Hiking Boots'), 'category');
    assert.equal(matchCategory(boot, 'botas'), 'category');
    assert.equal(matchCategory(boot, 'Hiking Boots'), 'category');
    assert.equal(matchCategory(boot, 'sandalias'), undefined);
    assert.deepEqual(categorySearchTerms('botas de montaña'), ['botas de montaña', 'boots', 'boot']);
  });

  it('scores the share of stated entities matched, each as a reason', () => {
    const full = scoreIntent(boot, entities({ categories: ['boots'], brands: ['Alpina'], colours: ['dark green'], sizes: ['8'] }));
    assert.equal(full.score, 1);
    assert.deepEqual(
      full.reasons.map((r) => [r.term, r.field]),
      [['boots', 'category'], ['Alpina', 'vendor'], ['dark green', 'variant'], ['8', 'variant']],
    );
    const size9 = scoreIntent(boot, entities({ sizes: ['9'] }));
    assert.equal(size9.score, 1, 'size 9 is available in Slate');
    const size10 = scoreIntent(boot, entities({ categories: ['boots'], sizes: ['10'] }));
    assert.ok(size10.score > 0.5 && size10.score < 1);
    assert.equal(scoreIntent(boot, entities({ colours: ['red'] })).score, 0);
  });

  it('matches the recipient’s audience and counts another audience against', () => {
    assert.ok(scoreIntent(boot, entities({ recipient: 'mother', isGift: true })).reasons.some((r) => r.term === 'mother' && r.field === 'tags' && r.audience === 'women'));
    const mens = product({ id: 'm', title: 'Oxford Shirt', tags: ['mens'] });
    const plain = product({ id: 'p', title: 'Oxford Shirt' });
    assert.ok(scoreIntent(mens, entities({ recipient: 'mother' })).score < scoreIntent(plain, entities({ recipient: 'mother' })).score + 1e-9);
    assert.equal(scoreIntent(mens, entities({ recipient: 'mother' })).score, 0);
  });

  it('tells which stated kinds a product meets, and adds no reasons unless asked', () => {
    const out = { score: 0, meets: 0 };
    scoreIntentInto(boot, entities({ categories: ['sandalias', 'boots'], brands: ['Alpina'], colours: ['red'], sizes: ['9'] }), out);
    assert.equal(out.meets, MEETS_CATEGORY | MEETS_BRAND | MEETS_SIZE);
    const e = entities({ categories: ['boots'], colours: ['dark green'], recipient: 'mother', isGift: true });
    const reasons: IntentReason[] = [];
    scoreIntentInto(boot, e, out, reasons);
    assert.deepEqual({ score: out.score, reasons }, scoreIntent(boot, e));
    assert.equal(out.meets, MEETS_CATEGORY | MEETS_COLOUR | MEETS_AUDIENCE, 'boots that say nothing of their audience are for a mother too');
  });
});


describe("the shop's own audience data (Google Shopping gender / age group)", () => {
  const plain = { title: 'Anchor Bracelet', productType: 'Bracelet', price: 55 };
  it('a product marked male is a men\'s product though no word says so, and a "women" tag on it is not read', () => {
    const marked = { ...product({ id: 'a', ...plain }), audiences: ['men'] as const };
    assert.ok(scoreIntent(marked, entities({ audience: 'men' })).score > 0);
    assert.equal(scoreIntent(product({ id: 'b', ...plain }), entities({ audience: 'men' })).score, 0, 'without the data, nothing tells');
    const contradicted = { ...product({ id: 'c', ...plain, tags: ['women'] }), audiences: ['men'] as const };
    assert.equal(scoreIntent(contradicted, entities({ audience: 'women' })).score, 0, 'made for men: it counts against "de mujer"');
  });
  it('a unisex product fits both and counts against neither', () => {
    const unisex = { ...product({ id: 'u', ...plain, tags: ['men'] }), audiences: ['women', 'men'] as const };
    assert.equal(scoreIntent(unisex, entities({ audience: 'women' })).score, 1);
    assert.equal(scoreIntent(unisex, entities({ audience: 'men' })).score, 1);
  });
});

describe('sizes as shops write them', () => {
  it('matches a stated letter size with a spelled-out option value, and the other way round', () => {
    const top = product({ id: 't', title: 'Classic Varsity Top', productType: 'Tops', variants: [[60, true, { size: 'Small' }], [60, true, { size: 'Large' }], [60, true, { size: 'X-Large' }], [60, true, { size: '2XL' }]] });
    for (const [stated, met] of [['L', true], ['XL', true], ['XXL', true], ['M', false], ['large', true], ['Extra Large', true]] as const) {
      assert.equal((scoreIntent(top, entities({ sizes: [stated] })).score === 1), met, stated);
    }
    const letters = product({ id: 'l', title: 'Tee', productType: 'Tops', variants: [[20, true, { size: 'M' }], [20, true, { size: 'XXL' }]] });
    assert.equal(scoreIntent(letters, entities({ sizes: ['Medium'] })).score, 1);
    assert.equal(scoreIntent(letters, entities({ sizes: ['XX-Large'] })).score, 1);
    assert.equal(scoreIntent(letters, entities({ sizes: ['L'] })).score, 0);
    // Numbers as before: 42.0 is 42, half sizes stay apart.
    const shoe = product({ id: 's', title: 'Runner', productType: 'Shoes', variants: [[90, true, { size: '42.0' }], [90, true, { size: '10,5' }]] });
    assert.equal(scoreIntent(shoe, entities({ sizes: ['42'] })).score, 1);
    assert.equal(scoreIntent(shoe, entities({ sizes: ['10.5'] })).score, 1);
    assert.equal(scoreIntent(shoe, entities({ sizes: ['10'] })).score, 0);
  });
});

describe('a colour by where the product shows it', () => {
  it('a title naming it says more than a tag ("Dainty Gold Necklace" before a black choker tagged Gold)', () => {
    const titled = product({ id: 'd', title: 'Dainty Gold Necklace', productType: 'Necklace', tags: ['Gold', 'Pendant'] });
    const tagged = product({ id: 'c', title: 'Choker with Bead', productType: 'Necklace', tags: ['Gold', 'Leather'] });
    const gold = entities({ categories: ['necklaces'], colours: ['gold'] });
    assert.ok(scoreIntent(titled, gold).score > scoreIntent(tagged, gold).score);
    assert.deepEqual(scoreIntent(tagged, gold).reasons.map((r) => [r.term, r.field]), [['necklaces', 'productType'], ['gold', 'tags']]);
  });
});

describe('a kind and its broader kind', () => {
  it('a top does not meet "tee", but comes before a jacket (for when the tees are let go: "remera sin mangas")', () => {
    const tees = entities({ categories: ['t-shirts'] });
    const tee = product({ id: 't', title: 'Red Sports Tee', productType: 'Tee' });
    const top = product({ id: 'f', title: 'Floral White Top', productType: 'Top' });
    const jacket = product({ id: 'j', title: 'Soft Winter Jacket', productType: 'Jacket' });
    const meets = (p: typeof tee) => {
      const out = { score: 0, meets: 0 };
      scoreIntentInto(p, tees, out);
      return out.meets & MEETS_CATEGORY;
    };
    assert.deepEqual([meets(tee) !== 0, meets(top)], [true, 0]);
    assert.ok(scoreIntent(top, tees).score > 0 && scoreIntent(top, tees).score < scoreIntent(tee, tees).score);
    assert.deepEqual(scoreIntent(top, tees).reasons, [], 'no reason claims it matches');
    assert.equal(scoreIntent(jacket, tees).score, 0);
  });
});

describe('reasons quote what the product has (shopper probe: "gift" in a product type that said "Indoor", "housewarming" in tags that said "Candle", "brother_in_law")', () => {
  it('a present by its kind is quoted by the word of its kind, where it says it; a gift tag by "gift"', () => {
    const candle = product({ id: 'c', title: 'Vanilla candle', productType: 'Indoor', tags: ['Candle'] });
    const gift = entities({ isGift: true });
    assert.deepEqual(scoreIntent(candle, gift).reasons.map((r) => [r.term, r.field]), [['candle', 'title']]);
    const tagged = product({ id: 't', title: 'Silk Summer Top', productType: 'Top', tags: ['gift'] });
    assert.deepEqual(scoreIntent(tagged, gift).reasons.map((r) => [r.term, r.field]), [['gift', 'tags']]);
    assert.deepEqual(scoreIntent(candle, entities({ occasion: 'housewarming' })).reasons.map((r) => [r.term, r.field]), [['candle', 'tags']]);
  });

  it('a recipient is quoted as a word, not a key', () => {
    const mens = product({ id: 'm', title: 'Ocean Blue Shirt', productType: '', tags: ['men'] });
    assert.equal(scoreIntent(mens, entities({ recipient: 'brother_in_law', isGift: true })).reasons[0]?.term, 'brother-in-law');
  });
});

describe('a place said with no kind ("something for indoors")', () => {
  it('puts the products the shop says are for there first; one that says nothing is neither', () => {
    const indoors = entities({ place: 'indoor' });
    const score = (productType: string) => scoreIntent(product({ id: productType, title: 'Thing', productType }), indoors).score;
    assert.ok(score('Indoor') > 0);
    assert.deepEqual([score('Outdoor'), score('Candle')], [0, 0]);
  });
});

describe('colours only a description states', () => {
  const jacket = product({ id: 'j', title: 'Soft Winter Jacket', productType: 'Jackets', description: '<p>Thick black winter jacket, with soft fleece lining. Wear it over a red jumper.</p>' });
  const shirt = product({ id: 's', title: 'Chequered Red Shirt', productType: 'Shirts', description: 'Red flannel shirt with black buttons.' });
  const blouse = product({ id: 'b', title: 'Striped Silk Blouse', productType: 'Blouses', description: 'Ultra-stylish black and red striped silk blouse with buckle collar.', variants: [[40, true, { color: 'Ivory' }]] });

  it('gives a product whose title, tags and options name no colour the colours its description opens with', () => {
    const black = scoreIntent(jacket, entities({ colours: ['black'] }));
    assert.equal(black.score, 0.5, 'a description match, at its field strength');
    assert.deepEqual(black.reasons.map((r) => [r.term, r.field]), [['black', 'description']]);
    assert.equal(scoreIntent(jacket, entities({ colours: ['red'] })).score, 0, 'what it is worn with, further on, is not its colour');
    assert.equal(rejectionHit(jacket, { kind: 'colour', value: 'black' }), 'description');
    assert.equal(rejectionHit(jacket, { kind: 'colour', value: 'red' }), undefined);
  });

  it('reads only the opening phrase: what the product is, not what it has or goes with', () => {
    const colours = (description: string) => ['black', 'red', 'orange'].filter((c) => scoreIntent(product({ id: description, title: 'Item', description }), entities({ colours: [c] })).score > 0);
    assert.deepEqual(colours('Linen shirt with black buttons.'), []);
    assert.deepEqual(colours('Goes with your little black dress.'), []);
    assert.deepEqual(colours('Set of two red wine glasses.'), []);
    assert.deepEqual(colours('Vela con aroma a naranja'), []);
    assert.deepEqual(colours('Ultra-stylish black and red striped silk blouse with buckle collar.'), ['black', 'red']);
  });

  it('reads a later clause that says what "this" is ("…, This grey and black buttoned top is…"), not what it goes with', () => {
    const varsity = product({ id: 'v', title: 'Classic Varsity Top', description: 'Womens casual varsity top, This grey and black buttoned top is a sport-inspired piece complete with an embroidered letter.' });
    assert.deepEqual(['grey', 'black', 'red'].filter((c) => scoreIntent(varsity, entities({ colours: [c] })).score > 0), ['grey', 'black']);
    const linen = product({ id: 'l', title: 'Linen Shirt', description: 'Linen shirt. This goes well with a red scarf.' });
    assert.equal(scoreIntent(linen, entities({ colours: ['red'] })).score, 0);
  });

  it('reads the description\'s opening colours alongside what the title, tags or options say (their union)', () => {
    assert.equal(scoreIntent(shirt, entities({ colours: ['black'] })).score, 0, 'black is only its buttons');
    assert.equal(rejectionHit(shirt, { kind: 'colour', value: 'black' }), undefined);
    assert.ok(scoreIntent(blouse, entities({ colours: ['black'] })).score > 0, 'an ivory option, and a black and red blouse by its description');
  });
});

describe('whom a title says a product is made for', () => {
  it("counts a men's title against a present for a woman, and a pronoun or a name in a title against nobody", () => {
    const mens = product({ id: 'm', title: 'Anchor Bracelet Mens', productType: 'Bracelet' });
    const plain = product({ id: 'p', title: 'Bangle Bracelet', productType: 'Bracelet' });
    const forMum = entities({ categories: ['Bracelet'], recipient: 'mother', isGift: true });
    assert.ok(scoreIntent(mens, forMum).score < scoreIntent(plain, forMum).score);
    const reloj = product({ id: 'r', title: 'Reloj de Hombre Clásico', productType: 'Watch' });
    assert.ok(scoreIntent(reloj, entities({ categories: ['Watch'], audience: 'women' })).score < scoreIntent(product({ id: 'w', title: 'Reloj Clásico', productType: 'Watch' }), entities({ categories: ['Watch'], audience: 'women' })).score);
    for (const title of ['Iron Man Mug', 'Lady Grey Tea', 'Gift for Her Candle']) {
      const p = product({ id: title, title, productType: 'Gift' });
      const q = product({ id: `${title}-2`, title: 'Plain Gift', productType: 'Gift' });
      const e = entities({ categories: ['Gift'], recipient: title === 'Gift for Her Candle' ? 'father' : title === 'Iron Man Mug' ? 'mother' : 'father', isGift: true });
      assert.equal(scoreIntent(p, e).score, scoreIntent(q, e).score, title);
    }
  });
});


describe('sizes as a CSV gives them and as a shopper says them', () => {
  const sized = (id: string, values: readonly string[]) => product({ id, title: 'Tee', variants: values.map((v) => [20, true, { Size: v }] as const) });

  it('matches the size a shopper says against the variant option however the shop writes it', () => {
    const cases: [string, string, string][] = [
      ['EU 42', 'zapatillas talla 42', 'es'],
      ['42', 'sneakers EU 42', 'en'],
      ['US 8', 'sneakers size 8', 'en'],
      ['X-Large', 'hoodie in XL', 'en'],
      ['XL', 'hoodie in XLarge', 'en'],
      ['XXL', 'hoodie 2XL', 'en'],
      ['2XL', 'hoodie size XXL', 'en'],
      ['CH', 'playera talla S', 'es'],
      ['S', 'playera talla CH', 'es'],
      ['G', 'playera talla grande', 'es'],
      ['EG', 'playera talla XL', 'es'],
      ['S/M', 'gorro talla M', 'es'],
      ['Talla Única', 'a one size hat', 'en'],
      ['One Size', 'gorro talla única', 'es'],
    ];
    for (const [option, text, lang] of cases) {
      const sizes = extractEntities(text, lang as 'en' | 'es').sizes;
      assert.ok(sizes.length === 1 && hasSize(sized(option, [option]), sizes[0] as string), `${text} (${sizes.join(',')}) ~ ${option}`);
    }
  });

  it('a product sold without a size option comes in one size; one with sizes does not', () => {
    assert.ok(hasSize(product({ id: 'hat', title: 'Beanie' }), 'One Size'));
    assert.equal(hasSize(sized('tee', ['S', 'M']), 'One Size'), false);
    assert.equal(hasSize(product({ id: 'hat2', title: 'Beanie' }), 'M'), false);
  });

  it('keeps sizes apart that differ', () => {
    assert.equal(hasSize(sized('a', ['G']), 'XL'), false, 'grande is L');
    assert.equal(hasSize(sized('b', ['EU 42']), '43'), false);
    assert.equal(hasSize(sized('c', ['32/34']), '34'), false, 'a waist 32, length 34');
  });

  it('finds jeans in a waist and length, one option or two, and only in the pair available', () => {
    assert.ok(hasSize(sized('one', ['W32 L30', 'W34 L32']), '32x30'));
    assert.ok(hasSize(sized('one', ['W32 L30']), '32'), 'size 32: the waist');
    assert.equal(hasSize(sized('one', ['W32 L30']), '30'), false, 'not the length');
    const two = product({
      id: 'two',
      title: 'Slim Jeans',
      variants: [
        [60, true, { Waist: '32', Length: '30' }],
        [60, false, { Waist: '32', Length: '32' }],
        [60, true, { Waist: '34', Length: '32' }],
      ],
    });
    assert.ok(hasSize(two, '32x30') && hasSize(two, '34x32'));
    assert.equal(hasSize(two, '32x32'), false, 'that pair is sold out');
    assert.equal(hasSize(two, '34x30'), false, 'a waist and a length of two different variants');
    const spanish = product({ id: 'es', title: 'Vaquero recto', variants: [[50, true, { Cintura: 'W30', Largo: 'L32' }]] });
    assert.ok(hasSize(spanish, '30x32'));
  });

  it('prices jeans asked for in a waist and length at that variant, one option or two', () => {
    const two = product({
      id: 'two',
      title: 'Slim Jeans',
      variants: [
        [60, true, { Waist: '32', Length: '30' }],
        [75, true, { Waist: '34', Length: '32' }],
        [50, true, { Waist: '36', Length: '34' }],
      ],
    });
    assert.deepEqual(wantedVariants(two, { sizes: ['34x32'] })?.map((v) => v.price.amount), [7500]);
    assert.deepEqual(wantedVariants(two, { sizes: ['W34 L32'] })?.map((v) => v.price.amount), [7500], 'the pair as a shop writes it');
    const one = product({ id: 'one', title: 'Straight Jeans', variants: [[60, true, { Size: '32x30' }], [75, true, { Size: 'W34 L32' }]] });
    assert.deepEqual(wantedVariants(one, { sizes: ['34x32'] })?.map((v) => v.price.amount), [7500]);
  });
});

describe('audience words in a title that name something else', () => {
  const e = (audience: 'women' | 'men') => entities({ categories: ['Gift'], audience });
  const gift = (title: string) => product({ id: title, title, productType: 'Gift' });

  it('a game, a character, an event or a picture is for nobody in particular: no match and no penalty', () => {
    const plain = gift('Plain Gift');
    for (const [title, audience] of [
      ['Juego de Damas Chinas', 'women'],
      ['Juego de Damas Chinas', 'men'],
      ['Disfraz Hombre Araña', 'men'],
      ['Disfraz Hombre Araña', 'women'],
      ['Ladies Night Candle', 'women'],
      ['Ladies Night Candle', 'men'],
      ['Man in the Moon Print', 'men'],
      ['Taza Mujer Maravilla', 'men'],
      ['Wonder Woman Mug', 'women'],
      ['Men in Black Poster', 'women'],
      ['Male to Male Cable', 'men'],
    ] as const) {
      assert.equal(scoreIntent(gift(title), e(audience)).score, scoreIntent(plain, e(audience)).score, `${title} / ${audience}`);
    }
  });

  it('an audience word that stands as one still counts (near misses)', () => {
    const plain = gift('Plain Gift');
    for (const [title, audience] of [
      ['Juego de Aretes para Dama', 'women'],
      ['Disfraz de Araña para Hombre', 'men'],
      ['Ladies Gold Watch', 'women'],
      ["Men's Spider Costume", 'men'],
      ['Blusa Dama Manga Larga', 'women'],
      ['Tenis Running Hombre', 'men'],
      ['Watch for Men', 'men'],
      ['Moon Print for Women', 'women'],
    ] as const) {
      assert.ok(scoreIntent(gift(title), e(audience)).score > scoreIntent(plain, e(audience)).score, `${title} matches ${audience}`);
      const other = audience === 'women' ? 'men' : 'women';
      assert.ok(scoreIntent(gift(title), e(other)).score < scoreIntent(plain, e(other)).score, `${title} counts against ${other}`);
    }
  });

  it('reads labels the same way: a "Damas Chinas" tag is a game, a "women" tag an audience', () => {
    const tagged = (tags: string[]) => product({ id: tags.join(), title: 'Board', productType: 'Gift', tags });
    assert.equal(scoreIntent(tagged(['Damas Chinas']), e('men')).score, scoreIntent(tagged(['Board games']), e('men')).score);
    assert.ok(scoreIntent(tagged(['women']), e('men')).score < scoreIntent(tagged(['Board games']), e('men')).score);
  });
});

describe('where products are used: a kind asked for a place is not met by one the shop says is for the other', () => {
  const outdoorTable = product({ id: 'o', title: 'Wooden Outdoor Table', productType: 'Outdoor', tags: ['Wood', 'Garden'] });
  const bedside = product({ id: 'b', title: 'Bedside Table', productType: 'Indoor', tags: ['Wood', 'Bedroom'] });
  const plain = product({ id: 'p', title: 'Oak Table', productType: 'Tables' });
  const meets = (p: typeof bedside, e: ReturnType<typeof entities>) => {
    const out = { score: 0, meets: 0 };
    scoreIntentInto(p, e, out);
    return (out.meets & MEETS_CATEGORY) !== 0;
  };
  it('"a table for the garden": the outdoor table and one that says nothing of its place; not the indoor one', () => {
    const e = entities({ categories: ['Table'], purposes: ['Outdoor'], place: 'outdoor' });
    assert.deepEqual([meets(outdoorTable, e), meets(plain, e), meets(bedside, e)], [true, true, false]);
    assert.equal(extractEntities('a table for the garden', 'en').place, 'outdoor');
    assert.equal(extractEntities('plant pots for indoors', 'en').place, 'indoor');
    assert.ok(!meets(product({ id: 'l', title: 'Side Table', tags: ['Living Room'] }), e), 'a room tag of two words is indoors');
  });
  it('near misses: no place asked holds every table; a place refused asks for the other ("a table, not for the garden": one for indoors)', () => {
    assert.ok(meets(bedside, entities({ categories: ['Table'] })));
    assert.ok(meets(bedside, entities({ categories: ['Table'], purposes: ['Outdoor'] })), 'a purpose alone is no place');
    assert.equal(extractEntities('a table, not for the garden', 'en').place, 'indoor');
    assert.equal(extractEntities('una mesa que no sea de exterior', 'es').place, 'indoor');
    assert.ok(meets(bedside, extractEntities('a table, not for the garden', 'en')));
  });
});

describe('inCategory: a category filter that names a place', () => {
  it('"Outdoor" holds the garden\'s kinds but not a pot the shop types "Indoor" (MCP probe: it led search_catalog)', () => {
    const indoorPot = product({ id: 'w', title: 'White Ceramic Pot', productType: 'Indoor', tags: ['Pot', 'Plants'] });
    const clayPot = product({ id: 'c', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Pot', 'Plants'] });
    const plainPot = product({ id: 'p', title: 'Terracotta Pot', tags: ['Pot'] });
    assert.notEqual(matchCategory(indoorPot, 'Outdoor'), undefined, 'the premise: its kind is one of the garden\'s');
    assert.deepEqual([inCategory(indoorPot, 'Outdoor'), inCategory(clayPot, 'Outdoor'), inCategory(plainPot, 'Outdoor')], [false, true, true]);
    assert.equal(inCategory(indoorPot, 'Plants'), true, 'a term that names no place holds as before');
  });
});
