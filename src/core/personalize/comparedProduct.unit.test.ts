/**
 * The product a comparative's noun phrase names when nothing was discussed or shown: its whole title,
 * the words of its title and type, or its kind in the colour its title says; none when several fit.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { comparedProduct } from './comparedProduct.ts';

const index = CatalogIndex.build([
  product({ id: 'grey', title: 'Grey Sofa', productType: 'Indoor', price: 29.99 }),
  product({ id: 'yellow', title: 'Yellow Sofa', productType: 'Indoor', price: 99.99 }),
  product({ id: 'wpot', title: 'White Ceramic Pot', productType: 'Indoor', price: 15.99 }),
  product({ id: 'clay', title: 'Clay Plant Pot', productType: 'Outdoor', price: 9.99 }),
  product({ id: 'dream', title: 'Dreamcatcher Pendant Necklace', productType: 'Necklace', price: 23.99 }),
]);

it('"más barato que el sofá gris", "que la maceta blanca", "than the dreamcatcher necklace": the one product so named (it was none, and the product itself came back)', () => {
  assert.equal(comparedProduct('sofa gris', undefined, index)?.id, 'grey');
  assert.equal(comparedProduct('maceta blanca', undefined, index)?.id, 'wpot');
  assert.equal(comparedProduct('dreamcatcher necklace', undefined, index)?.id, 'dream');
  // Several fit: none is named.
  assert.equal(comparedProduct('sofa', undefined, index), undefined);
  assert.equal(comparedProduct('maceta', undefined, index), undefined);
});
