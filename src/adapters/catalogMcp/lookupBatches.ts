/**
 * How `lookup_catalog` is asked and answered on Shopify. A Storefront Catalog takes at most
 * {@link LOOKUP_BATCH} ids per call and rejects more with JSON-RPC -32602 (shopify.dev/docs/agents/
 * catalog; UCP lookup.md "Batch Size"), so bigger lookups are split and the chunks asked at most
 * {@link LOOKUP_CONCURRENCY} at a time. Answers are not ordered: each returned variant carries
 * `inputs[{id, match}]` naming the request ids that resolved to it, only matched or featured variants
 * are returned, and variants without `inputs` must not appear. This file turns request ids into what
 * the shop understands and puts the answers back in request order. Pure.
 */
import { normalizeId, toGid } from '../../core/ids.ts';

/** Most ids one `lookup_catalog` call carries (Shopify Storefront Catalog's documented limit). */
export const LOOKUP_BATCH = 10;
/** Chunks of one lookup asked at the same time. */
export const LOOKUP_CONCURRENCY = 4;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The id to send for a request id: a GID as it is, a bare numeric id as a Product GID; anything else
 * (a handle, a SKU) is a secondary identifier, sent as it is only when the shop looks those up.
 */
export function shopLookupId(id: string, secondaryIds: boolean): string | undefined {
  const t = id.trim();
  if (t.startsWith('gid://')) return t;
  if (/^\d+$/.test(t)) return toGid('Product', t);
  return secondaryIds && t !== '' ? t : undefined;
}

/** `items` in slices of `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `fn` over `items` with at most `limit` running at once; results in input order. After a failure
 * no further item is started, and the first failure is thrown.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** What a raw lookup answer says about which request id found which product. */
export interface LookupCorrelation {
  /** Raw products with only their correlated variants (all of them when the shop correlates none). */
  readonly products: unknown[];
  /** Request id → bare product id. */
  readonly found: ReadonlyMap<string, string>;
}

/**
 * Reads the `inputs` of a lookup answer's variants. Variants without `inputs` are dropped when any
 * variant of the answer has them (a shop that correlates nothing keeps its variants).
 */
export function correlate(rawProducts: readonly unknown[]): LookupCorrelation {
  const correlates = rawProducts.some((p) => isObj(p) && Array.isArray(p.variants) && p.variants.some((v) => isObj(v) && Array.isArray(v.inputs) && v.inputs.length > 0));
  const found = new Map<string, string>();
  const products = rawProducts.map((p) => {
    if (!isObj(p) || !Array.isArray(p.variants) || !correlates) return p;
    const productId = normalizeId(p.id);
    const variants = p.variants.filter((v) => isObj(v) && Array.isArray(v.inputs) && v.inputs.length > 0) as Obj[];
    for (const v of variants) {
      for (const input of v.inputs as unknown[]) if (isObj(input) && typeof input.id === 'string' && productId && !found.has(input.id)) found.set(input.id, productId);
    }
    return { ...p, variants };
  });
  return { products, found };
}

/**
 * Whether a shop's `lookup_catalog` takes handles (UCP lets a server support secondary identifiers; it
 * says so nowhere else): its input schema's `catalog.ids` (or their items) mention handles.
 */
export function schemaTakesHandles(inputSchema: unknown): boolean {
  const catalog = isObj(inputSchema) && isObj(inputSchema.properties) ? inputSchema.properties.catalog : undefined;
  const ids = isObj(catalog) && isObj(catalog.properties) ? catalog.properties.ids : undefined;
  if (!isObj(ids)) return false;
  const text = [ids.description, isObj(ids.items) ? ids.items.description : undefined].filter((t) => typeof t === 'string').join(' ');
  return /\bhandles?\b/i.test(text);
}

/**
 * Product ids in request order: each request id's product (through `found`, else the id itself when
 * a returned product has it), then any product no request id names.
 */
export function requestOrder(sentIds: readonly string[], found: ReadonlyMap<string, string>, returned: readonly string[]): string[] {
  const have = new Set(returned);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const sent of sentIds) {
    const id = found.get(sent) ?? normalizeId(sent);
    if (id && have.has(id) && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  for (const id of returned) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
