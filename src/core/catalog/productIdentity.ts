/**
 * One product, many ids. A shop names the same product by its numeric id (Web Pixel events, Liquid's
 * `product.id`), its GID (Admin/Storefront APIs, UCP; normalised to the numeric id by `normalizeId`),
 * its handle (the product CSV export, which has no numeric id; the `/products/<handle>` URL; Liquid's
 * `product.handle`), its variants' ids and its SKUs. The catalog keys each product by one of them (the
 * handle for a CSV import, the numeric id for a JSON import or a catalog sync): that key is the
 * product's canonical id, and every other id resolves to it here, so profiles, co-occurrence,
 * trending, purchases and exclusions all speak of the same product.
 *
 * What the catalog itself does not say — which numeric id belongs to which handle — is learned from
 * the events that carry both (a pixel's `product.url` is `/products/<handle>` next to the numeric id)
 * and from Shopify's signed product webhooks, and kept as {@link ProductLinks}. Pure: no I/O.
 *
 * Anyone can post a pixel event (its only check is an `Origin` header a script sets at will), so a link
 * it teaches is a claim, not a fact: the first claim for a numeric id stands and a later different one
 * only marks the id disputed; a link from a signed delivery replaces any claim, and a claim never
 * replaces it. A claim that a handle whose signed numeric id is another one is this id is not followed.
 * A removal, which cannot be undone by the next event, follows a claim only while nothing disputes it
 * ({@link resolveForRemoval}). The same links give the same answers however they arrived (in place, or
 * read back from the store by another process).
 */
import type { Product } from './product.ts';

/**
 * Links learned, as stored: `s:<product id>` → handle (a signed Shopify delivery said so), `p:<product
 * id>` → handle (a product's numeric id and its handle, from the same storefront event: the first claim),
 * `x:<product id>` → handle (a later storefront event named another handle for that id: the claim is
 * disputed), `v:<variant id>` → product id.
 */
export type ProductLinks = ReadonlyMap<string, string>;

/** Link kinds a later link of the same key replaces; the others keep their first value. */
export function isReplacingLink(key: string): boolean {
  return key.startsWith('s:');
}

/** The ids a shop knows a product by, for answers (a theme has `product.id`, an agent a GID). */
export interface ProductIds {
  /** Shopify's numeric product id, when known. */
  readonly numericId?: string;
  readonly gid?: string;
  readonly handle?: string;
  readonly url?: string;
}

/** Longest handle accepted from a URL (Shopify limits handles to 255 characters). */
const MAX_HANDLE = 255;

/**
 * The product handle in a storefront URL or path: `/products/<handle>`, with an optional locale or
 * market prefix (`/en-us/products/…`), query and fragment; `/collections/x/products/<handle>` too.
 */
