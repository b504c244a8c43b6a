/**
 * The dashboard's JSON endpoints over real HTTP: `GET /v1/admin/operations` (admin only; per process;
 * the last hour of sampled metrics; the dashboard's own traffic not counted; a shop key sees its own
 * breaker only) and `GET /v1/analytics/experiments` (the shop's experiments). The page's assets are public.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import { EXPERIMENTS, SHOP } from '../e2e/attributionShop.ts';

const ADMIN = 'ops-admin-key-0123456789';
const SHOP_ADMIN = 'ops-shop-admin-key-0123456789';
const READ = 'ops-read-key-0123456789';

describe('dashboard JSON endpoints', () => {
  let s: Running;
  const get = (path: string, key?: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, { headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } });

  let dir: string | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-ops-'));
    writeFileSync(join(dir, 'e.json'), JSON.stringify(EXPERIMENTS));
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: join(dir, 'e.json'), AFFINITY_API_KEYS: `*:admin:${ADMIN},${SHOP}:admin:${SHOP_ADMIN},${SHOP}:read:${READ}` });
  });
  after(async () => {
    await s?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its assets publicly, with a strict content security policy', async () => {
    const page = await get('/dashboard');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await page.text(), /<script type="module" src="\/dashboard\/dashboard.js">/);
    const lib = await get('/dashboard/uplot.js');
    assert.match(lib.headers.get('content-type')!, /^text\/javascript/);
    assert.match(await lib.text(), /uPlot/);
    // Only the listed files: nothing else of the folder or the repository.
    assert.equal((await get('/dashboard/index.html')).status, 404);
    assert.equal((await get('/dashboard/verdict.d.ts')).status, 404);
  });

  it('needs the admin role for the operations figures', async () => {
    assert.equal((await get('/v1/admin/operations')).status, 401);
    assert.equal((await get('/v1/admin/operations', READ)).status, 403);
    assert.equal((await get('/v1/admin/operations', ADMIN)).status, 200);
  });

  it('counts the API’s requests (not its own) in the last hour of this process', async () => {
    const sampler = s.affinity.ctx.operations!;
    await sampler.sample();
    for (let i = 0; i < 5; i++) assert.equal((await get('/v1/analytics/experiments', ADMIN, { 'x-affinity-shop': SHOP })).status, 200);
    assert.equal((await get('/v1/users/nobody/profile', ADMIN, { 'x-affinity-shop': SHOP })).status, 404);
    for (let i = 0; i < 3; i++) await get('/dashboard');
    await sampler.sample();
    const r = await get('/v1/admin/operations', ADMIN, { 'x-affinity-shop': SHOP });
    const body = await r.json();
    assert.equal(body.shop, SHOP);
    assert.equal(body.shopFixed, false);
    assert.equal(body.process.pid, process.pid);
    assert.deepEqual([body.sampleEverySeconds, body.windowSeconds], [10, 3600]);
    assert.deepEqual(body.store, { kind: 'sqlite', up: true });
    assert.equal(body.summary.storeUp, true);
    assert.equal(body.summary.projectionLag, 0);
    // The requests of this test above plus those of earlier tests (9 at most); the dashboard's own are not counted.
    const last = body.series[body.series.length - 2];
    assert.equal(last.requests, 6, JSON.stringify(last));
    assert.ok(Math.abs(last.clientErrorRate - 1 / 6) < 1e-6);
    assert.equal(last.errorRate, 0);
    assert.ok(last.p50Ms > 0 && last.p99Ms >= last.p50Ms);
    assert.ok(body.summary.requests >= 6);
    assert.ok('neighbours' in body.summary.cacheHitRatio);
  });

  it('keeps history in a ring buffer of one hour', async () => {
    const sampler = s.affinity.ctx.operations!;
    for (let i = 0; i < 400; i++) await sampler.sample();
    assert.equal(sampler.snapshots().length, 361);
  });

  it('implies the shop from a key scoped to one shop', async () => {
    const body = await (await get('/v1/admin/operations', SHOP_ADMIN)).json();
    assert.deepEqual([body.shop, body.shopFixed], [SHOP, true]);
    assert.equal((await get('/v1/admin/operations', SHOP_ADMIN, { 'x-affinity-shop': 'other.myshopify.com' })).status, 403);
  });

  it('says its figures count every shop of the process, also to a key scoped to one shop', async () => {
    const sampler = s.affinity.ctx.operations!;
    await sampler.sample();
    for (let i = 0; i < 4; i++) assert.equal((await get('/v1/analytics/experiments', ADMIN, { 'x-affinity-shop': 'other.myshopify.com' })).status, 200);
    await sampler.sample();
    const body = await (await get('/v1/admin/operations', SHOP_ADMIN)).json();
    assert.deepEqual([body.shop, body.shopFixed, body.scope], [SHOP, true, 'all-shops']);
    // Another shop's requests are in the figures the shop's key sees: hence `scope`, and the page says so.
    assert.equal(body.series[body.series.length - 2].requests, 4);
    assert.equal((await (await get('/v1/admin/operations', ADMIN)).json()).scope, 'all-shops');
  });

  it('lists the experiments that apply to the shop', async () => {
    const mine = await (await get('/v1/analytics/experiments', READ)).json();
    assert.deepEqual(mine.experiments.map((e: { id: string }) => e.id), ['recs-v1']);
    assert.deepEqual(mine.experiments[0].variants.map((v: { name: string }) => v.name), ['control', 'affinity']);
    const other = await (await get('/v1/analytics/experiments', ADMIN, { 'x-affinity-shop': 'other.myshopify.com' })).json();
    assert.deepEqual(other.experiments.map((e: { id: string }) => e.id), ['recs-v1', 'other-shop-test']);
  });
});
