/**
 * A local stand-in for a Shopify storefront with the theme app extension installed, for driving the
 * theme block in a real browser:
 *
 * - `GET /products/<handle>`: a product page of a plain theme with the "Affinity recommendations" block
 *   rendered from its Liquid (test/shopifyApp/themeBlock.ts), and its script and stylesheet loaded as
 *   Shopify loads a block's `javascript`/`stylesheet` assets; `window.Shopify.analytics.publish` records
 *   what is published (`window.__published`);
 * - `GET /cdn/shop/t/1/assets/<file>`: the extension's assets; `GET /cdn/shop/files/<handle>.svg`: a
 *   product picture drawn for the handle;
 * - `GET /apps/affinity/<path>`: Shopify's app proxy. Forwards to `<affinity>/shopify/proxy/<path>` with
 *   the storefront's query plus `shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and
 *   `signature` (hex HMAC-SHA256 with the app's client secret, `signProxyParams`), cookies dropped, and
 *   passes the answer back. The test chooses how the app behaves: `up`, `slow` (the answer is held
 *   10 s), `down` (the app refuses connections; the stand-in answers 502) or `reset` (the connection is
 *   dropped without an answer).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parseProxyQuery, signProxyParams } from '../../src/adapters/shopify/appProxySignature.ts';
import { ASSET_BASE, blockSource, renderBlock, THEME_DIR, type BlockContext } from './themeBlock.ts';

/** A product as the theme sees it. */
export interface StorefrontProduct {
  readonly id: number;
  readonly handle: string;
  readonly title: string;
  readonly price: string;
  readonly vendor: string;
}

/** How the app behind the proxy behaves. */
export type AppMode = 'up' | 'slow' | 'down' | 'reset';

/** One request that reached the proxy. */
export interface ProxiedRequest {
  /** The storefront's own query (what the block's script sent). */
  readonly query: URLSearchParams;
  /** The status the storefront got, once answered. */
  status?: number;
  /** The body passed back, when the app answered. */
  body?: string;
  /** The browser gave up before an answer. */
  aborted?: boolean;
}

/** Options of the stand-in. */
export interface StorefrontOptions {
  readonly shop: string;
  readonly secret: string;
  readonly affinityUrl: string;
  readonly products: readonly StorefrontProduct[];
  /** Logged-in customer id Shopify adds (empty: nobody). */
  readonly customerId?: string;
  readonly cartProductIds?: readonly number[];
  readonly country?: string;
  readonly currency?: string;
  /** The storefront's locale (Liquid `request.locale.iso_code`), when it has one. */
  readonly locale?: string;
  readonly blockSettings: Readonly<Record<string, unknown>>;
  /** Attributes added to the block's root element (e.g. a longer `data-timeout-ms` for the tests). */
  readonly extraRootAttributes?: string;
}

/** A running stand-in. */
export interface Storefront {
  readonly url: string;
  readonly proxied: ProxiedRequest[];
  mode: AppMode;
  close(): Promise<void>;
}

const SLOW_MS = 10_000;
const PALETTE = ['#3d5a80', '#98c1d9', '#ee6c4d', '#293241', '#6a994e', '#bc4749', '#f2cc8f', '#81b29a'];

