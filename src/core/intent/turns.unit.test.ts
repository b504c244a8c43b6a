import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractBudget } from './budget.ts';
import { extractEntities } from './entities.ts';
import { allowedNow, asksAnew, asksWholeKind, buysIt, clearedByInput, clearedByText, dropsBudget, kindClauses, talkSentences } from './turns.ts';

describe('turns: a turn that lets go of the budget', () => {
  const drops = [
    'forget the budget',
    'Forget about the budget',
    'actually, forget the price',
    "ok let's forget the budget and show me gold ones",
    'never mind the budget',
    'nvm the budget',
    'nevermind the price limit',
    'scrap the budget',
    'ignore my budget, I want the best',
    "don't worry about the budget",
    'no need for a budget',
    'drop the price limit',
    'remove the budget',
    'any price',
    'Any price is fine',
    'I would buy it at any price',
    'any budget works',
    "price doesn't matter",
    'The price does not matter',
    'price doesnt really matter',
    'budget is not an issue',
    "money's no object",
    'money is no object',
    'cost is no issue',
    "I don't care about the price",
    "we don't care how much it costs",
    "it doesn't matter what it costs",
    'regardless of price',
    'no matter the cost',
    'whatever it costs',
    'no budget',
    'No budget, just the nicest one',
    'no price limit',
    'without a spending limit',
    'no limit on the price',
    'unlimited budget',
    "I'm not on a budget",
    'sin límite de precio',
    'sin tope de gasto',
    'olvida el presupuesto',
    'Olvídate del presupuesto',
    'bueno, olvidemos el precio',
    'el precio da igual',
    'me da igual el precio',
    'el presupuesto no importa',
    'no importa el precio',
    'no me importa lo que cueste',
    'el precio es lo de menos',
    'el dinero no es problema',
    'cueste lo que cueste',
    'a cualquier precio',
    'sin presupuesto, lo mejor que tengas',
  ];
  for (const t of drops) it(`drops: ${t}`, () => assert.equal(dropsBudget(t), true));

  // Near misses: nothing here lets go of a budget.
  const keeps = [
    "I can't forget her birthday",
    "don't forget the budget",
    "don't forget it has to be under 50",
    'did you forget the budget?',
    'price matters a lot to me',
    'does the price matter?',
    "price doesn't matter as much as quality",
    "the price doesn't matter that much",
    'can you drop the price?',
    'any price drops this week?',
    'is there any price match guarantee',
    'I have no budget for that',
    'there is no budget left',
    'no limit on quantity?',
    'the budget is tight',
    'what is the price',
    'se me olvida el presupuesto',
    'no olvides el presupuesto',
    'el precio importa mucho',
    'el precio no importa tanto',
    'me quedé sin presupuesto',
    'sin límite de tiempo',
    'no importa el color',
    'forget the necklace',
    'never mind the gold',
  ];
  for (const t of keeps) it(`keeps: ${t}`, () => assert.equal(dropsBudget(t), false));
});

describe('turns: what a turn clears', () => {
  const said = (text: string) => clearedByText(text, extractBudget(text));

  it('clears the budget when the words let go of it and no budget follows', () => {
    assert.deepEqual(said('forget the budget'), ['budget']);
    assert.deepEqual(said('earrings under 100. Actually, forget the budget'), ['budget'], 'the budget before it goes too');
    assert.deepEqual(said('forget the budget, under 80 now'), [], 'a new budget after it is the one that counts');
    assert.deepEqual(said("price doesn't matter as long as it's under 50"), []);
    assert.deepEqual(said("don't forget it has to be under 50"), []);
    assert.deepEqual(said('silver earrings'), []);
  });

  it('clears a colour, size or brand the words let go of ("any colour but black" too: black is then ruled out); not a question', () => {
    const cases: [string, string[]][] = [
      ['actually forget the colour, anything with pockets?', ['colour']],
      ['ok any colour then', ['colour']],
      ['any colour is fine', ['colour']],
      ['whatever color', ['colour']],
      ['olvida el color', ['colour']],
      ['no importa el color', ['colour']],
      ['de cualquier color', ['colour']],
      ['the size does not matter', ['size']],
      ['cualquier talla', ['size']],
      ["I don't care about the brand", ['brand']],
      ['la marca da igual', ['brand']],
      ['forget the budget and the colour', ['budget', 'colour']],
      ['do you have it in any colour?', []],
      ['any colour but black', ['colour']],
      ['I love this colour', []],
      ['my size is M', []],
    ];
    for (const [text, kinds] of cases) assert.deepEqual(said(text), kinds, text);
  });

  it("keeps a caller's structured budget the text does not show", () => {
    assert.deepEqual(clearedByText('forget the budget', { text: '' }), []);
  });

  it('reads an explicitly empty list as cleared and an absent one as nothing said', () => {
    assert.deepEqual(clearedByInput({ colours: [] }), ['colour']);
    assert.deepEqual(clearedByInput({ colours: [], sizes: [], brands: [], categories: [], exclude: [] }), ['colour', 'size', 'brand', 'category', 'rejection']);
    assert.deepEqual(clearedByInput({ colours: ['navy'], sizes: ['M'], exclude: ['leather'] }), []);
    assert.deepEqual(clearedByInput({}), []);
    assert.deepEqual(clearedByInput(undefined), []);
  });
});

