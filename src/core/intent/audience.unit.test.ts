import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractAudience, selfAudience } from './audience.ts';
import { extractEntities } from './entities.ts';

describe('extractAudience: who the products are made for, said of the products', () => {
  const cases: [string, ReturnType<typeof extractAudience>][] = [
    ["men's running shoes", 'men'],
    ['mens hiking boots', 'men'],
    ['a womens jacket', 'women'],
    ["ladies' watches", 'women'],
    ['a jacket for women', 'women'],
    ['something for him', 'men'],
    // "para él" / "para ella" as "for him" / "for her" (shopper probe: not read); not the article ("para el jardín").
    ['un regalo para él', 'men'],
    ['una camisa para él, talla M', 'men'],
    ['algo para ella, que sea de plata', 'women'],
    ['algo para el jardín', undefined],
    ['algo para el que sea barato', undefined],
    ['kids shoes', 'kids'],
    ["children's books", 'kids'],
    ['pulsera de hombre', 'men'],
    ['zapatillas para mujer', 'women'],
    ['chaqueta de caballero', 'men'],
    ['camiseta femenina', 'women'],
    ['ropa de niños', 'kids'],
    ['zapatos para niña', 'kids'],
    ['ropa para chicos de 8 años', 'kids'],
    ['menswear', 'men'],
    ['shoes for a woman', 'women'],
    ["kid's shoes", 'kids'],
    ['pulsera pa hombre', 'men'],
    // One child, any child: "for a girl", "for a little boy", "para una niña".
    ['shoes for a girl', 'kids'],
    ['a dress for a little girl', 'kids'],
    ['a gift for a 10 year old boy', 'kids'],
    ['zapatos para una niña', 'kids'],
    // A person of the audience, with an article and a word describing them or not.
    ['a bracelet for a guy who sails', 'men'],
    ['a gift for an elderly gentleman', 'men'],
    ['a jacket for a man of 60', 'men'],
    ['a watch for a dude', 'men'],
    ['something for a lady', 'women'],
    ['a scarf for a young woman', 'women'],
    ['un regalo para una mujer de 40 años', 'women'],
    ['un reloj para un caballero', 'men'],
    ['algo para un hombre', 'men'],
    ['una pulsera para un chavo', 'men'],
    // Who will like, want or wear them, or whom they are got for.
    ['what would a woman like?', 'women'],
    ['something a guy would actually wear', 'men'],
    ['what should I get a 12 year old boy', 'kids'],
    ['a 6 year old girl would love this?', 'kids'],
    ['algo que le guste a una niña de 8 años', 'kids'],
    // From 13, a boy or a girl shops in the men's or women's sizes.
    ['what would a 16 year old girl like?', 'women'],
    ['ideas for a 16 year old girl', 'women'],
    ['what do 16 year old girls like', 'women'],
    ['a gift for a teenage girl', 'women'],
    ['a present for a girl turning 16', 'women'],
    ['hoodies for teen boys', 'men'],
    ['something for a boy who is 14', 'men'],
    ['algo que le guste a una chica de 16 años', 'women'],
    ['regalo para un chico de 15 años', 'men'],
    ['a present for a girl turning 6', 'kids'],
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(extractAudience(text), want));

  it('is not a person ("para mi mujer" is my wife: a recipient, gift.ts) nor a word inside another', () => {
    for (const text of ['un regalo para mi mujer', 'a gift for my man', 'is there a discount for you guys?', 'ropa de tipo casual', 'female-owned brand email', 'male to male cable', 'omen necklace', 'human hair wig', 'una mochila mediana o chica', 'tell me what the staff would like', 'for my 16 year old', 'a 3 year old warranty']) {
      assert.equal(extractAudience(text), undefined, text);
    }
  });

  it('is not a word inside a name: a game, a character, an event', () => {
    for (const text of [
      'quiero un juego de damas chinas',
      'un tablero de damas',
      'disfraz de hombre araña para mi hijo',
      'disfraz de hombre lobo',
      'taza de la mujer maravilla',
      'figura del niño dios',
      'ladies night candle',
      "a ladies' night gift box",
      'wonder woman mug',
      'man in the moon print',
      'men in black poster',
      'lady grey tea',
    ]) {
      assert.equal(extractAudience(text), undefined, text);
    }
  });

  it('still reads the audience beside a name, or standing on its own (near misses)', () => {
    const cases: [string, ReturnType<typeof extractAudience>][] = [
      ['juego de aretes para dama', 'women'],
      ['disfraz de araña para hombre', 'men'],
      ['disfraz de hombre araña para mujer', 'women'],
      ['ladies watch', 'women'],
      ["women's night gown", 'women'],
      ["a spider-man costume for men", 'men'],
    ];
    for (const [text, want] of cases) assert.equal(extractAudience(text), want, text);
  });

  it('names none when the text names several', () => {
    assert.equal(extractAudience("women's and men's sizes"), undefined);
    assert.equal(extractAudience('para hombre o mujer'), undefined);
    assert.equal(extractAudience('something for him and her'), undefined);
  });
});

