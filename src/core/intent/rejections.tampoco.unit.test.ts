/** "tampoco" ("not … either") refuses as "no" does (rejections.ts `findRejections`). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';

describe('"tampoco X" is a rejection, not a wish', () => {
  for (const t of ['ahora para mi madre, tampoco oro', 'tampoco le gusta el oro', 'a mí tampoco me gusta el dorado', 'un collar, nada de oro tampoco']) {
    it(`"${t}": gold ruled out, not wished`, () => {
      const e = extractEntities(t, 'es');
      assert.deepEqual(e.rejections.map((r) => r.value), ['gold'], JSON.stringify(e));
      assert.deepEqual([e.colours, e.materials ?? []], [[], []]);
    });
  }
  it('near miss: "tampoco es tan caro, un collar de oro" still wants gold', () => {
    const e = extractEntities('tampoco es tan caro, un collar de oro', 'es');
    assert.deepEqual([e.colours, e.rejections], [['gold'], []]);
  });
});
