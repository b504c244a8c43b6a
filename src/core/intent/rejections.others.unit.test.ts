/**
 * What someone else does not want ("she doesn't want gold", "ella no quiere oro", "no quieren cuero") is a
 * rejection, as "I don't want" / "no quiero" is: it was read as a wish for the very thing refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';

describe("another person's \"doesn't want X\" is a rejection, not a wish", () => {
  const cases: [string, 'en' | 'es', string][] = [
    ["she doesn't want gold", 'en', 'gold'],
    ['he does not want leather', 'en', 'leather'],
    ['ella no quiere oro', 'es', 'gold'],
    ['unos aretes, ella no quiere oro', 'es', 'gold'],
    ['no quieren cuero', 'es', 'leather'],
    ["she doesn't want it to be black", 'en', 'black'],
    ['ella no quiere que sea negro', 'es', 'black'],
  ];
  for (const [t, lang, refused] of cases) {
    it(`"${t}": ${refused} ruled out, not wished`, () => {
      const e = extractEntities(t, lang);
      assert.deepEqual(e.rejections.map((r) => r.value), [refused], JSON.stringify(e));
      assert.ok(!e.colours.includes(refused) && !(e.materials ?? []).includes(refused), JSON.stringify(e));
    });
  }

  it('a kind refused for someone, another asked for: "my wife doesn\'t want earrings, a necklace"', () => {
    const e = extractEntities("my wife doesn't want earrings, a necklace", 'en');
    assert.deepEqual([e.categories, e.rejections.map((r) => r.value)], [['necklaces'], ['earrings']]);
  });

  it('near misses: not wanting to do something refuses nothing ("¿no quiere ver los collares?", "she doesn\'t want to spend much")', () => {
    assert.deepEqual(extractEntities('¿no quiere ver los collares?', 'es').rejections, []);
    assert.deepEqual(extractEntities('¿no quiere ver los collares?', 'es').categories, ['necklaces']);
    assert.deepEqual(extractEntities("she doesn't want to spend much", 'en').rejections, []);
    assert.deepEqual(extractEntities('mi hijo no quiere gastar mucho', 'es').rejections, []);
  });
});
