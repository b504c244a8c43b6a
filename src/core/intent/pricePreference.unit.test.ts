import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import { extractPriceComparison, extractPricePreference, priceEndAsked } from './pricePreference.ts';

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

  it('a negation holds in its own clause: "sin presupuesto, algo premium" and "no budget, something premium" are premium', () => {
    assert.equal(extractPricePreference('sin presupuesto, algo premium para el salón'), 'high');
    assert.equal(extractPricePreference('no budget, something premium'), 'high');
    assert.equal(extractPricePreference('sin presupuesto, nada barato'), 'high');
  });

  it('states none for a question about price, a number, or both ends', () => {
    for (const text of ['is it expensive?', '¿es caro?', 'under 50 dollars', 'cheap or premium, whatever', 'a cheapskate gift', 'cheaper than Amazon?', 'I have a budget of 50']) assert.equal(extractPricePreference(text), undefined, text);
  });

  it('states none for both ends negated, a remark on a price, or a product named by its capitalised name', () => {
    for (const text of ['ni muy caro ni muy barato', "it's not cheap", 'do you have the Premium Cotton Tee?', 'I want the Luxury Lip Balm', 'Budget planner notebook']) {
      assert.equal(extractPricePreference(text), undefined, text);
    }
    assert.equal(extractPricePreference('Premium headphones please'), 'high', 'a capital at the start of a sentence is not a name');
    assert.equal(extractPricePreference('I am on a budget'), 'low');
    assert.equal(extractPricePreference('que no cueste mucho'), 'low');
  });
});

describe('cost words: the low end, never a rejection term', () => {
  const cases: [string, 'en' | 'es'][] = [
    ['algo que no sea carísimo', 'es'],
    ['nothing too pricey', 'en'],
    ['nada muy caro', 'es'],
    ['no quiero nada muy caro', 'es'],
    ['que no sea tan caro', 'es'],
    ['un collar que no sea demasiado costoso', 'es'],
    ['not too expensive', 'en'],
    ["I don't want anything too expensive", 'en'],
    ['un collar que no cueste mucha plata', 'es'],
    ['no tengo mucha plata', 'es'],
    ['ando corto de plata', 'es'],
    ['sin gastar mucho', 'es'],
    ["I don't have much money", 'en'],
    ['something nice without breaking the bank', 'en'],
  ];
  for (const [text, lang] of cases) {
    it(text, () => {
      const e = extractEntities(text, lang);
      assert.equal(e.pricePreference, 'low');
      assert.deepEqual(e.rejections, []);
    });
  }

  it('reads no low end from a negated cheap word, nor from the shop asked about silver', () => {
    for (const text of ['¿no hay plata?', 'ni muy caro ni muy barato']) assert.equal(extractPricePreference(text), undefined, text);
    // A cheap word not wanted is the other end.
    for (const text of ['no quiero nada barato', 'a jacket, nothing cheap please', 'a jacket but not a cheap one', 'not cheap, I want quality']) assert.equal(extractPricePreference(text), 'high', text);
  });
});

describe('extractPriceComparison: a comparative said of the product discussed', () => {
  const below = [
    'cheaper than that',
    'Cheaper than this one?',
    'something cheaper than it',
    'anything cheaper than the last one you showed me?',
    // A place in the list shown, said alone (shopper probe, round 6: "cheaper than the first" after five).
    'something cheaper than the first',
    'anything cheaper than the third?',
    'cheaper than the 2nd, please',
    'do you have something cheaper?',
    'anything less expensive?',
    'is there a cheaper option',
    'I like it but do you have one cheaper',
    'a bit cheaper please',
    'show me cheaper bracelets than these',
    'more affordable alternatives to this one',
    'can I get it for less?',
    'something that is cheaper',
    "what's cheaper than this?",
    'más barato que ese',
    'algo más barato',
    '¿tienes uno más económico?',
    'algo menos caro por favor',
    '¿no tienes nada más barato?',
    'una pulsera más barata que esta',
    'algo más barato que el anterior',
    'uno un poco más barato que tengas',
    // An object pronoun is no article: "me lo mostrás" is the product discussed, shown cheaper.
    '¿me lo mostrás más barato?',
    'lo tenés más barato?',
    'me la muestras más barata',
    '¿las tenés más baratas?',
  ];
  for (const text of below) it(`"${text}" → below`, () => assert.equal(extractPriceComparison(text), 'below'));

  const above = ['more expensive than the first?', 'more expensive than that', 'something pricier', 'anything higher-end than this?', 'más caro que ese', 'algo de mayor precio', 'una más cara que esta'];
  for (const text of above) it(`"${text}" → above`, () => assert.equal(extractPriceComparison(text), 'above'));

  it('reads none from a comparison with something else, a question whether it is cheaper, a negation, a superlative or no comparative', () => {
    for (const text of [
      'cheaper than Amazon?',
      'is it cheaper than in the store?',
      'cheaper than the first time I bought it',
      'cheaper than the first store I tried',
      'is this cheaper than the gold one?',
      'show me something cheaper than the gold one',
      'is it cheaper?',
      'which one is cheaper?',
      'would that be cheaper?',
      '¿es más barato?',
      '¿cuál sale más barato?',
      'más barato que en la tienda',
      'uno más barato que el de oro',
      'I saw it cheaper on Amazon',
      'en otras páginas lo vi mucho más barato',
      'not cheaper',
      'no más barato, de mejor calidad',
      "I don't want anything cheaper, I want quality",
      'no quiero nada más barato',
      'the cheapest',
      'the cheaper one',
      'lo más barato que tengas',
      'el collar más barato',
      'cheap earrings',
      'cheaper shipping?',
      'looking for less flashy earrings',
      'cheaper or more expensive than that, whatever',
    ]) {
      assert.equal(extractPriceComparison(text), undefined, text);
    }
  });

  it('states the end of the price range too, unless it says nothing of the product discussed', () => {
    assert.equal(extractPricePreference('cheaper than that'), 'low');
    assert.equal(extractPricePreference('something cheaper than this one'), 'low');
    assert.equal(extractPricePreference('more expensive than that'), 'high');
    assert.equal(extractPricePreference('something pricier'), 'high');
    assert.equal(extractPricePreference('cheaper than Amazon?'), undefined);
    assert.equal(extractPricePreference('is this cheaper than the gold one?'), undefined);
  });
});

