/**
 * Roles on a real Redis Cluster (3 masters, each with a replica): two `recommend` nodes, one `ingest`
 * node and one `project` node, each a separate `affinity serve --role …` process sharing nothing but
 * Redis. What one node ingests, the others recommend from; session-only memory and consent give the
 * same answers on every node; a SIGKILLed ingest or project node loses no acknowledged event and its
 * replacement takes over; a killed Redis master fails over to its replica and the service recovers by
 * itself. Every wait is a bounded poll; nothing asserts how long anything took.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisStore } from '../../src/adapters/redis/redisStore.ts';
import { parseClusterNodes } from '../../src/roles/clusterNodes.ts';
import { startNode, startReplicatedCluster, until, type Node, type ReplicatedCluster } from './clusterHarness.ts';

const SHOP = 'roles-shop.myshopify.com';
/** Generous bound of every poll (a loaded 2-core machine). */
const WAIT_MS = 60_000;

/** Two kinds of products: what a shopper browses decides which kind comes first. */
const CATALOG_CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price',
  'Ridge Boot,ridge-boot,Alpina,Boots,hiking,TRUE,Active,RB,Title,Default Title,149.00',
  'Summit Boot,summit-boot,Alpina,Boots,hiking,TRUE,Active,SB,Title,Default Title,179.00',
  'Peak Boot,peak-boot,Alpina,Boots,hiking,TRUE,Active,PB,Title,Default Title,159.00',
  'Valley Boot,valley-boot,Alpina,Boots,hiking,TRUE,Active,VB,Title,Default Title,139.00',
  'Trail Tent,trail-tent,Campco,Tents,camping,TRUE,Active,TT,Title,Default Title,299.00',
  'Dome Tent,dome-tent,Campco,Tents,camping,TRUE,Active,DT,Title,Default Title,259.00',
  'Camp Stove,camp-stove,Campco,Stoves,camping,TRUE,Active,CS,Title,Default Title,59.00',
  'Camp Lamp,camp-lamp,Campco,Lamps,camping,TRUE,Active,CL,Title,Default Title,29.00',
].join('\n');

