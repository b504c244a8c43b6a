import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntentEntities } from '../intent/types.ts';
import type { ProductAudience } from './productAudience.ts';
import { fitsAudience, wantedAudience } from './wantedAudience.ts';

const E = (e: Partial<IntentEntities>): IntentEntities => ({ categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false, ...e });
const made = (...a: ProductAudience[]) => new Set(a);

describe('wantedAudience and fitsAudience', () => {
  it('reads the audience said of the products before the person\'s', () => {
    assert.equal(wantedAudience(E({ audience: 'men', recipient: 'wife' })), 'male');
    assert.equal(wantedAudience(E({ recipient: 'grandmother' })), 'female');
    assert.equal(wantedAudience(E({ recipient: 'baby' })), 'child');
    assert.equal(wantedAudience(E({ recipient: 'self' })), undefined);
    assert.equal(wantedAudience(E({ recipient: 'friend' })), undefined);
  });

  it('leaves out only what is made for someone else', () => {
    const men = E({ audience: 'men' });
    assert.equal(fitsAudience(made(), men), true, 'says nothing of its audience (or unisex): for anyone');
    assert.equal(fitsAudience(made('male'), men), true);
    assert.equal(fitsAudience(made('female'), men), false);
    assert.equal(fitsAudience(made('female', 'child'), men), false, "girls' dress");
    assert.equal(fitsAudience(made('child'), men), false, "a kids' tee is not a men's tee");
    assert.equal(fitsAudience(made('male'), E({ audience: 'kids' })), false);
    assert.equal(fitsAudience(made('male', 'child'), E({ audience: 'kids' })), true, "boys' shoes are kids' shoes");
    assert.equal(fitsAudience(made('female'), E({})), true, 'nothing asked');
  });

  it('holds only an audience said of the products: a recipient is a preference (the product named for a partner stays)', () => {
    assert.equal(fitsAudience(made('male'), E({ recipient: 'girlfriend', isGift: true })), true);
    assert.equal(fitsAudience(made('child'), E({ recipient: 'husband', isGift: true })), true);
    assert.equal(fitsAudience(made('male'), E({ audience: 'women', recipient: 'husband' })), false, "a women's product said of the product holds");
  });
});
