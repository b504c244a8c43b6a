/**
 * An erasure reaches the HTTP workers of the one-machine worker layout (`affinity serve` with
 * `AFFINITY_WORKERS=2`, SQLite): the privacy job runs in the primary, while the workers hold the agent
 * conversations (docs/privacy.md, "Agent conversations"). Every request below goes over a new
 * connection, so the primary hands them to the workers in turn and both hold the conversation; the
 * real MCP SDK client, signed compliance webhooks.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { callOk } from './mcpCall.ts';
import { serve, stop } from './serveProcess.ts';

const SHOP = 'workers-redact.myshopify.com';
const GONE = 'workers-gone.myshopify.com';
const AGENT = 'workers-agent-key-0123456789';
const ADMIN = 'workers-admin-key-0123456789';
const SECRET = 'shpss_workers_redact_secret';
const CATALOG = [
  { id: 'navy-sport-jacket', handle: 'navy-sport-jacket', title: 'Navy Sport Jacket', vendor: 'Harbor', productType: 'Jackets', category: 'Apparel > Men > Jackets', tags: ['navy'], price: '65.00' },
  { id: 'red-silk-tie', handle: 'red-silk-tie', title: 'Red Silk Tie', vendor: 'Harbor', productType: 'Ties', category: 'Apparel > Men > Ties', tags: ['red'], price: '45.00' },
  { id: 'grey-wool-coat', handle: 'grey-wool-coat', title: 'Grey Wool Coat', vendor: 'Harbor', productType: 'Coats', category: 'Apparel > Men > Coats', tags: ['grey'], price: '180.00' },
];
const GIFT = "it's a gift for my husband, navy, under 70 dollars";
/** Turns per check: with two workers taking new connections in turn, both see some of them. */
const TURNS = 4;

/** `fetch` over a new connection every time (no keep-alive pool), as the MCP client's transport takes it. */
function freshFetch(url: string | URL, init?: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = new Headers(init?.headers);
    const req = request(url, { method: init?.method ?? 'GET', agent: false, headers: Object.fromEntries(headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve(new Response(res.statusCode === 202 || res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(typeof init?.body === 'string' ? init.body : undefined);
  });
}

describe('an erasure reaches every HTTP worker (AFFINITY_WORKERS=2, SQLite)', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  const clients: Client[] = [];
  const connect = async (shop: string): Promise<Client> => {
    const client = new Client({ name: 'workers-redact-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { fetch: freshFetch, requestInit: { headers: { authorization: `Bearer ${AGENT}`, 'x-affinity-shop': shop } } }));
    clients.push(client);
    return client;
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };
  let n = 0;
  /** Delivers a signed compliance webhook and waits (bounded) until its privacy job is done. */
  const deliver = async (topic: string, payload: Record<string, unknown>) => {
    const raw = JSON.stringify(payload);
    const res = await fetch(`${url}/webhooks/shopify/${topic}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signShopifyBody(raw, SECRET), 'x-shopify-webhook-id': `workers-${++n}`, 'x-shopify-topic': topic, 'x-shopify-shop-domain': String(payload.shop_domain) },
      body: raw,
    });
    const { jobId } = (await res.json()) as { jobId: string };
    assert.equal(res.status, 202);
    for (let i = 0; i < 2400; i++) {
      const job = await admin('GET', `/v1/admin/privacy/jobs/${jobId}?shop=${payload.shop_domain}`);
      if (job.body?.status === 'done') return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`privacy job ${jobId} did not finish`);
  };
  /** Intent sources of `TURNS` turns naming only the conversation, each over a new connection. */
  const sources = async (client: Client, session: string): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < TURNS; i++) out.push((await callOk(client, 'recommend_products', { session_id: session, limit: 2 })).intent.source);
    return out;
  };
  /** Until every turn answers without the conversation's context (bounded: the primary tells the workers over IPC). */
  const untilForgotten = async (client: Client, session: string): Promise<string[]> => {
    let last: string[] = [];
    for (let i = 0; i < 100; i++) {
      last = await sources(client, session);
      if (!last.includes('session')) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    return last;
  };
  /** A gift conversation of `user`, told to every worker; checked: each turn naming only it answers from it. */
  const giftConversation = async (client: Client, user: string, session: string) => {
    for (let i = 0; i < TURNS; i++) await callOk(client, 'recommend_products', { user_id: user, session_id: session, text: GIFT, limit: 2 });
    assert.deepEqual(await sources(client, session), Array(TURNS).fill('session'));
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-workers-'));
    ({ child, url } = await serve(
      { AFFINITY_WORKERS: '2', AFFINITY_DB: join(dir, 'w.db'), AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `*:read+ingest:${AGENT},*:admin:${ADMIN}`, SHOPIFY_API_SECRET: SECRET },
      2,
    ));
    for (const shop of [SHOP, GONE]) assert.equal((await admin('POST', `/v1/catalog/products?shop=${shop}`, CATALOG)).status, 200);
  });
  after(async () => {
    for (const c of clients) await c.close();
    if (child) await stop(child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it("customers/redact drops the customer's conversation in every worker; another customer's stays", async () => {
    const mcp = await connect(SHOP);
    await giftConversation(mcp, '7109001', 'w-chat-1');
    await giftConversation(mcp, '7109002', 'w-chat-2');
    await deliver('customers/redact', { shop_id: 1, shop_domain: SHOP, customer: { id: 7109001, email: null, phone: null }, orders_to_redact: [] });
    assert.deepEqual(await untilForgotten(mcp, 'w-chat-1'), Array(TURNS).fill('none'));
    assert.deepEqual(await sources(mcp, 'w-chat-2'), Array(TURNS).fill('session'), 'near miss: the other customer keeps their conversation');
  });

  it('shop/redact drops the shop\'s conversations in every worker', async () => {
    const gone = await connect(GONE);
    await giftConversation(gone, '7109003', 'w-chat-3');
    await deliver('shop/redact', { shop_id: 2, shop_domain: GONE });
    assert.deepEqual(await untilForgotten(gone, 'w-chat-3'), Array(TURNS).fill('none'));
  });
});