describe('turns: a request of its own for something not named', () => {
  const anew = (t: string, lang: 'en' | 'es' = 'en') => asksAnew(t, extractEntities(t, lang));
  it('"something … for / to …", "algo … para …", at the start or after a verb of asking', () => {
    for (const t of ['something summery and light to wear at the beach', 'actually, I need something warm for the winter', 'do you have anything for a picnic?', 'ok. Something to keep me cool'])
      assert.equal(anew(t), true, t);
    for (const t of ['busco algo fresco para la playa', 'mejor algo fresquito para el verano']) assert.equal(anew(t, 'es'), true, t);
  });
  it('not a refinement, a kind, an attribute, a lone describing word, or a person', () => {
    for (const t of ['something cheaper', 'something lighter for the summer', 'something similar', 'something in blue', 'something with pockets', 'something fancy', 'something for my mum', 'anything under 50 for the kitchen', 'something silver for her', 'a jacket for the winter', 'something leather to wear at night', 'no leather actually, something warm for winter', 'not black, something for the summer'])
      assert.equal(anew(t), false, t);
    for (const t of ['algo más barato para mi hermana', 'algo parecido', 'algo en azul para la playa', 'que no sea de cuero, mejor algo abrigado para el invierno']) assert.equal(anew(t, 'es'), false, t);
  });
  it('the end of the shop\'s whole price range ("what\'s the cheapest thing you have?"), whatever was sought', () => {
    for (const t of ["what's the cheapest thing you have?", 'show me your most expensive products']) assert.equal(anew(t), true, t);
    for (const t of ['¿qué es lo más barato que tienes?', 'lo más caro de la tienda']) assert.equal(anew(t, 'es'), true, t);
    for (const t of ['the cheapest one', 'cheapest items like this', 'which is the cheapest?']) assert.equal(anew(t), false, t);
    assert.equal(anew('¿qué es lo más barato?', 'es'), false, 'may ask of the list shown');
  });
});

describe('what a turn allows, in a long message', () => {
  it('is read after any run of letters, each word tried once (bench/longMessages.ts: no backtracking over a long word)', () => {
    assert.deepEqual([...allowedNow(`${'a'.repeat(8000)}. Leather is fine`)], ['leather']);
    assert.deepEqual([...allowedNow(`${'b'.repeat(8000)}`)], []);
    assert.deepEqual([...allowedNow('fine, leather is ok')], ['leather']);
    assert.deepEqual([...allowedNow('el cuero está bien')], ['cuero']);
  });
});

describe('a message read again', () => {
  it('is answered from memory with the same frozen answer, which no caller can change for the next request', () => {
    const text = 'forget the colour and any size is fine, the silver one is ok now';
    const first = allowedNow(text);
    assert.equal(allowedNow(text), first);
    assert.ok(Object.isFrozen(first));
    assert.throws(() => (first as string[]).push('gold'));
    assert.deepEqual(clearedByText(text), ['colour', 'size']);
    // The caller's copy is its own: changing it changes nothing the next reading answers.
    clearedByText(text).push('brand');
    assert.deepEqual(clearedByText(text), ['colour', 'size']);
    const sentences = talkSentences('Nice. Does it come in blue?');
    assert.equal(talkSentences('Nice. Does it come in blue?'), sentences);
    assert.ok(Object.isFrozen(sentences) && Object.isFrozen(kindClauses('a ring and matching earrings')));
  });
});

describe('asksWholeKind: the whole of a kind named, nothing said of it', () => {
  const whole = (t: string, lang: 'en' | 'es' = 'en') => asksWholeKind(t, extractEntities(t, lang));
  it('"show me all the sofas", "every necklace you have", "enséñame todos los sofás"', () => {
    for (const [t, lang] of [['show me all the sofas', 'en'], ['every necklace you have', 'en'], ['el precio da igual, enséñame todos los sofás', 'es'], ['quiero ver todas las pulseras', 'es']] as const) assert.equal(whole(t, lang), true, t);
  });
  it('not with a colour or size of it, nor with no kind ("all the yellow ones", "that is all")', () => {
    for (const [t, lang] of [['all the yellow sofas', 'en'], ['todos los sofás en gris', 'es'], ['that is all, thanks', 'en'], ['sofas', 'en'], ['I wear jeans every day', 'en'], ['I like all the colours of this sofa', 'en']] as const) assert.equal(whole(t, lang), false, t);
  });
});

describe('buysIt: the product discussed will be bought, nothing else asked after it', () => {
  it('"perfect, I\'ll take it", "great, I\'ll buy that one", "listo, me lo llevo", "lo compro"', () => {
    for (const t of ["perfect, I'll take it", "great, I'll buy that one", 'listo, me lo llevo', 'ok lo compro']) assert.equal(buysIt(t), true, t);
  });
  it('not with a request after it, nor a question or a wish of another', () => {
    for (const t of ["I'll take it. Now earrings to match", 'will it come in gold?', 'I want to buy a necklace', 'lo compro si viene en plata?']) assert.equal(buysIt(t), false, t);
  });
});
