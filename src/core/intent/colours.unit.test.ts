import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractColours } from './colours.ts';

describe('Spanish “plata” and “oro”: money and sayings are not colours', () => {
  const notColours = [
    'que no cueste un montón de plata',
    'un poco de plata para gastar',
    'quiero ahorrar tiempo y plata',
    'tengo poca plata',
    'no tengo mucha plata',
    'quiero más plata',
    'gastar mucha plata en un regalo',
    'no me alcanza la plata',
    'me sobra plata',
    'plata y tiempo',
    'regalo para bodas de oro',
    'regalo para unas bodas de plata',
    'la regla de oro de los regalos',
    'un libro del siglo de oro',
    'la fiebre del oro',
  ];
  for (const text of notColours) it(`${text} → no colour`, () => assert.deepEqual(extractColours(text, 'es'), []));

  const metals: [string, string[]][] = [
    ['collar de plata', ['silver']],
    ['anillo de oro', ['gold']],
    ['pendientes en plata', ['silver']],
    ['anillo de plata de ley', ['silver']],
    ['collar bañado en oro', ['gold']],
    ['un reloj color plata', ['silver']],
    ['anillo de plata y oro', ['silver', 'gold']],
    ['collar de plata que cueste menos de 50 €', ['silver']],
    ['aretes de plata que no cuesten mucho', ['silver']],
    ['gastar poco en un collar de plata', ['silver']],
    ['collar de plata para pagar a plazos', ['silver']],
    ['busco algo de plata para mi novia', ['silver']],
    ['ganchos de plata', ['silver']],
  ];
  for (const [text, want] of metals) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractColours(text, 'es'), want));
});

describe('Spanish “café”: the colour brown when it describes a thing, the drink otherwise', () => {
  const brown = [
    'cojines cafés',
    'unos zapatos cafe',
    'un bolso café',
    'botas de cuero cafés',
    '¿lo tienen en café?',
    'quiero que sea café',
    'uno que no es café',
    'negro y café',
    'café o beige',
    'la café, no la negra',
    'algo café para la sala',
    'colores cafés',
  ];
  for (const text of brown) it(`${text} → brown`, () => assert.ok(extractColours(text, 'es').includes('brown'), text));

  const drink = [
    'una taza de café',
    'quiero café',
    'un café',
    'unos cafés',
    'me gusta el café',
    'tomar café por la mañana',
    'algo de café',
    'que sea café de Colombia',
    'una mochila, café y galletas',
    'té o café',
    'sin café',
    'outdoor cafe chairs',
  ];
  for (const text of drink) it(`${text} → no colour`, () => assert.deepEqual(extractColours(text, /outdoor/.test(text) ? 'en' : 'es'), []));
});

describe('shades and diminutives of a colour read as the colour', () => {
  const en: [string, string[]][] = [
    ['a bluish vase', ['blue']],
    ['reddish cushions', ['red']],
    ['something greyish or grayish', ['grey']],
    ['whitish curtains', ['white']],
    ['a purplish throw', ['purple']],
    ['pinkish tones', ['pink']],
  ];
  for (const [text, want] of en) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractColours(text, 'en'), want));

  const es: [string, string[]][] = [
    ['un jarrón azulado', ['blue']],
    ['una maceta azulada', ['blue']],
    ['cojines verdosos', ['green']],
    ['un tono rojizo', ['red']],
    ['una taza azulito', ['blue']],
    ['una taza azulita', ['blue']],
    ['unas velas rojitas', ['red']],
    ['cojines blanquitos', ['white']],
    ['algo verdecito', ['green']],
    ['un bolso marroncito', ['brown']],
    ['un collar doradito', ['gold']],
    ['un jarrón gris clarito', ['grey']],
    ['una manta grisita', ['grey']],
    ['un jarrón verde azulado', ['turquoise']],
  ];
  for (const [text, want] of es) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractColours(text, 'es'), want));

  const none = [
    'un regalo para mi negrito', // a term of endearment
    'algo para mi negrita',
    'un regalo para la tía Rosita', // a name: no diminutive of "rosa"
    'me falta platita', // money
    'un cafecito', // coffee
  ];
  for (const text of none) it(`${text} → no colour`, () => assert.deepEqual(extractColours(text, 'es'), []));
});

describe('brass is a metal colour as copper and bronze are', () => {
  it('"copper or brass" asks for either, not both; "latón" is brass', () => {
    assert.deepEqual(extractColours('bedside lamp, copper or brass', 'en'), ['copper', 'brass']);
    assert.deepEqual(extractColours('una lámpara de latón', 'es'), ['brass']);
  });
});

describe('English "cream", "oatmeal" and "cognac": colours where they describe a thing, food, drink and skin care otherwise', () => {
  it('reads them before a kind, after "in" ending the phrase, and beside another colour', () => {
    for (const [text, want] of [
      ['a cream sweater', ['cream']],
      ['an oatmeal jumper', ['beige']],
      ['cardigans in cream', ['cream']],
      ['chunky knit cardigans, oatmeal or cream', ['beige', 'cream']],
      ['cream and navy striped shirt', ['cream', 'navy']],
      // "cognac", a leather's colour (tan), with its material between it and the kind too.
      ['ankle boots in cognac', ['tan']],
      ['cognac leather boots', ['tan']],
    ] as const) assert.deepEqual(extractColours(text, 'en'), want, text);
  });

  it('reads no colour in food or skin care', () => {
    for (const text of ['hand cream', 'cream for dry skin', 'ice cream maker', 'oatmeal cookies', 'a bottle of cognac', 'a gift for my dad, he loves cognac']) assert.deepEqual(extractColours(text, 'en'), [], text);
  });
});

describe('Spanish “tan” (so) before a word of how is no colour, in a follow-up too short to read as Spanish', () => {
  it('"no tan cara", "tan grande": none; "tan boots", "a tan leather jacket": tan', () => {
    for (const t of ['no tan cara', 'tan grande', 'no tan llamativo']) assert.deepEqual(extractColours(t, 'en'), [], t);
    for (const t of ['tan boots', 'a tan leather jacket', 'something in tan']) assert.deepEqual(extractColours(t, 'en'), ['tan'], t);
  });
});

describe('Spanish “crema”: the colour cream where it describes a thing', () => {
  it('"sofá crema", "unos cojines crema", "¿lo tienen en crema?": cream; "crema hidratante", "crema de manos": none', () => {
    for (const t of ['sofá crema', 'unos cojines crema', '¿lo tienen en crema?']) assert.deepEqual(extractColours(t, 'es'), ['cream'], t);
    for (const t of ['crema hidratante', 'quiero crema de manos', 'una crema para la cara']) assert.deepEqual(extractColours(t, 'es'), [], t);
  });
});