function productPicture(handle: string, title: string): string {
  let h = 0;
  for (const c of handle) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const bg = PALETTE[h % PALETTE.length]!;
  const fg = PALETTE[(h >> 3) % PALETTE.length]!;
  const initials = title
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0])
    .join('')
    .toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><rect width="400" height="400" fill="${bg}"/><circle cx="300" cy="110" r="70" fill="${fg}" opacity="0.55"/><rect x="40" y="250" width="220" height="100" rx="18" fill="#fff" opacity="0.18"/><text x="60" y="330" font-family="Georgia, serif" font-size="110" fill="#fff">${initials}</text></svg>`;
}

async function page(o: StorefrontOptions, p: StorefrontProduct, spacer: number): Promise<string> {
  const { schema } = blockSource();
  const ctx: BlockContext = {
    block: { id: 'AffinityRecs1', settings: o.blockSettings, shopify_attributes: 'data-shopify-editor-block="{&quot;id&quot;:&quot;AffinityRecs1&quot;,&quot;type&quot;:&quot;app&quot;}"' },
    product: { id: p.id, handle: p.handle, title: p.title },
    cart: { items: (o.cartProductIds ?? []).map((id) => ({ product_id: id })), currency: { iso_code: o.currency ?? 'USD' } },
    localization: o.country ? { country: { iso_code: o.country, currency: { iso_code: o.currency ?? 'USD' } } } : null,
    customer: o.customerId ? { id: Number(o.customerId) } : null,
    ...(o.locale ? { request: { locale: { iso_code: o.locale } } } : {}),
  };
  let block = await renderBlock(ctx);
  if (o.extraRootAttributes) block = block.replace('data-affinity-recommendations', `data-affinity-recommendations ${o.extraRootAttributes}`);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} – Trailhead Outfitters</title>
<style>
  body { margin: 0; font-family: "Helvetica Neue", Arial, sans-serif; color: #1f2a30; background: #fbfaf7; }
  header { padding: 18px 40px; border-bottom: 1px solid #e6e1d8; font-family: Georgia, serif; font-size: 22px; letter-spacing: .04em; }
  main { max-width: 1080px; margin: 0 auto; padding: 32px 40px 48px; }
  .product { display: grid; grid-template-columns: 360px 1fr; gap: 40px; align-items: start; }
  .product img { width: 100%; border-radius: 10px; display: block; }
  .product h1 { font-family: Georgia, serif; font-weight: normal; font-size: 34px; margin: 8px 0 10px; }
  .product .vendor { text-transform: uppercase; font-size: 12px; letter-spacing: .12em; opacity: .7; }
  .product .price { font-size: 20px; margin-bottom: 22px; }
  .product button { background: #1f2a30; color: #fff; border: 0; border-radius: 6px; padding: 14px 28px; font-size: 15px; }
</style>
<link rel="stylesheet" href="${ASSET_BASE}${schema.stylesheet}">
<script>window.__published = []; window.Shopify = { shop: ${JSON.stringify(o.shop)}, analytics: { publish: function (name, data) { window.__published.push({ name: name, data: data }); return true; } } };</script>
<script src="${ASSET_BASE}${schema.javascript}" defer></script>
</head><body>
<header>Trailhead Outfitters</header>
<main>
  <div class="product">
    <img src="/cdn/shop/files/${p.handle}.svg" alt="" width="360" height="360">
    <div><div class="vendor">${esc(p.vendor)}</div><h1>${esc(p.title)}</h1><div class="price">$${esc(p.price)}</div><button type="button">Add to cart</button></div>
  </div>
  <div id="spacer" style="height:${spacer}px"></div>
  ${block}
</main>
</body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Shopify's app proxy: sign and forward, or behave as the chosen failure. */
async function proxy(o: StorefrontOptions, s: Storefront, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const rec: ProxiedRequest = { query: new URLSearchParams(url.search) };
  s.proxied.push(rec);
  res.on('close', () => {
    if (!res.writableFinished) rec.aborted = true;
  });
  if (s.mode === 'reset') {
    req.socket.destroy();
    return;
  }
  if (s.mode === 'slow') {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, SLOW_MS);
      res.on('close', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (res.destroyed || res.writableEnded) return;
  }
  const params = parseProxyQuery(url.search.slice(1));
  params.set('shop', [o.shop]);
  params.set('logged_in_customer_id', [o.customerId ?? '']);
  params.set('path_prefix', ['/apps/affinity']);
  params.set('timestamp', [String(Math.floor(Date.now() / 1000))]);
  params.set('signature', [signProxyParams(params, o.secret)]);
  const q = new URLSearchParams();
  for (const [k, vs] of params) for (const v of vs) q.append(k, v);
  const target = `${s.mode === 'down' ? await closedPort() : o.affinityUrl}/shopify/proxy${url.pathname.slice('/apps/affinity'.length)}?${q}`;
  try {
    // No cookie, no Authorization: Shopify strips them.
    const upstream = await fetch(target, { headers: { accept: req.headers.accept ?? '*/*' } });
    rec.status = upstream.status;
    rec.body = await upstream.text();
    send(res, upstream.status, upstream.headers.get('content-type') ?? 'text/plain', rec.body);
  } catch {
    rec.status = 502;
    send(res, 502, 'text/html', '<h1>Bad gateway</h1>');
  }
}

/** A loopback URL nothing listens on. */
async function closedPort(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** Starts the stand-in on a free loopback port. */
export async function startStorefront(o: StorefrontOptions): Promise<Storefront> {
  const byHandle = new Map(o.products.map((p) => [p.handle, p]));
  const s: Storefront = { url: '', proxied: [], mode: 'up', close: async () => undefined };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://storefront.local');
    void (async () => {
      if (url.pathname.startsWith('/apps/affinity/')) return proxy(o, s, req, res, url);
      const product = /^\/products\/([\w-]+)$/.exec(url.pathname);
      if (product && byHandle.has(product[1]!)) return send(res, 200, 'text/html; charset=utf-8', await page(o, byHandle.get(product[1]!)!, Number(url.searchParams.get('spacer') ?? 0)));
      const picture = /^\/cdn\/shop\/files\/([\w-]+)\.svg$/.exec(url.pathname);
      if (picture) return send(res, 200, 'image/svg+xml', productPicture(picture[1]!, byHandle.get(picture[1]!)?.title ?? picture[1]!));
      const asset = url.pathname.startsWith(ASSET_BASE) ? url.pathname.slice(ASSET_BASE.length) : undefined;
      if (asset && /^[\w.-]+$/.test(asset)) {
        const type = asset.endsWith('.js') ? 'text/javascript' : asset.endsWith('.css') ? 'text/css' : 'application/octet-stream';
        return send(res, 200, type, await readFile(new URL(`assets/${asset}`, THEME_DIR)));
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      return send(res, 404, 'text/plain', 'not found');
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'stand-in error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(s, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
