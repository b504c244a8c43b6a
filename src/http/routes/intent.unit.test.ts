import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { IntentClassifier } from '../../core/intent/classifier.ts';
import { parseCorpus } from '../../core/intent/corpus.ts';
import { installErrorHandling } from '../errorHandler.ts';
import { installAccess } from '../access.ts';
import { RequestGuard } from '../requestGuard.ts';
import { intentRoutes, type IntentRouteContext } from './intent.ts';

function product(id: string, title: string, productType: string, vendor: string, category: string, tags: string[] = []): Product {
  return {
    id,
    handle: id,
    title,
    description: '',
    vendor,
    productType,
    category,
    tags,
    options: {},
    variants: [{ id: `${id}-1`, title: 'Default Title', price: { amount: 5000, currency: 'USD' }, available: true, options: {} }],
    images: [],
    published: true,
  };
}

describe('POST /v1/intent', () => {
  let app: FastifyInstance;
  let index = CatalogIndex.build([
    product('1', 'Trail Runner', 'Running Shoes', 'Nike', 'Apparel & Accessories > Shoes > Running Shoes'),
    product('2', 'Summer Dress', 'Dresses', 'Acme', 'Apparel & Accessories > Clothing > Dresses', ['linen']),
  ]);
  const chile = CatalogIndex.build([{ ...product('9', 'Vestido Verano', 'Dresses', 'Acme', 'Apparel & Accessories > Clothing > Dresses'), variants: [{ id: '9-1', title: 'Default Title', price: { amount: 35_000, currency: 'CLP' }, available: true, options: {} }] }]);
  before(async () => {
    const corpus = parseCorpus(readFileSync(new URL('../../../data/intent/train.jsonl', import.meta.url), 'utf8'));
    const intent = IntentClassifier.train(corpus, { calibrationFolds: 0 });
    const ctx = {
      intent,
      defaultShop: 'default',
      catalogs: { get: (shop: string) => ({ index: shop === 'empty' ? CatalogIndex.build([]) : shop === 'clp' ? chile : index }) },
    } as unknown as IntentRouteContext;
    app = Fastify({ logger: false });
    installErrorHandling(app, () => {});
    installAccess(app, { guard: RequestGuard.open(), defaultShop: 'default' });
    intentRoutes(app, ctx);
    await app.ready();
  });
  after(() => app.close());

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/v1/intent', payload: payload as Record<string, unknown> });

  it('classifies and returns entities matched against the shop catalog', async () => {
    const res = await post({ text: 'añade las zapatillas Nike rojas talla 42 al carrito' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.type, 'high_purchase_intent');
    assert.equal(body.language, 'es');
    assert.ok(body.confidence > 0 && body.confidence <= 1);
    assert.deepEqual(body.entities.categories, ['Apparel & Accessories > Shoes > Running Shoes']);
    assert.deepEqual(body.entities.brands, ['Nike']);
    assert.deepEqual(body.entities.colours, ['red']);
    assert.deepEqual(body.entities.sizes, ['42']);
    assert.deepEqual(Object.keys(body).sort(), ['confidence', 'entities', 'language', 'type']);
  });

  it("without a market, reads amounts in the shop's own currency (a Chilean shop's \"40 lucas\", its \"$\")", async () => {
    const lucas = (await post({ text: 'un vestido de hasta 40 lucas', shop: 'clp' })).json().entities.budget;
    assert.deepEqual([lucas?.max, lucas?.currency], [40_000, 'CLP']);
    assert.equal((await post({ text: 'vestidos de menos de $30000', shop: 'clp' })).json().entities.budget?.currency, 'CLP');
  });

  it('uses the market to resolve "$"', async () => {
    const res = await post({ text: 'vestidos de menos de $900', market: 'MX' });
    assert.equal(res.json().entities.budget.currency, 'MXN');
  });

  it('falls back to canonical categories for a shop without a catalog', async () => {
    const res = await post({ text: 'show me dresses', shop: 'empty' });
    assert.deepEqual(res.json().entities.categories, ['dresses']);
  });

  it('picks up a rebuilt catalog', async () => {
    index = CatalogIndex.build([product('3', 'Gold Chain', 'Necklaces', 'Oro', 'Jewelry > Necklaces')]);
    const res = await post({ text: 'un collar para mi madre' });
    assert.deepEqual(res.json().entities.categories, ['Jewelry > Necklaces']);
  });

  for (const [name, payload] of [
    ['missing text', {}],
    ['empty text', { text: '' }],
    ['text over 2000 characters', { text: 'a'.repeat(2001) }],
    ['non-string text', { text: 42 }],
    ['unknown field', { text: 'hi', foo: 1 }],
    ['bad market', { text: 'hi', market: 'x'.repeat(65) }],
    ['non-string market', { text: 'hi', market: 52 }],
  ] as const) {
    it(`answers 400 VALIDATION_FAILED for ${name}`, async () => {
      const res = await post(payload);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    });
  }
});
