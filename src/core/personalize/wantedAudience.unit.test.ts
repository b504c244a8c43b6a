import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntentEntities } from '../intent/types.ts';
import type { ProductAudience } from './productAudience.ts';
import { fitsAudience, heldAudience, wantedAudience } from './wantedAudience.ts';

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

  it('holds a recipient with no kind asked for too ("something for my dad": not the women\'s jacket); several people only rank', () => {
    assert.equal(fitsAudience(made('male'), E({ recipient: 'girlfriend', isGift: true })), false, "a gift for my girlfriend: not a men's product");
    assert.equal(fitsAudience(made(), E({ recipient: 'girlfriend', isGift: true })), true, 'one that says nothing of its audience');
    assert.equal(heldAudience(E({ recipient: 'father', isGift: true })), 'male');
    assert.equal(fitsAudience(made('child'), E({ recipient: 'son', isGift: true })), true, "my son may be a child: a kids' product fits");
    assert.equal(heldAudience(E({ recipient: 'wife', isGift: true, severalRecipients: true })), undefined);
    assert.equal(fitsAudience(made('male'), E({ audience: 'women', recipient: 'husband' })), false, "a women's product said of the product holds");
  });

  it("holds a woman's or a man's recipient of a kind to the products not made for the other sex", () => {
    const shirt = (recipient: string) => E({ recipient, isGift: true, categories: ['Shirt'] });
    assert.equal(heldAudience(shirt('boyfriend')), 'male');
    assert.equal(fitsAudience(made('female'), shirt('boyfriend')), false, "una camisa para mi novio: not a women's blouse");
    assert.equal(fitsAudience(made('male'), shirt('boyfriend')), true);
    assert.equal(fitsAudience(made(), shirt('boyfriend')), true, 'says nothing of its audience');
    assert.equal(fitsAudience(made('female', 'male'), shirt('mother')), true, 'unisex');
    assert.equal(fitsAudience(made('child'), shirt('son')), true, "a kids' shirt may be for my son");
    assert.equal(fitsAudience(made('female', 'child'), shirt('son')), false, "a girls' shirt is not for my son");
    assert.equal(fitsAudience(made('male'), shirt('mother')), false);
  });

  it('never holds the recipient of a message naming several people (whom each product is for is not known)', () => {
    const e = E({ recipient: 'wife', severalRecipients: true, isGift: true, categories: ['Shirt', 'Jacket'] });
    assert.equal(heldAudience(e), undefined);
    assert.equal(fitsAudience(made('male'), e), true);
    assert.equal(wantedAudience(e), 'female', 'it still ranks');
  });

  it('holds a recipient whose word or pronoun alone says their sex ("mi amiga", "my partner, he…") as a woman or a man', () => {
    const partner = E({ recipient: 'partner', recipientSex: 'male', isGift: true, categories: ['Jacket'] });
    assert.equal(heldAudience(partner), 'male');
    assert.equal(fitsAudience(made('female'), partner), false, "a women's jacket is not for him");
    assert.equal(wantedAudience(E({ recipient: 'friend', recipientSex: 'female', isGift: true })), 'female');
  });

  it('never holds a child recipient (a child or an adult) nor one of no known sex', () => {
    assert.equal(heldAudience(E({ recipient: 'baby', categories: ['Shirt'] })), undefined);
    assert.equal(heldAudience(E({ recipient: 'friend', categories: ['Shirt'] })), undefined);
    assert.equal(fitsAudience(made('male'), E({ recipient: 'grandchild', categories: ['Shirt'] })), true);
  });
});
