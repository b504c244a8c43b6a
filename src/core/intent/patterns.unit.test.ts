import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

const refused = (text: string, lang: IntentLanguage = 'en') => extractEntities(text, lang, {}).rejections.map((r) => `${r.kind}:${r.value}`);

describe('refused patterns (patterns.ts)', () => {
  it('reads a refused pattern in any of its forms, English and Spanish, as its canonical name', () => {
    assert.deepEqual(refused('a silk top, but no stripes please'), ['term:striped']);
    assert.deepEqual(refused("a women's top, no florals please"), ['term:floral']);
    assert.deepEqual(refused('a shirt without stripes'), ['term:striped']);
    assert.deepEqual(refused('a dress that isn’t polka dot'), ['term:polka dot']);
    assert.deepEqual(refused('a shirt, nothing plaid or checkered'), ['term:plaid']);
    assert.deepEqual(refused('no stripes or florals'), ['term:striped', 'term:floral']);
    assert.deepEqual(refused('I hate leopard print'), ['term:leopard']);
    assert.deepEqual(refused('no camo'), ['term:camouflage']);
    assert.deepEqual(refused('una blusa de seda, sin rayas', 'es'), ['term:striped']);
    assert.deepEqual(refused('una camisa que no sea de cuadros', 'es'), ['term:plaid']);
    assert.deepEqual(refused('un vestido sin flores ni lunares', 'es'), ['term:floral', 'term:polka dot']);
    assert.deepEqual(refused('una falda sin estampados', 'es'), ['term:pattern']);
    assert.deepEqual(refused('¿una blusa sin rayas no hay?', 'es'), ['term:striped'], 'asked, it is a wish');
  });

  it('rules nothing out where a pattern is liked, allowed or not the point', () => {
    assert.deepEqual(refused('a silk top, striped is fine'), []);
    assert.deepEqual(refused('I love florals, a top please'), []);
    assert.deepEqual(refused('a top, no matter the pattern'), []);
    assert.deepEqual(refused('a striped top'), []);
    assert.deepEqual(refused('no, stripes are fine'), []);
    assert.deepEqual(refused("don't you have striped ones?"), []);
    assert.deepEqual(refused('sin rayas no hay', 'es'), [], 'what the shop lacks, no refusal');
    assert.deepEqual(refused('without stripes there are none'), []);
  });
});
