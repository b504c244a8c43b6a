/**
 * The consent gate and the privacy-aware recommender over a real (in-memory SQLite) store: what is
 * stored, under which id, linked to what, and what reaches an external recommender.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { AffinityError } from '../../core/errors.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { DEFAULT_MARKETS } from '../../core/markets/market.ts';
import { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from '../projection/projector.ts';
import { ConsentGate, gatedStore } from './consentGate.ts';
import { ConsentLedger } from './consentLedger.ts';
import { PrivacyAwareRecommender } from './privacyAwareRecommender.ts';
import { PrivacyWorker } from './privacyWorker.ts';
import { redactCustomer } from './redaction.ts';
import { SessionMemory } from './sessionMemory.ts';

const NOW = Date.UTC(2026, 10, 24, 12);
const PROJECTION = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * 86_400_000, trendingHalfLifeMs: 86_400_000 };
let n = 0;
const ev = (userId: string, over: Partial<UserEvent> = {}): UserEvent => ({
  v: 1,
  id: `g-${++n}`,
  shop: 's',
  userId,
  type: 'view',
  name: 'product_viewed',
  ts: NOW - 60_000 + n,
  items: [{ productId: 'p1', quantity: 1, productType: 'Boots', vendor: 'Alpina' }],
  source: 'pixel',
  ...over,
});

function setup() {
  const store = new SqliteStore({ path: ':memory:', profileTtlMs: 86_400_000 });
  const queue = store.privacyQueue();
  const catalogs = new CatalogRegistry(store);
  const markets = new MarketRegistry(DEFAULT_MARKETS);
  const sessions = new SessionMemory({ catalogs, fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * 86_400_000 } });
  const ledger = new ConsentLedger({ ttlMs: 3_600_000 });
  let ids = 0;
  // One process writes this store: its ledger may trust "nothing stored" from an earlier check.
  const gate = new ConsentGate({ store, queue, markets, sessions, ledger, soleWriter: true, clock: () => NOW, newId: () => `job-${++ids}` });
  return { store, queue, markets, sessions, ledger, gate };
}

describe('consent gate', () => {
  it('counts an event as stored only once the store took it (a refused append counts nothing stored)', async () => {
    const { store, queue, markets, sessions, ledger } = setup();
    const counted: string[] = [];
    let refuse = true;
    const flaky = Object.create(store, {
      append: { value: (events: readonly UserEvent[]) => (refuse ? Promise.reject(new Error('Redis is down')) : store.append(events)) },
      erasedAt: { value: (shop: string, ids: readonly string[]) => store.erasedAt(shop, ids) },
      keptConsent: { value: (shop: string, ids: readonly string[]) => store.keptConsent(shop, ids) },
    }) as SqliteStore;
    const gate = new ConsentGate({ store: flaky, queue, markets, sessions, ledger, soleWriter: true, clock: () => NOW, newId: () => 'job', onEvent: (regime, outcome) => counted.push(`${regime}:${outcome}`) });
    await assert.rejects(gate.append([ev('us-1', { market: 'us' })]), /Redis is down/);
    assert.deepEqual(counted, []);
    refuse = false;
    await gate.append([ev('us-1', { market: 'us' }), ev('eu-anon-2', { market: 'eu' })]);
    assert.deepEqual(counted.sort(), ['ccpa:stored', 'gdpr:session_only']);
  });

  it('GDPR without analytics consent: nothing is stored, the session is held in memory only', async () => {
    const { store, sessions, gate } = setup();
    const r = await gate.append([ev('eu-anon', { market: 'eu' }), ev('eu-anon', { country: 'DE', consent: { analytics: false } })]);
    assert.deepEqual(r, { accepted: 2, duplicates: 0 });
    assert.deepEqual(await store.readUnprojected(10), []);
    assert.deepEqual(await store.getUserEvents('s', 'eu-anon', 10), []);
    assert.equal(sessions.events('s', 'eu-anon').length, 2);
    const p = sessions.profile('s', 'eu-anon');
    assert.equal(p?.recent[0]?.productId, 'p1');
    assert.ok((p?.features['type:boots'] ?? 0) > 0);
  });

  it('stores and links a client id to a customer id only where consent allows linking', async () => {
    const { store, gate } = setup();
    const buy = (userId: string, consent: UserEvent['consent'], market: string) =>
      ev(userId, { type: 'purchase', name: 'checkout_completed', customerId: `cust-${userId}`, orderId: `order-${userId}`, market, ...(consent ? { consent } : {}) });
    await gate.append([buy('us-shopper', undefined, 'us'), buy('eu-analytics-only', { analytics: true }, 'eu'), buy('eu-full', { analytics: true, preferences: true }, 'eu')]);
    assert.deepEqual(await store.linkedIds('s', 'us-shopper'), ['cust-us-shopper', 'order:order-us-shopper'], 'linked to the customer and to the order');
    assert.equal((await store.getUserEvents('s', 'us-shopper', 1))[0]?.customerId, 'cust-us-shopper');
    // GDPR analytics without preferences: stored, market-only, and neither customer nor order id kept.
    const scoped = await store.getUserEvents('s', 'eu-analytics-only@eu', 1);
    assert.equal(scoped.length, 1);
    assert.equal(scoped[0]?.customerId, undefined);
    assert.equal(scoped[0]?.orderId, undefined);
    assert.deepEqual(await store.linkedIds('s', 'eu-analytics-only'), ['eu-analytics-only@eu'], 'only the bookkeeping link to its own scoped id');
    assert.deepEqual(await store.linkedIds('s', 'eu-full'), ['cust-eu-full', 'order:order-eu-full']);
  });

  it('CCPA sale of data refused: behaviour stays in its market and the id never reaches the external recommender', async () => {
    const { store, ledger, markets, gate } = setup();
    await gate.append([ev('ca-shopper', { market: 'us', consent: { saleOfData: false } })]);
    assert.equal((await store.getUserEvents('s', 'ca-shopper@us', 5)).length, 1);
    assert.deepEqual(await store.getUserEvents('s', 'ca-shopper', 5), []);
    const seen: { via: string; userId?: string }[] = [];
    const fake = (name: string): BaseRecommender => ({
      name,
      recommend: async () => [],
      recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map((r) => (seen.push({ via: name, ...(r.userId ? { userId: r.userId } : {}) }), [])),
    });
    const rec = new PrivacyAwareRecommender({ inner: fake('external'), local: fake('hybrid'), ledger, markets });
    await rec.recommendBatch([{ shop: 's', userId: 'ca-shopper', limit: 3 }, { shop: 's', userId: 'unknown', limit: 3 }], NOW);
    assert.deepEqual(seen, [
      { via: 'external', userId: 'unknown' },
      { via: 'hybrid', userId: 'ca-shopper@us' },
    ]);
  });

  it('a withdrawal queues the erasure of what is stored, and the worker erases the id and its scoped ids (keeping their links)', async () => {
    const { store, queue, gate } = setup();
    await gate.append([ev('w-1', { market: 'us' }), ev('w-1', { market: 'us', consent: { saleOfData: false } })]);
    assert.equal((await store.getUserEvents('s', 'w-1', 5)).length, 1);
    const out = await gate.recordConsent('s', 'w-1', { analytics: false }, { market: 'us' });
    assert.equal(out.decision.persist, false);
    assert.ok(out.erasureJobId);
    // Nothing stored any more, nothing queued twice.
    const again = await gate.recordConsent('s', 'w-1', { analytics: false }, { market: 'us' });
    assert.equal(again.erasureJobId, undefined);
    const worker = new PrivacyWorker({ store, queue, clock: () => NOW });
    assert.equal(await worker.drain(), 1);
    assert.deepEqual(await store.getUserEvents('s', 'w-1', 5), []);
    assert.deepEqual(await store.getUserEvents('s', 'w-1@us', 5), []);
    assert.deepEqual(await store.linkedIds('s', 'w-1'), ['w-1@us'], 'the links stay: the erasure index of a later redaction');
    assert.equal((await queue.getJob(out.erasureJobId!))?.result?.ids, 2);
    // After the withdrawal the shopper's events go to session memory only.
    await gate.append([ev('w-1', { market: 'us', consent: { analytics: false } })]);
    assert.deepEqual(await store.getUserEvents('s', 'w-1', 5), []);
  });

  it('after a withdrawal, an event without consent of its own (an agent, a keyed server) is not stored: the shopper’s latest consent decides', async () => {
    const { store, sessions, gate } = setup();
    await gate.append([ev('w-2', { market: 'us', consent: { analytics: true } })]);
    await gate.recordConsent('s', 'w-2', { analytics: false }, { market: 'us' }, { via: 'pixel' });
    await new PrivacyWorker({ store, queue: store.privacyQueue(), clock: () => NOW }).drain();
    const r = await gate.append([ev('w-2', { market: 'us', source: 'agent' }), ev('w-2', { market: 'us', source: 'api' })]);
    assert.deepEqual(r, { accepted: 2, duplicates: 0 });
    assert.deepEqual(await store.getUserEvents('s', 'w-2', 5), [], 'session-only, as the withdrawal says');
    assert.equal(sessions.events('s', 'w-2').length, 2);
    // Near miss: a shopper who granted and never withdrew is stored, with or without consent on the event.
    await gate.append([ev('g-2', { market: 'us', consent: { analytics: true } }), ev('g-2', { market: 'us', source: 'agent' })]);
    assert.equal((await store.getUserEvents('s', 'g-2', 5)).length, 2);
  });

  it('an event seen before the latest withdrawal is never stored, and a grant expressed before it is stale; a later grant counts', async () => {
    const { store, gate, ledger } = setup();
    const withdrawnAt = NOW - 30_000;
    await gate.append([ev('w-3', { market: 'us', consent: { analytics: true }, ts: NOW - 50_000 })]);
    await gate.recordConsent('s', 'w-3', { analytics: false }, { market: 'us' }, { via: 'pixel' }, withdrawnAt);
    await new PrivacyWorker({ store, queue: store.privacyQueue(), clock: () => NOW }).drain();
    // A request that was in flight: the old grant in its envelope, an event from before the withdrawal.
    const stale = await gate.recordConsent('s', 'w-3', { analytics: true }, { market: 'us' }, { via: 'pixel' }, NOW - 40_000);
    assert.equal(stale.decision.persist, false, 'the stale grant changes nothing');
    assert.equal(ledger.get('s', 'w-3')?.consent?.analytics, false);
    await gate.append([ev('w-3', { market: 'us', consent: { analytics: true }, ts: NOW - 40_000 })]);
    assert.deepEqual(await store.getUserEvents('s', 'w-3', 5), []);
    // The shopper grants again later (after the erasure ran, at NOW): what they do after it is stored;
    // what they did before the withdrawal still is not.
    const again = await gate.recordConsent('s', 'w-3', { analytics: true }, { market: 'us' }, { via: 'pixel' }, NOW);
    assert.equal(again.decision.persist, true);
    await gate.append([ev('w-3', { market: 'us', consent: { analytics: true }, ts: NOW - 45_000 }), ev('w-3', { market: 'us', consent: { analytics: true }, ts: NOW + 5_000 })]);
    assert.deepEqual((await store.getUserEvents('s', 'w-3', 5)).map((e) => e.ts), [NOW + 5_000]);
    assert.equal(ledger.get('s', 'w-3')?.withdrawnAt, withdrawnAt);
  });

  it('after an erasure removed its links, forgetLinks lets the shopper’s next event link them again', async () => {
    const { store, gate } = setup();
    const buy = (n: number) => ev('rd-1', { market: 'us', type: 'purchase', name: 'checkout_completed', customerId: 'cust-rd', orderId: `o-rd-${n}`, ts: NOW + n * 1000 });
    await gate.append([buy(1)]);
    assert.ok((await store.linkedIds('s', 'rd-1')).includes('cust-rd'));
    // Erased after the first purchase, before the next ones.
    await store.eraseUser('s', 'rd-1', { at: NOW + 1500 });
    await store.eraseUser('s', 'cust-rd', { at: NOW + 1500 });
    assert.deepEqual(await store.linkedIds('s', 'rd-1'), []);
    // The gate still remembers writing the link: the next purchase would not write it again.
    await gate.append([buy(2)]);
    assert.ok(!(await store.linkedIds('s', 'rd-1')).includes('cust-rd'), 'the premise: the memo skips the write');
    gate.forgetLinks('s', ['rd-1', 'cust-rd']);
    await gate.append([buy(3)]);
    assert.ok((await store.linkedIds('s', 'rd-1')).includes('cust-rd'));
  });

  it('a withdrawal erases the lists served to a shopper of whom nothing else is stored', async () => {
    const { store, queue, gate } = setup();
    // Answered before any event of theirs was stored (a first page view, a logged-in customer).
    await store.attribution().recordServed([{ id: 'AAAAAAAAAAAAAAAA', shop: 's', ts: NOW - 5_000, surface: 'home', actor: 'human', userId: 'served-only', items: ['p1', 'p2'] }]);
    const r = await gate.recordConsent('s', 'served-only', { analytics: false }, { market: 'us' }, { via: 'server' });
    assert.ok(r.erasureJobId, 'an erasure is queued');
    await new PrivacyWorker({ store, queue, clock: () => NOW }).drain();
    assert.deepEqual((await store.exportUser('s', 'served-only')).attribution, { served: [], outcomes: [] });
    // Nothing at all stored: still nothing queued.
    assert.equal((await gate.recordConsent('s', 'never-seen', { analytics: false }, { market: 'us' }, { via: 'server' })).erasureJobId, undefined);
  });

  it('a pixel may withdraw only for a pixel client id: not a customer id, whatever its shape', async () => {
    const { store, queue, gate } = setup();
    await gate.append([ev('px-1', { market: 'us', type: 'purchase', name: 'checkout_completed', customerId: '8800123', orderId: '5001' }), ev('px-2', { market: 'us', customerId: 'cust-px' })]);
    await new PrivacyWorker({ store, queue, clock: () => NOW }).drain();
    const off = { analytics: false };
    for (const id of ['8800123', 'gid://shopify/Customer/8800123', 'px-1@us', 'order:5001', 'someone@example.com']) {
      await assert.rejects(gate.recordConsent('s', id, off, { market: 'us' }, { via: 'pixel' }), (e: AffinityError) => e.code === 'PIXEL_CONSENT_FORBIDDEN', id);
    }
    // Not shaped like a customer id, but the store knows it as one (a linked profile names it).
    await new Projector({ store, catalogs: new CatalogRegistry(store), params: PROJECTION }).flush();
    await assert.rejects(gate.recordConsent('s', 'cust-px', off, { market: 'us' }, { via: 'pixel' }), (e: AffinityError) => e.code === 'PIXEL_CONSENT_FORBIDDEN');
    assert.equal(await queue.pendingCount(), 0);
    // Server to server (an ingest key), the customer id may withdraw; the pixel may for its client id.
    assert.ok((await gate.recordConsent('s', 'px-1', off, { market: 'us' }, { via: 'pixel' })).erasureJobId);
    assert.equal((await gate.recordConsent('s', '8800123', off, { market: 'us' }, { via: 'server' })).erasureJobId, undefined, 'nothing stored under the customer id itself');
    await new PrivacyWorker({ store, queue, clock: () => NOW }).drain();
    assert.deepEqual(await store.getUserEvents('s', 'px-1', 5), []);
    assert.deepEqual(await store.linkedIds('s', '8800123'), ['order:5001', 'px-1'], 'the customer still reaches the device and the order');
  });

  it('a pixel states no consent at all for an id shaped like a customer id: a grant is refused too, the ledger untouched', async () => {
    const { ledger, gate } = setup();
    const on = { analytics: true, preferences: true };
    for (const id of ['8800123', 'gid://shopify/Customer/8800123', 'px-1@us', 'order:5001']) {
      await assert.rejects(gate.recordConsent('s', id, on, { market: 'us' }, { via: 'pixel' }), (e: AffinityError) => e.code === 'PIXEL_CONSENT_FORBIDDEN', id);
      assert.equal(ledger.get('s', id), undefined, id);
    }
    // Near misses: a pixel client id may grant; with a key, so may a customer id.
    for (const id of ['df1007bb-5b2e-4b43-a3a0-4d3f4c5e6a7b', 'sh-88d3b3c8-1f2e', 'client-8800123']) {
      assert.equal((await gate.recordConsent('s', id, on, { market: 'us' }, { via: 'pixel' })).decision.persist, true, id);
    }
    assert.equal((await gate.recordConsent('s', '8800123', on, { market: 'us' }, { via: 'server' })).decision.persist, true);
  });

  it('a grant or a session-only event for a shopper the ledger does not hold does not count as "nothing stored": the next withdrawal erases', async () => {
    // What an earlier process stored (its own ledger): this gate's ledger never saw it (a restart, another node).
    const { store, queue, markets, sessions, gate } = setup();
    const earlier = new ConsentGate({ store, queue, markets, sessions, ledger: new ConsentLedger({ ttlMs: 3_600_000 }), clock: () => NOW, newId: () => 'job-earlier' });
    await earlier.append([ev('r-grant', { market: 'us' }), ev('r-session', { market: 'us' })]);
    // A grant, then the withdrawal.
    await gate.recordConsent('s', 'r-grant', { analytics: true }, { market: 'us' }, { via: 'server' });
    assert.ok((await gate.recordConsent('s', 'r-grant', { analytics: false }, { market: 'us' }, { via: 'server' })).erasureJobId);
    // An event kept in session memory only (GDPR, no consent), then the withdrawal.
    await gate.append([ev('r-session', { market: 'eu' })]);
    assert.ok((await gate.recordConsent('s', 'r-session', { analytics: false }, { market: 'us' }, { via: 'server' })).erasureJobId);
    // Erased: a re-sent refusal (the pixel sends it with every batch) queues nothing more.
    await new PrivacyWorker({ store, queue, clock: () => NOW }).drain();
    assert.equal((await gate.recordConsent('s', 'r-grant', { analytics: false }, { market: 'us' }, { via: 'server' })).erasureJobId, undefined);
    assert.equal((await gate.recordConsent('s', 'r-grant', { analytics: false }, { market: 'us' }, { via: 'server' })).erasureJobId, undefined);
    assert.deepEqual(await store.getUserEvents('s', 'r-grant', 5), []);
    assert.deepEqual(await store.getUserEvents('s', 'r-session', 5), []);
  });

  it('with another writer on the store (workers, each with its own ledger), a withdrawal always asks the store', async () => {
    const { store, queue, markets, sessions } = setup();
    let n = 0;
    const worker = (soleWriter: boolean, at = NOW) => new ConsentGate({ store, queue, markets, sessions, ledger: new ConsentLedger({ ttlMs: 3_600_000 }), soleWriter, clock: () => at, newId: () => `job-w${++n}` });
    for (const soleWriter of [false, true]) {
      const [a, b] = [worker(soleWriter), worker(soleWriter, NOW + 10_000)];
      const id = `two-workers-${soleWriter}`;
      // A refusal on A finds nothing; B then (10 s later) stores a granted event; the next refusal lands on A.
      assert.equal((await a.recordConsent('s', id, { analytics: false }, { market: 'us' }, { via: 'pixel' })).erasureJobId, undefined);
      await b.recordConsent('s', id, { analytics: true }, { market: 'us' }, { via: 'pixel' });
      await b.append([ev(id, { market: 'us', ts: NOW + 5_000 })]);
      assert.equal((await store.getUserEvents('s', id, 5)).length, 1, 'the premise: B stored it');
      const out = await a.recordConsent('s', id, { analytics: false }, { market: 'us' }, { via: 'pixel' });
      // Told it is the only writer, A trusts its stale "nothing stored" (what the wiring never tells workers).
      assert.equal(out.erasureJobId !== undefined, !soleWriter, `soleWriter ${soleWriter}`);
    }
  });

  it('the gated store changes only append: every other member is the store’s own, whatever the port grows', async () => {
    const { store, gate } = setup();
    const gated = gatedStore(store, gate);
    // Through the gate: GDPR without consent stays in session memory, counted as accepted.
    assert.deepEqual(await gated.append([ev('gdpr-1', { market: 'de' }), ev('us-1', { market: 'us' })]), { accepted: 2, duplicates: 0 });
    assert.equal((await store.readUnprojected(10)).filter((e) => e.event.userId === 'gdpr-1').length, 0);
    assert.equal(gated.kind, 'sqlite');
    assert.equal(gated.privacyQueue(), store.privacyQueue(), 'the same queue, not a copy');
    assert.deepEqual(await gated.getUserEvents('s', 'us-1', 5), await store.getUserEvents('s', 'us-1', 5));
    const read = gated.readUnprojected;
    assert.equal((await read(10)).length, 1, 'a method taken off the gated store still runs on the store');
    // A member the port does not name (the backlog count the projector reads) is the store's too.
    assert.equal(await (gated as unknown as SqliteStore).backlog(), 1);
  });
});

describe('an erased shopper is not brought back by events from before the erasure', () => {
  it('drops an event naming an erased id (shopper, customer or order) from at or before its erasure; keeps later ones', async () => {
    const { store, gate } = setup();
    const device = 'dev-erased-1';
    const customer = '93000111';
    const checkout = ev(device, { market: 'us', type: 'purchase', name: 'checkout_completed', customerId: customer, orderId: '71000001' });
    const server = ev(customer, { market: 'us', source: 'api' });
    assert.deepEqual(await gate.append([checkout, server]), { accepted: 2, duplicates: 0 });
    await redactCustomer(store, undefined, 's', customer, ['71000001'], undefined, NOW);
    assert.deepEqual(await store.getUserEvents('s', device, 5), []);
    // The same events again (the pixel's outbox, a server's retry), and a backfill with new ids naming the
    // customer or the order: acknowledged, stored nowhere (the erasure also took their dedupe markers).
    const backfill = [ev('dev-erased-2', { market: 'us', customerId: customer }), ev('dev-erased-3', { market: 'us', orderId: '71000001', type: 'purchase', name: 'checkout_completed' })];
    assert.deepEqual(await gate.append([checkout, server, ...backfill]), { accepted: 0, duplicates: 4 });
    for (const id of [device, customer, 'dev-erased-2', 'dev-erased-3']) {
      assert.deepEqual(await store.getUserEvents('s', id, 5), [], id);
      assert.deepEqual(await store.linkedIds('s', id), [], id);
    }
    // What happens after the erasure is the shopper's again; another shopper's old events are untouched.
    const later = ev(device, { market: 'us', ts: NOW + 60_000 });
    const other = ev('dev-other', { market: 'us' });
    assert.deepEqual(await gate.append([later, other]), { accepted: 2, duplicates: 0 });
    assert.equal((await store.getUserEvents('s', device, 5)).length, 1);
  });

  it('drops events of an erased shop from before its erasure (shop/redact), keeps the reinstalled shop\'s', async () => {
    const { store, gate } = setup();
    const old = ev('dev-shop-1', { market: 'us' });
    assert.deepEqual(await gate.append([old]), { accepted: 1, duplicates: 0 });
    await store.eraseShop('s', NOW);
    assert.deepEqual(await gate.append([old, ev('dev-shop-2', { market: 'us' })]), { accepted: 0, duplicates: 2 });
    assert.deepEqual(await gate.append([ev('dev-shop-1', { market: 'us', ts: NOW + 60_000 })]), { accepted: 1, duplicates: 0 });
  });
});

describe('a withdrawal outlives the process (the store keeps it, hashed)', () => {
  const fresh = (o: ReturnType<typeof setup>, at: number) =>
    new ConsentGate({ store: o.store, queue: o.queue, markets: o.markets, sessions: o.sessions, ledger: new ConsentLedger({ ttlMs: 3_600_000 }), soleWriter: true, clock: () => at, newId: () => `job-${at}` });

  it('after a restart, events without consent of their own stay out until the shopper grants again; a stale grant stays stale', async () => {
    const o = setup();
    const { store, queue, gate } = o;
    const id = 'c0a5e17e-0000-4000-8000-000000000099';
    await gate.append([ev(id, { market: 'us', consent: { analytics: true } })]);
    await gate.recordConsent('s', id, { analytics: false }, { market: 'us' }, { via: 'pixel' }, NOW - 30_000);
    await new PrivacyWorker({ store, queue, clock: () => NOW }).drain();
    assert.deepEqual(await store.getUserEvents('s', id, 5), []);
    // The process restarts: a new ledger over the same store. A keyed server's and an agent's event, without consent of their own.
    const restarted = fresh(o, NOW + 60_000);
    assert.deepEqual(await restarted.append([ev(id, { market: 'us', source: 'api', ts: NOW + 30_000 }), ev(id, { market: 'us', source: 'agent', ts: NOW + 40_000 })]), { accepted: 2, duplicates: 0 });
    assert.deepEqual(await store.getUserEvents('s', id, 5), [], 'session-only, as the withdrawal says');
    // A grant expressed before the withdrawal (an outbox entry) is stale after the restart too; a later one counts.
    assert.equal((await restarted.recordConsent('s', id, { analytics: true }, { market: 'us' }, { via: 'pixel' }, NOW - 40_000)).decision.persist, false);
    assert.equal((await restarted.recordConsent('s', id, { analytics: true }, { market: 'us' }, { via: 'pixel' }, NOW + 50_000)).decision.persist, true);
    await restarted.append([ev(id, { market: 'us', source: 'api', ts: NOW + 55_000 })]);
    assert.equal((await store.getUserEvents('s', id, 5)).length, 1);
    // Restarted again: the grant holds too, and an event from before the withdrawal still does not get in.
    const again = fresh(o, NOW + 120_000);
    await again.append([ev(id, { market: 'us', source: 'api', ts: NOW + 100_000 }), ev(id, { market: 'us', source: 'api', ts: NOW - 35_000 })]);
    assert.deepEqual((await store.getUserEvents('s', id, 5)).map((e) => e.ts).sort(), [NOW + 55_000, NOW + 100_000]);
    // Near miss: a shopper who never withdrew is stored after a restart as before.
    await again.append([ev('never-withdrew', { market: 'us', source: 'api' })]);
    assert.equal((await store.getUserEvents('s', 'never-withdrew', 5)).length, 1);
  });

  it("a redaction keeps the device's withdrawal: its later events without consent stay out", async () => {
    const o = setup();
    const { store, queue, gate } = o;
    const device = 'd2b7c1e0-0000-4000-8000-000000000042';
    await gate.append([ev(device, { market: 'us', consent: { analytics: true }, type: 'purchase', name: 'checkout_completed', customerId: '93000222', orderId: '71000009' })]);
    await gate.recordConsent('s', device, { analytics: false }, { market: 'us' }, { via: 'pixel' }, NOW - 20_000);
    await new PrivacyWorker({ store, queue, clock: () => NOW - 10_000 }).drain();
    await redactCustomer(store, undefined, 's', '93000222', ['71000009'], undefined, NOW);
    // The redaction drops the ledger's state for the ids it erased (wiring/privacy.ts); a new ledger stands for that.
    const after = fresh(o, NOW + 60_000);
    await after.append([ev(device, { market: 'us', source: 'api', ts: NOW + 30_000 }), ev(device, { market: 'us', ts: NOW + 40_000 })]);
    assert.deepEqual(await store.getUserEvents('s', device, 5), []);
    assert.deepEqual(await store.keptConsent('s', ['93000222']), [undefined], 'only the id that withdrew is kept');
  });
});
