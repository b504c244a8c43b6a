/**
 * Online quality metrics from real traffic (pure rules in core/quality/listQuality.ts), exported to
 * Prometheus: diversity within each recorded list, variation between shoppers over a shop's recent
 * lists, intent accuracy as validated by clicks, and fallback coverage (lists by status). Cache hit
 * ratios are already exported (`affinity_neighbour_cache_lookups_total`).
 *
 * In process and bounded: the last `window` lists per shop and the intents of the last `maxIntents`
 * lists. A click is matched to its list's intent only where the list was served and the click
 * projected by the same process (single-process mode; with a separate projector the intent counter
 * stays at zero there). Lists of session-only shoppers are not seen (nothing of them is recorded).
 *
 * No shopper id is kept: the variation only needs to tell two shoppers apart, so each list keeps a
 * keyed hash of its shopper id (HMAC-SHA-256 under a key drawn at start and never written anywhere,
 * 64 bits). An erasure in another process, or of the whole shop, therefore leaves nothing here that
 * names a shopper.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isPreviewList } from '../../core/attribution/previewLists.ts';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { minPrice } from '../../core/catalog/product.ts';
import { toMajor } from '../../core/money.ts';
import type { Outcome, ServedList } from '../../core/attribution/servedList.ts';
import { clickMatchesIntent, intraListDiversity, variationBetweenShoppers, type IntentWant, type ShopperList } from '../../core/quality/listQuality.ts';
import type { Metrics } from '../operations/metrics.ts';

export interface QualityMonitorOptions {
  readonly metrics: Metrics;
  readonly catalog: (shop: string) => CatalogIndex;
  readonly rng?: () => number;
  /** Recent lists kept per shop for the variation (default 500). */
  readonly window?: number;
  /** Pairs sampled per recomputation (default 100). */
  readonly pairs?: number;
  /** Recompute the variation every this many lists of a shop (default 200)… */
  readonly every?: number;
  /** …and at most once in this many ms per shop (default 1000: scrapes are seconds apart; a busy shop's every 200 lists are not). */
  readonly minIntervalMs?: number;
  /** Epoch ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Intents kept for click validation (default 10,000 lists). */
  readonly maxIntents?: number;
}

/** One list in this many (the first, then every eighth) is measured for intra-list diversity. */
const DIVERSITY_SAMPLE_EVERY = 8;

export class QualityMonitor {
  #served = 0;
  readonly #o: Required<Omit<QualityMonitorOptions, 'metrics' | 'catalog'>> & Pick<QualityMonitorOptions, 'metrics' | 'catalog'>;
  readonly #recent = new Map<string, { lists: ShopperList[]; since: number; at: number }>();
  readonly #wants = new Map<string, { shop: string; want: IntentWant }>();
  /** Key of the shopper tokens (see the module comment). */
  readonly #tokenKey = randomBytes(32);

  constructor(o: QualityMonitorOptions) {
    this.#o = { rng: Math.random, window: 500, pairs: 100, every: 200, minIntervalMs: 1000, clock: Date.now, maxIntents: 10_000, ...o };
  }

  /** A list was recorded; `want` is what its intent asked for, when known. */
  served(l: ServedList, want?: IntentWant): void {
    // Nobody was shown a dashboard Preview list: it is in no online figure, as in no report.
    if (isPreviewList(l)) return;
    const m = this.#o.metrics;
    m.listsServed.inc({ surface: l.surface, status: l.status ?? 'ok' });
    if (l.status === 'error') return;
    // A sample of lists is enough for a distribution, and keeps this off the cost of every answer.
    if (this.#served++ % DIVERSITY_SAMPLE_EVERY === 0) {
      const index = this.#o.catalog(l.shop);
      const d = intraListDiversity(l.items.map((id) => {
        const p = index.get(id);
        return { category: p?.category || p?.productType, vendor: p?.vendor };
      }));
      if (d !== null) m.listDiversity.observe({ surface: l.surface }, d);
    }
    if (l.userId && l.items.length > 0) {
      let r = this.#recent.get(l.shop);
      if (!r) this.#recent.set(l.shop, (r = { lists: [], since: 0, at: -Infinity }));
      r.lists.push({ userId: this.#token(l.shop, l.userId), items: l.items });
      // Trimmed in steps of a window (amortised), not by one element per list.
      if (r.lists.length >= 2 * this.#o.window) r.lists.splice(0, r.lists.length - this.#o.window);
      r.since += 1;
      if (r.since >= this.#o.every) {
        const now = this.#o.clock();
        if (now - r.at >= this.#o.minIntervalMs) {
          r.since = 0;
          r.at = now;
          const v = variationBetweenShoppers(r.lists, this.#o.pairs, this.#o.rng);
          if (v !== null) m.listVariation.set({ shop: l.shop }, v);
        }
      }
    }
    if (want && (want.categories.length > 0 || want.brands.length > 0 || want.budget)) {
      this.#wants.set(l.id, { shop: l.shop, want });
      if (this.#wants.size > this.#o.maxIntents) this.#wants.delete(this.#wants.keys().next().value as string);
    }
  }

  /** A shopper's stand-in in the recent lists: equal for equal (shop, id), and no way back to the id. */
  #token(shop: string, userId: string): string {
    return createHmac('sha256', this.#tokenKey).update(shop).update('\0').update(userId).digest('base64url').slice(0, 11);
  }

  /** Attributed outcomes (the projector's attribution step): clicks validate their list's intent. */
  outcomes(os: readonly Outcome[]): void {
    for (const o of os) {
      if (o.kind !== 'click' || !o.productId) continue;
      const w = this.#wants.get(o.recId);
      if (!w) continue;
      const p = this.#o.catalog(w.shop).get(o.productId);
      if (!p) continue;
      const price = minPrice(p);
      const cur = w.want.budget?.currency?.toUpperCase();
      // A budget in another currency than the price is not compared (as intentMatch.ts does).
      const want = cur && price && cur !== price.currency ? { categories: w.want.categories, brands: w.want.brands } : w.want;
      const ok = clickMatchesIntent({ categoryTerms: [p.category, p.productType, ...p.tags].filter((t): t is string => !!t), vendor: p.vendor, ...(price ? { price: toMajor(price) } : {}) }, want);
      if (ok !== undefined) this.#o.metrics.intentClicks.inc({ result: ok ? 'match' : 'miss' });
    }
  }
}
