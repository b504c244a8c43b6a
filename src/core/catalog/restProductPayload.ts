/**
 * A Shopify product as the REST Admin API's product webhooks send it (`products/create`,
 * `products/update`; `products/delete` sends only `{id}`), read into the catalog model. The shape:
 * `id` (numeric), `handle`, `title`, `body_html`, `vendor`, `product_type`, `tags` (one comma-separated
 * string), `status` (`active` | `draft` | `archived`), `published_at` (null when not on the online
 * store), `created_at`, `updated_at` (with an offset, e.g. `2021-02-10T16:56:26-05:00`), `options[]`
 * (`name`, `position`), `variants[]` (`id`, `title`, `sku`, `price` and `compare_at_price` as decimal
 * strings, `option1..3`, `inventory_management` (null: not tracked), `inventory_policy` (`deny` |
 * `continue`), `inventory_quantity`) and `images[]` (`src`). Prices are in the shop's currency, which
 * the payload does not name: the caller gives it.
 *
 * Availability follows the CSV import's rule: a variant is available when its inventory is not
 * tracked, its quantity is above 0, or it keeps selling when out of stock. A product is published when
 * it is active and its `published_at` is not null or empty (an older payload without `status` counts as
 * active; a payload without `published_at` at all says nothing of it, and counts as published). Pure.
 */
import { normalizeId } from '../ids.ts';
import { moneyFromMajor } from '../money.ts';
import { htmlToText, normalizeOptionName, slugify, splitTags } from './csvImport.ts';
import type { Product, Variant } from './product.ts';
import { toStamp } from './stampedChange.ts';

/** A product read from a webhook payload, with the webhook's own facts about it. */
export interface RestProduct {
  /** Shopify's numeric product id. */
  readonly numericId: string;
  /** The product, under its numeric id (the caller stores it under the catalog's id for it). */
  readonly product: Product;
  /** `updated_at` as a stamp, when the payload has a valid one. */
  readonly stamp?: string;
}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The numeric product id of any product webhook payload (`{id}` for a deletion), or `undefined`. */
export function restProductId(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const id = normalizeId(payload.id ?? payload.admin_graphql_api_id);
  return id !== undefined && /^\d+$/.test(id) ? id : undefined;
}

function variantOf(v: Json, i: number, optionNames: readonly string[], currency: string): Variant | string {
  const id = normalizeId(v.id);
  if (id === undefined) return `variants.${i}: no id`;
  const price = moneyFromMajor(text(v.price), currency);
  if (!price) return `variants.${i}.price: invalid amount "${text(v.price)}"`;
  const compare = v.compare_at_price === null || v.compare_at_price === undefined ? undefined : moneyFromMajor(text(v.compare_at_price), currency);
  const options: Record<string, string> = {};
  optionNames.forEach((name, k) => {
    const value = text(v[`option${k + 1}`]);
    const n = normalizeOptionName(name);
    if (n !== '' && value !== '' && !(n === 'title' && value.toLowerCase() === 'default title')) options[n] = value;
  });
  const tracked = v.inventory_management !== null && v.inventory_management !== undefined && text(v.inventory_management) !== '';
  const qty = typeof v.inventory_quantity === 'number' ? v.inventory_quantity : Number(text(v.inventory_quantity));
  const available = !tracked || (Number.isFinite(qty) && qty > 0) || text(v.inventory_policy).toLowerCase() === 'continue';
  const sku = text(v.sku);
  const labels = Object.values(options);
  return {
    id,
    title: text(v.title) || (labels.length > 0 ? labels.join(' / ') : 'Default Title'),
    ...(sku ? { sku } : {}),
    price,
    ...(compare && compare.amount > price.amount ? { compareAtPrice: compare } : {}),
    available,
    options,
  };
}

/**
 * Reads a `products/create` or `products/update` payload. Returns the product, or a message saying
 * why it cannot be read (no numeric id, no title, no variant with a valid price).
 */
export function readRestProduct(payload: unknown, currency: string): RestProduct | { readonly problem: string } {
  const numericId = restProductId(payload);
  if (!isRecord(payload) || numericId === undefined) return { problem: 'the payload has no numeric product id' };
  const title = text(payload.title);
  if (title === '') return { problem: `product ${numericId} has no title` };
  const optionNames: string[] = [];
  if (Array.isArray(payload.options)) {
    for (const o of payload.options) {
      if (!isRecord(o)) continue;
      const pos = typeof o.position === 'number' && o.position >= 1 && o.position <= 3 ? o.position - 1 : optionNames.length;
      optionNames[pos] = text(o.name);
    }
  }
  const variants: Variant[] = [];
  const problems: string[] = [];
  (Array.isArray(payload.variants) ? payload.variants : []).forEach((v, i) => {
    const read = isRecord(v) ? variantOf(v, i, optionNames, currency) : `variants.${i}: not an object`;
    if (typeof read === 'string') problems.push(read);
    else if (!variants.some((x) => x.id === read.id)) variants.push(read);
  });
  if (variants.length === 0) return { problem: `product ${numericId} has no variant with a valid price${problems.length > 0 ? ` (${problems.join('; ')})` : ''}` };
  const options: Record<string, string[]> = {};
  for (const v of variants) for (const [n, val] of Object.entries(v.options)) if (!(options[n] ??= []).includes(val)) options[n]!.push(val);
  const images = (Array.isArray(payload.images) ? payload.images : [])
    .map((im) => (isRecord(im) ? text(im.src) : text(im)))
    .filter((u, i, all) => u !== '' && all.indexOf(u) === i);
  const status = text(payload.status).toLowerCase();
  // `published_at: null` (or "") is off the online store; a payload without the key says nothing of it,
  // and an active product is then published (the GraphQL-shaped and trimmed payloads leave it out).
  const published = (status === '' || status === 'active') && payload.published_at !== null && (!('published_at' in payload) || text(payload.published_at) !== '');
  const createdAt = toStamp(text(payload.created_at) || undefined);
  const stamp = toStamp(text(payload.updated_at) || undefined);
  const product: Product = {
    id: numericId,
    handle: text(payload.handle).toLowerCase() || slugify(title) || numericId,
    title,
    description: htmlToText(typeof payload.body_html === 'string' ? payload.body_html : ''),
    vendor: text(payload.vendor),
    productType: text(payload.product_type),
    category: '',
    tags: splitTags(typeof payload.tags === 'string' || Array.isArray(payload.tags) ? (payload.tags as string | string[]) : ''),
    options,
    variants,
    images,
    published,
    ...(createdAt ? { createdAt } : {}),
  };
  return { numericId, product, ...(stamp ? { stamp } : {}) };
}
