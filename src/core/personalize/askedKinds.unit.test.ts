import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindGroups, kindPeople } from './askedKinds.ts';

describe('kindGroups and kindPeople: kinds asked for together, and whom each is for', () => {
  it('each part naming kinds of its own is a group; a part naming a woman or a man says whom its group is for', () => {
    const parts = [
      { categories: ['Shirt', 'Blouse'], recipient: 'wife' },
      { categories: ['Jacket'], recipient: 'husband' },
    ];
    const groups = kindGroups(['Shirt', 'Blouse', 'Jacket'], parts.map((p) => p.categories));
    assert.deepEqual(groups, [['Shirt', 'Blouse'], ['Jacket']]);
    assert.deepEqual(kindPeople(groups!, parts), ['female', 'male']);
  });

  it('near misses: nobody named, a child, or one person for the whole request', () => {
    const groups = [['Ring'], ['Earrings']];
    assert.equal(kindPeople(groups, [{ categories: ['Ring'] }, { categories: ['Earrings'] }]), undefined);
    assert.equal(kindPeople(groups, [{ categories: ['Ring'], recipient: 'baby' }, { categories: ['Earrings'] }]), undefined, 'a child names no audience');
    assert.deepEqual(kindPeople(groups, [{ categories: ['Ring'] }, { categories: ['Earrings'], recipient: 'mother' }]), [undefined, 'female'], '"a ring and earrings for my mum": the part that names her');
  });
});
