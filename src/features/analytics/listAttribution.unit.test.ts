import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ServedList } from '../../core/attribution/servedList.ts';
import { ExperimentsFile } from './experimentsFile.ts';
import { ListAttribution } from './listAttribution.ts';
import type { ServedRecorder } from './servedRecorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-list-attribution-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function experimentsFile(experiments: unknown[]): ExperimentsFile {
  const path = join(dir, `experiments-${experiments.length}.json`);
  writeFileSync(path, JSON.stringify({ experiments }));
  return new ExperimentsFile(path);
}
const ON_PRODUCT = [{ id: 'recs-v1', surfaces: ['product'], variants: [{ name: 'control', strategy: 'popular', weight: 50 }, { name: 'affinity', strategy: 'personalized', weight: 50 }] }];

/** A ListAttribution over `links` (a map of the store's linked groups), counting lookups and keeping recorded lists. */
function setup(experiments: unknown[], links: Map<string, string[]> = new Map(), fail = false) {
  const recorded: ServedList[] = [];
  const lookups: string[] = [];
  const errors: unknown[] = [];
  const attribution = new ListAttribution({
    experiments: experimentsFile(experiments),
    recorder: { record: (l: ServedList) => recorded.push(l) } as unknown as ServedRecorder,
    clock: () => 1_000,
    mayStore: () => true,
    links: async (_shop, id) => {
      lookups.push(id);
      // A store round trip.
      await new Promise((r) => setImmediate(r));
      if (fail) throw new Error('store down');
      return links.get(id) ?? [];
    },
    onLinksError: (err) => errors.push(err),
  });
  return { attribution, recorded, lookups, errors };
}
const SHOP = 's.myshopify.com';

describe('ListAttribution: the shopper key', () => {
  it('records the customer id a request names with the list outside experiments too, without a link lookup', async () => {
    const { attribution, recorded, lookups } = setup(ON_PRODUCT);
    // The cart is not in the experiment: no lookup, but the request itself links client and customer.
    const start = await attribution.begin({ shop: SHOP, surface: 'cart', userId: 'client-1', customerId: '4200' });
    assert.equal(start.experiment, undefined);
    assert.equal(start.shopperKey, '4200');
    attribution.served(start, { shop: SHOP, surface: 'cart', actor: 'human', userId: 'client-1', items: ['p1'] });
    assert.equal(recorded[0]?.shopperKey, '4200');
    assert.deepEqual(lookups, []);
    // A request with only its user id records no key.
    assert.equal((await attribution.begin({ shop: SHOP, surface: 'cart', userId: 'client-2' })).shopperKey, undefined);
  });
});

describe('ListAttribution: the record of a served list', () => {
  it('holds the fields given and the experiment, and no key for a field left undefined', async () => {
    const { attribution, recorded } = setup(ON_PRODUCT);
    const start = await attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' });
    const variant = start.experiment?.variant;
    assert.ok(variant);
    attribution.served(start, { shop: SHOP, surface: 'product', actor: 'agent', agent: 'claude', intent: 'gift', market: 'us', userId: 'client-1', items: ['p1', 'p2'], tookMs: 1.5, status: 'degraded' });
    attribution.served(await attribution.begin({ shop: SHOP, surface: 'cart' }), { shop: SHOP, surface: 'cart', actor: 'human', agent: undefined, intent: undefined, market: undefined, userId: undefined, items: [] });
    assert.deepEqual(recorded, [
      { id: start.id, shop: SHOP, ts: 1_000, surface: 'product', actor: 'agent', agent: 'claude', experiment: { id: 'recs-v1', variant }, intent: 'gift', market: 'us', userId: 'client-1', items: ['p1', 'p2'], tookMs: 1.5, status: 'degraded' },
      { id: recorded[1]?.id, shop: SHOP, ts: 1_000, surface: 'cart', actor: 'human', items: [] },
    ]);
  });
});

describe('ListAttribution: link lookups per request', () => {
  it('looks one shopper’s links up once for a whole batch (concurrent requests share the lookup)', async () => {
    const { attribution, lookups } = setup(ON_PRODUCT, new Map([['client-1', ['4200']]]));
    const starts = await Promise.all(Array.from({ length: 5 }, () => attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' })));
    assert.deepEqual(lookups, ['client-1']);
    assert.deepEqual(new Set(starts.map((s) => `${s.shopperKey}/${s.experiment?.variant}`)).size, 1);
    assert.equal(starts[0]?.shopperKey, '4200');
  });

  it('makes one lookup for a signed-in customer on a device already linked to them, two only for a device not linked yet', async () => {
    const { attribution, lookups } = setup(ON_PRODUCT, new Map([['4200', ['client-1']], ['client-1', ['4200']]]));
    assert.equal((await attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1', customerId: '4200' })).shopperKey, '4200');
    assert.deepEqual(lookups, ['4200']);
    lookups.length = 0;
    assert.equal((await attribution.begin({ shop: SHOP, surface: 'product', userId: 'fresh-device', customerId: '4200' })).shopperKey, '4200');
    assert.deepEqual(lookups, ['4200', 'fresh-device']);
  });

  it('keeps nothing once a lookup settled: a link stored between two requests counts at once', async () => {
    const links = new Map<string, string[]>();
    const { attribution, lookups } = setup(ON_PRODUCT, links);
    assert.equal((await attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' })).shopperKey, 'client-1');
    links.set('client-1', ['4200']);
    assert.equal((await attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' })).shopperKey, '4200');
    assert.deepEqual(lookups, ['client-1', 'client-1']);
  });

  it('assigns every request sharing a failed lookup on its own ids, and looks up again next time', async () => {
    const { attribution, lookups, errors } = setup(ON_PRODUCT, new Map(), true);
    const starts = await Promise.all([1, 2, 3].map(() => attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' })));
    assert.deepEqual(starts.map((s) => s.shopperKey), ['client-1', 'client-1', 'client-1']);
    assert.ok(starts.every((s) => s.experiment));
    assert.equal(errors.length, 3);
    await attribution.begin({ shop: SHOP, surface: 'product', userId: 'client-1' });
    assert.deepEqual(lookups, ['client-1', 'client-1']);
  });
});

describe('ListAttribution: the lists served here, by id', () => {
  it('remembers what each recorded list held and for which shop, the oldest forgotten first; a list nothing may store is not remembered', async () => {
    const attribution = new ListAttribution({
      experiments: experimentsFile([]),
      recorder: { record: () => undefined } as unknown as ServedRecorder,
      clock: () => 1_000,
      mayStore: (_shop, userId) => userId !== 'session-only',
      recentLists: 2,
    });
    const serve = async (userId: string, items: string[]) => {
      const start = await attribution.begin({ shop: SHOP, surface: 'mcp', userId });
      attribution.served(start, { shop: SHOP, surface: 'mcp', actor: 'agent', userId, items });
      return start.id;
    };
    const a = await serve('u-1', ['p-1', 'p-2']);
    assert.deepEqual(attribution.servedHere(a), { shop: SHOP, items: ['p-1', 'p-2'] });
    assert.equal(attribution.servedHere(await serve('session-only', ['p-3'])), undefined);
    await serve('u-2', ['p-4']);
    await serve('u-3', ['p-5']);
    assert.equal(attribution.servedHere(a), undefined, 'two kept: the first is gone');
  });
});
