/**
 * The shopper's words as the rules read them: full-width and styled letters, invisible characters
 * (text.ts `readableText`), and hyphenated names of colours and materials (hyphenated.ts). A QA probe
 * found "ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ" and "sil\u200bver neck\u200dlace" read nothing, and "a rose-gold bracelet"
 * asked for gold.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import { spaceHyphenatedNames } from './hyphenated.ts';
import { detectLanguage } from './language.ts';
import { fold, readableText } from './text.ts';

function read(text: string) {
  return extractEntities(text, detectLanguage(readableText(text)));
}

describe('readableText: compatibility forms and invisible characters', () => {
  it('reads full-width and styled letters and odd spaces as the plain ones', () => {
    assert.equal(readableText('ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ'), 'silver necklace');
    assert.equal(readableText('𝐬𝐢𝐥𝐯𝐞𝐫 ring'), 'silver ring');
    assert.equal(readableText('ＵＮ ＣＯＬＬＡＲ ＤＥ ＰＬＡＴＡ'), 'UN COLLAR DE PLATA');
    assert.equal(readableText('café\u00a0negro'), 'café negro');
    assert.equal(readableText('ﬁne'), 'fine');
  });

  it('drops zero-width and other format characters: U+200B–U+200D, U+2060, U+FEFF, the soft hyphen', () => {
    assert.equal(readableText('sil\u200bver neck\u200dlace'), 'silver necklace');
    assert.equal(readableText('\ufeffgold\u2060 ring\u200c'), 'gold ring');
    assert.equal(readableText('co\u00adllar de pla\u00adta'), 'collar de plata');
  });

  it('keeps what NFKC would turn into other words, and what needs no change', () => {
    assert.equal(readableText("a ring that ISN´T GOLD"), 'a ring that ISN´T GOLD', 'a spacing accent used as an apostrophe (NFKC: " ́")');
    assert.equal(readableText('modelo nº 5'), 'modelo nº 5', '"nº" is no "no"');
    assert.equal(readableText('Nike™ sneakers'), 'Nike™ sneakers');
    assert.equal(readableText('cancio\u0301n'), 'canción', 'NFC');
    const ascii = 'a plain message';
    assert.equal(readableText(ascii), ascii);
    for (const t of ['ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ', 'sil\u200bver', 'ISN´T', 'añoranza']) assert.equal(readableText(readableText(t)), readableText(t), `${t}: idempotent`);
  });

  it('the entity rules read such text as its plain form', () => {
    for (const t of ['ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ', 'sil\u200bver neck\u200dlace', '𝐬𝐢𝐥𝐯𝐞𝐫 necklace', '\ufeffsilver\u00a0necklace']) {
      const e = read(t);
      assert.deepEqual([e.categories, e.colours], [['necklaces'], ['silver']], t);
    }
    const es = read('ｕｎ ｃｏｌｌａｒ ｓｉｎ ｏｒｏ');
    assert.deepEqual([es.categories, es.rejections], [['necklaces'], [{ kind: 'material', value: 'gold' }]]);
    // The budget's text quotes what was read.
    assert.deepEqual(extractEntities('ｕｎｄｅｒ　５０ ｅｕｒｏｓ', 'en').budget, { max: 50, currency: 'EUR', text: 'under 50 euros' });
    // Nearby, unchanged.
    assert.deepEqual(read('silver necklace').colours, ['silver']);
    assert.deepEqual(read("a ring that ISN´T GOLD").rejections, [{ kind: 'material', value: 'gold' }]);
  });
});

describe('hyphenated names of colours and materials read as their spaced forms', () => {
  it('rose-gold, navy-blue, white-gold, oro-rosa are one colour each (before: gold; navy and blue; white and gold)', () => {
    for (const [t, colours] of [
      ['a rose-gold bracelet', ['rose gold']],
      ['rose-gold earrings', ['rose gold']],
      ['a rose–gold bracelet', ['rose gold']],
      ['a navy-blue sweater', ['navy']],
      ['a white-gold ring', ['white gold']],
      ['una pulsera oro-rosa', ['rose gold']],
      ['un jersey azul-marino', ['navy']],
      ['a sky-blue dress', ['light blue']],
    ] as const) {
      assert.deepEqual(read(t).colours, colours, t);
    }
  });

  it('as their spaced forms are, in a refusal and in a material asked for', () => {
    const e = read('a bracelet, but no rose-gold');
    assert.deepEqual([e.colours, e.rejections], [[], [{ kind: 'colour', value: 'rose gold' }]]);
    assert.deepEqual(read('a faux-leather jacket').materials, ['faux leather']);
    assert.deepEqual(read('una chamarra de cuero-sintetico').materials, ['faux leather']);
  });

  it('the spaced forms and other hyphenated words stay as they were', () => {
    assert.deepEqual(read('a rose gold bracelet').colours, ['rose gold']);
    assert.deepEqual(read('una pulsera de oro rosa').colours, ['rose gold']);
    assert.deepEqual(read('a gold bracelet').colours, ['gold']);
    assert.deepEqual(read('a gold-plated necklace').colours, ['gold']);
    assert.deepEqual(read('a silver-tone necklace').colours, ['silver']);
    assert.deepEqual(read('a black-and-white dress').colours, ['black', 'white']);
    const tee = read('a t-shirt in x-large');
    assert.deepEqual([tee.categories, tee.sizes], [['t-shirts'], ['XL']]);
    for (const t of ['a t-shirt', 'x-large', 'forget-me-not seeds', 'a well-made coat', 'a ring, rose-ish']) assert.equal(spaceHyphenatedNames(fold(t)), fold(t), t);
    assert.equal(spaceHyphenatedNames('a rose-gold-plated ring'), 'a rose gold plated ring', 'each name inside the run');
    assert.deepEqual(read('a dress, no tie-dye').rejections, [{ kind: 'term', value: 'tie-dye' }], 'a pattern, as before');
    assert.equal(spaceHyphenatedNames('rose-gold').length, 'rose-gold'.length, 'spans stay the text\'s');
  });
});