describe('extractPriceComparison: "that\'s too expensive" asks for something cheaper than it', () => {
  const dear = [
    "that's too expensive",
    'too pricey for me',
    'a bit out of my budget',
    'That’s way too much for me',
    "hmm, it's a bit pricey",
    "I can't afford that one",
    'this is more than I want to spend',
    'the price is too high',
    'these are overpriced, anything else?',
    'I love it but it is too expensive',
    'es demasiado caro',
    'se me va de precio',
    'muy caro para mí',
    'está carísimo',
    'carísimo',
    'fuera de mi presupuesto, ¿tienes otro?',
    'me gusta pero es demasiado caro',
    'lo veo algo caro para mí',
    'no me alcanza para ese',
    'that is beyond my means',
    'it is a little over my budget',
    "that's a bit much",
    'way over what I wanted to pay',
    'kinda pricey',
    'me queda caro',
    '¡Qué caro!',
  ];
  for (const text of dear) it(`"${text}" → below`, () => assert.equal(extractPriceComparison(text), 'below'));

  it('reads none from a question, a negation, something sought or supposed, a service, a purchase anyway or the word alone', () => {
    for (const text of [
      'is it too expensive to ship?',
      'is the gold one too expensive?',
      'how expensive is the silver one?',
      '¿es demasiado caro?',
      'would that be too expensive',
      'not too expensive',
      'no es demasiado caro',
      'I do not think it is too much',
      'that is not overpriced',
      "too expensive? no way, I'll take it",
      'it is a bit pricey but worth it',
      'es un poco caro pero me lo llevo',
      "I don't want anything too expensive",
      'nothing too pricey please',
      'if it is too expensive I will pass',
      'the shipping is way too expensive',
      'too expensive to ship',
      'el envío es muy caro',
      'está caro el envío',
      'a microwave that fits over the range',
      'is that a lot of money?',
      'very expensive watches',
      'no me queda caro',
      'algo caro',
      "one guy loves his, another says it's overpriced",
      'mi jefe tiene una silla carísima',
      'es demasiado caro para enviar',
      'expensive-looking jewellery',
      'too much glitter',
      'something expensive',
    ]) {
      assert.equal(extractPriceComparison(text), undefined, text);
    }
  });

  it('states the low end too (the preference when no product is named)', () => {
    assert.equal(extractPricePreference("that's too expensive"), 'low');
    assert.equal(extractPricePreference('se me va de precio'), 'low');
    assert.equal(extractPricePreference('is it too expensive to ship?'), undefined);
  });
});

