/**
 * The personalization layer on a generated catalog, through the real service code: `generateCatalog`,
 * simulated background traffic and returning shoppers as pixel payloads, `parseIngest`, an in-memory
 * `SqliteStore`, the `Projector`, the `HybridRecommender` and the `MCPAwareRecommender` with the local
 * intent classifier. Measures held-out next-view accuracy and variation (base vs layer, with and
 * without a stated intent) and intent sensitivity, stability, precision and compliance.
 */
import { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { HybridRecommender } from '../features/recommend/hybridRecommender.ts';
import { loadIntentClassifier } from '../features/recommend/intentClassifier.ts';
import { MCPAwareRecommender, type PersonalizeRequest } from '../features/recommend/personalizedRecommender.ts';
import { Projector } from '../features/projection/projector.ts';
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import { DEMO_NOW, generateCatalog } from '../core/catalog/demoCatalog.ts';
import type { Product } from '../core/catalog/product.ts';
import { parseIngest } from '../core/events/ingest.ts';
import { cheapestAvailablePrice, rejectionHit } from '../core/personalize/hardFilters.ts';
import { matchCategory } from '../core/personalize/intentScoring.ts';
import { DEFAULT_PERSONALIZE_PARAMS, DEFAULT_PERSONALIZE_WEIGHTS, type PersonalizeParams, type PersonalizeWeights } from '../core/personalize/personalize.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../core/recommend/cooccurrence.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../core/recommend/rank.ts';
import { toMajor } from '../core/money.ts';
import { addedToCart, productViewed } from '../sim/pixelPayloads.ts';
import { departments, prng, simulateSessions } from '../sim/shopperSim.ts';
import { jaccard, variation } from './metrics.ts';
import { DAY, K, methodsFor, OVER_HYBRID, scoresOf, VARIANTS, type Method, type Score } from './personalizationMethods.ts';

/** An intent group: paraphrases (EN and ES) of one request, and what a correct answer satisfies. */
interface IntentGroup {
  readonly name: string;
  readonly texts: readonly string[];
  /** Category the items should be in (matched with `matchCategory`). */
  readonly category?: string;
  /** Budget in USD. */
  readonly max?: number;
  readonly rejections?: readonly { kind: 'material' | 'brand' | 'colour'; value: string }[];
}

/** The first groups all ask for hiking boots (with different constraints). */
const SAME_CATEGORY_GROUPS = 3;

/** The intents of the sensitivity/stability study (the shop's vocabulary of the generated catalog). */
export const INTENT_GROUPS: readonly IntentGroup[] = [
  { name: 'hiking boots < $150', category: 'Hiking Boots', max: 150, texts: ['hiking boots under $150', 'I need hiking boots, max 150 dollars', 'busco botas de montaña por menos de 150 dólares', 'botas para senderismo hasta 150 dólares'] },
  { name: 'hiking boots, no leather', category: 'Hiking Boots', rejections: [{ kind: 'material', value: 'leather' }], texts: ['hiking boots, nothing in leather', 'hiking boots without leather please', 'botas de montaña sin cuero', 'botas de senderismo que no sean de cuero'] },
  { name: 'hiking boots by Wildtrail', category: 'Hiking Boots', texts: ['Wildtrail hiking boots', 'show me hiking boots from Wildtrail', 'botas de montaña de Wildtrail', 'botas de senderismo marca Wildtrail'] },
  { name: 'necklace for mother', category: 'Necklaces', texts: ['a necklace for my mother', 'looking for a necklace as a gift for my mom', 'un collar para mi madre', 'quiero regalarle un collar a mi mamá'] },
  { name: 'running shoes, no Strideline', category: 'Running Shoes', rejections: [{ kind: 'brand', value: 'Strideline' }], texts: ['running shoes but not Strideline', 'show me running shoes, anything except Strideline', 'zapatillas de running que no sean de Strideline', 'zapatillas para correr, nada de Strideline'] },
  { name: 'headphones', category: 'Headphones', texts: ['wireless headphones', 'I want to buy headphones', 'auriculares inalámbricos', 'quiero comprar unos audífonos'] },
  { name: 'dress, no silk', category: 'Dresses', rejections: [{ kind: 'material', value: 'silk' }], texts: ['a dress, nothing in silk', 'show me dresses but no silk', 'un vestido, sin seda', 'vestidos que no sean de seda'] },
  { name: 'cookware < $80', category: 'Cookware', max: 80, texts: ['a frying pan under $80', 'cookware for less than 80 dollars', 'una sartén por menos de 80 dólares', 'ollas y sartenes hasta 80 dólares'] },
  { name: 'jacket, no leather', category: 'Jackets', rejections: [{ kind: 'material', value: 'leather' }], texts: ['a jacket, no leather', 'show me jackets without leather', 'una chaqueta sin cuero', 'chaquetas que no sean de piel'] },
  { name: 'serum < $50', category: 'Serums', max: 50, texts: ['a face serum under $50', 'skincare serum, max 50 dollars', 'un sérum facial de menos de 50 dólares', 'serum para la cara hasta 50 dólares'] },
];

/** Results of the generated-catalog study. */
export interface SimResult {
  readonly products: number;
  readonly shoppers: number;
  readonly heldOut: Readonly<Record<string, Score>>;
  /** Held-out next view with its product type stated as the intent (HR@10 / MRR@10). */
  readonly withIntent: Readonly<Record<string, Score>>;
  /** Per formula variant: sensitivity, stability, precision, compliance. */
  readonly intent: Readonly<Record<string, { sensitivity: number; sameCategorySensitivity: number; stability: number; precision: number; compliance: number; sharedIntentVariation: number }>>;
  readonly extraction: { readonly categoryFound: number; readonly texts: number };
}

/** Options of the simulation. */
export interface SimOptions {
  readonly products?: number;
  readonly shoppers?: number;
  readonly background?: number;
  readonly seed?: number;
  /** The base list the layer re-ranks (`MCPAwareOptions.poolSize`; default the service's, `max(50, 5 × limit)`). */
  readonly pool?: number;
}

const SHOP = 'sim-shop';

/** Builds the store, catalog and traffic, and measures the layer through the service code. */
export async function simulationStudy(opts: SimOptions = {}): Promise<SimResult> {
  const now = DEMO_NOW;
  const products = generateCatalog({ size: opts.products ?? 2000, seed: opts.seed ?? 42, now });
  const store = new SqliteStore({ path: ':memory:', profileTtlMs: 400 * DAY });
  try {
    const catalogs = new CatalogRegistry(store);
    await catalogs.upsert(SHOP, products);
    const index = catalogs.get(SHOP).index;
    const profile = { halfLifeMs: 21 * DAY, sessionGapMs: DEFAULT_COOC_PARAMS.sessionGapMs };
    const projector = new Projector({
      store,
      catalogs,
      params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * DAY }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY },
    });
    const base = new HybridRecommender({ store, catalogs, profile, weights: DEFAULT_SOURCE_WEIGHTS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY, allowRepeat: false });
    const classifier = await loadIntentClassifier();

    // Background traffic, then returning shoppers with a home department (three sessions each).
    const payloads: Record<string, unknown>[] = simulateSessions(products, { sessions: opts.background ?? 3000, seed: 7, now: now - 2 * 3_600_000, spanMs: 20 * DAY });
    const rnd = prng(opts.seed ?? 11);
    const depts = departments(products);
    const targets = new Map<string, { target: string; current: string; at: number }>();
    const nShoppers = opts.shoppers ?? 300;
    let n = 0;
    for (let u = 0; u < nShoppers; u++) {
      const client = `shopper-${u}`;
      const [, pool] = depts[Math.floor(rnd() * depts.length)] as [string, Product[]];
      const anchor = Math.floor(rnd() * pool.length);
      const pick = (): Product => pool[(anchor + Math.floor((rnd() - 0.5) * 16) + pool.length) % pool.length] as Product;
      let last: Product | undefined;
      let lastTs = 0;
      for (const [si, start] of [now - 14 * DAY, now - 6 * DAY, now - 3_600_000].entries()) {
        let ts = start + Math.floor(rnd() * 3_600_000);
        const len = 3 + Math.floor(rnd() * 3);
        for (let i = 0; i < len; i++) {
          const p = pick();
          ts += 30_000 + Math.floor(rnd() * 90_000);
          const isLast = si === 2 && i === len - 1;
          if (isLast) {
            if (last) targets.set(client, { target: p.id, current: last.id, at: lastTs + 60_000 });
            break;
          }
          payloads.push(productViewed(`${client}-e${n++}`, client, ts, p));
          if (rnd() < 0.2) payloads.push(addedToCart(`${client}-e${n++}`, client, (ts += 5000), p));
          last = p;
          lastTs = ts;
        }
      }
    }
    for (let i = 0; i < payloads.length; i += 1000) {
      const { events } = parseIngest(payloads.slice(i, i + 1000), { shop: SHOP, now });
      await store.append(events);
    }
    await projector.flush();

    const layer = (weights = DEFAULT_PERSONALIZE_WEIGHTS, params = DEFAULT_PERSONALIZE_PARAMS) =>
      new MCPAwareRecommender({ base, catalogs, store, profile, classifier, weights, params, defaultCountry: 'US', ...(opts.pool !== undefined ? { poolSize: () => opts.pool as number } : {}) });

    // Held-out next view, no intent: base vs personalized, same requests.
    const users = [...targets.keys()].sort();
    const methods = methodsFor(['base', ...VARIANTS.map((v) => v.name)]);
    for (const userId of users) {
      const t = targets.get(userId) as { target: string; current: string; at: number };
      const req = { shop: SHOP, userId, productId: t.current, limit: K };
      const b = (await base.recommend(req, t.at)).map((x) => x.productId);
      const lists: [string, string[]][] = [['base', b]];
      for (const v of VARIANTS) lists.push([v.name, (await layer(v.weights, v.params).personalize({ ...req, market: 'US' }, t.at)).items.map((x) => x.productId)]);
      for (const [name, list] of lists) {
        const m = methods.get(name) as Method;
        m.hm.add(list, t.target);
        m.lists.push(list.slice(0, 10));
      }
    }

    // Stated intent = the held-out item's product type (as an agent would pass it): does the layer
    // find the item the shopper wanted among the items of that type? β₁ and the behaviour weight vary.
    const intentVariants: [string, PersonalizeWeights, PersonalizeParams][] = [
      ['intent only (no behaviour)', { ...DEFAULT_PERSONALIZE_WEIGHTS, behaviour: 0, context: 0 }, OVER_HYBRID],
      ['β₁ = 0 (base score only)', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, affinityShareIntent: 0 }],
      ['β₁ = 0.1 (default)', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, affinityShareIntent: 0.1 }],
      ['β₁ = 0.25', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, affinityShareIntent: 0.25 }],
      ['β₁ = 0.5', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, affinityShareIntent: 0.5 }],
    ];
    const withIntent = methodsFor(intentVariants.map(([n]) => n));
    for (const [name, weights, params] of intentVariants) {
      const l = layer(weights, params);
      const m = withIntent.get(name) as Method;
      for (const userId of users) {
        const t = targets.get(userId) as { target: string; current: string; at: number };
        const type = index.get(t.target)?.productType ?? '';
        const r = await l.personalize({ shop: SHOP, userId, productId: t.current, limit: 10, intent: { categories: [type] }, market: 'US' }, t.at);
        const list = r.items.map((x) => x.productId);
        m.hm.add(list, t.target);
        m.lists.push(list);
      }
    }

    // Intent sensitivity, stability, precision and compliance, per formula variant.
    const studyUsers = users.filter((_, i) => i % Math.max(1, Math.floor(users.length / 40)) === 0).slice(0, 40);
    const formulas: [string, PersonalizeWeights, PersonalizeParams][] = [
      ['gated (default)', DEFAULT_PERSONALIZE_WEIGHTS, OVER_HYBRID],
      ['gated, β₁ = 0', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, affinityShareIntent: 0 }],
      ['plain weighted sum', DEFAULT_PERSONALIZE_WEIGHTS, { ...OVER_HYBRID, offIntent: 1 }],
    ];
    const intentOut: Record<string, SimResult['intent'][string]> = {};
    let categoryFound = 0;
    let texts = 0;
    for (const [fname, weights, params] of formulas) {
      const l = layer(weights, params);
      let sens = 0;
      let sensN = 0;
      let sensCat = 0;
      let sensCatN = 0;
      let stab = 0;
      let stabN = 0;
      let prec = 0;
      let precN = 0;
      let ok = 0;
      let okN = 0;
      const shared: string[][] = [];
      for (const userId of studyUsers) {
        const t = targets.get(userId) as { target: string; current: string; at: number };
        const perGroup: string[][] = [];
        for (const g of INTENT_GROUPS) {
          const lists: string[][] = [];
          for (const text of g.texts) {
            const req: PersonalizeRequest = { shop: SHOP, userId, limit: 10, text, market: 'US' };
            const r = await l.personalize(req, t.at);
            const list = r.items.map((x) => x.productId);
            lists.push(list);
            if (fname === 'gated (default)' && userId === studyUsers[0]) {
              texts++;
              if ((r.intent?.entities.categories.length ?? 0) > 0) categoryFound++;
            }
            for (const id of list) {
              const p = index.get(id) as Product;
              if (g.category) {
                prec += matchCategory(p, g.category) ? 1 : 0;
                precN++;
              }
              const price = cheapestAvailablePrice(p);
              const within = g.max === undefined || (price !== undefined && toMajor(price) <= g.max + 1e-9);
              const clean = (g.rejections ?? []).every((rj) => rejectionHit(p, rj) === undefined);
              ok += within && clean ? 1 : 0;
              okN++;
            }
          }
          for (let i = 0; i < lists.length; i++) for (let j = i + 1; j < lists.length; j++) {
            stab += 1 - jaccard(lists[i] as string[], lists[j] as string[]);
            stabN++;
          }
          perGroup.push(lists[0] as string[]);
          if (g === INTENT_GROUPS[0]) shared.push(lists[0] as string[]);
        }
        for (let i = 0; i < perGroup.length; i++) for (let j = i + 1; j < perGroup.length; j++) {
          const d = 1 - jaccard(perGroup[i] as string[], perGroup[j] as string[]);
          sens += d;
          sensN++;
          // The three hiking-boot intents share a category: lists differ only through budget, material and brand.
          if (j < SAME_CATEGORY_GROUPS) {
            sensCat += d;
            sensCatN++;
          }
        }
      }
      intentOut[fname] = {
        sensitivity: sens / Math.max(1, sensN),
        sameCategorySensitivity: sensCat / Math.max(1, sensCatN),
        stability: stab / Math.max(1, stabN),
        precision: prec / Math.max(1, precN),
        compliance: ok / Math.max(1, okN),
        sharedIntentVariation: variation(shared),
      };
    }
    return {
      products: products.length,
      shoppers: users.length,
      heldOut: scoresOf(methods),
      withIntent: scoresOf(withIntent),
      intent: intentOut,
      extraction: { categoryFound, texts },
    };
  } finally {
    await store.close();
  }
}

