/**
 * An attributed order in a second currency is an order: a click on a list, then the pixel's
 * `checkout_completed` in BDT in a shop whose orders are in USD. `GET /v1/analytics` (what the
 * dashboard draws) counts it in the variant's orders, conversion and ordering shoppers and in the
 * experiment's uplift; only its amount stays out of the USD revenue (`otherCurrencyLines`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSV, EXPERIMENTS, IDS, NOW, ordered, SHOP, shoppers, viewed } from './attributionShop.ts';
import { startAffinity, type Running } from './helpers.ts';

/** The pixel's checkout of a shopper paying in BDT (a second market's presentment currency). */
function orderedInBdt(clientId: string, handle: string, orderId: string) {
  const ids = IDS[handle]!;
  const amount = ids.price * 120;
  return {
    id: `bdt-${orderId}`,
    name: 'checkout_completed',
    clientId,
    timestamp: new Date().toISOString(),
    data: {
      checkout: {
        currencyCode: 'BDT',
        localization: { country: { isoCode: 'BD' }, market: { id: 'gid://shopify/Market/2', handle: 'bd' } },
        order: { id: `gid://shopify/Order/${orderId}`, customer: null },
        lineItems: [{ quantity: 1, finalLinePrice: { amount, currencyCode: 'BDT' }, variant: { id: ids.variant, price: { amount, currencyCode: 'BDT' }, product: { id: ids.product, title: handle } } }],
      },
    },
  };
}

describe('analytics count an attributed order in a second currency as an order', () => {
  let s: Running;
  let dir: string;
  const [c1, c2] = shoppers('control', 2) as [string, string];
  const [a1] = shoppers('affinity', 1) as [string];
  const lists = new Map<string, { recommendationId: string; items: { productId: string }[] }>();
  const analytics = async () => {
    const r = await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
    assert.equal(r.status, 200, r.text);
    return { body: r.body, byKey: Object.fromEntries(r.body.groups.map((g: { key: string }) => [g.key, g])) as Record<string, any> };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-currency-'));
    const file = join(dir, 'experiments.json');
    writeFileSync(file, JSON.stringify(EXPERIMENTS));
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file });
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
    for (const u of [c1, c2, a1]) {
      const r = await s.post('/v1/recommendations', { shop: SHOP, userId: u, limit: 3, surface: 'product' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      lists.set(u, r.body);
    }
    // Every shopper clicks the first product of their list.
    const first = (u: string) => lists.get(u)!.items[0]!.productId;
    const clicks = [c1, c2, a1].map((u) => viewed(u, first(u), lists.get(u)!.recommendationId));
    assert.equal((await s.post('/v1/events', { shop: SHOP, events: clicks })).status, 202);
    await s.affinity.projector.flush();
  });
  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the BDT order in orders, conversion and ordering shoppers, and leaves only its amount out of the USD revenue', async () => {
    const first = (u: string) => lists.get(u)!.items[0]!.productId;
    // Two USD orders in control make USD the report's currency; the affinity shopper pays in BDT.
    const events = [ordered(c1, [first(c1)]), ordered(c2, [first(c2)]), orderedInBdt(a1, first(a1), '777001')];
    assert.equal((await s.post('/v1/events', { shop: SHOP, events })).status, 202);
    await s.affinity.projector.flush();
    const { body, byKey } = await analytics();
    assert.equal(body.currency, 'USD');
    assert.equal(body.otherCurrencyLines, 1);
    const a = byKey.affinity;
    assert.deepEqual([a.served, a.clicks, a.orders, a.shoppers.ordered, a.revenue], [1, 1, 1, 1, 0]);
    assert.equal(a.conversionRate.value, 1);
    assert.equal(a.shoppers.conversionRate.value, 1);
    const c = byKey.control;
    assert.deepEqual([c.orders, c.revenue], [2, Math.round((IDS[first(c1)]!.price + IDS[first(c2)]!.price) * 100)]);
    // Both variants converted every list: no difference in conversion, whatever the currency.
    assert.equal(a.uplift.conversionRate.value, 0);
    assert.equal(a.uplift.shopperConversionRate.value, 0);
  });

  it("reports in the shop's own currency (its catalog's) also when more attributed lines are in another one", async () => {
    const first = (u: string) => lists.get(u)!.items[0]!.productId;
    // Two more BDT orders: three BDT lines against two USD ones.
    const events = [orderedInBdt(a1, first(a1), '777002'), orderedInBdt(a1, first(a1), '777003')];
    assert.equal((await s.post('/v1/events', { shop: SHOP, events })).status, 202);
    await s.affinity.projector.flush();
    const { body, byKey } = await analytics();
    assert.equal(body.currency, 'USD', 'the catalog is priced in USD');
    assert.equal(body.otherCurrencyLines, 3);
    assert.deepEqual([byKey.affinity.orders, byKey.affinity.revenue], [3, 0]);
    assert.equal(byKey.control.revenue, Math.round((IDS[first(c1)]!.price + IDS[first(c2)]!.price) * 100));
  });
});
