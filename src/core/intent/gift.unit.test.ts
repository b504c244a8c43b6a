import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractGift } from './gift.ts';

const recipient = (t: string) => extractGift(t).recipient;

describe('extractGift: "para mi" before a word is "my", not "for me"', () => {
  it('regional words for a parent or a partner, after "mi"', () => {
    assert.equal(recipient('un regalo para mi viejo'), 'father');
    assert.equal(recipient('algo lindo para mi vieja'), 'mother');
    assert.equal(recipient('pa mi apá'), 'father');
    assert.equal(recipient('a mi amá le encanta el oro'), 'mother');
    assert.equal(recipient('un collar para mi chica'), 'girlfriend');
    assert.equal(recipient('regalo para mi jefecita'), 'mother');
  });
  it('"para mi <someone unknown>" names nobody, and is not the shopper', () => {
    for (const t of ['para mi perrita', 'algo para mi casa', 'para mi departamento nuevo']) assert.equal(recipient(t), undefined, t);
    assert.equal(extractGift('para mi casa').isGift, false);
  });
  it('in-laws and godparents are someone: a new person, whose tastes are their own', () => {
    for (const [t, r] of [['para mi cuñada', 'sister_in_law'], ['Ahora algo para mi cuñado, una pulsera', 'brother_in_law'], ['a gift for my son-in-law', 'son_in_law'], ['para mi madrina', 'godmother']] as const) assert.equal(recipient(t), r, t);
  });
  it('parents, a Mexican boyfriend or girlfriend, a workmate, and the one an anniversary is with (shopper probe)', () => {
    for (const [t, r] of [
      ['christmas gift for my parents', 'parents'],
      ['regalo para mis papás', 'parents'],
      ['para mis viejos', 'parents'],
      ['algo para mi chavo, una chamarra', 'boyfriend'],
      ['un regalo para mi chava', 'girlfriend'],
      ['un detalle para mi compa de trabajo', 'colleague'],
      ['para mi compa', 'friend'],
      ['un collar para el aniversario con mi esposa', 'wife'],
      ['something for our anniversary with my husband', 'husband'],
    ] as const)
      assert.equal(recipient(t), r, t);
    // Near misses: the words without "my" are other words ("sin un chavo": broke; "papas": potatoes).
    for (const t of ['sin un chavo', 'un chavo me dijo', 'comer papas', 'los viejos tiempos']) assert.equal(recipient(t), undefined, t);
  });
  it('"para mí" is the shopper, accent or not, before a pause or a word "my" cannot precede', () => {
    for (const t of ['para mí', 'es para mi', 'para mi, algo de plata', 'para mi el de plata', 'para mi misma', 'collar para mi', 'para mi es mejor el dorado', 'for me', 'for myself'])
      assert.equal(recipient(t), 'self', t);
    assert.equal(recipient('para mi y para mi hermana'), 'sister');
  });
  it('without "mi" those words are no one: an old watch, an audience, a verb', () => {
    assert.equal(recipient('un reloj viejo'), undefined);
    assert.equal(recipient('un perfume para chica'), undefined);
    assert.equal(recipient('mi novia ama el oro'), 'girlfriend');
  });
  it('a mother-in-law or a father-in-law is their own person, not a mother or a father (a reason said "for your mother" of "mi suegra")', () => {
    for (const t of ['un regalo para mi suegra', 'a gift for my mother-in-law']) assert.equal(recipient(t), 'mother_in_law', t);
    for (const t of ['algo para mi suegro', 'something for my father in law']) assert.equal(recipient(t), 'father_in_law', t);
  });

  it('"mi jefa" stays a boss (the meaning everywhere; Mexico\'s "my mum" cannot be told from the words)', () => {
    assert.equal(recipient('algo para mi jefa'), 'boss');
  });
});

describe('extractGift: whether a recipient whose English word says neither is a woman or a man', () => {
  const sex = (t: string) => extractGift(t).recipientSex;
  it('is their Spanish form ("mi amiga", "mi jefe", "la profesora", "mi prima")', () => {
    assert.equal(sex('un regalo para mi amiga'), 'female');
    assert.equal(sex('algo para mi jefe'), 'male');
    assert.equal(sex('un detalle para la profesora'), 'female');
    assert.equal(sex('para mi primo de 15'), 'male');
  });

  it('is a pronoun after them ("my partner, he is tall", "mi pareja, él…", "my boss, she loves…")', () => {
    assert.equal(sex('a jacket for my partner, he is tall'), 'male');
    assert.equal(sex('una camisa para mi pareja, él usa talla M'), 'male');
    assert.equal(sex('para mi pareja, el es muy friolento'), 'male');
    assert.equal(sex('a gift for my boss, she loves gardening'), 'female');
    assert.equal(sex('regalo para mi profe, ella ama las plantas'), 'female');
  });

  it('is nothing when nothing says it, when both are said, for a word that says it already, or for several people', () => {
    for (const t of ['something for my partner', 'un regalo para mi pareja', 'un regalo para un compañero de trabajo', 'detallitos para el amigo invisible', 'a gift for my friend, he or she likes books', 'a gift for my wife, she likes gold', 'para mí y para mi amiga', 'a shirt for my husband']) {
      assert.equal(sex(t), undefined, t);
    }
  });
});

