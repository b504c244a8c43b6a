/**
 * Wiring of recommending: the hybrid base (or the shop's own recommender over HTTP, with the hybrid
 * as its fallback), the consent and market rules around it, the intent classifier and extraction
 * chain, and the conversational personalization layer on top (docs/decisions/0004).
 */
import type { Server as McpLowLevelServer } from '@modelcontextprotocol/sdk/server/index.js';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { classifierExtractor } from '../core/intent/intentExtractor.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import { marketFields, type MarketInput } from '../core/markets/shopperMarket.ts';
import { decideConsent } from '../core/privacy/consentPolicy.ts';
import { marketRates } from '../core/personalize/marketRates.ts';
import type { AffinityStore } from '../core/ports.ts';
import type { IntentClassifier } from '../core/intent/classifier.ts';
import type { BaseRecommender } from '../core/recommend/baseRecommender.ts';
import { DEFAULT_FRESHNESS_PARAMS } from '../core/recommend/freshness.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../core/recommend/rank.ts';
import { HttpRecommender } from '../adapters/http/httpRecommender.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { CatalogGenerations } from '../features/catalog/catalogGenerations.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import { PrivacyAwareRecommender } from '../features/privacy/privacyAwareRecommender.ts';
import type { PrivacyMetrics } from '../features/privacy/privacyMetrics.ts';
import { coalescingRecommender } from '../features/recommend/coalescingRecommender.ts';
import { HybridRecommender } from '../features/recommend/hybridRecommender.ts';
import { repositoryIntentClassifier } from '../features/recommend/intentClassifier.ts';
import { correctTypos, shopWords } from '../core/intent/typos.ts';
import { isDictionaryWord } from '../adapters/intent/wordList.ts';
import { intentExtractionChain } from '../features/recommend/intentExtraction.ts';
import { MarketExclusions } from '../features/recommend/marketExclusions.ts';
import { MarketResponseCache } from '../features/recommend/marketResponseCache.ts';
import { MCPAwareRecommender } from '../features/recommend/personalizedRecommender.ts';
import { hydratingRecommender } from '../roles/hydratingRecommender.ts';
import { SharedConversationRecommender } from '../roles/sharedConversations.ts';
import { POPULAR_HALF_LIFE_MS, TRENDING_HALF_LIFE_MS } from './projection.ts';
import type { NodeState } from './nodeState.ts';

/** What recommending is made of in this process. */
export interface RecommendWiring {
  /** The base recommender wrapped in the consent and market rules (on a stateless node, reading the shoppers' session state from Redis first). */
  readonly recommender: BaseRecommender;
  /** The hybrid base (also the local fallback of an external recommender). */
  readonly hybrid: HybridRecommender;
  /** Anonymous answers per market and catalog generation. */
  readonly responseCache: MarketResponseCache;
  /** The intent classifier (processes that answer only). */
  readonly intent?: IntentClassifier;
  /** Conversational personalization (processes that answer only). */
  readonly personalizer?: MCPAwareRecommender;
  /** Drops what this process holds of an erased shop's answers and conversations. */
  forgetShop(shop: string): void;
  /** Drops the conversations this process holds of erased shoppers (a redaction, a withdrawal's erasure). */
  forgetShoppers(shop: string, userIds: readonly string[]): void;
}

/** Options of {@link wireRecommend}. */
export interface RecommendOptions {
  readonly config: Config;
  readonly store: AffinityStore;
  readonly catalogs: CatalogRegistry;
  readonly markets: MarketRegistry;
  readonly node: NodeState;
  readonly metrics: Metrics;
  readonly privacyMetrics: PrivacyMetrics;
  /** How stored profiles are read (the configured half-life and session gap). */
  readonly profileView: { readonly halfLifeMs: number; readonly sessionGapMs: number };
  /**
   * Whether this process answers (the `recommend` role): only then are the intent classifier and the
   * personalization layer built. An ingest-only node marks gift events from the conversations in
   * Redis (the stateless consent gate), not from a personalizer of its own.
   */
  readonly answers: boolean;
  /** The MCP session's server (stdio): intent extraction through MCP sampling when `config.intentSampling`. */
  readonly samplingServer?: () => McpLowLevelServer | undefined;
  readonly log: Logger;
}

