/**
 * JSON catalog import. Accepts an array of products, or `{ products: [...] }`, where each item is
 * either in Affinity's compact form or a UCP catalog product (as returned by the Storefront Catalog
 * MCP `search_catalog` / `lookup_catalog` tools, docs/shopify.md §1.3). The form is detected per item.
 *
 * Compact form (prices are decimal major units, in `currency` or the import's default currency):
 * ```json
 * { "id": 8000000000001, "handle": "trail-boot", "title": "Trail Boot", "description": "<p>…</p>",
 *   "vendor": "Northpeak", "productType": "Hiking Boots", "category": "Apparel & Accessories > Shoes",
 *   "tags": "hiking, waterproof", "currency": "USD", "images": ["https://…"], "url": "/products/trail-boot",
 *   "published": true, "available": true, "createdAt": "2025-01-31T00:00:00Z", "gender": "male",
 *   "ageGroup": "adult",
 *   "price": "129.00", "compareAtPrice": "149.00",
 *   "variants": [{ "id": 45000000000001, "title": "Brown / 42", "sku": "TB-42", "price": "129.00",
 *                  "compareAtPrice": null, "available": true, "options": { "Colour": "Brown", "Size": "42" } }] }
 * ```
 * `type` is accepted for `productType`; `tags` may be an array or a comma-separated string; variant
 * `options` may be an object or `[{ name, value }]`; `images` items may be URLs or `{ url }`; `gender`
 * and `ageGroup` take Google's values as the CSV's columns do (`audiencesOf`). Either
 * `price` (one default variant, id `<productId>:1`) or `variants` is required.
 *
 * Ids are normalised with `normalizeId`, so `8000000000001`, `"8000000000001"` and
 * `"gid://shopify/Product/8000000000001"` all become `"8000000000001"`.
 */
import { z } from 'zod';
import { AffinityError } from '../errors.ts';
import { gidKindProblem, IdStringSchema, isMalformedGid, MALFORMED_GID_MESSAGE, normalizeId } from '../ids.ts';
import { moneyFromMajor } from '../money.ts';
import type { Money } from '../money.ts';
import { audiencesOf, htmlToText, normalizeOptionName, slugify, splitTags } from './csvImport.ts';
import type { Product, Variant } from './product.ts';
import { CurrencyCode } from '../currencyCode.ts';

/** A problem with one item of the input. */
export interface JsonImportError {
  /** Index of the item in the products array. */
  readonly index: number;
  readonly message: string;
}

/** What {@link parseCatalogJson} returns. */
export interface JsonImportResult {
  readonly products: Product[];
  readonly errors: JsonImportError[];
}

/** Options of {@link parseCatalogJson}. */
export interface JsonImportOptions {
  /** Currency of compact-form prices that do not name one. UCP prices always carry their own. */
  readonly currency: string;
}

/**
 * An id of one of `kinds` of Shopify object: a string (trimmed; a key the stores can hold) or a
 * non-negative integer. One written as a GID must be a well-formed GID of one of those kinds: a
 * collection's GID (`gid://shopify/Collection/5`) would otherwise be filed as product 5, and
 * `gid://shopify/Product/abc` as product "abc", which no event or agent could ever name.
 */
