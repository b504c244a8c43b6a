import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cueConflicts, featurize } from './features.ts';
import type { IntentLanguage } from './types.ts';

const cues = (text: string, lang: IntentLanguage = 'en'): string[] =>
  featurize(text, lang, undefined).names.filter((n) => n.startsWith('cue:')).map((n) => n.slice(4));

describe('featurize cue features', () => {
  it('marks getting hold of a chosen item (pickup, holding, a date), in both languages', () => {
    for (const [t, l] of [
      ['can I pick it up at the store tonight?', 'en'],
      ['please set one aside, I will swing by at six', 'en'],
      ['apártame la cuna, ahorita paso', 'es'],
      ['sepárame dos, mañana le consigno', 'es'],
      ['la paso a buscar hoy', 'es'],
      ['lo retiro en sucursal', 'es'],
    ] as const) assert.ok(cues(t, l).includes('logistics'), t);
    // Words that merely share a stem do not.
    for (const [t, l] of [
      ['stuff for my new apartment', 'en'],
      ['my dad retires next month', 'en'],
      ['show me the new collection', 'en'],
      ['busco cosas para el apartamento', 'es'],
    ] as const) assert.ok(!cues(t, l).includes('logistics'), t);
  });

  it('marks instalments, "if I buy", worth-it, how-it-works and suits-a-use questions', () => {
    assert.ok(cues('¿lo puedo pagar a 12 meses sin intereses?', 'es').includes('instalments'));
    assert.ok(cues('can I split the payment into 4?').includes('instalments'));
    assert.ok(!cues('an MSI gaming laptop').includes('instalments'));
    assert.ok(cues('if I order now will it arrive Friday?').includes('ifibuy'));
    assert.ok(cues('si lo pido hoy, ¿llega el lunes?', 'es').includes('ifibuy'));
    assert.ok(cues('is the OLED worth paying more for?').includes('worth'));
    assert.ok(cues('¿vale la pena pagar más por la pantalla?', 'es').includes('worth'));
    assert.ok(cues('how does noise cancelling actually work?').includes('works'));
    assert.ok(cues('¿qué significa no comedogénico?', 'es').includes('works'));
    assert.ok(cues('would this laptop be good enough for video editing?').includes('suits'));
    assert.ok(cues('¿esta sartén sirve para inducción?', 'es').includes('suits'));
    assert.ok(!cues('productos para el cabello', 'es').includes('suits'));
  });

  it('marks anecdotes and named options', () => {
    assert.ok(cues('my sister has the Dyson and I had a Shark').includes('anecdote'));
    assert.ok(cues('mi cuñado tiene una Trek', 'es').includes('anecdote'));
    assert.ok(cues('is the Pixel better than the Galaxy for photos').includes('names2'));
    assert.ok(!cues('I want the Nike shoes').includes('names2'));
    assert.ok(cues('sony or bose?').includes('xory'));
    assert.ok(cues('¿Motorola o Xiaomi?', 'es').includes('xory'));
    assert.ok(!cues('show me something warm for winter walks or hikes in the mountains this year please').includes('xory'));
  });

  it('marks two short options at the head of a clause inside a longer message, not a colour or payment choice', () => {
    for (const [t, l] of [
      ['Canon o Nikon para alguien que recién empieza con la fotografía', 'es'],
      ['en el grupo discuten: ¿la Bosch o la Makita? para arreglos de la casa', 'es'],
      ['hi, merino or cotton for hiking socks? my feet sweat a lot', 'en'],
      ['Oura or Withings for someone who only tracks sleep', 'en'],
    ] as const) assert.ok(cues(t, l).includes('pairhead'), t);
    for (const [t, l] of [
      ['¿lo tienen en rojo o azul?', 'es'],
      ['can I pay by card or cash?', 'en'],
      ['mi vecino tiene un Bosch, ¿cuál me conviene?', 'es'],
      ['quiero el rojo o el azul, el que llegue antes', 'es'],
    ] as const) assert.ok(!cues(t, l).includes('pairhead'), t);
  });
  it('reads Spanish "conviene" as whether one thing is worth it, not as a comparison: a second option makes that', () => {
    for (const t of ['¿me conviene una freidora de aire si vivo solo?', '¿conviene pagar más por el modelo con wifi?', 'no sé si me conviene la garantía extendida']) {
      assert.ok(cues(t, 'es').includes('worth'), t);
      assert.ok(!cues(t, 'es').includes('compare'), t);
    }
    // Near miss: with two options named, the alternative is there too.
    assert.ok(cues('¿me conviene el de 13 o el de 15 pulgadas?', 'es').includes('or'));
  });

  it('marks asking someone to pick, "which … more", rankings and people disagreeing about options', () => {
    const has = (cue: string, t: string, l: IntentLanguage = 'en'): void => assert.ok(cues(t, l).includes(cue), `${cue}: ${t}`);
    const hasNot = (cue: string, t: string, l: IntentLanguage = 'en'): void => assert.ok(!cues(t, l).includes(cue), `not ${cue}: ${t}`);
    has('pickone', 'entre la Oster y la Ninja, ¿con cuál te quedas?', 'es');
    has('pickone', '¿cuál elegirías para la oficina?', 'es');
    has('pickone', 'which one would you go with for a small kitchen?');
    has('pickone', 'mi papá y yo discutimos, ¿quién tiene razón?', 'es');
    hasNot('pickone', 'me quedo con el azul', 'es');
    has('whichmore', '¿cuál dura más con el uso diario?', 'es');
    has('whichmore', 'which of the two kettles is quieter');
    hasNot('whichmore', 'which size should I order');
    has('rank', 'ordénenme las licuadoras de la más barata a la más cara', 'es');
    has('rank', 'list your sofas from the cheapest to the priciest');
    has('rank', 'ordénenme los secadores del más liviano al más pesado', 'es');
    hasNot('rank', 'quiero ordenar el armario', 'es');
    has('disagree', 'mi suegra quiere la olla grande y yo digo que la mediana alcanza', 'es');
    has('disagree', 'en la oficina unos dicen Lenovo y otros HP', 'es');
    has('disagree', 'my husband wants the gas hob but I think induction is safer');
    hasNot('disagree', 'I think I want the blue one');
  });

  it('marks care and durability, a yes/no with its own alternative and a purchase named only as a condition', () => {
    const has = (cue: string, t: string, l: IntentLanguage = 'en'): void => assert.ok(cues(t, l).includes(cue), `${cue}: ${t}`);
    const hasNot = (cue: string, t: string, l: IntentLanguage = 'en'): void => assert.ok(!cues(t, l).includes(cue), `not ${cue}: ${t}`);
    has('care', 'how should I store a cast iron pan?');
    has('care', 'how long do the soles hold up on concrete?');
    has('care', '¿cada cuánto se cambia el filtro?', 'es');
    has('care', '¿cómo se limpia la alfombra de lana?', 'es');
    hasNot('care', 'show me wool rugs');
    has('orclause', 'is it machine washable or is it dry clean only?');
    has('orclause', '¿es impermeable o solo repele el agua?', 'es');
    hasNot('orclause', 'the red or the black one?');
    has('policyif', 'is the guarantee the same even if I buy it in the sale?');
    hasNot('policyif', 'if I buy it now can you ship today');
  });
});

describe('cueConflicts', () => {
  const k = (text: string, lang: IntentLanguage = 'en'): number => cueConflicts(featurize(text, lang, undefined));
  it('is 0 when the intent-specific cues agree or are absent, and counts the extra intents otherwise', () => {
    assert.equal(k('can I pick it up today?'), 0);
    assert.equal(k('hello there'), 0);
    assert.equal(k('is 4K worth it, or is there no difference on a small screen?'), 1);
    assert.equal(k('¿vale la pena? ¿cuál es mejor?', 'es'), 1);
  });
});
