/**
 * A product deleted or drafted in Shopify leaves Affinity's recommendations: `DELETE
 * /v1/catalog/products/:id` (by handle, numeric id or GID; admin key, the key's shop only) and a full
 * export imported with `?mode=replace`, seen at once by the process that wrote and by a second process
 * on the same store after its catalog refresh. A replace with an empty or broken file changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const ADMIN = 'admin-key-removal-0123456789';
const READ = 'read-key-removal-0123456789';
const OTHER_ADMIN = 'other-admin-removal-0123456789';
const SHOP = 'rm-shop.myshopify.com';
const CSV = readFileSync(join(import.meta.dirname, '../fixtures/shopify-products/apparel.csv'), 'utf8');

async function call(s: Running, method: string, path: string, key: string, body?: string, type = 'text/csv'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function recommended(s: Running, user: string): Promise<string[]> {
  const r = await fetch(`${s.url}/v1/recommendations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${READ}`, 'content-type': 'application/json' },
    body: JSON.stringify({ shop: SHOP, userId: user, limit: 100 }),
  });
  const body = (await r.json()) as { items: { productId: string }[] };
  assert.equal(r.status, 200, JSON.stringify(body));
  return body.items.map((i) => i.productId);
}

/** The export without the rows of `handle`. */
const without = (handle: string): string =>
  CSV.split('\n')
    .filter((line) => !line.startsWith(`${handle},`))
    .join('\n');

describe('catalog removals (end to end, two processes on one SQLite file)', () => {
  let a: Running;
  let b: Running;
  const dir = mkdtempSync(join(tmpdir(), 'affinity-removal-'));
  before(async () => {
    const env = { AFFINITY_DB: join(dir, 'shared.db'), AFFINITY_API_KEYS: `${SHOP}:admin:${ADMIN},${SHOP}:read:${READ},other.myshopify.com:admin:${OTHER_ADMIN}` };
    a = await startAffinity(env);
    b = await startAffinity(env);
    const imp = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}`, ADMIN, CSV);
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    await b.affinity.ctx.catalogs.refresh();
  });
  after(async () => {
    await a.stop();
    await b.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('DELETE removes a product named by its handle: 200 with what was removed, gone from both processes’ recommendations', async () => {
    const before = await recommended(a, 'shopper-1');
    assert.ok(before.includes('ocean-blue-shirt'), before.join(','));
    assert.equal((await call(a, 'GET', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, READ)).status, 200);

    assert.equal((await call(a, 'DELETE', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, READ)).status, 403, 'a read key cannot remove');
    assert.equal((await call(a, 'DELETE', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, OTHER_ADMIN)).status, 403, "another shop's key cannot remove");

    const del = await call(a, 'DELETE', `/v1/catalog/products/Ocean-Blue-Shirt?shop=${SHOP}`, ADMIN);
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.deepEqual(del.body.removed, { id: 'ocean-blue-shirt', handle: 'ocean-blue-shirt', title: 'Ocean Blue Shirt' });
    assert.equal(del.body.shop, SHOP);
    assert.ok(!(await recommended(a, 'shopper-1')).includes('ocean-blue-shirt'), 'gone at once on the process that removed it');
    assert.equal((await call(a, 'GET', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, READ)).status, 404);

    await b.affinity.ctx.catalogs.refresh();
    assert.ok(!(await recommended(b, 'shopper-2')).includes('ocean-blue-shirt'), 'gone on the other process after its refresh');
    assert.equal((await call(b, 'GET', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, READ)).status, 404);

    const again = await call(a, 'DELETE', `/v1/catalog/products/ocean-blue-shirt?shop=${SHOP}`, ADMIN);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, 'NOT_FOUND');
  });

  it('DELETE takes a numeric id or a GID, never a variant id or SKU', async () => {
    const imp = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}`, ADMIN, JSON.stringify([{ id: '8123456789', handle: 'json-tee', title: 'JSON Tee', variants: [{ id: '4400001', sku: 'JT-1', price: '20.00' }] }]), 'application/json');
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    for (const ref of ['4400001', 'JT-1', 'gid%3A%2F%2Fshopify%2FProductVariant%2F4400001']) {
      const r = await call(a, 'DELETE', `/v1/catalog/products/${ref}?shop=${SHOP}`, ADMIN);
      assert.equal(r.status, 404, `${ref}: ${JSON.stringify(r.body)}`);
    }
    const del = await call(a, 'DELETE', `/v1/catalog/products/gid%3A%2F%2Fshopify%2FProduct%2F8123456789?shop=${SHOP}`, ADMIN);
    assert.equal(del.status, 200, JSON.stringify(del.body));
    assert.equal(del.body.removed.id, '8123456789');
  });

  it('?mode=replace removes what a full export no longer names; an empty or broken file changes nothing (400)', async () => {
    // Put the shirt back (a merge), then replace with an export without the varsity top.
    await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}`, ADMIN, CSV);
    const full = a.affinity.ctx.catalogs.get(SHOP).index.size;
    assert.ok((await recommended(a, 'shopper-3')).includes('classic-varsity-top'));

    const header = CSV.split('\n')[0] as string;
    for (const bad of [`${header}\n`, `${header}\nbroken-row,"unterminated\n`]) {
      const r = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}&mode=replace`, ADMIN, bad);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'CATALOG_IMPORT_FAILED');
    }
    assert.equal(a.affinity.ctx.catalogs.get(SHOP).index.size, full, 'a refused replace removed nothing');
    const badMode = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}&mode=wipe`, ADMIN, CSV);
    assert.equal(badMode.status, 400);
    assert.equal(badMode.body.error.code, 'VALIDATION_FAILED');
    // A parameter given twice, or one misspelt (which would merge without a word), is refused the same way.
    for (const q of ['mode=replace&mode=merge', 'currency=usd&currency=eur', 'mdoe=replace']) {
      const r = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}&${q}`, ADMIN, CSV);
      assert.equal(r.status, 400, `${q}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED', q);
    }
    assert.equal(a.affinity.ctx.catalogs.get(SHOP).index.size, full, 'a refused import changed nothing');

    const merge = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}`, ADMIN, without('classic-varsity-top'));
    assert.equal(merge.body.catalogSize, full, 'the default (merge) keeps what the file does not name');

    const rep = await call(a, 'POST', `/v1/catalog/products?shop=${SHOP}&mode=replace`, ADMIN, without('classic-varsity-top'));
    assert.equal(rep.status, 200, JSON.stringify(rep.body));
    assert.equal(rep.body.mode, 'replace');
    assert.equal(rep.body.removed, 1, JSON.stringify(rep.body));
    assert.deepEqual(rep.body.removedIds, ['classic-varsity-top']);
    assert.equal(rep.body.catalogSize, full - 1);
    assert.ok(!(await recommended(a, 'shopper-3')).includes('classic-varsity-top'));
    await b.affinity.ctx.catalogs.refresh();
    assert.ok(!(await recommended(b, 'shopper-4')).includes('classic-varsity-top'));
  });
});