describe("extractAudience: people's things and \"for her\" + a noun are no audience", () => {
  for (const text of [
    "an outfit for girls' night out",
    "girls' night in",
    "a gift for my kids' teacher",
    "something for the boys' soccer coach",
    "a donation for our kids' school",
    "a dress for her sister's wedding",
    'something for her graduation',
    'a bag for her birthday',
  ]) {
    it(text, () => assert.equal(extractAudience(text), undefined));
  }

  it('keeps the audience said of the products, and "for her" ending a clause or before a function word', () => {
    assert.equal(extractAudience("kids' shoes"), 'kids');
    assert.equal(extractAudience("the kids' shoes"), 'kids');
    assert.equal(extractAudience("girls' dresses"), 'kids');
    assert.equal(extractAudience('a scarf for her'), 'women');
    assert.equal(extractAudience('a scarf for her, please'), 'women');
    assert.equal(extractAudience('a watch for her under 100'), 'women');
    assert.equal(extractAudience('something for her?'), 'women');
    assert.equal(extractAudience('a watch for him'), 'men');
    assert.equal(extractAudience('a wallet for him for his birthday'), 'men');
  });
});

describe('selfAudience: the shopper saying who they are', () => {
  it('reads "I\'m a guy", "soy mujer"; not a girl dad, a manager, or a product\'s audience', () => {
    const cases: [string, ReturnType<typeof selfAudience>][] = [
      ["something smart for a wedding, I'm a guy", 'men'],
      ['I am a tall woman, size M', 'women'],
      ['Im a big guy, XL', 'men'],
      ['soy hombre y busco una chaqueta', 'men'],
      ['soy una chica, talla S', 'women'],
      ["I'm a girl dad, a gift for her birthday", undefined],
      ["I'm a manager", undefined],
      // An agent saying who the shopper is.
      ['User is a woman, size S, wants a top, max budget 60 USD', 'women'],
      ['Shopper: woman, size M.', 'women'],
      ['the customer is a man looking for boots', 'men'],
      ['la clienta es mujer, talla M', 'women'],
      ['the customer is a manager', undefined],
      // Regional words and parents.
      ['una campera para mí, soy mina', 'women'],
      ['una chamarra pa mí, soy morro', 'men'],
      ['soy mamá de dos y necesito una chaqueta abrigada para mí', 'women'],
      ["I'm a mom of three, need a jacket", 'women'],
      ['soy tipo de pocas palabras', undefined],
    ];
    for (const [t, a] of cases) assert.equal(selfAudience(t), a, t);
  });

  it('a parent saying who they are names no recipient ("I\'m a mom of three" was a gift for a mother)', () => {
    const e = extractEntities("I'm a mom of three, need a jacket", 'en');
    assert.deepEqual([e.recipient, e.isGift, e.audience], [undefined, false, 'women']);
    assert.equal(extractEntities('soy papá primerizo, busco un regalo para mi hija', 'es').recipient, 'daughter');
  });

  it('is the audience of what they ask for only when they name no one else it is for', () => {
    assert.equal(extractEntities("something smart for a wedding, I'm a guy", 'en').audience, 'men');
    assert.equal(extractEntities("I'm a guy looking for a gift for my girlfriend", 'en').audience, undefined);
    assert.equal(extractEntities('soy hombre y busco un regalo para mi novia', 'es').audience, undefined);
    assert.equal(extractEntities('the user is a man buying a gift for his wife', 'en').audience, undefined);
  });
});

describe('a child\'s age said of the person a gift is for: the kids\' section', () => {
  it('"a jacket for my son, he\'s 6", "mi hija de 8 años", "mi nieto que cumple 3 añitos", "my 6 year old"', () => {
    for (const [t, lang] of [
      ["a jacket for my son, he's 6", 'en'],
      ["a present for my baby girl, she's 2", 'en'],
      ['a jacket for my 6 year old', 'en'],
      ['una chamarra para mi hija de 8 años', 'es'],
      ['algo para mi nieto que cumple 3 añitos', 'es'],
      ['algo para mi sobrino de 5 años', 'es'],
      ['my son is 3, anything for him?', 'en'],
    ] as const) {
      assert.equal(extractEntities(t, lang).audience, 'kids', t);
    }
  });
  it('not a teen, an adult relative, a height or a size', () => {
    for (const t of ['a jacket for my son, he is 16', 'a necklace for my wife, she is 7 months pregnant', 'my daughter wears a size 8', 'she is 5 foot 2, a dress for my daughter']) {
      assert.equal(extractEntities(t, 'en').audience, undefined, t);
    }
  });
});

describe('extractAudience: an audience refused holds none', () => {
  const refused = ['a dress, not for kids', 'nothing for kids', 'not a kids watch', "no women's shoes", 'nada para niños', 'un vestido que no sea de niña', 'ropa que no sea de mujer'];
  for (const text of refused) it(`"${text}"`, () => assert.equal(extractAudience(text), undefined));
  it('the one not refused is the audience: "not for kids, for women"', () => assert.equal(extractAudience('not for kids, for women'), 'women'));
  it('"nothing" / "nada" in a question still asks', () => {
    assert.equal(extractAudience('is there nothing for men?'), 'men');
    assert.equal(extractAudience('¿no hay nada para niños?'), 'kids');
  });
  it('a negation before a pause is not said of the audience', () => {
    assert.equal(extractAudience('no, for her please'), 'women');
    assert.equal(extractAudience("I don't know, men's maybe"), 'men');
  });
});

describe('extractEntities: the audience refused is told apart (a conversation lets it go)', () => {
  it('"actually, not for kids" → notAudience kids; "not for kids, for women" → women, refusing kids', () => {
    assert.deepEqual([extractEntities('actually, not for kids', 'en').audience, extractEntities('actually, not for kids', 'en').notAudience], [undefined, 'kids']);
    const both = extractEntities('not for kids, for women', 'en');
    assert.deepEqual([both.audience, both.notAudience], ['women', 'kids']);
    assert.equal(extractEntities('zapatos para niños', 'es').notAudience, undefined);
  });
});