function idOf(kinds: readonly string[]) {
  return z
    .union([z.string().trim().pipe(IdStringSchema), z.number().int().nonnegative()])
    .superRefine((v, ctx) => {
      const problem = isMalformedGid(v) ? `${String(v).slice(0, 200)} ${MALFORMED_GID_MESSAGE}` : gidKindProblem(v, kinds);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
const Id = idOf(['Product']);
const VariantId = idOf(['ProductVariant']);
const Decimal = z.union([z.number().nonnegative(), z.string().trim().min(1)]);
const Currency = CurrencyCode;
const OptionValue = z.union([z.string(), z.number()]);

const CompactVariantSchema = z.object({
  id: VariantId,
  title: z.string().nullish(),
  sku: z.string().nullish(),
  price: Decimal,
  compareAtPrice: Decimal.nullish(),
  available: z.boolean().nullish(),
  options: z
    .union([z.record(z.string(), OptionValue), z.array(z.object({ name: z.string(), value: OptionValue }))])
    .nullish(),
});

const CompactProductSchema = z
  .object({
    id: Id,
    handle: z.string().nullish(),
    title: z.string().trim().min(1),
    description: z.string().nullish(),
    vendor: z.string().nullish(),
    productType: z.string().nullish(),
    type: z.string().nullish(),
    category: z.string().nullish(),
    tags: z.union([z.array(z.string()), z.string()]).nullish(),
    price: Decimal.nullish(),
    compareAtPrice: Decimal.nullish(),
    currency: Currency.nullish(),
    variants: z.array(CompactVariantSchema).nullish(),
    images: z.array(z.union([z.string(), z.object({ url: z.string() }), z.object({ src: z.string() })])).nullish(),
    image: z.string().nullish(),
    url: z.string().nullish(),
    available: z.boolean().nullish(),
    published: z.boolean().nullish(),
    createdAt: z.union([z.string(), z.number()]).nullish(),
    gender: z.string().max(100).nullish(),
    ageGroup: z.string().max(100).nullish(),
  })
  .refine((p) => (p.price !== undefined && p.price !== null) || (p.variants?.length ?? 0) > 0, {
    message: 'either price or a non-empty variants array is required',
    path: ['price'],
  });

const UcpMoneySchema = z.object({ amount: z.number().int().nonnegative(), currency: Currency });

const UcpVariantSchema = z.object({
  id: VariantId,
  title: z.string().nullish(),
  sku: z.string().nullish(),
  price: UcpMoneySchema,
  list_price: UcpMoneySchema.nullish(),
  availability: z.object({ available: z.boolean().nullish(), status: z.string().nullish() }).nullish(),
  options: z.array(z.object({ name: z.string(), label: z.string() })).nullish(),
});

const UcpProductSchema = z.object({
  id: Id,
  handle: z.string().nullish(),
  url: z.string().nullish(),
  title: z.string().trim().min(1),
  description: z
    .union([z.string(), z.object({ plain: z.string().nullish(), html: z.string().nullish(), markdown: z.string().nullish() })])
    .nullish(),
  price_range: z.object({ min: UcpMoneySchema, max: UcpMoneySchema.nullish() }).nullish(),
  list_price_range: z.object({ min: UcpMoneySchema.nullish(), max: UcpMoneySchema.nullish() }).nullish(),
  variants: z.array(UcpVariantSchema),
  categories: z.array(z.object({ value: z.string(), taxonomy: z.string().nullish() })).nullish(),
  media: z.array(z.object({ url: z.string(), type: z.string().nullish() })).nullish(),
  tags: z.array(z.string()).nullish(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
});

type CompactProduct = z.infer<typeof CompactProductSchema>;
type UcpProduct = z.infer<typeof UcpProductSchema>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** UCP products have a `price_range`, an object `description`, or variants whose price is a `{amount, currency}` object. */
function looksLikeUcp(item: Record<string, unknown>): boolean {
  if ('price_range' in item || isRecord(item.description)) return true;
  return Array.isArray(item.variants) && item.variants.some((v) => isRecord(v) && isRecord(v.price));
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Thrown inside one item's conversion; turned into a per-item error. */
class ItemError extends Error {}

function toIso(v: string | number): string | undefined {
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function handleFromUrl(url: string): string | undefined {
  const m = /\/products\/([^/?#]+)/.exec(url);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

function collectOptions(variants: readonly Variant[]): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.options)) {
      const list = (options[name] ??= []);
      if (!list.includes(value)) list.push(value);
    }
  }
  return options;
}

function normalizeOptions(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const n = normalizeOptionName(name);
    const v = value.trim();
    if (n === '' || v === '' || (n === 'title' && v.toLowerCase() === 'default title')) continue;
    out[n] = v;
  }
  return out;
}

function money(raw: string | number, currency: string, what: string): Money {
  const m = moneyFromMajor(raw, currency);
  if (!m) throw new ItemError(`${what}: invalid amount "${raw}"`);
  return m;
}

function fromCompact(p: CompactProduct, opts: JsonImportOptions, warn: (msg: string) => void): Product {
  const id = normalizeId(p.id) as string;
  const currency = p.currency ?? opts.currency;
  const productAvailable = p.available ?? true;
  const audiences = audiencesOf(p.gender ?? '', p.ageGroup ?? '');
  let variants: Variant[];
  if (p.variants && p.variants.length > 0) {
    const seen = new Set<string>();
    variants = [];
    p.variants.forEach((v, i) => {
      const vid = normalizeId(v.id) as string;
      if (seen.has(vid)) {
        warn(`variants.${i}: duplicate variant id "${vid}" skipped`);
        return;
      }
      seen.add(vid);
      const price = money(v.price, currency, `variants.${i}.price`);
      const compare = v.compareAtPrice === null || v.compareAtPrice === undefined ? undefined : money(v.compareAtPrice, currency, `variants.${i}.compareAtPrice`);
      const raw = v.options ?? {};
      const entries = Array.isArray(raw)
        ? raw.map((o) => [o.name, String(o.value)] as const)
        : Object.entries(raw).map(([k, val]) => [k, String(val)] as const);
      const options = normalizeOptions(entries);
      const labels = Object.values(options);
      variants.push({
        id: vid,
        title: v.title?.trim() || (labels.length > 0 ? labels.join(' / ') : 'Default Title'),
        ...(v.sku ? { sku: v.sku } : {}),
        price,
        ...(compare && compare.amount > price.amount ? { compareAtPrice: compare } : {}),
        available: v.available ?? productAvailable,
        options,
      });
    });
  } else {
    const price = money(p.price as string | number, currency, 'price');
    const compare = p.compareAtPrice === null || p.compareAtPrice === undefined ? undefined : money(p.compareAtPrice, currency, 'compareAtPrice');
    variants = [
      {
        id: `${id}:1`,
        title: 'Default Title',
        price,
        ...(compare && compare.amount > price.amount ? { compareAtPrice: compare } : {}),
        available: productAvailable,
        options: {},
      },
    ];
  }
  const images = [...(p.images ?? []).map((im) => (typeof im === 'string' ? im : 'url' in im ? im.url : im.src)), ...(p.image ? [p.image] : [])]
    .map((u) => u.trim())
    .filter((u, i, all) => u !== '' && all.indexOf(u) === i);
  let createdAt: string | undefined;
  if (p.createdAt !== null && p.createdAt !== undefined) {
    createdAt = toIso(p.createdAt);
    if (createdAt === undefined) warn(`createdAt: invalid date "${p.createdAt}" ignored`);
  }
  const handle = p.handle?.trim() || (p.url ? handleFromUrl(p.url) : undefined) || slugify(p.title) || id;
  return {
    id,
    handle,
    title: p.title.trim(),
    description: htmlToText(p.description ?? ''),
    vendor: p.vendor?.trim() ?? '',
    productType: (p.productType ?? p.type ?? '').trim(),
    category: p.category?.trim() ?? '',
    tags: splitTags(p.tags ?? []),
    options: collectOptions(variants),
    variants,
    images,
    ...(p.url ? { url: p.url } : {}),
    published: p.published ?? true,
    ...(createdAt ? { createdAt } : {}),
    ...(audiences.length > 0 ? { audiences } : {}),
  };
}

const UNAVAILABLE_STATUSES = new Set(['out_of_stock', 'discontinued']);

function ucpMoney(m: { amount: number; currency: string }): Money {
  return { amount: m.amount, currency: m.currency.toUpperCase() };
}

function fromUcp(p: UcpProduct): Product {
  const id = normalizeId(p.id) as string;
  const variants: Variant[] = p.variants.map((v) => {
    const price = ucpMoney(v.price);
    const list = v.list_price ? ucpMoney(v.list_price) : undefined;
    const options = normalizeOptions((v.options ?? []).map((o) => [o.name, o.label] as const));
    const available = v.availability?.available ?? (v.availability?.status ? !UNAVAILABLE_STATUSES.has(v.availability.status) : true);
    return {
      id: normalizeId(v.id) as string,
      title: v.title?.trim() || (Object.keys(options).length > 0 ? Object.values(options).join(' / ') : 'Default Title'),
      ...(v.sku ? { sku: v.sku } : {}),
      price,
      ...(list && list.amount > price.amount && list.currency === price.currency ? { compareAtPrice: list } : {}),
      available,
      options,
    };
  });
  if (variants.length === 0) {
    if (!p.price_range) throw new ItemError('variants: a UCP product needs variants or a price_range');
    variants.push({ id: `${id}:1`, title: 'Default Title', price: ucpMoney(p.price_range.min), available: true, options: {} });
  }
  const d = p.description;
  const description = typeof d === 'string' ? htmlToText(d) : d?.plain?.trim() || (d?.html ? htmlToText(d.html) : (d?.markdown?.trim() ?? ''));
  const categories = p.categories ?? [];
  const category = (categories.find((c) => c.taxonomy === 'shopify') ?? categories.find((c) => c.taxonomy === 'google_product_category') ?? categories[0])?.value.trim() ?? '';
  const handle = p.handle?.trim() || (p.url ? handleFromUrl(p.url) : undefined) || slugify(p.title) || id;
  return {
    id,
    handle,
    title: p.title.trim(),
    description,
    vendor: p.vendor?.trim() ?? '',
    productType: p.product_type?.trim() ?? '',
    category,
    tags: splitTags(p.tags ?? []),
    options: collectOptions(variants),
    variants,
    images: (p.media ?? []).filter((m) => !m.type || m.type === 'image').map((m) => m.url),
    ...(p.url ? { url: p.url } : {}),
    published: true,
  };
}

/**
 * Parses a JSON catalog (compact form or UCP products, detected per item) into products. Invalid
 * items are reported with their index and skipped; non-fatal problems (an unparsable `createdAt`, a
 * duplicate variant id) are reported too but the item is kept. Later items whose id repeats an
 * earlier one are rejected.
 *
 * @throws AffinityError `CATALOG_IMPORT_FAILED` when `value` is neither an array nor `{ products: [...] }`.
 */
export function parseCatalogJson(value: unknown, opts: JsonImportOptions): JsonImportResult {
  const items = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.products) ? value.products : undefined;
  if (!items) {
    throw new AffinityError('CATALOG_IMPORT_FAILED', 'The JSON catalog must be an array of products or an object with a "products" array.');
  }
  const products: Product[] = [];
  const errors: JsonImportError[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item: unknown, index: number) => {
    if (!isRecord(item)) {
      errors.push({ index, message: 'item is not an object' });
      return;
    }
    const warn = (message: string): void => void errors.push({ index, message });
    let product: Product;
    try {
      if (looksLikeUcp(item)) {
        const r = UcpProductSchema.safeParse(item);
        if (!r.success) return warn(`invalid UCP product: ${describeIssues(r.error)}`);
        product = fromUcp(r.data);
      } else {
        const r = CompactProductSchema.safeParse(item);
        if (!r.success) return warn(`invalid product: ${describeIssues(r.error)}`);
        product = fromCompact(r.data, opts, warn);
      }
    } catch (e) {
      if (e instanceof ItemError) return warn(e.message);
      throw e;
    }
    const prev = firstIndex.get(product.id);
    if (prev !== undefined) return warn(`duplicate product id "${product.id}" (first at index ${prev}); skipped`);
    firstIndex.set(product.id, index);
    products.push(product);
  });
  return { products, errors };
}