const view = (id: string, clientId: string, productId: string, type: string) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date(Date.now() - 1000).toISOString(),
  data: { productVariant: { id: `${productId}-v`, price: { amount: 100, currencyCode: 'USD' }, product: { id: productId, title: productId, vendor: 'V', type } } },
});

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function get(url: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`);
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/** Product ids recommended to `userId` (undefined: anonymous) in `market`. */
async function recs(node: Node, userId: string | undefined, market = 'us'): Promise<string[]> {
  const r = await post(node.url, '/v1/recommendations', { shop: SHOP, ...(userId ? { userId } : {}), limit: 4, market });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as { productId: string }[]).map((i) => i.productId);
}

/** Posts events `<prefix>-<i>` for 5 shoppers to `url`, 8 at a time, adding the ids acknowledged (202) to `acked`. */
async function postMany(url: string, n: number, prefix: string, acked: string[] = []): Promise<string[]> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const e = view(`${prefix}-${i}`, `bulk-${i % 5}`, ['ridge-boot', 'summit-boot', 'trail-tent', 'camp-stove'][i % 4]!, 'T');
      try {
        const r = await post(url, '/v1/events', { shop: SHOP, events: [e] });
        if (r.status === 202) acked.push(e.id);
      } catch {
        // the node was killed: the event was not acknowledged, and the next ones will not be either
        next = n;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return acked;
}

describe('roles on a Redis Cluster: 2 recommend, 1 ingest, 1 project node', { timeout: 240_000 }, () => {
  let cluster: ReplicatedCluster;
  let env: Record<string, string>;
  let ingest: Node;
  let project: Node;
  let recA: Node;
  let recB: Node;
  const extra: Node[] = [];

  before(async () => {
    cluster = await startReplicatedCluster();
    env = { AFFINITY_REDIS_CLUSTER: cluster.seeds, AFFINITY_DEFAULT_SHOP: SHOP };
    [ingest, project, recA, recB] = await Promise.all([
      startNode('ingest', env),
      startNode('project', env),
      startNode('recommend', env),
      startNode('recommend', env),
    ]);
    const imp = await post(ingest.url, `/v1/catalog/products?shop=${SHOP}`, CATALOG_CSV, { 'content-type': 'text/csv' });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    // Every recommend node picks the catalog up from the store (it polls catalog versions).
    for (const n of [recA, recB]) await until('catalog on a recommend node', WAIT_MS, async () => ((await recs(n, undefined)).length > 0 ? true : undefined));
  });

  after(async () => {
    await Promise.all([ingest, project, recA, recB, ...extra].filter(Boolean).map((n) => n.stop('SIGKILL')));
    await cluster?.stop();
  });

  it('serves each route on its role only: 404 ROLE_NOT_SERVED names the role; health and metrics everywhere', async () => {
    const events = await post(recA.url, '/v1/events', { shop: SHOP, events: [view('wrong-node', 'x', 'ridge-boot', 'Boots')] });
    assert.equal(events.status, 404);
    assert.equal(events.body.error.code, 'ROLE_NOT_SERVED');
    assert.match(events.body.error.message, /ingest role/);
    const rec = await post(ingest.url, '/v1/recommendations', { shop: SHOP, limit: 3 });
    assert.equal(rec.status, 404);
    assert.equal(rec.body.error.code, 'ROLE_NOT_SERVED');
    assert.match(rec.body.error.message, /recommend role/);
    const onProject = await post(project.url, '/v1/consent', { shop: SHOP, clientId: 'x', consent: {} });
    assert.equal(onProject.body.error.code, 'ROLE_NOT_SERVED');
    for (const n of [ingest, project, recA, recB]) {
      assert.equal((await get(n.url, '/health/live')).status, 200);
      const ready = await get(n.url, '/health/ready');
      assert.equal(ready.status, 200, JSON.stringify(ready.body));
      assert.equal(ready.body.checks.store.kind, 'redis');
      assert.match(String((await get(n.url, '/metrics')).body), /affinity_/);
    }
  });

  it('recommends on both recommend nodes from what the ingest node took in', async () => {
    const cold = await recs(recA, 'stored-fresh');
    const r = await post(ingest.url, '/v1/events', {
      shop: SHOP,
      market: 'us',
      events: [view('st-1', 'stored-1', 'trail-tent', 'Tents'), view('st-2', 'stored-1', 'dome-tent', 'Tents'), view('st-3', 'stored-1', 'camp-stove', 'Stoves')],
    });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    // Projected by the project node, read by each recommend node.
    for (const n of [recA, recB]) {
      const profile = await until('profile on a recommend node', WAIT_MS, async () => {
        const p = await get(n.url, `/v1/users/stored-1/profile?shop=${SHOP}`);
        return p.status === 200 && p.body.eventCount >= 3 ? p.body : undefined;
      });
      assert.equal(profile.eventCount, 3);
    }
    const [a, b] = [await recs(recA, 'stored-1'), await recs(recB, 'stored-1')];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, cold, 'the shopper gets recommendations of their own');
  });

  it('gives a session-only shopper (GDPR, no consent) and a market-only shopper the same answers on every node', async () => {
    const cold = await recs(recA, 'never-seen', 'eu');
    // No consent in the EU: session-only memory, nothing stored.
    const s = await post(ingest.url, '/v1/events', {
      shop: SHOP,
      market: 'eu',
      events: [view('so-1', 'session-only', 'ridge-boot', 'Boots'), view('so-2', 'session-only', 'summit-boot', 'Boots'), view('so-3', 'session-only', 'peak-boot', 'Boots')],
    });
    assert.equal(s.status, 202, JSON.stringify(s.body));
    // Consent to analytics without preferences: stored, but in the EU market's own profile (<id>@eu),
    // which only a node that knows the consent state reads.
    const m = await post(ingest.url, '/v1/events', {
      shop: SHOP,
      market: 'eu',
      consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: false, marketingAllowed: false, saleOfDataAllowed: false },
      events: [view('mo-1', 'market-only', 'camp-stove', 'Stoves'), view('mo-2', 'market-only', 'camp-lamp', 'Lamps'), view('mo-3', 'market-only', 'dome-tent', 'Tents')],
    });
    assert.equal(m.status, 202, JSON.stringify(m.body));
    for (const n of [recA, recB]) {
      // Nothing stored for the session-only shopper, on any node.
      assert.equal((await get(n.url, `/v1/users/session-only/profile?shop=${SHOP}`)).status, 404);
      const sessionList = await recs(n, 'session-only', 'eu');
      assert.notDeepEqual(sessionList, cold, 'the session personalizes on every recommend node');
      const marketList = await until('market-only profile projected and used', WAIT_MS, async () => {
        const l = await recs(n, 'market-only', 'eu');
        return JSON.stringify(l) !== JSON.stringify(cold) ? l : undefined;
      });
      assert.ok(marketList.length > 0);
    }
    assert.deepEqual(await recs(recA, 'session-only', 'eu'), await recs(recB, 'session-only', 'eu'));
    assert.deepEqual(await recs(recA, 'market-only', 'eu'), await recs(recB, 'market-only', 'eu'));
  });

  it('loses no acknowledged event when the ingest node or the project node is SIGKILLed; replacements take over', async () => {
    // Kill the ingest node while clients post, and the project node while it projects.
    const acked1: string[] = [];
    const first = postMany(ingest.url, 5000, 'k1', acked1);
    await until('some events acknowledged', WAIT_MS, async () => (acked1.length >= 100 ? true : undefined));
    await project.stop('SIGKILL');
    await until('more events acknowledged', WAIT_MS, async () => (acked1.length >= 200 ? true : undefined));
    await ingest.stop('SIGKILL');
    await first;
    assert.ok(acked1.length < 5000, 'the ingest node was killed while clients posted');
    const [ingest2, project2] = await Promise.all([startNode('ingest', env), startNode('project', env)]);
    extra.push(ingest2, project2);
    const acked2 = await postMany(ingest2.url, 100, 'k2');
    assert.equal(acked2.length, 100);
    const acked = [...acked1, ...acked2];
    // The replacement project node claims the dead one's pending entries and drains the log.
    await until('backlog drained by the replacement project node', WAIT_MS, async () => {
      const r = await get(recB.url, '/health/ready');
      return r.body.checks.projector.lag === 0 ? true : undefined;
    });
    const store = await RedisStore.connectCluster((parseClusterNodes(cluster.seeds) as { nodes: { host: string; port: number }[] }).nodes, { profileTtlMs: 86_400_000, consumer: 'checker' });
    try {
      const stored = new Set<string>();
      for (let u = 0; u < 5; u++) for (const e of await store.getUserEvents(SHOP, `bulk-${u}`, 1000)) stored.add(e.id);
      assert.deepEqual(acked.filter((id) => !stored.has(id)), [], 'every acknowledged event is in the store');
      let projected = 0;
      for (const p of await store.getProfiles(SHOP, [0, 1, 2, 3, 4].map((u) => `bulk-${u}`))) projected += p?.eventCount ?? 0;
      // At least once: a batch the killed node had half-written may count twice, none is missing.
      assert.ok(projected >= acked.length, `projected ${projected} of ${acked.length} acknowledged events`);
    } finally {
      await store.close();
    }
    ingest = ingest2;
    project = project2;
  });

  it('fails a killed Redis master over to its replica and recovers by itself', async (t) => {
    const master = await cluster.masterOf('aff:{log}:events');
    // Clients keep posting while the master of the event log dies: what was acknowledged just before
    // may not have reached the replica (replication is asynchronous), so it is measured, not asserted.
    const acked: string[] = [];
    const during = postMany(ingest.url, 400, 'fo', acked);
    await until('events acknowledged before the kill', WAIT_MS, async () => (acked.length >= 100 ? true : undefined));
    await master.kill('SIGKILL');
    await during;
    await cluster.untilHealthy(WAIT_MS);
    // The nodes find the new master by themselves: events are acknowledged again, and projected.
    const id = await until('an event acknowledged after the failover', WAIT_MS, async () => {
      const r = await post(ingest.url, '/v1/events', { shop: SHOP, events: [view(`fo-${Date.now()}`, 'after-failover', 'peak-boot', 'Boots')] });
      return r.status === 202 ? true : undefined;
    });
    assert.ok(id);
    for (const n of [recA, recB]) {
      await until('the event projected and read after the failover', WAIT_MS, async () => {
        const p = await get(n.url, `/v1/users/after-failover/profile?shop=${SHOP}`);
        return p.status === 200 ? true : undefined;
      });
      assert.equal((await get(n.url, '/health/ready')).status, 200);
    }
    const store = await RedisStore.connectCluster((parseClusterNodes(cluster.seeds) as { nodes: { host: string; port: number }[] }).nodes.filter((n) => n.port !== master.port), { profileTtlMs: 86_400_000, consumer: 'checker' });
    try {
      const stored = new Set<string>();
      for (let u = 0; u < 5; u++) for (const e of await store.getUserEvents(SHOP, `bulk-${u}`, 5000)) stored.add(e.id);
      const lost = acked.filter((id) => !stored.has(id)).length;
      t.diagnostic(`failover: ${acked.length} events acknowledged around the kill, ${lost} not on the promoted replica (asynchronous replication)`);
    } finally {
      await store.close();
    }
  });
});
