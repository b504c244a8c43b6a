/**
 * The contract every {@link PrivacyStore} and {@link PrivacyJobQueue} adapter passes (erasure,
 * export, identity links, the durable job queue and exports). Adapters call
 * `privacyStoreContract(name, factory)` from an integration test file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AffinityStore, PrivacyJobQueue } from '../core/ports.ts';
import { makeEvent } from './userEventStoreContract.ts';

const DAY = 86_400_000;

/** A store under test and its job queue. */
export interface PrivacyHarness {
  readonly store: AffinityStore;
  readonly queue: PrivacyJobQueue;
}

const profileDelta = (shop: string, userId: string) => ({
  shop,
  userId,
  features: { 'cat:x': 1 },
  recent: [{ productId: 'p1', type: 'view' as const, ts: 1000 }],
  purchased: ['p1'],
  events: 1,
  firstTs: 1000,
  lastTs: 1000,
});

/** Registers the privacy contract suite for one adapter; `factory` gives a fresh store per suite. */
export function privacyStoreContract(name: string, factory: () => Promise<PrivacyHarness>): void {
  describe(`PrivacyStore contract: ${name}`, () => {
    let store: AffinityStore;
    let queue: PrivacyJobQueue;
    before(async () => {
      ({ store, queue } = await factory());
    });
    after(async () => {
      await store.close();
    });

    it('links ids symmetrically and transitively, per shop', async () => {
      await store.linkIdentity('lk', 'client-1', 'cust-1');
      await store.linkIdentity('lk', 'cust-1', 'client-2');
      await store.linkIdentity('lk', 'cust-1', 'client-2');
      await store.linkIdentity('lk-other', 'client-1', 'cust-x');
      assert.deepEqual(await store.linkedIds('lk', 'cust-1'), ['client-1', 'client-2']);
      assert.deepEqual(await store.linkedIds('lk', 'client-1'), ['client-2', 'cust-1']);
      assert.deepEqual(await store.linkedIds('lk', 'nobody'), []);
      assert.deepEqual(await store.linkedIds('lk-other', 'client-1'), ['cust-x']);
    });

    it('reads the links of one id without walking them (directLinks): a shared device does not lead to its other customer', async () => {
      // A laptop both customers checked out on; each customer's phone; the laptop's market-scoped id.
      await store.linkIdentity('dl', 'laptop', 'cust-a');
      await store.linkIdentity('dl', 'laptop', 'cust-b');
      await store.linkIdentity('dl', 'phone-a', 'cust-a');
      await store.linkIdentity('dl', 'phone-b', 'cust-b');
      await store.linkIdentity('dl', 'laptop', 'laptop@eu');
      await store.linkIdentity('dl', 'phone-b', 'order:77');
      await store.linkIdentity('dl', 'phone-b', 'order:77');
      await store.linkIdentity('dl-other', 'cust-a', 'phone-x');
      assert.deepEqual(await store.directLinks('dl', 'cust-a'), ['laptop', 'phone-a']);
      assert.deepEqual(await store.directLinks('dl', 'laptop'), ['cust-a', 'cust-b', 'laptop@eu']);
      assert.deepEqual(await store.directLinks('dl', 'order:77'), ['phone-b']);
      assert.deepEqual(await store.directLinks('dl', 'laptop@eu'), ['laptop']);
      assert.deepEqual(await store.directLinks('dl', 'nobody'), []);
      assert.deepEqual(await store.directLinks('dl-other', 'cust-a'), ['phone-x'], 'per shop');
      // The transitive walk still reaches everything (the erasure index is unchanged).
      assert.deepEqual(await store.linkedIds('dl', 'cust-a'), ['cust-b', 'laptop', 'laptop@eu', 'order:77', 'phone-a', 'phone-b']);
      // An erasure keeping links keeps them in both directions; a full one removes them.
      await store.eraseUser('dl', 'laptop', { keepLinks: true });
      assert.deepEqual(await store.directLinks('dl', 'cust-b'), ['laptop', 'phone-b']);
      await store.eraseUser('dl', 'laptop');
      assert.deepEqual(await store.directLinks('dl', 'laptop'), []);
      assert.deepEqual(await store.directLinks('dl', 'cust-a'), ['phone-a']);
      assert.deepEqual(await store.directLinks('dl', 'laptop@eu'), []);
    });

    it('exports everything held about a user: profile, every event (projected or not), links', async () => {
      const projected = makeEvent({ shop: 'ex', userId: 'u-ex', ts: 1000 });
      await store.append([projected]);
      const pending = await store.readUnprojected(10_000);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [profileDelta('ex', 'u-ex')], stats: [] });
      const unprojected = makeEvent({ shop: 'ex', userId: 'u-ex', ts: 2000 });
      await store.append([unprojected, makeEvent({ shop: 'ex', userId: 'someone-else' })]);
      await store.linkIdentity('ex', 'u-ex', 'cust-ex');
      const x = await store.exportUser('ex', 'u-ex');
      assert.equal(x.userId, 'u-ex');
      assert.deepEqual(x.linkedIds, ['cust-ex']);
      assert.deepEqual(x.profile?.features, { 'cat:x': 1 });
      assert.deepEqual(x.events.map((e) => e.id), [projected.id, unprojected.id]);
      const none = await store.exportUser('ex', 'ghost');
      assert.equal(none.profile, undefined);
      assert.deepEqual(none.events, []);
    });

    it('eraseUser removes events (also unprojected and pending ones), profile, links and dedupe markers', async () => {
      const a = makeEvent({ shop: 'er', userId: 'u-er', ts: 1000 });
      await store.append([a]);
      let pending = await store.readUnprojected(10_000);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [profileDelta('er', 'u-er')], stats: [] });
      const b = makeEvent({ shop: 'er', userId: 'u-er', ts: 2000 });
      const keep = makeEvent({ shop: 'er', userId: 'u-keep', ts: 2000 });
      await store.append([b, keep]);
      // Delivered to the projector but not acknowledged yet (pending).
      pending = await store.readUnprojected(10_000);
      assert.ok(pending.some((p) => p.event.id === b.id));
      await store.linkIdentity('er', 'u-er', 'cust-er');

      const report = await store.eraseUser('er', 'u-er');
      assert.equal(report.events, 2);
      assert.equal(report.profiles, 1);
      assert.equal(report.links, 1);
      assert.equal(await store.getProfile('er', 'u-er'), undefined);
      assert.deepEqual(await store.getUserEvents('er', 'u-er', 10), []);
      assert.deepEqual(await store.linkedIds('er', 'cust-er'), []);
      const after = await store.readUnprojected(10_000);
      assert.ok(!after.some((p) => p.event.userId === 'u-er'), 'no unprojected event of the erased user remains');
      assert.ok(after.some((p) => p.event.id === keep.id), 'other users keep theirs');
      await store.applyProjection({ seqs: after.map((p) => p.seq), profiles: [], stats: [] });
      // The dedupe marker went with the event: the same id is new again.
      assert.deepEqual(await store.append([a]), { accepted: 1, duplicates: 0 });
      await store.eraseUser('er', 'u-er');
      assert.deepEqual(await store.eraseUser('er', 'u-er'), { events: 0, profiles: 0, links: 0 });
    });

    it('eraseUser with keepLinks erases the behaviour and keeps the identity links, in both directions', async () => {
      await store.append([makeEvent({ shop: 'kl', userId: 'u-kl', ts: 1000 })]);
      const pending = await store.readUnprojected(10_000);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [profileDelta('kl', 'u-kl')], stats: [] });
      await store.linkIdentity('kl', 'u-kl', 'cust-kl');
      await store.linkIdentity('kl', 'u-kl', 'u-kl@eu');
      assert.deepEqual(await store.eraseUser('kl', 'u-kl', { keepLinks: true }), { events: 1, profiles: 1, links: 0 });
      assert.equal(await store.getProfile('kl', 'u-kl'), undefined);
      assert.deepEqual(await store.getUserEvents('kl', 'u-kl', 5), []);
      assert.deepEqual(await store.linkedIds('kl', 'u-kl'), ['cust-kl', 'u-kl@eu']);
      assert.deepEqual(await store.linkedIds('kl', 'cust-kl'), ['u-kl', 'u-kl@eu']);
      // A full erasure still removes them.
      assert.deepEqual(await store.eraseUser('kl', 'u-kl'), { events: 0, profiles: 0, links: 2 });
      assert.deepEqual(await store.linkedIds('kl', 'cust-kl'), []);
    });

    it('eraseShop removes the whole tenant and nothing else', async () => {
      for (const shop of ['gone', 'stays']) {
        await store.append([makeEvent({ shop, userId: 'u' })]);
        await store.upsertProducts(shop, [
          { id: '1', handle: '1', title: 'T', description: '', vendor: 'V', productType: 'T', category: '', tags: [], options: {}, variants: [], images: [], published: true },
        ]);
        await store.applyProjection({
          seqs: [],
          profiles: [profileDelta(shop, 'u')],
          stats: [
            { kind: 'cooc', shop, from: '1', to: '2', weight: 1 },
            { kind: 'popular', shop, epoch: 3, productId: '1', weight: 1 },
          ],
        });
        await store.linkIdentity(shop, 'u', 'c');
        await store.saveProductLinks(shop, [['p:1', 'one']]);
      }
      const versionBefore = (await store.catalogVersions()).gone;
      await store.eraseShop('gone');
      assert.equal(await store.getProfile('gone', 'u'), undefined);
      assert.deepEqual(await store.getUserEvents('gone', 'u', 5), []);
      assert.deepEqual(await store.listProducts('gone'), []);
      assert.deepEqual((await store.getNeighbours('gone', ['1'], 5)).get('1'), []);
      assert.deepEqual(await store.getTop('gone', 'popular', 3, 5), []);
      assert.deepEqual(await store.linkedIds('gone', 'u'), []);
      assert.ok(!(await store.listShops()).includes('gone'));
      assert.ok(!(await store.listCatalogShops()).includes('gone'));
      assert.equal((await store.catalogVersions()).gone, undefined);
      // Written again, the catalog starts at the time of that write, never at a version a process may
      // still hold for the erased one (it would keep the old index: CatalogRegistry.refresh compares versions).
      await new Promise((r) => setTimeout(r, 5));
      await store.upsertProducts('gone', [{ ...(await store.listProducts('stays'))[0]!, id: 'again' }]);
      assert.ok(versionBefore !== undefined && ((await store.catalogVersions()).gone as number) > versionBefore, `${versionBefore} → ${(await store.catalogVersions()).gone}`);
      await store.eraseShop('gone');
      assert.deepEqual(await store.productLinks('gone'), new Map());
      assert.equal((await store.productLinksVersions()).gone, undefined);
      assert.equal((await store.productLinks('stays')).get('p:1'), 'one');
      assert.ok(!(await store.readUnprojected(10_000)).some((p) => p.event.shop === 'gone'));
      assert.ok(await store.getProfile('stays', 'u'));
      assert.equal((await store.listProducts('stays')).length, 1);
      assert.deepEqual(await store.linkedIds('stays', 'u'), ['c']);
    });

    it('remembers when ids and shops were erased (erasedAt: the tombstones the consent gate reads), per shop', async () => {
      assert.deepEqual(await store.erasedAt('ea', ['a', 'b']), [-1, -1]);
      await store.append([makeEvent({ shop: 'ea', userId: 'a', ts: 1000 })]);
      await store.eraseUser('ea', 'a', { at: 5000 });
      assert.deepEqual(await store.erasedAt('ea', ['a', 'b']), [5000, -1]);
      assert.deepEqual(await store.erasedAt('ea-other', ['a']), [-1], 'another shop erased nobody');
      // A withdrawal's erasure (links kept) leaves its tombstone too.
      await store.eraseUser('ea', 'b', { keepLinks: true, at: 6000 });
      assert.deepEqual(await store.erasedAt('ea', ['b', 'a', 'c']), [6000, 5000, -1]);
      // Erasing the shop: every id of it reads as erased then (its shopper tombstones go with it).
      await store.eraseShop('ea', 7000);
      // At 7000, or (Redis) moved on by the time the deletion took: see RedisPrivacy.eraseShop.
      const [a, c] = await store.erasedAt('ea', ['a', 'c']);
      assert.ok(a === c && (a as number) >= 7000 && (a as number) < 7000 + 600_000, `${a}, ${c}`);
      assert.deepEqual(await store.erasedAt('ea-other', ['a']), [-1]);
      assert.deepEqual(await store.erasedAt('ea', []), []);
    });

    it('keeps a withdrawn shopper\'s consent per shop, through an erasure of the id; erasing the shop removes it', async () => {
      assert.deepEqual(await store.keptConsent('kc', ['w', 'x']), [undefined, undefined]);
      await store.keepConsent('kc', 'w', { consent: { analytics: false, marketing: false }, withdrawnAt: 1000, at: 1000 });
      assert.deepEqual(await store.keptConsent('kc', ['w', 'x']), [{ consent: { analytics: false, marketing: false }, withdrawnAt: 1000, at: 1000 }, undefined]);
      assert.deepEqual(await store.keptConsent('kc-other', ['w']), [undefined], 'another shop keeps nothing of it');
      // A later state replaces it (a grant after the withdrawal keeps when the withdrawal was).
      await store.keepConsent('kc', 'w', { consent: { analytics: true }, withdrawnAt: 1000, at: 2000 });
      assert.deepEqual(await store.keptConsent('kc', ['w']), [{ consent: { analytics: true }, withdrawnAt: 1000, at: 2000 }]);
      // The id's erasure (a redaction, a withdrawal's) keeps it: it is what keeps later events out.
      await store.keepConsent('kc', 'r', { consent: { analytics: false }, withdrawnAt: 3000, at: 3000 });
      await store.eraseUser('kc', 'r', { at: 4000 });
      assert.deepEqual(await store.keptConsent('kc', ['r']), [{ consent: { analytics: false }, withdrawnAt: 3000, at: 3000 }]);
      await store.keepConsent('kc-stays', 'w', { consent: { analytics: false }, withdrawnAt: 5000, at: 5000 });
      await store.eraseShop('kc', 6000);
      assert.deepEqual(await store.keptConsent('kc', ['w', 'r']), [undefined, undefined]);
      assert.deepEqual(await store.keptConsent('kc-stays', ['w']), [{ consent: { analytics: false }, withdrawnAt: 5000, at: 5000 }]);
      assert.deepEqual(await store.keptConsent('kc', []), []);
    });

    it('lists users by last activity for retention sweeps; erased users leave the list', async () => {
      const at = (userId: string, lastTs: number) => ({ ...profileDelta('ret', userId), firstTs: lastTs, lastTs });
      await store.applyProjection({ seqs: [], profiles: [at('old-1', 1000), at('old-2', 2000), at('fresh', 9000)], stats: [] });
      assert.deepEqual(await store.usersLastSeenBefore('ret', 5000, 10), ['old-1', 'old-2']);
      assert.deepEqual(await store.usersLastSeenBefore('ret', 5000, 1, 1), ['old-2']);
      assert.deepEqual(await store.usersLastSeenBefore('ret-none', 5000, 10), []);
      await store.eraseUser('ret', 'old-1');
      assert.deepEqual(await store.usersLastSeenBefore('ret', 5000, 10), ['old-2']);
    });

    it('queues jobs durably: dedupe by key, lease, retry, completion empties the payload', async () => {
      const t = 1_000_000;
      const first = await queue.enqueue({ id: 'job-1', shop: 'q', kind: 'customers/redact', payload: { customerId: 'cust-q' }, dedupe: [{ key: 'wh-1', ttlMs: DAY }] }, t);
      assert.deepEqual(first, { id: 'job-1', duplicate: false });
      assert.deepEqual(await queue.enqueue({ id: 'job-1b', shop: 'q', kind: 'customers/redact', payload: {}, dedupe: [{ key: 'wh-1', ttlMs: DAY }] }, t), { id: 'job-1', duplicate: true });
      await queue.enqueue({ id: 'job-2', shop: 'q', kind: 'shop/redact', payload: {} }, t + 1);
      assert.equal(await queue.pendingCount(), 2);

      const c1 = await queue.claim(t + 10, 1000);
      assert.equal(c1?.id, 'job-1');
      assert.equal(c1?.attempts, 1);
      assert.deepEqual(c1?.payload, { customerId: 'cust-q' });
      assert.equal((await queue.claim(t + 10, 1000))?.id, 'job-2');
      assert.equal(await queue.claim(t + 10, 1000), undefined, 'leased jobs are not handed out twice');
      // The worker died: the lease ends and the job comes back.
      const again = await queue.claim(t + 2000, 1000);
      assert.equal(again?.id, 'job-1');
      assert.equal(again?.attempts, 2);
      await queue.fail('job-1', 'boom', t + 5000, t + 2000);
      assert.equal((await queue.getJob('job-1'))?.lastError, 'boom');
      await queue.complete('job-2', { erased: 0 }, t + 2001);
      assert.equal(await queue.claim(t + 4000, 1000), undefined);
      assert.equal((await queue.claim(t + 5000, 1000))?.id, 'job-1');
      await queue.complete('job-1', { events: 3 }, t + 5001);
      const done = await queue.getJob('job-1');
      assert.equal(done?.status, 'done');
      assert.deepEqual(done?.payload, {});
      assert.deepEqual(done?.result, { events: 3 });
      assert.equal(await queue.pendingCount(), 0);
      assert.equal(await queue.getJob('nope'), undefined);
    });

    it('dedupes on any of several keys, each remembered for its own TTL', async () => {
      const t = 2_000_000;
      const job = (id: string, ...keys: [string, number][]) => ({ id, shop: 'dd', kind: 'customers/redact' as const, payload: {}, dedupe: keys.map(([key, ttlMs]) => ({ key, ttlMs })) });
      assert.deepEqual(await queue.enqueue(job('dd-1', ['dd-body', DAY], ['dd-webhook', DAY], ['dd-short', 1]), t), { id: 'dd-1', duplicate: false });
      // Any one key is enough: a replay with a new webhook id, or the same webhook id with another body.
      assert.deepEqual(await queue.enqueue(job('dd-2', ['dd-webhook-new', DAY], ['dd-body', DAY]), t), { id: 'dd-1', duplicate: true });
      assert.deepEqual(await queue.enqueue(job('dd-3', ['dd-webhook', DAY]), t), { id: 'dd-1', duplicate: true });
      assert.equal(await queue.getJob('dd-2'), undefined, 'a duplicate queues nothing');
      // Past its TTL (1 ms: on the queue's clock for SQLite, on the server's for Redis; 30 ms pass here) a key is forgotten.
      await new Promise((r) => setTimeout(r, 30));
      assert.deepEqual(await queue.enqueue(job('dd-4', ['dd-short', DAY]), t + 30), { id: 'dd-4', duplicate: false });
      assert.deepEqual(await queue.enqueue(job('dd-5', ['dd-webhook', DAY]), t + 30), { id: 'dd-1', duplicate: true }, 'the other keys are still remembered');
    });

    it('stores exports per shop, deletes them per subject and per shop', async () => {
      const far = Date.now() + 3_600_000;
      assert.equal(await queue.putExport('xs', 'exp-1', 'cust-a', { hello: 'a' }, far, Date.now()), true);
      assert.equal(await queue.putExport('xs', 'exp-2', 'cust-b', { hello: 'b' }, far, Date.now()), true);
      await queue.enqueue({ id: 'job-xs', shop: 'xs', kind: 'customers/data_request', payload: {}, dedupe: [{ key: 'wh-xs', ttlMs: DAY }, { key: 'body-xs', ttlMs: DAY }] }, 1);
      assert.deepEqual(await queue.getExport('xs', 'exp-1', Date.now()), { hello: 'a' });
      assert.equal(await queue.getExport('other-shop', 'exp-1', Date.now()), undefined);
      assert.deepEqual(await queue.exportIdsOf('xs', 'cust-a', Date.now()), ['exp-1']);
      assert.equal(await queue.putExport('xs', 'exp-3', 'cust-a', { hello: 'a again' }, far + 60_000, Date.now()), true);
      assert.deepEqual(await queue.exportIdsOf('xs', 'cust-a', Date.now()), ['exp-3', 'exp-1'], 'newest first');
      assert.deepEqual(await queue.exportIdsOf('other-shop', 'cust-a', Date.now()), [], "another shop's subject of the same id has none");
      assert.deepEqual(await queue.exportIdsOf('xs', 'cust-c', Date.now()), []);
      assert.equal(await queue.putExport('xs', 'exp-short', 'cust-d', { hello: 'd' }, Date.now() + 20, Date.now()), true);
      await new Promise((r) => setTimeout(r, 60));
      assert.deepEqual(await queue.exportIdsOf('xs', 'cust-d', Date.now()), [], 'an expired export is not listed');
      assert.equal(await queue.deleteExportsOf('xs', 'cust-a'), 2);
      assert.deepEqual(await queue.exportIdsOf('xs', 'cust-a', Date.now()), []);
      assert.equal(await queue.getExport('xs', 'exp-1', Date.now()), undefined);
      await queue.purgeShop('xs');
      assert.equal(await queue.getExport('xs', 'exp-2', Date.now()), undefined);
      assert.equal(await queue.getJob('job-xs'), undefined);
      // The dedupe keys went with the shop's jobs.
      assert.equal((await queue.enqueue({ id: 'job-xs2', shop: 'xs', kind: 'customers/data_request', payload: {}, dedupe: [{ key: 'wh-xs', ttlMs: DAY }] }, 2)).duplicate, false);
      assert.equal((await queue.enqueue({ id: 'job-xs3', shop: 'xs', kind: 'customers/data_request', payload: {}, dedupe: [{ key: 'body-xs', ttlMs: DAY }] }, 2)).duplicate, false);
    });
  });
}
