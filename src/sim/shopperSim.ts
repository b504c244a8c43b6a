/**
 * A seeded shopper simulator: sessions that browse within a taste (a department of the catalog),
 * add to cart and sometimes buy, emitted as real Web Pixel payloads. Gives the demo and the
 * benchmarks realistic co-occurrence structure without any outside data.
 */
import type { Product } from '../core/catalog/product.ts';
import { isAvailable } from '../core/catalog/product.ts';
import { addedToCart, checkoutCompleted, productViewed } from './pixelPayloads.ts';
import { mulberry32 } from '../core/random.ts';

/** Deterministic PRNG (mulberry32). */
export const prng = mulberry32;

/** Department of a product: the first segment of its category, else its product type. */
export function departmentOf(p: Product): string {
  const top = p.category.split('>')[0]?.trim();
  return top || p.productType || 'other';
}

/** Available products grouped by department, largest departments first. */
export function departments(products: readonly Product[]): [string, Product[]][] {
  const groups = new Map<string, Product[]>();
  for (const p of products) {
    if (!isAvailable(p)) continue;
    const d = departmentOf(p);
    groups.set(d, [...(groups.get(d) ?? []), p]);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
}

/** Options of a simulation. */
export interface SimOptions {
  readonly sessions: number;
  readonly seed: number;
  /** Time of the last session, epoch ms; sessions spread over the preceding `spanMs`. */
  readonly now: number;
  readonly spanMs?: number;
  /** Client id prefix. */
  readonly prefix?: string;
}

/** Simulated pixel events, oldest first. */
export function simulateSessions(products: readonly Product[], opts: SimOptions): Record<string, unknown>[] {
  const rnd = prng(opts.seed);
  const depts = departments(products);
  if (depts.length === 0) return [];
  const span = opts.spanMs ?? 7 * 86_400_000;
  const out: { ts: number; e: Record<string, unknown> }[] = [];
  let n = 0;
  for (let s = 0; s < opts.sessions; s++) {
    const client = `${opts.prefix ?? 'sim'}-${opts.seed}-${s}`;
    const [, pool] = depts[Math.floor(rnd() ** 1.3 * depts.length)] as [string, Product[]];
    // Within a department shoppers gravitate to a neighbourhood of similar items (adjacent in the
    // pool, which the generator orders by type), which is what co-occurrence should discover.
    const anchor = Math.floor(rnd() * pool.length);
    let ts = opts.now - Math.floor(rnd() * span);
    const length = 2 + Math.floor(rnd() * 5);
    const viewed: Product[] = [];
    for (let i = 0; i < length; i++) {
      const idx = (((anchor + Math.floor((rnd() - 0.5) * 12)) % pool.length) + pool.length) % pool.length;
      const p = pool[idx] as Product;
      ts += 20_000 + Math.floor(rnd() * 120_000);
      out.push({ ts, e: productViewed(`${client}-e${n++}`, client, ts, p) });
      viewed.push(p);
      if (rnd() < 0.25) {
        ts += 5_000;
        out.push({ ts, e: addedToCart(`${client}-e${n++}`, client, ts, p) });
      }
    }
    if (rnd() < 0.12 && viewed.length > 0) {
      ts += 60_000;
      out.push({ ts, e: checkoutCompleted(`${client}-e${n++}`, client, ts, viewed.slice(-2), `${opts.seed}${s}`) });
    }
  }
  return out.sort((a, b) => a.ts - b.ts).map((x) => x.e);
}
