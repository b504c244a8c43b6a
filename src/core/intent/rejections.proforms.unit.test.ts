/**
 * A negation that suggests or supposes ("why not the zipped one?", "si no la azul, la negra") or a
 * hedge ("not that I dislike the zipped one") rules nothing out; the same words said as a refusal do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import type { IntentLanguage, Rejection } from './types.ts';

const rejections = (text: string, lang: IntentLanguage): Rejection[] => [...extractEntities(text, lang).rejections];

describe('pro-form rejections in questions and hedges', () => {
  for (const [text, lang] of [
    ['why not the zipped one?', 'en'],
    ['why not the leather one?', 'en'],
    ['not that I dislike the zipped one, I just want to see all jackets', 'en'],
    ['if not the zipped one then the navy one', 'en'],
    ['¿por qué no la de cuero?', 'es'],
    ['por que no el dorado?', 'es'],
    ['si no la azul, la negra', 'es'],
    ['no es que no me guste el negro, quiero ver todo', 'es'],
  ] as const) {
    it(text, () => assert.deepEqual(rejections(text, lang), []));
  }

  it('still rules out the option said as a refusal', () => {
    assert.deepEqual(rejections('not the zipped one', 'en'), [{ kind: 'term', value: 'zipped' }]);
    assert.deepEqual(rejections('no la de cuero', 'es'), [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual(rejections('I dislike the zipped one', 'en'), [{ kind: 'term', value: 'zipped' }]);
  });
});
