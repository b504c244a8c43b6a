/**
 * Wiring of the closed loop (docs/decisions/0002): the experiments file, the served lists recorded off
 * the request path, their attribution to views, clicks, carts and orders, and the online quality
 * monitor that watches real traffic.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { canonicalEvent } from '../core/catalog/canonicalEvents.ts';
import type { AffinityStore } from '../core/ports.ts';
import { marketRates } from '../core/personalize/marketRates.ts';
import { attributionObserver } from '../features/analytics/attributionObserver.ts';
import { ExperimentsFile } from '../features/analytics/experimentsFile.ts';
import { ListAttribution } from '../features/analytics/listAttribution.ts';
import { QualityMonitor } from '../features/analytics/qualityMonitor.ts';
import { ServedRecorder } from '../features/analytics/servedRecorder.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import type { ConsentLedger } from '../features/privacy/consentLedger.ts';

/** The closed loop's components. */
export interface AnalyticsWiring {
  readonly experiments: ExperimentsFile;
  readonly attribution: ListAttribution;
  /** Attributes projected events to served lists (the projector's `observe`). */
  readonly observe: ReturnType<typeof attributionObserver>;
  /** Writes the buffered served lists now. */
  flush(): Promise<void>;
  /** Starts watching the experiments file. */
  start(): void;
  /** Stops reloading the experiments file and writes what is buffered. */
  stop(): Promise<void>;
}

/** Options of {@link wireAnalytics}. */
export interface AnalyticsOptions {
  readonly config: Config;
  readonly store: AffinityStore;
  readonly catalogs: CatalogRegistry;
  readonly metrics: Metrics;
  /** Shoppers who may not be stored are not recorded in served lists. */
  readonly ledger: ConsentLedger;
  readonly clock: () => number;
  readonly log: Logger;
}

/** Served lists written per store call on Redis (SQLite keeps the recorder's 100). */
const REDIS_SERVED_SLICE = 25;

/** Wires experiments, served-list recording, attribution and the online quality monitor. */
export function wireAnalytics(o: AnalyticsOptions): AnalyticsWiring {
  const { config, store, log, ledger } = o;
  // Online list quality from real traffic: diversity, variation between shoppers, intent accuracy, fallback coverage.
  const quality = new QualityMonitor({ metrics: o.metrics, catalog: (shop) => o.catalogs.get(shop).index, clock: o.clock });
  const experiments = new ExperimentsFile(config.experimentsFile, (err) => log.warn({ err, file: config.experimentsFile }, 'experiments file not (re)loaded; keeping the last good one'));
  // Served lists are buffered and written in batches, off the request path (servedRecorder.ts).
  // Nothing is recorded for a shopper whose consent does not let us store them: asked when a list is
  // served, and again when it is written (consent withdrawn meanwhile).
  const mayStore = (shop: string, userId: string): boolean => ledger.get(shop, userId)?.decision.persist !== false;
  const recorder = new ServedRecorder({
    store: store.attribution(),
    // Redis runs each slice's scripts to their end while every other command waits (the request path's
    // profile reads among them): smaller slices there (docs/benchmarks.md, sixth session).
    ...(config.store === 'redis' ? { sliceSize: REDIS_SERVED_SLICE } : {}),
    keep: (l) => !l.userId || mayStore(l.shop, l.userId),
    onError: (err) => log.warn({ err }, 'served lists not recorded yet; will retry'),
    onErased: (n) => log.info({ lists: n }, 'served lists not recorded: their shopper was erased after they were served'),
  });
  const attribution = new ListAttribution({
    experiments,
    recorder,
    clock: o.clock,
    mayStore,
    onServed: (l, want) => quality.served(l, want),
    // A linked shopper's variant follows their customer id on every surface (docs/decisions/0002).
    links: (shop, id) => store.linkedIds(shop, id),
    onLinksError: (err) => log.warn({ err }, 'identity links not read; experiment assigned on the request ids'),
  });
  // Views, clicks and attributed carts and orders of served lists, as the projector applies events.
  // A storefront order in a market's currency is held to the catalog's price converted at the markets' rates.
  const observe = attributionObserver({ store: store.attribution(), events: store, canonical: (e) => canonicalEvent(e, o.catalogs.get(e.shop).identity), links: store, catalog: (shop) => o.catalogs.get(shop).index, rate: marketRates(config.markets.markets), windowMs: config.attributionWindowMs, onOutcomes: (out) => quality.outcomes(out) });
  return {
    experiments,
    attribution,
    observe,
    flush: () => recorder.flush(),
    start: () => experiments.start(),
    async stop() {
      experiments.stop();
      await recorder.stop().catch((err) => log.warn({ err }, 'served lists lost at shutdown'));
    },
  };
}
