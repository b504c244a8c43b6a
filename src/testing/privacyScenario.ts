/**
 * The privacy scenario of docs/privacy.md, as code: a shopper browses in two markets, consents, buys
 * on two devices, withdraws consent on one, and is redacted through Shopify's `customers/redact`
 * webhook. Every step goes through a real Affinity server over HTTP (API keys, pixel origin, signed
 * webhook) on the embedded SQLite store; after every step the stored state is read back (the store's
 * export of every id involved, the session-only memory, and a count of the rows of every SQLite table
 * that mention the shopper).
 *
 * Used by `scripts/privacy-scenario.ts` (prints each step) and `test/e2e/privacy.e2e.test.ts` (asserts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signShopifyBody } from '../adapters/shopify/webhookHmac.ts';
import { loadConfig } from '../config.ts';
import { createAffinity, type Affinity } from '../main.ts';
import { untilJobDone } from './privacyJobs.ts';
import { dumpSqlite, findAny } from './storeDump.ts';

export const SHOP = 'demo-shop.myshopify.com';
export const ORIGIN = 'https://demo-shop.com';
export const LAPTOP = 'client-laptop-7f3a';
export const PHONE = 'client-phone-91c2';
export const CUSTOMER = '8800123';
export const ORDERS = ['5001001', '5001002'];
const KEYS = { ingest: 'demo-ingest-key-0123456789', read: 'demo-read-key-0123456789ab', admin: 'demo-admin-key-0123456789' };
const SECRET = 'shpss_demo_app_secret';

/** The catalog: a boot sold everywhere (EUR price list), a tent not sold in the EU. */
export const CATALOG_CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Price / EU,Included / EU',
  'Ridge Hiking Boot,ridge-boot,Alpina,Boots,hiking,TRUE,Active,RB-42,Size,42,149.00,,,FALSE,139.00,TRUE',
  'Summit Hiking Boot,summit-boot,Alpina,Boots,hiking,TRUE,Active,SB-42,Size,42,179.00,,,FALSE,165.00,TRUE',
  'Trail Tent,trail-tent,Campco,Tents,camping,TRUE,Active,TT-2,Title,Default Title,299.00,,,FALSE,,FALSE',
  'Camp Stove,camp-stove,Campco,Stoves,camping,TRUE,Active,CS-1,Title,Default Title,59.00,,,FALSE,55.00,TRUE',
].join('\n');

/** What is held about one id after a step. */
export interface IdState {
  readonly storedEvents: readonly string[];
  readonly profileEvents: number | null;
  readonly linkedIds: readonly string[];
}

/** The stored state after a step. */
export interface StepState {
  readonly step: string;
  readonly ids: Record<string, IdState>;
  /** Events held in session-only memory (never stored), per device. */
  readonly sessionOnly: Record<string, number>;
  /** Rows in all SQLite tables that mention the shopper (customer id, device ids, order ids). */
  readonly rowsMentioningShopper: number;
  /** Step-specific observations (HTTP answers, recommendations). */
  readonly notes: Record<string, unknown>;
}

const productViewed = (id: string, clientId: string, productId: string, title: string) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { productVariant: { id: `${productId}-v`, price: { amount: 149, currencyCode: 'USD' }, product: { id: productId, title, vendor: 'Alpina', type: 'Boots' } } },
});

const checkoutCompleted = (id: string, clientId: string, productId: string, orderId: string, market: { handle: string; country: string; currency: string }) => ({
  id,
  name: 'checkout_completed',
  clientId,
  timestamp: new Date().toISOString(),
  data: {
    checkout: {
      token: `tok-${id}`,
      currencyCode: market.currency,
      lineItems: [{ quantity: 1, variant: { id: `${productId}-v`, price: { amount: 139, currencyCode: market.currency }, product: { id: productId, title: 'x', vendor: 'Alpina', type: 'Boots' } } }],
      localization: { country: { isoCode: market.country }, market: { id: 'gid://shopify/Market/1', handle: market.handle } },
      order: { id: orderId, customer: { id: CUSTOMER, isFirstOrder: false } },
    },
  },
});

