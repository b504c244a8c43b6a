/**
 * Attribution and experiments end to end (docs/decisions/0002), on both stores: a CSV catalog keyed by
 * handle, lists served to shoppers of both variants of an experiment, the pixel's click (numeric ids,
 * `aff_rec` in the landing URL), the theme block's `affinity:recommendations_viewed`, an add-to-cart and
 * an order, and the analytics API's exact counts per variant; then erasure of one shopper.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startRedis } from '../../src/testing/redisServer.ts';
import { ExperimentsFileSchema, variantOf } from '../../src/core/attribution/experiments.ts';
import { added, CSV, EXPERIMENTS, IDS, listViewed, NOW, ordered, SHOP, shoppers, viewed } from './attributionShop.ts';
import { startAffinity, type Running } from './helpers.ts';

for (const store of ['sqlite', 'redis'] as const) {
  describe(`attribution and experiments end to end (${store})`, () => {
    let s: Running;
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    const [c1, c2] = shoppers('control', 2) as [string, string];
    const [a1, a2, a3] = shoppers('affinity', 3) as [string, string, string];
    const lists = new Map<string, { recommendationId: string; experiment: { id: string; variant: string }; items: { productId: string; url: string }[] }>();

    let dir: string | undefined;
    before(async () => {
      if (store === 'redis') redis = await startRedis();
      dir = mkdtempSync(join(tmpdir(), 'affinity-exp-'));
      const file = join(dir, 'experiments.json');
      writeFileSync(file, JSON.stringify(EXPERIMENTS));
      s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file, ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}) });
      const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
      assert.equal(res.status, 200, await res.text());
      // Background shoppers make the shop's popular list.
      const events = [];
      for (let i = 0; i < 6; i++) events.push(viewed(`bg-${i}`, 'gold-chain'), viewed(`bg-${i}`, 'silver-pendant'), viewed(`bg-${i}`, 'pearl-choker'));
      assert.equal((await s.post('/v1/events', { shop: SHOP, events })).status, 202);
      await s.affinity.projector.flush();
      for (const u of [c1, c2, a1, a2, a3]) {
        const r = await s.post('/v1/recommendations', { shop: SHOP, userId: u, limit: 3, surface: 'product' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        lists.set(u, r.body);
      }
    });
    after(async () => {
      await s?.stop();
      await redis?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('answers carry a recommendationId, the experiment and aff_rec links', () => {
      assert.equal(lists.get(c1)!.experiment.variant, 'control');
      assert.equal(lists.get(a1)!.experiment.variant, 'affinity');
      for (const l of lists.values()) {
        assert.match(l.recommendationId, /^[A-Za-z0-9_-]{16}$/);
        assert.ok(l.items.length > 0);
        assert.equal(l.items[0]!.url, `/products/${l.items[0]!.productId}?aff_rec=${l.recommendationId}`);
      }
      assert.equal(new Set([...lists.values()].map((l) => l.recommendationId)).size, 5);
    });

    it('follows a list from the answer through the click, the cart and the order to exact counts per variant', async () => {
      // c1 (control) and a1 (affinity) click their list's first product: the pixel names it by numeric id.
      const pc = lists.get(c1)!.items[0]!.productId;
      const pa = lists.get(a1)!.items[0]!.productId;
      const other = Object.keys(IDS).find((h) => h !== pa)!;
      const step1 = [viewed(c1, pc, lists.get(c1)!.recommendationId), listViewed(a1, lists.get(a1)!.recommendationId), viewed(a1, pa, lists.get(a1)!.recommendationId)];
      // c2 lands with a list id on a product that is not in that list: no click.
      const notIn = Object.keys(IDS).find((h) => !lists.get(c2)!.items.some((i) => i.productId === h))!;
      step1.push(viewed(c2, notIn, lists.get(c2)!.recommendationId));
      assert.equal((await s.post('/v1/events', { shop: SHOP, events: step1 })).status, 202);
      await s.affinity.projector.flush();
      const step2 = [added(c1, pc), ordered(c1, [pc]), added(a1, pa), ordered(a1, [pa, other])];
      assert.equal((await s.post('/v1/events', { shop: SHOP, events: step2 })).status, 202);
      await s.affinity.projector.flush();

      const r = await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
      assert.equal(r.status, 200, r.text);
      const byKey = Object.fromEntries(r.body.groups.map((g: { key: string }) => [g.key, g]));
      assert.deepEqual(r.body.groups.map((g: { key: string }) => g.key), ['control', 'affinity']);
      const pick = (g: Record<string, number>) => ({ served: g.served, viewed: g.viewed, clicks: g.clicks, addToCarts: g.addToCarts, orders: g.orders, revenue: g.revenue, influenced: g.influenced });
      assert.deepEqual(pick(byKey.control), { served: 2, viewed: 0, clicks: 1, addToCarts: 1, orders: 1, revenue: IDS[pc]!.price * 100, influenced: 0 });
      assert.deepEqual(pick(byKey.affinity), { served: 3, viewed: 1, clicks: 1, addToCarts: 1, orders: 1, revenue: IDS[pa]!.price * 100, influenced: IDS[other]!.price * 100 });
      assert.equal(r.body.currency, 'USD');
      assert.equal(byKey.control.clickThroughRate.value, 0.5);
      assert.ok(byKey.affinity.uplift, 'uplift against the control');
      assert.equal(byKey.control.uplift, undefined);
      assert.equal(r.body.sampleRatio.df, 1);

      const bySurface = await s.get(`/v1/analytics?shop=${SHOP}&by=surface&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
      assert.equal(bySurface.status, 200, bySurface.text);
      assert.deepEqual(bySurface.body.groups.map((g: { key: string; served: number }) => [g.key, g.served]), [['product', 5]]);
    });

    it('reports other visitors who buy through a shopper’s shared link apart from the list’s own figures', async () => {
      const list = lists.get(a2)!;
      const p = list.items[0]!.productId;
      const url = `/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`;
      const before = (await s.get(url)).body.groups.find((g: { key: string }) => g.key === 'affinity');
      // a2 posts the link; two visitors open it and buy (the pixel: their own client ids, numeric product ids).
      const visitors = ['visitor-from-a-post', 'visitor-from-a-chat'];
      const events = visitors.flatMap((v) => [viewed(v, p, list.recommendationId), added(v, p), ordered(v, [p])]);
      assert.equal((await s.post('/v1/events', { shop: SHOP, events })).status, 202);
      await s.affinity.projector.flush();
      const r = await s.get(url);
      assert.equal(r.status, 200, r.text);
      const after = r.body.groups.find((g: { key: string }) => g.key === 'affinity');
      const own = (g: Record<string, any>) => [g.served, g.clicks, g.addToCarts, g.orders, g.revenue, g.conversionRate.value, g.shoppers.ordered];
      assert.deepEqual(own(after), own(before));
      assert.deepEqual(before.viaSharedLinks, { clicks: 0, addToCarts: 0, orders: 0, revenue: 0 });
      assert.deepEqual(after.viaSharedLinks, { clicks: 2, addToCarts: 2, orders: 2, revenue: 2 * IDS[p]!.price * 100 });
    });

    it('credits a cart and an order when the click that led to them is delivered after them (another tab, the pixel outbox)', async () => {
      const list = lists.get(a3)!;
      const p = list.items[0]!.productId;
      const url = `/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`;
      const figures = async () => {
        const g = (await s.get(url)).body.groups.find((x: { key: string }) => x.key === 'affinity');
        return [g.clicks, g.addToCarts, g.orders, g.revenue];
      };
      const before = await figures();
      // The click happened first (its timestamp), but arrives last.
      const click = viewed(a3, p, list.recommendationId);
      assert.equal((await s.post('/v1/events', { shop: SHOP, events: [added(a3, p), ordered(a3, [p])] })).status, 202);
      await s.affinity.projector.flush();
      assert.deepEqual(await figures(), before, 'no click yet: nothing credited');
      assert.equal((await s.post('/v1/events', { shop: SHOP, events: [click] })).status, 202);
      await s.affinity.projector.flush();
      const [clicks, carts, orders, revenue] = before as [number, number, number, number];
      assert.deepEqual(await figures(), [clicks + 1, carts + 1, orders + 1, revenue + IDS[p]!.price * 100]);
    });

    it('exports and erases a shopper’s served lists and attribution records', async () => {
      const before = await s.affinity.privacy.store.exportUser(SHOP, a1);
      assert.equal(before.attribution?.served.length, 1);
      assert.ok((before.attribution?.outcomes.length ?? 0) >= 3);
      await s.affinity.privacy.store.eraseUser(SHOP, a1);
      const after = await s.affinity.privacy.store.exportUser(SHOP, a1);
      assert.deepEqual(after.attribution, { served: [], outcomes: [] });
      const r = await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
      const affinity = r.body.groups.find((g: { key: string }) => g.key === 'affinity');
      // What is left is a3's (the click delivered late).
      assert.deepEqual([affinity.served, affinity.clicks, affinity.orders, affinity.revenue], [2, 1, 1, IDS[lists.get(a3)!.items[0]!.productId]!.price * 100]);
    });

    it('rejects an unknown experiment with 404', async () => {
      const r = await s.get(`/v1/analytics?shop=${SHOP}&experiment=nope`);
      assert.equal(r.status, 404);
    });
  });
}

describe('experiment assignment', () => {
  it('is stable and splits 10,000 shoppers by weight within a few percent', () => {
    const e = ExperimentsFileSchema.parse({ experiments: [{ id: 'x', variants: [{ name: 'a', strategy: 'popular', weight: 20 }, { name: 'b', strategy: 'personalized', weight: 80 }] }] }).experiments[0]!;
    let a = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = variantOf(e, SHOP, `shopper-${i}`).name;
      assert.equal(variantOf(e, SHOP, `shopper-${i}`).name, v);
      if (v === 'a') a += 1;
    }
    assert.ok(Math.abs(a - 2000) < 200, `a = ${a}`);
  });
});
