/**
 * A consent withdrawal holds after a restart (found by an outside review, 2026-12-08): a shopper whose
 * device withdrew through the pixel, then a new instance over the same SQLite file / Redis (its consent
 * ledger has never seen them). A keyed server event and a pixel batch without consent of their own, sent
 * after the restart, are held in session memory and stored nowhere; the shopper's grant, later, counts;
 * a shopper who never withdrew is stored as before. Real HTTP, real redis-server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';
import { SMALL_CATALOG, startAffinity } from './helpers.ts';

const NOW = Date.now();
let seq = 0;
const DEVICE = 'c0a5e17e-7b4d-4e8f-9a6b-0000000000w1';
const OTHER = 'c0a5e17e-7b4d-4e8f-9a6b-0000000000n1';
const granted = { analyticsProcessingAllowed: true, saleOfDataAllowed: true };

function viewed(clientId: string, productId: string, msAgo: number) {
  return {
    id: `wr-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - msAgo).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 149, currencyCode: 'USD' }, product: { id: productId, title: 'Boot', vendor: 'Alpina', type: 'Boots' } } },
  };
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`a withdrawal holds after a restart (${backend})`, () => {
    let redis: RedisServerHandle | undefined;
    let env: Record<string, string>;
    before(async () => {
      if (backend === 'redis') redis = await startRedis();
      env = redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : { AFFINITY_DB: join(mkdtempSync(join(tmpdir(), 'affinity-wr-')), 'w.db') };
    });
    after(async () => {
      await redis?.stop();
    });

    it('keeps a withdrawn device out of the store after a restart, until it grants again', async () => {
      const first = await startAffinity(env);
      try {
        assert.equal((await first.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
        assert.equal((await first.post('/v1/events', { market: 'us', consent: granted, events: [viewed(DEVICE, '101', 600_000), viewed(OTHER, '101', 600_000)] })).status, 202);
        const off = await first.post('/v1/consent', { clientId: DEVICE, consent: { analytics: false }, market: 'us' });
        assert.equal(off.status, 202, JSON.stringify(off.body));
        assert.equal(off.body.erasure.status, 'queued', 'what was stored about the device is being erased');
      } finally {
        await first.stop();
      }
      const second = await startAffinity(env);
      try {
        // A keyed server's event (no consent of its own) and a pixel batch that states none, after the restart.
        // Timed now, after the withdrawal's erasure (which the new instance runs when it starts): what keeps them
        // out is the withdrawal, not the erasure.
        await second.affinity.privacyWorker?.drain();
        const later = () => NOW - Date.now() - 1;
        const server = await second.post('/v1/events', { events: [{ id: `wr-${++seq}`, type: 'view', userId: DEVICE, productId: '102', timestamp: Date.now() + 1 }] });
        assert.equal(server.status, 202, JSON.stringify(server.body));
        assert.equal((await second.post('/v1/events', { market: 'us', events: [viewed(DEVICE, '103', later()), viewed(OTHER, '103', later())] })).status, 202);
        await second.affinity.ctx.projector.flush();
        const profile = await second.get(`/v1/users/${DEVICE}/profile`);
        assert.equal(profile.status, 404, `nothing stored for the withdrawn device: ${profile.text}`);
        const other = await second.get(`/v1/users/${OTHER}/profile`);
        assert.equal(other.status, 200, 'a shopper who never withdrew is stored as before');
        // The device grants again: what it does after that is stored.
        const on = await second.post('/v1/consent', { clientId: DEVICE, consent: { analytics: true }, market: 'us' });
        assert.equal(on.status, 200, JSON.stringify(on.body));
        assert.equal((await second.post('/v1/events', { market: 'us', consent: granted, events: [viewed(DEVICE, '104', later())] })).status, 202);
        await second.affinity.ctx.projector.flush();
        const back = await second.get(`/v1/users/${DEVICE}/profile`);
        assert.equal(back.status, 200, back.text);
        assert.deepEqual(back.body.recent.map((r: { productId: string }) => r.productId), ['104']);
      } finally {
        await second.stop();
      }
    });
  });
}
