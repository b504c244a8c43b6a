import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { checkProduct, rejectionOf } from './hardFilters.ts';
import { titleTerms, titleWords } from './titleTerms.ts';
import { extractEntities } from '../intent/entities.ts';

const blouse = product({ id: 'b', title: 'Striped Silk Blouse', description: 'Black and red silk blouse.' });
const skirt = product({ id: 'k', title: 'Summer Skirt', description: 'Falda de algodón a rayas.' });
const top = product({ id: 't', title: 'White Top', tags: ['women'], variants: [[20, true, { Pattern: 'Floral' }]] });
const gingham = product({ id: 'g', title: 'Gingham Shirt' });
const chequered = product({ id: 'c', title: 'Chequered Red Shirt' });
const plain = product({ id: 'p', title: 'Ocean Blue Shirt', description: 'A plain shirt.' });
const pot = product({ id: 'pot', title: 'White Ceramic Pot', description: 'Homemade white ceramic flower pot' });
const arrangement = product({ id: 'fa', title: 'Floral Arrangement', productType: 'Decor' });
const all = [blouse, skirt, top, gingham, chequered, plain, pot, arrangement];
const kept = (term: string) => all.filter((p) => checkProduct(p, { rejections: [rejectionOf(term, [], () => undefined)] }).keep).map((p) => p.id);

describe('a refused pattern is a hard filter (patternMatch.ts)', () => {
  it('drops products whose title, description or options say the pattern in any form or language', () => {
    assert.deepEqual(kept('stripes'), ['t', 'g', 'c', 'p', 'pot', 'fa']);
    assert.deepEqual(kept('rayas'), ['t', 'g', 'c', 'p', 'pot', 'fa']);
    assert.deepEqual(kept('striped'), ['t', 'g', 'c', 'p', 'pot', 'fa']);
    assert.deepEqual(kept('florals'), ['b', 'k', 'g', 'c', 'p', 'pot'], 'a floral option; a flower pot is no floral pattern; a floral arrangement is refused');
  });

  it('drops the members of a family: plaid rules out gingham and chequered; a member leaves the family', () => {
    assert.deepEqual(kept('plaid'), ['b', 'k', 't', 'p', 'pot', 'fa']);
    assert.deepEqual(kept('gingham'), ['b', 'k', 't', 'c', 'p', 'pot', 'fa']);
    assert.deepEqual(kept('patterns'), ['p', 'pot']);
  });

  it('makes no title term of a refused pattern in any of its forms', () => {
    const words = titleWords(all);
    const text = 'a silk blouse, no stripes please';
    const e = extractEntities(text, 'en', {});
    const terms = titleTerms(text, e, words);
    assert.ok(!terms.some((t) => /strip/.test(t)), terms.join(','));
    const text2 = 'a blouse, not striped';
    assert.ok(!titleTerms(text2, extractEntities(text2, 'en', {}), words).includes('striped'));
  });
});