describe('extractGift: a person named by an agent, in the third person', () => {
  it('"for his wife", "for her husband", "for their mum" name the person', () => {
    assert.equal(recipient('a gift for his wife'), 'wife');
    assert.equal(recipient('User wants a gift for her husband'), 'husband');
    assert.equal(recipient('the shopper is buying for their mum'), 'mother');
  });
});

describe('extractGift: the person as the subject of what they would wear, need or like', () => {
  it('"something my teenage son would actually wear", "mi hijo de 15 años necesita una chaqueta"', () => {
    for (const [text, who] of [
      ['something my teenage son would actually wear', 'son'],
      ['what would suit my wife? my wife prefers gold', 'wife'],
      ['mi hijo de 15 años necesita una chaqueta', 'son'],
      ['a mi sobrina de 3 años le encanta el rosa', 'niece'],
    ] as const) {
      assert.equal(recipient(text), who, text);
    }
    // Near misses: the shopper with someone, or someone's thing.
    for (const text of ['my husband and I would like a sofa', "my sister's wedding is in june"]) assert.equal(recipient(text), undefined, text);
  });
});

describe('extractGift: several people named', () => {
  it('two people, or the shopper and someone: the first other than the shopper, and several', () => {
    for (const [text, first] of [
      ['a shirt for my wife and a jacket for my husband', 'wife'],
      ['una camisa para mi novio y una blusa para mi hermana', 'boyfriend'],
      ['un regalo para mi papá y otro para mi mamá', 'father'],
      ['algo para mí y para mi mamá', 'mother'],
    ] as const) {
      const g = extractGift(text);
      assert.deepEqual([g.recipient, g.severalRecipients], [first, true], text);
    }
  });
  it('near misses: one person, named once or twice, is not several', () => {
    for (const text of ['a shirt for my boyfriend', 'my boyfriend loves blue, a shirt for my boyfriend', 'para mí', 'a gift for my mom']) assert.equal(extractGift(text).severalRecipients, undefined, text);
  });
});

describe('extractGift: more people, and an age before the person', () => {
  const cases: [string, string][] = [
    ['a present for my 5 year old nephew', 'nephew'],
    ['shoes for my 5-year-old daughter', 'daughter'],
    ['a gift for my 3 yo son', 'son'],
    ['a thank you gift for my neighbour', 'neighbour'],
    ['un detalle para mi vecina', 'neighbour'],
    ['for my stepdad', 'father'],
    ['para mi madrastra', 'mother'],
    ['para mi hijastra', 'daughter'],
    ['for my godson', 'godchild'],
    ['para mi ahijado', 'godchild'],
    ['for my twins', 'child'],
    ['para mis mellizos', 'child'],
  ];
  for (const [text, who] of cases) it(`"${text}" → ${who}`, () => assert.equal(extractGift(text).recipient, who));
  it('"gemelos" are also cufflinks: given to someone, they name no one', () => {
    assert.equal(extractGift('quiero regalar gemelos de plata a mi padre').recipient, 'father');
    assert.equal(extractGift('unos gemelos para la boda').recipient, undefined);
  });
});

describe('extractGift: a gift denied is none', () => {
  for (const text of ["not a gift, it's for me", 'no es regalo, es para mí', 'no es para regalar', "it isn't a present", 'no gift wrap needed']) {
    it(`"${text}"`, () => assert.equal(extractGift(text).isGift, false));
  }
  it('a gift said for someone else still is one', () => assert.equal(extractGift('a gift for my mom, not a present for me').isGift, true));
});

describe('extractGift: mother\'s and father\'s day name the person', () => {
  it('"para el día de la madre" is a present for a mother, as "for mother\'s day" is; a person named says who', () => {
    for (const t of ['para el día de la madre, algo de oro', 'algo para el 10 de mayo', "something for mother's day"]) {
      assert.deepEqual([recipient(t), extractGift(t).isGift], ['mother', true], t);
    }
    assert.equal(recipient('regalo para el día del padre'), 'father');
    assert.equal(recipient('un regalo para mi esposa por el día de la madre'), 'wife');
  });
});

it('regional names of the person a present is for: "mi cucha" (Colombia: mum), "mi chaval" (Spain: the son)', () => {
  assert.equal(extractGift('un regalo para mi cucha').recipient, 'mother');
  assert.equal(extractGift('un regalo pa mi cucho').recipient, 'father');
  assert.equal(extractGift('algo para mi chaval de 8 años').recipient, 'son');
  // Someone else's: a dog's bed ("cucha") is no person.
  assert.equal(extractGift('la cucha de mi perro').recipient, undefined);
});

describe('extractGift: a possessive written without its apostrophe', () => {
  it('"my girlfriends 25th birthday", "my moms birthday", "my wifes anniversary": the person (none was read: shopper probe)', () => {
    for (const [t, r] of [['a gift for my girlfriends 25th birthday', 'girlfriend'], ['something for my moms birthday', 'mother'], ['my wifes anniversary gift', 'wife']] as const) {
      assert.equal(extractGift(t).recipient, r, t);
    }
    for (const t of ['for my sisters', 'my brothers are twins']) assert.equal(extractGift(t).recipient, undefined, t);
  });
});
