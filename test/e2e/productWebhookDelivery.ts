/**
 * Shopify's product webhooks as the end-to-end tests deliver them: a REST Admin product payload, and
 * its delivery to `POST /webhooks/shopify`, signed with the app secret as Shopify signs it.
 */
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import type { Running } from './helpers.ts';

/** A REST Admin product payload, as `products/update` carries it. */
export const restProduct = (id: number, handle: string, title: string, over: Record<string, unknown> = {}) => ({
  id,
  title,
  handle,
  body_html: '<p>x</p>',
  vendor: 'Acme',
  product_type: 'Scarves',
  status: 'active',
  published_at: '2026-01-01T00:00:00Z',
  tags: 'winter',
  updated_at: '2026-12-01T10:00:00Z',
  variants: [{ id: id * 10, product_id: id, title: 'Default Title', price: '20.00', sku: 'X', inventory_quantity: 5, inventory_policy: 'deny', inventory_management: 'shopify' }],
  images: [],
  ...over,
});

/** Delivers one webhook of `shop` signed with `secret` (headers added or replaced by `headers`); the answer, parsed. */
export async function deliverWebhook(s: Running, shop: string, secret: string, topic: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = JSON.stringify(body);
  const res = await fetch(`${s.url}/webhooks/shopify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-shop-domain': shop, 'x-shopify-hmac-sha256': signShopifyBody(raw, secret), ...headers },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