/** Wires the base recommender, its guards and the personalization layer. */
export async function wireRecommend(o: RecommendOptions): Promise<RecommendWiring> {
  const { config, store, catalogs, markets, node, metrics, log } = o;
  const generations = new CatalogGenerations((shop) => catalogs.get(shop));
  const generationOf = (shop: string): number => generations.of(shop);
  // Products not sold per market, recomputed when the shop's catalog is reloaded.
  const exclusions = new MarketExclusions({ markets, products: (shop) => catalogs.get(shop).index.all(), generation: generationOf });
  const marketExclude = (shop: string, input: unknown): ReadonlySet<string> | undefined => exclusions.exclude(shop, input);
  const hybrid = new HybridRecommender({
    store,
    catalogs,
    profile: o.profileView,
    weights: DEFAULT_SOURCE_WEIGHTS,
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
    freshness: DEFAULT_FRESHNESS_PARAMS,
    allowRepeat: config.allowRepeatPurchases,
    onNeighbourCache: (hits, misses) => {
      if (hits > 0) metrics.neighbourCache.inc({ result: 'hit' }, hits);
      if (misses > 0) metrics.neighbourCache.inc({ result: 'miss' }, misses);
    },
    onProfileViewCache: (hits, misses) => {
      if (hits > 0) metrics.profileViewCache.inc({ result: 'hit' }, hits);
      if (misses > 0) metrics.profileViewCache.inc({ result: 'miss' }, misses);
    },
    sessionProfiles: (shop, userId) => node.sessions.profile(shop, userId),
    marketExclude,
  });
  // Neighbour lists another node's projection changed.
  node.bus?.on((m) => {
    if (m.type === 'neighbours') hybrid.invalidateNeighbours(m.keys);
  });
  const base = config.externalRecommender
    ? new HttpRecommender({
        url: config.externalRecommender.url,
        timeoutMs: config.externalRecommender.timeoutMs,
        fallback: hybrid,
        onStateChange: (state) => log.warn({ state }, 'external recommender circuit breaker changed state'),
      })
    : hybrid;
  const responseCache = new MarketResponseCache({
    catalogGeneration: generationOf,
    onLookup: (market, hit) => o.privacyMetrics.marketCache.inc({ market, result: hit ? 'hit' : 'miss' }),
  });
  // Consent and market rules around whichever base recommender is configured (see privacyAwareRecommender.ts);
  // the store finds a market-scoped profile of a shopper the consent ledger does not hold.
  const guarded = new PrivacyAwareRecommender({ inner: base, local: hybrid, ledger: node.ledger, stored: store, markets, cache: responseCache });
  // A stateless node reads the shoppers' session memory and consent states from Redis first.
  const hydrated = node.shared ? hydratingRecommender(guarded, node.shared, (err) => log.warn({ err }, 'session state not read; answering from this node')) : guarded;
  // The single requests of one event-loop turn are answered with one batch (coalescingRecommender.ts).
  const recommender = coalescingRecommender(hydrated, { onBatch: (n) => metrics.recommendBatch.observe({ layer: 'base' }, n) });
  const forgetAnswers = (shop: string): void => responseCache.deleteShop(shop);
  // The intent classifier trains from the repo corpus (a few seconds of CPU, once per process); only processes that answer need it.
  if (!o.answers) return { recommender, hybrid, responseCache, forgetShop: forgetAnswers, forgetShoppers: () => {} };
  // Typos in the words the entity rules read ("jaket", "neckalce") are read as the words meant (core/intent/typos.ts).
  const intent = (await repositoryIntentClassifier()).withSpelling((text, vocabulary) => correctTypos(text, isDictionaryWord, vocabulary && shopWords(vocabulary)));
  // The extraction chain reads the shop vocabulary the personalizer keeps (set just below).
  let personalizer: MCPAwareRecommender | undefined;
  const vocabularyOf = (shop: string) => personalizer?.vocabulary(shop);
  // Intent extraction chain (docs/intent.md; features/recommend/intentExtraction.ts).
  const extractor = intentExtractionChain({
    local: classifierExtractor(intent, vocabularyOf),
    vocabulary: vocabularyOf,
    ...(config.intentModel ? { model: config.intentModel } : {}),
    ...(config.intentSampling && o.samplingServer ? { samplingServer: o.samplingServer } : {}),
    samplingTimeoutMs: config.intentModelTimeoutMs,
    warn: (obj, msg) => log.warn(obj, msg),
  });
  // Conversational personalization on top of whichever base recommender is configured.
  const options = {
    base: recommender,
    catalogs,
    store,
    profile: o.profileView,
    classifier: intent,
    extractor,
    allowRepeat: config.allowRepeatPurchases,
    marketExclude,
    // A budget in another currency ("under 50 euros" in a USD market) is converted with the markets' rates.
    rate: marketRates(markets.all()),
    // Budgets are held to the price the answer shows: the named market's price list, where it has one.
    marketOf: (market: MarketInput) => markets.find({ market }),
    onExtractError: (err: unknown) => log.warn({ err }, 'intent extraction failed'),
    onTurnBatch: (n: number) => metrics.recommendBatch.observe({ layer: 'personalized' }, n),
    // A conversation named with its shopper joins their identity links where the consent gate would link
    // an event of theirs: their latest recorded consent (a withdrawal included), else the market's default.
    linkConversation: async (shop: string, conversationKey: string, userId: string, market: MarketInput | undefined) => {
      const { country, currency } = marketFields(market);
      const regime = markets.resolve({ ...(country ? { country } : {}), ...(currency ? { currency } : {}) }).privacy;
      const consent = node.ledger.get(shop, userId)?.consent;
      if (decideConsent({ regime, ...(consent ? { consent } : {}) }).linkIdentity) await store.linkIdentity(shop, conversationKey, userId);
    },
  };
  // A stateless node keeps the conversation contexts in Redis too (docs/decisions/0003).
  const { conversations } = node;
  const sharedPersonalizer = conversations
    ? new SharedConversationRecommender({ ...options, conversations, onDegraded: (err) => log.warn({ err }, 'conversation contexts not shared; answering from this node') })
    : undefined;
  const answering = sharedPersonalizer ?? new MCPAwareRecommender(options);
  personalizer = answering;
  const forgetShoppers = (shop: string, userIds: readonly string[]): void => answering.forgetShoppers(shop, userIds);
  return {
    recommender,
    hybrid,
    responseCache,
    intent,
    personalizer,
    forgetShop: (shop) => {
      forgetAnswers(shop);
      answering.forgetShopConversations(shop);
      sharedPersonalizer?.forgetShop(shop);
    },
    forgetShoppers,
  };
}