/** Runs the scenario; `onStep` sees each step's state as soon as it is known. */
export async function runPrivacyScenario(onStep: (s: StepState) => void = () => {}): Promise<StepState[]> {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-privacy-'));
  const dbPath = join(dir, 'affinity.db');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    AFFINITY_DB: dbPath,
    AFFINITY_LOG_LEVEL: 'silent',
    AFFINITY_DEFAULT_SHOP: SHOP,
    AFFINITY_API_KEYS: `${SHOP}:ingest:${KEYS.ingest},${SHOP}:read:${KEYS.read},*:admin:${KEYS.admin}`,
    AFFINITY_PIXEL_ORIGINS: `${SHOP}=${ORIGIN}`,
    SHOPIFY_API_SECRET: SECRET,
  });
  const affinity = await createAffinity(config);
  const url = await affinity.listen();
  const steps: StepState[] = [];
  try {
    const http = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
      const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
    };
    const pixel = (body: unknown) => http('POST', '/v1/events', body, { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' });
    const read = (path: string, body: unknown) => http('POST', path, body, { authorization: `Bearer ${KEYS.read}` });
    const admin = (method: string, path: string, body?: unknown) => http(method, path, body, { authorization: `Bearer ${KEYS.admin}`, ...(body === undefined ? { 'content-type': 'text/plain' } : {}) });
    const settle = async (jobId?: string) => {
      await affinity.ctx.projector.flush();
      if (jobId) await untilJobDone(affinity, jobId);
      await affinity.ctx.projector.flush();
    };
    const eventIds: string[] = [];
    const record = async (step: string, notes: Record<string, unknown> = {}) => {
      const s = await storedState(affinity, dbPath, step, notes, eventIds);
      steps.push(s);
      onStep(s);
    };

    const imp = await http('POST', `/v1/catalog/products?shop=${encodeURIComponent(SHOP)}`, CATALOG_CSV, { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'text/csv' });
    if (imp.status !== 200) throw new Error(`catalog import failed: ${imp.status} ${JSON.stringify(imp.body)}`);

    // 1. Browsing in the US (CCPA: opt-out, nothing refused): stored.
    eventIds.push('evt-us-1', 'evt-us-2');
    const us = await pixel({ shop: SHOP, market: 'us', events: [productViewed('evt-us-1', LAPTOP, 'ridge-boot', 'Ridge Hiking Boot'), productViewed('evt-us-2', LAPTOP, 'trail-tent', 'Trail Tent')] });
    await settle();
    await record('1. browses in the US market (CCPA, opt-out)', { ingest: us.body });

    // 2. Travelling: browsing in the EU before any consent (GDPR, opt-in): session-only memory.
    eventIds.push('evt-eu-1', 'evt-eu-2');
    const eu = await pixel({ shop: SHOP, market: 'eu', events: [productViewed('evt-eu-1', LAPTOP, 'camp-stove', 'Camp Stove'), productViewed('evt-eu-2', LAPTOP, 'ridge-boot', 'Ridge Hiking Boot')] });
    await settle();
    const ids = (r: { body?: { items?: { productId: string }[] } }) => (r.body?.items ?? []).map((i) => i.productId);
    const inEu = await read('/v1/recommendations', { shop: SHOP, userId: LAPTOP, limit: 10, market: 'eu' });
    const inUs = await read('/v1/recommendations', { shop: SHOP, userId: LAPTOP, limit: 10, market: 'us' });
    await record('2. browses in the EU market without consent (GDPR, opt-in)', {
      ingest: eu.body,
      recommendedInEu: ids(inEu),
      recommendedInUs: ids(inUs),
    });

    // 3. Consents in the EU (analytics + preferences), keeps browsing and buys: stored, linked to the customer.
    const consent = await http('POST', '/v1/consent', { shop: SHOP, clientId: LAPTOP, consent: { analyticsProcessingAllowed: true, preferencesProcessingAllowed: true, marketingAllowed: false, saleOfDataAllowed: true }, market: 'eu' }, { origin: ORIGIN });
    eventIds.push('evt-eu-3', 'evt-eu-buy');
    const consentFlags = { analyticsProcessingAllowed: true, preferencesProcessingAllowed: true, marketingAllowed: false, saleOfDataAllowed: true };
    const bought = await pixel({
      shop: SHOP,
      market: 'eu',
      consent: consentFlags,
      events: [productViewed('evt-eu-3', LAPTOP, 'summit-boot', 'Summit Hiking Boot'), checkoutCompleted('evt-eu-buy', LAPTOP, 'summit-boot', ORDERS[0]!, { handle: 'eu', country: 'DE', currency: 'EUR' })],
    });
    await settle();
    await record('3. consents in the EU (analytics + preferences) and buys as a customer', { consent: consent.body, ingest: bought.body });

    // 4. The same customer buys on a phone in the US.
    eventIds.push('evt-phone-1', 'evt-phone-buy');
    const phone = await pixel({
      shop: SHOP,
      market: 'us',
      events: [productViewed('evt-phone-1', PHONE, 'camp-stove', 'Camp Stove'), checkoutCompleted('evt-phone-buy', PHONE, 'camp-stove', ORDERS[1]!, { handle: 'us', country: 'US', currency: 'USD' })],
    });
    await settle();
    await record('4. buys on a phone in the US as the same customer', { ingest: phone.body });

    // 5. Withdraws consent on the laptop (the pixel forwards visitorConsentCollected). A storefront
    // request naming the customer id instead is refused: a pixel may act only for its own client id.
    const off = { analyticsProcessingAllowed: false, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false };
    const forCustomer = await http('POST', '/v1/consent', { shop: SHOP, customerId: CUSTOMER, consent: off, market: 'eu' }, { origin: ORIGIN });
    eventIds.push('evt-consent-off', 'evt-eu-4');
    const withdraw = await pixel({
      shop: SHOP,
      market: 'eu',
      events: [
        { id: 'evt-consent-off', name: 'visitorConsentCollected', clientId: LAPTOP, customerPrivacy: off },
        productViewed('evt-eu-4', LAPTOP, 'camp-stove', 'Camp Stove'),
      ],
    });
    // The erasure was queued by the consent signal; the worker does it (the pixel gets no job id).
    await untilQueueEmpty(affinity);
    await settle();
    await record('5. withdraws consent on the laptop', {
      pixelWithdrawsForCustomer: { status: forCustomer.status, code: forCustomer.body?.error?.code },
      ingest: withdraw.body,
    });

    // 6. Shopify sends customers/redact for the customer.
    const payload = JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id: Number(CUSTOMER), email: 'shopper@example.com', phone: null }, orders_to_redact: ORDERS.map(Number) });
    const hook = await http('POST', '/webhooks/shopify/customers/redact', payload, { 'x-shopify-hmac-sha256': signShopifyBody(payload, SECRET), 'x-shopify-webhook-id': 'wh-redact-1', 'x-shopify-topic': 'customers/redact' });
    await settle(hook.body?.jobId);
    await record('6. customers/redact webhook for the customer', {
      webhook: { status: hook.status, ...hook.body },
      job: (await admin('GET', `/v1/admin/privacy/jobs/${hook.body?.jobId}?shop=${encodeURIComponent(SHOP)}`)).body,
    });
    return steps;
  } finally {
    await affinity.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function untilQueueEmpty(affinity: Affinity): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await affinity.privacy.queue.pendingCount()) === 0) return;
    affinity.privacyWorker?.kick();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the privacy queue did not drain');
}


async function storedState(affinity: Affinity, dbPath: string, step: string, notes: Record<string, unknown>, eventIds: readonly string[]): Promise<StepState> {
  const store = affinity.privacy.store;
  const ids: Record<string, IdState> = {};
  for (const id of [LAPTOP, PHONE, CUSTOMER, `${LAPTOP}@us`, `${LAPTOP}@eu`]) {
    const x = await store.exportUser(SHOP, id);
    ids[id] = { storedEvents: x.events.map((e) => e.id), profileEvents: x.profile ? x.profile.eventCount : null, linkedIds: x.linkedIds };
  }
  const rows = findAny(dumpSqlite(dbPath), [CUSTOMER, LAPTOP, PHONE, ...ORDERS, ...eventIds]);
  return {
    step,
    ids,
    sessionOnly: { [LAPTOP]: affinity.privacy.sessions.events(SHOP, LAPTOP).length, [PHONE]: affinity.privacy.sessions.events(SHOP, PHONE).length },
    rowsMentioningShopper: rows.length,
    notes,
  };
}
