import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import { DEFAULT_MARKETS, type Market } from '../core/markets/market.ts';
import { storefrontItem, storefrontLanguage, storefrontReason, type StorefrontReasonInput } from './storefrontView.ts';

const boot: Product = {
  id: 'boot',
  handle: 'ridge-boot',
  title: 'Ridge Waterproof Hiking Boot',
  description: '',
  vendor: ' Northpeak Outfitters ',
  productType: 'Hiking Boots',
  category: 'Apparel & Accessories > Shoes > Trail Shoes',
  tags: ['partners-demo', 'sale-2024'],
  options: {},
  variants: [{ id: 'boot-1', title: 'Default Title', price: { amount: 12000, currency: 'USD' }, available: true, options: {} }],
  images: [],
  published: true,
};
const index = CatalogIndex.build([boot]);
const reasonFor = (feature: string) => storefrontItem('boot', { source: 'affinity', feature }, index)?.reason;

describe('storefront reasons for a liked feature', () => {
  it('spells a brand, a product type and a category as the shop does', () => {
    assert.equal(reasonFor('vendor:northpeak outfitters'), 'From Northpeak Outfitters, a brand you like');
    assert.equal(reasonFor('type:hiking boots'), 'Because you like Hiking Boots');
    assert.equal(reasonFor('cat:trail shoes'), 'Because you like Trail Shoes');
  });

  it("never quotes a merchant's tag to the shopper", () => {
    assert.equal(reasonFor('tag:partners-demo'), 'Picked for your taste');
    assert.equal(reasonFor('tag:sale-2024'), 'Picked for your taste');
  });

  it('keeps the price band and the fallback sentences', () => {
    assert.equal(reasonFor('price'), 'Close to your usual price range', 'the fit is strongest at the band\'s centre and falls off around it: near, not always inside');
    assert.equal(storefrontItem('boot', { source: 'affinity' }, index)?.reason, 'Picked for your taste');
  });
});

describe('storefront reasons in the storefront\'s language', () => {
  const es = (r: StorefrontReasonInput | undefined) => storefrontReason(r, index, boot, 'es');
  it('a Spanish storefront reads them in Spanish; the shop\'s own words stay as written', () => {
    assert.equal(es({ source: 'cooc', seed: 'boot' }), 'Quienes vieron Ridge Waterproof Hiking Boot también vieron esto');
    assert.equal(es({ source: 'affinity', feature: 'vendor:northpeak outfitters' }), 'De Northpeak Outfitters, una marca que te gusta');
    assert.equal(es({ source: 'popular' }), 'Popular ahora');
    assert.equal(es({ source: 'intent', field: 'price', term: 'lower price' }), 'Una opción más económica');
    assert.equal(es({ source: 'intent', field: 'price', term: 'on sale' }), 'En oferta');
    assert.equal(storefrontReason({ source: 'intent', field: 'price', term: 'on sale' }, index, boot, 'en'), 'On sale');
    assert.equal(es({ source: 'intent', field: 'tags', term: 'husband', audience: 'men' }), 'Para hombre');
    assert.equal(storefrontReason({ source: 'intent', field: 'tags', term: 'husband', audience: 'men' }, index, boot, 'en'), 'Made for men');
    assert.equal(es(undefined), 'También te puede gustar');
    assert.equal(storefrontItem('boot', { source: 'trending' }, index, undefined, 'es')?.reason, 'En tendencia');
  });
  it('every reason has its Spanish sentence (none falls back to English)', () => {
    const inputs: StorefrontReasonInput[] = [
      { source: 'cooc', seed: 'boot' }, { source: 'cooc' }, { source: 'content', seed: 'boot' }, { source: 'content' },
      { source: 'affinity', feature: 'price' }, { source: 'affinity', feature: 'type:hiking boots' }, { source: 'affinity' },
      { source: 'popular' }, { source: 'trending' }, { source: 'buy_again' }, { source: 'revisit' }, { source: 'catalog', createdAt: '2026-01-01' },
      { source: 'catalog' }, { source: 'new_arrival' }, { source: 'intent', field: 'price', term: 'higher price' }, { source: 'intent', field: 'price', term: 'on sale' }, { source: 'intent', term: 'waterproof' },
      { source: 'intent', term: 'men', audience: 'men' }, { source: 'intent', term: 'daughter', audience: 'women' }, { source: 'intent', term: 'kids', audience: 'kids' },
      { source: 'intent' }, { source: 'season' }, { source: 'holiday' }, { source: 'gift' }, { source: 'something new' },
    ];
    for (const r of inputs) assert.notEqual(es(r), storefrontReason(r, index, boot, 'en'), JSON.stringify(r));
  });
  it('the locale decides: es, es-MX, ES are Spanish; en, pt-BR, none are English', () => {
    assert.deepEqual(['es', 'es-MX', 'ES', 'en', 'pt-BR', undefined].map(storefrontLanguage), ['es', 'es', 'es', 'en', 'en', 'en']);
  });
});

describe('storefront cards', () => {
  const eu: Market = { ...(DEFAULT_MARKETS.markets.find((m) => m.currency === 'EUR') as Market), exchangeRates: { USD: 0.9 } };

  it('are the same card for a product and a market asked again, each reason its own', () => {
    const first = storefrontItem('boot', { source: 'trending' }, index, eu);
    const again = storefrontItem('boot', { source: 'popular' }, index, eu, 'es');
    assert.deepEqual({ ...again, reason: first?.reason }, first);
    assert.equal(again?.reason, 'Popular ahora');
    assert.equal(first?.price?.currency, 'EUR', 'priced in the market');
    assert.equal(first?.price?.estimated, true, 'at a configured rate: an estimate');
    const home = storefrontItem('boot', { source: 'trending' }, index);
    assert.deepEqual(home?.price, { amount: 12000, currency: 'USD', formatted: '120.00 USD' }, 'without a market, the base price');
    assert.deepEqual(Object.keys(first ?? {}), ['productId', 'handle', 'title', 'url', 'price', 'available', 'reason']);
  });

  it('follow a catalog reload', () => {
    const dearer = { ...boot, variants: [{ ...(boot.variants[0] as Product['variants'][number]), price: { amount: 15000, currency: 'USD' } }] };
    const reloaded = CatalogIndex.build([dearer]);
    assert.equal(storefrontItem('boot', undefined, index)?.price?.amount, 12000);
    assert.equal(storefrontItem('boot', undefined, reloaded)?.price?.amount, 15000);
    assert.equal(storefrontItem('boot', undefined, index)?.price?.amount, 12000, 'the old version keeps its own');
  });
});