describe('priceEndAsked: a list ordered by price (a superlative or a sort), not only nudged', () => {
  const end = (text: string) => priceEndAsked(text, extractPricePreference(text));
  for (const [text, want] of [
    ["what's the cheapest thing you have?", 'low'],
    ['the most expensive necklace', 'high'],
    ['show me the least expensive sofa', 'low'],
    ['the priciest earrings you have got', 'high'],
    ['most affordable earrings', 'low'],
    ['el collar más barato', 'low'],
    ['lo más económico que tengas', 'low'],
    ['cuál es la pulsera más cara', 'high'],
    ['el de menor precio', 'low'],
    ['necklaces sort by price', 'low'],
    ['sort by price, highest first', 'high'],
    ['earrings sorted from cheapest to most expensive', 'low'],
    ['show me bracelets from highest to lowest price', 'high'],
    ['ordenar por precio de mayor a menor', 'high'],
    ['del más barato al más caro', 'low'],
    ['pulseras ordenadas de la más barata a la más cara', 'low'],
  ] as const) {
    it(`"${text}" → ${want}`, () => assert.equal(end(text), want));
  }

  it('reads none from a preference only, a comparative, a sort of something else or a price said of one product', () => {
    for (const text of ['cheap jackets', 'algo barato', 'something cheaper than that', 'quiero una cosa más barata', 'tallas de menor a mayor', 'I want to go from low to high energy', 'la Nespresso sale más cara a la larga', 'premium headphones']) {
      assert.equal(end(text), undefined, text);
    }
  });

  it('a sort names both ends: no comparative of the product discussed ("de mayor a menor precio" read "a menor precio" as cheaper)', () => {
    for (const text of ['de mayor a menor precio', 'ordenar de menor a mayor precio']) assert.equal(extractPriceComparison(text), undefined, text);
    assert.equal(extractPriceComparison('algo a menor precio'), 'below');
  });

  it('the entities say it (`byPrice`), with the end the sort names', () => {
    assert.deepEqual([extractEntities('de mayor a menor precio', 'es').pricePreference, extractEntities('de mayor a menor precio', 'es').byPrice], ['high', true]);
    assert.equal(extractEntities('cheap jackets', 'en').byPrice, undefined);
  });
});

it('a cheap word not wanted is the high end ("nothing cheap", "no quiero nada barato"); a remark on a price is no preference', () => {
  for (const t of ['a necklace, nothing cheap', 'nothing cheap-looking for my mom', "I don't want anything cheap", 'nada barato', 'no quiero nada barato', 'que no sea barato']) assert.equal(extractPricePreference(t), 'high', t);
  for (const t of ["it's not cheap", 'no es barato', 'that is not cheap at all']) assert.equal(extractPricePreference(t), undefined, t);
  // Neither end: "nothing cheap, but nothing too expensive either".
  assert.equal(extractPricePreference('nada barato pero tampoco carísimo'), undefined);
  assert.equal(extractPricePreference('nothing cheap, but nothing too expensive'), undefined);
});

it('more ways to ask for a price end, a sort, a count and a step (black-box probe, 2026-12-06)', () => {
  const read = (t: string, lang: 'en' | 'es' = 'en') => {
    const e = extractEntities(t, lang);
    return [e.pricePreference, e.byPrice, e.howMany, e.priceRelative];
  };
  assert.deepEqual(read('sort the earrings from most to least expensive'), ['high', true, undefined, undefined]);
  assert.deepEqual(read('earrings from least to most expensive'), ['low', true, undefined, undefined]);
  assert.deepEqual(read('the 2 dearest earrings'), ['high', true, 2, undefined]);
  assert.deepEqual(read('show me your lowest priced bracelets, just 2'), ['low', true, 2, undefined]);
  assert.deepEqual(read('earrings with the highest price'), ['high', true, undefined, undefined]);
  assert.deepEqual(read('THE CHEAPEST NECKLACE YOU HAVE!!!'), ['low', true, undefined, undefined]);
  assert.deepEqual(read('the single most expensive bracelet in the store'), ['high', true, 1, undefined]);
  // "De menor precio" after the article and a noun is the superlative, not a comparative with nothing.
  assert.deepEqual(read('el arete de menor precio', 'es'), ['low', true, undefined, undefined]);
  assert.deepEqual(read('el sofá de mayor precio', 'es'), ['high', true, undefined, undefined]);
  assert.deepEqual(read('quiero ver los aretes más económicos, los dos primeros nomás', 'es'), ['low', true, 2, undefined]);
  assert.deepEqual(read('lo más barato que tengan para el jardín, dos cosas', 'es'), ['low', true, 2, undefined]);
  // "Costs less" is a step down from the product in view; with a number it is a budget.
  assert.deepEqual(read('do you have one that costs less?'), ['low', undefined, undefined, 'below']);
  assert.deepEqual(read('quiero algo parecido pero que cueste menos', 'es'), ['low', undefined, undefined, 'below']);
  assert.deepEqual(read('something that costs less than $50'), [undefined, undefined, undefined, undefined]);
  assert.deepEqual(read('que cueste menos de 30 euros', 'es'), [undefined, undefined, undefined, undefined]);
});

it('a count after a verb of showing is how many to show, with or without a price end ("show me 3 shirts", "muéstrame 3 camisas")', () => {
  const count = (t: string, lang: 'en' | 'es' = 'en') => extractEntities(t, lang).howMany;
  assert.equal(count('show me 3 shirts'), 3);
  assert.equal(count('give me two options'), 2);
  assert.equal(count('show me 2 cheapest necklaces'), 2);
  assert.equal(count('muéstrame 3 camisas', 'es'), 3);
  assert.equal(count('dame dos opciones de collares', 'es'), 2);
  // How many to buy, a size, an amount: no count of the list.
  for (const t of ['I need 3 shirts', 'show me size 3 shoes', 'show me 50 dollar shirts']) assert.equal(count(t), undefined, t);
});