export function handleFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const m = /\/products\/([^/?#]+)/.exec(url);
  if (!m) return undefined;
  let h: string;
  try {
    h = decodeURIComponent(m[1] as string);
  } catch {
    return undefined;
  }
  h = h.trim().toLowerCase();
  return h.length > 0 && h.length <= MAX_HANDLE ? h : undefined;
}

/** What an event says about one product (the fields of an event item). */
export interface ObservedProduct {
  readonly productId: string;
  readonly variantId?: string | undefined;
  readonly handle?: string | undefined;
}

/**
 * Resolves any id of a shop's products to the canonical (catalog) id. Built once per catalog; links
 * learned later are added in place ({@link addLinks}), in time proportional to the new links only.
 */
export class ProductIdentity {
  /** Every alias → canonical id; the first writer wins (see {@link build} for the precedence). */
  readonly #alias: Map<string, string>;
  /** Canonical id → numeric id learned or known. */
  readonly #numeric: Map<string, string>;
  /** Lower-cased handle → canonical id. */
  readonly #byHandle: Map<string, string>;
  readonly #products: ReadonlyMap<string, Product>;
  /** The learned links this identity holds (a copy: the caller's map is never changed). */
  readonly #links: Map<string, string>;
  /** {@link idsOf} answers of catalog products. */
  readonly #ids: Map<string, ProductIds>;
  /** Lower-cased handle → the numeric id a signed delivery gave it. */
  readonly #signed: Map<string, string>;
  /** Lower-cased handle → the numeric ids storefront events claimed it for. */
  readonly #claimed: Map<string, string[]>;

  private constructor(products: ReadonlyMap<string, Product>, links: ProductLinks, from?: ProductIdentity) {
    this.#products = products;
    this.#links = from ? from.#links : new Map(links);
    this.#alias = from ? from.#alias : new Map();
    this.#numeric = from ? from.#numeric : new Map();
    this.#byHandle = from ? from.#byHandle : new Map();
    this.#ids = from ? from.#ids : new Map();
    this.#signed = from ? from.#signed : new Map();
    this.#claimed = from ? from.#claimed : new Map();
  }

  /**
   * Builds the resolver from a catalog and the learned links. Precedence: a catalog id, then a
   * numeric id linked to a handle (signed links first, then storefront claims), then a handle, then a
   * variant id, then a SKU (a SKU never shadows a product id).
   */
  static build(products: Iterable<Product>, links: ProductLinks = new Map()): ProductIdentity {
    const byId = new Map<string, Product>();
    for (const p of products) byId.set(p.id, p);
    const id = new ProductIdentity(byId, links);
    for (const p of byId.values()) {
      id.#put(p.id, p.id);
      if (/^\d+$/.test(p.id)) id.#numeric.set(p.id, p.id);
      if (p.handle) id.#byHandle.set(p.handle.toLowerCase(), p.id);
    }
    for (const [key, target] of links) if (key.startsWith('s:')) id.#applyLink(key, target);
    for (const [key, target] of links) if (key.startsWith('p:')) id.#applyLink(key, target);
    for (const [h, canonical] of id.#byHandle) id.#put(h, canonical);
    for (const p of byId.values()) for (const v of p.variants) id.#put(v.id, p.id);
    for (const [key, target] of links) if (key.startsWith('v:')) id.#applyLink(key, target);
    for (const p of byId.values()) for (const v of p.variants) if (v.sku) id.#put(v.sku, p.id);
    return id;
  }

  /**
   * The identity of `products` when they are this identity's products (the same catalog ids, none
   * added or removed) and every product that is a new object kept its handle and storefront URL and
   * is known by at least the ids it was (a price or stock change, what most product webhooks carry; or
   * Shopify's numeric variant ids arriving for a product a CSV export named by SKU only), with each
   * id it gained naming nothing else yet: then resolving is as a fresh {@link build} would do it. Its
   * tables are this identity's, shared, not copied (building them costs about as much as the rest of
   * a 10,000-product catalog's index) and the gained ids are added to them: this identity is the one
   * being replaced, and what either learns afterwards is true of both. `undefined` when a product lost
   * an id or gained one that names another product, or when `links` (the links as stored, when the
   * caller read them again) are not exactly the ones this identity holds: build afresh then.
   */
  withProducts(products: Iterable<Product>, links?: ProductLinks): ProductIdentity | undefined {
    if (links && !sameLinks(links, this.#links)) return undefined;
    const byId = new Map<string, Product>();
    for (const p of products) byId.set(p.id, p);
    if (byId.size !== this.#products.size) return undefined;
    const gained: [string, string][] = [];
    for (const [id, after] of byId) {
      const before = this.#products.get(id);
      if (before === after) continue;
      if (!before || before.handle !== after.handle || before.url !== after.url) return undefined;
      const had = new Set(ownIds(before));
      const has = new Set(ownIds(after));
      for (const x of had) if (!has.has(x)) return undefined;
      for (const x of has) {
        if (had.has(x)) continue;
        const named = this.#alias.get(x);
        if (named !== undefined && named !== id) return undefined;
        gained.push([x, id]);
      }
    }
    for (const [x, id] of gained) this.#put(x, id);
    return new ProductIdentity(byId, this.#links, this);
  }

  /**
   * Adds links learned after the build (in place; readers of this identity see them at once), with the
   * stores' rule: a signed link replaces, any other keeps the first value of its key.
   */
  addLinks(links: Iterable<readonly [string, string]>): void {
    for (const [key, target] of links) {
      const held = this.#links.get(key);
      if (held === target || (held !== undefined && !isReplacingLink(key))) continue;
      // A signed id that moves to another handle leaves the one it had.
      if (held !== undefined && this.#signed.get(held.toLowerCase()) === key.slice(2)) this.#signed.delete(held.toLowerCase());
      this.#links.set(key, target);
      this.#applyLink(key, target);
    }
  }

  #put(alias: string | undefined, canonical: string): void {
    if (alias && !this.#alias.has(alias)) this.#alias.set(alias, canonical);
  }

  #applyLink(key: string, target: string): void {
    if (key.startsWith('s:')) {
      const handle = target.toLowerCase();
      const canonical = this.#byHandle.get(handle);
      const numericId = key.slice(2);
      const before = this.#signed.get(handle);
      this.#signed.set(handle, numericId);
      // What storefront events (or an earlier signed delivery) said of these ids no longer holds.
      if (before !== undefined && before !== numericId && this.#alias.get(before) === canonical && !this.#products.has(before)) this.#alias.delete(before);
      if (!canonical) {
        // The id's earlier handle is not its handle any more.
        if (!this.#products.has(numericId)) this.#alias.delete(numericId);
        return;
      }
      for (const claimed of this.#claimed.get(handle) ?? []) {
        if (claimed !== numericId && this.#alias.get(claimed) === canonical && !this.#products.has(claimed)) this.#alias.delete(claimed);
      }
      if (!this.#products.has(numericId)) this.#alias.set(numericId, canonical);
      this.#numeric.set(canonical, numericId);
    } else if (key.startsWith('p:')) {
      const handle = target.toLowerCase();
      const numericId = key.slice(2);
      const ids = this.#claimed.get(handle);
      if (ids) ids.push(numericId);
      else this.#claimed.set(handle, [numericId]);
      const canonical = this.#byHandle.get(handle);
      if (!canonical) return;
      const signed = this.#signed.get(handle);
      // A signed delivery named this handle's id: a claim of another id for it is not followed, nor a
      // claim about an id a signed delivery gave another handle.
      if ((signed !== undefined && signed !== numericId) || this.#links.has(`s:${numericId}`)) return;
      this.#put(numericId, canonical);
      if (!this.#numeric.has(canonical)) this.#numeric.set(canonical, numericId);
    } else if (key.startsWith('v:')) {
      const canonical = this.#alias.get(target);
      if (canonical) this.#put(key.slice(2), canonical);
    }
  }

  /** The canonical id of any id of a catalog product, or `undefined` when the catalog has no such product. */
  resolve(anyId: string): string | undefined {
    return this.#alias.get(anyId) ?? this.#alias.get(anyId.toLowerCase());
  }

  /** The canonical id of what an event names (its product id, else its handle, else its variant id). */
  resolveObserved(o: ObservedProduct): string | undefined {
    return this.resolve(o.productId) ?? (o.handle ? this.resolve(o.handle) : undefined) ?? (o.variantId ? this.resolve(o.variantId) : undefined);
  }

  /**
   * The canonical id of a numeric id or handle for a removal: as {@link resolve}, except through a
   * storefront claim that is disputed (another handle was claimed for the id, or another id for the
   * handle), which a forged event could have made. `undefined` then.
   */
  resolveForRemoval(anyId: string): string | undefined {
    const canonical = this.resolve(anyId);
    if (canonical === undefined || this.#products.has(anyId) || !/^\d+$/.test(anyId) || this.#links.has(`s:${anyId}`)) return canonical;
    const claimed = this.#links.get(`p:${anyId}`);
    if (claimed === undefined) return canonical;
    return this.#links.has(`x:${anyId}`) || (this.#claimed.get(claimed.toLowerCase())?.length ?? 0) > 1 ? undefined : canonical;
  }

  /** The numeric id a signed delivery gave the handle, if one did. */
  signedIdOf(handle: string): string | undefined {
    return this.#signed.get(handle.toLowerCase());
  }

  /**
   * The links an observation (a storefront event: a claim) teaches that are not known yet: its numeric
   * product id and handle (or, when the id was claimed for another handle, the dispute), its variant id
   * and product id.
   */
  linksFrom(o: ObservedProduct): [string, string][] {
    const out: [string, string][] = [];
    // Nothing to learn where the catalog already says it (a JSON catalog or a sync knows numeric ids and handles).
    const known = this.resolve(o.productId);
    if (o.handle && /^\d+$/.test(o.productId) && !this.#links.has(`s:${o.productId}`) && (known === undefined || known !== this.resolve(o.handle))) {
      const claimed = this.#links.get(`p:${o.productId}`);
      if (claimed === undefined) out.push([`p:${o.productId}`, o.handle]);
      else if (claimed.toLowerCase() !== o.handle.toLowerCase() && !this.#links.has(`x:${o.productId}`)) out.push([`x:${o.productId}`, o.handle]);
    }
    if (o.variantId && o.variantId !== o.productId && !this.#links.has(`v:${o.variantId}`) && (known === undefined || this.resolve(o.variantId) !== known)) {
      out.push([`v:${o.variantId}`, o.productId]);
    }
    return out;
  }

  /** The raw ids statistics may have been recorded under for a canonical product (itself first). */
  aliasesOf(canonical: string): string[] {
    const n = this.#numeric.get(canonical);
    return n && n !== canonical ? [canonical, n] : [canonical];
  }

  /** The ids a shop knows the product by (memoised: answers ask for every item of every list). */
  idsOf(canonical: string): ProductIds {
    const hit = this.#ids.get(canonical);
    if (hit && hit.numericId === this.#numeric.get(canonical)) return hit;
    const ids = this.#idsOf(canonical);
    if (this.#products.has(canonical)) this.#ids.set(canonical, ids);
    return ids;
  }

  #idsOf(canonical: string): ProductIds {
    const p = this.#products.get(canonical);
    const numericId = this.#numeric.get(canonical);
    return {
      ...(numericId ? { numericId, gid: `gid://shopify/Product/${numericId}` } : {}),
      ...(p?.handle ? { handle: p.handle } : {}),
      ...(p?.url ? { url: p.url } : p?.handle ? { url: `/products/${p.handle}` } : {}),
    };
  }
}

/** The ids {@link ProductIdentity.build} resolves to a product of its own: its id, handle, variant ids and SKUs. */
function ownIds(p: Product): string[] {
  const out = [p.id];
  if (p.handle) out.push(p.handle.toLowerCase());
  for (const v of p.variants) {
    if (v.id) out.push(v.id);
    if (v.sku) out.push(v.sku);
  }
  return out;
}

function sameLinks(a: ProductLinks, b: ProductLinks): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
