import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { otherKindsFirst } from './otherKindsFirst.ts';

const ids = (xs: readonly { productId: string }[]) => xs.map((x) => x.productId);
const items = (...xs: string[]) => xs.map((productId) => ({ productId }));

describe('otherKindsFirst: what goes with a product, other kinds first', () => {
  it('by product type: necklaces before the other earrings, each part in its order', () => {
    const index = CatalogIndex.build([
      product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings' }),
      product({ id: 'boho', title: 'Boho Earrings', productType: 'Earrings' }),
      product({ id: 'gem', title: 'Gemstone Necklace', productType: 'Necklace' }),
      product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet' }),
    ]);
    assert.deepEqual(ids(otherKindsFirst(items('boho', 'gem', 'bangle'), 'galaxy', index)), ['gem', 'bangle', 'boho']);
  });

  it('a type that is a place ("Indoor") is the place, the title\'s last word the kind: the same place first', () => {
    const index = CatalogIndex.build([
      product({ id: 'brown', title: 'Brown Throw Pillows', productType: 'Indoor' }),
      product({ id: 'knit', title: 'Knitted Throw Pillows', productType: 'Indoor' }),
      product({ id: 'sofa', title: 'Grey Sofa', productType: 'Indoor' }),
      product({ id: 'fence', title: 'Wooden Fence', productType: 'Outdoor' }),
    ]);
    assert.deepEqual(ids(otherKindsFirst(items('fence', 'knit', 'sofa'), 'brown', index)), ['sofa', 'fence', 'knit']);
  });

  it('no type: the title\'s last word ("Soft Winter Jacket": a jacket); an unknown product leaves the order', () => {
    const index = CatalogIndex.build([
      product({ id: 'winter', title: 'Soft Winter Jacket', productType: '' }),
      product({ id: 'olive', title: 'Olive Green Jacket', productType: '' }),
      product({ id: 'jumper', title: 'Yellow Wool Jumper', productType: '' }),
    ]);
    assert.deepEqual(ids(otherKindsFirst(items('olive', 'jumper'), 'winter', index)), ['jumper', 'olive']);
    assert.deepEqual(ids(otherKindsFirst(items('olive', 'jumper'), 'nope', index)), ['olive', 'jumper']);
  });
});
