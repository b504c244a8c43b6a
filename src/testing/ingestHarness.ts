/**
 * What the ingest tests share: an in-memory SQLite store behind the real consent gate (with its
 * ledger and privacy queue), real metrics, and the context the HTTP routes and MCP tools are given.
 * Only the members ingest uses are real; the recommender and profile options are never called.
 */
import { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { Metrics } from '../features/operations/metrics.ts';
import { ConsentGate, gatedStore } from '../features/privacy/consentGate.ts';
import { ConsentLedger } from '../features/privacy/consentLedger.ts';
import { SessionMemory } from '../features/privacy/sessionMemory.ts';
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import { DEFAULT_MARKETS } from '../core/markets/market.ts';
import { MarketRegistry } from '../core/markets/marketRegistry.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import type { AppContext } from '../http/context.ts';
import type { PrivacyHttpContext } from '../http/privacyContext.ts';
import { RequestGuard } from '../http/requestGuard.ts';

/** The shop of every ingest test. */
export const INGEST_SHOP = 'ingest-test.myshopify.com';

/** A wired ingest: context, privacy context, and what the tests look at. */
export function ingestHarness(opts: { personalizer?: object; now?: number } = {}) {
  const now = opts.now ?? Date.UTC(2026, 10, 24, 12);
  const clock = () => now;
  const store = new SqliteStore({ path: ':memory:', profileTtlMs: 86_400_000 });
  const queue = store.privacyQueue();
  const catalogs = new CatalogRegistry(store);
  const markets = new MarketRegistry(DEFAULT_MARKETS);
  const sessions = new SessionMemory({ catalogs, fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * 86_400_000 } });
  const ledger = new ConsentLedger({ ttlMs: 3_600_000 });
  let ids = 0;
  const gate = new ConsentGate({ store, queue, markets, sessions, ledger, clock, newId: () => `job-${++ids}` });
  /** Every batch that reached the gate, as appended. */
  const appended: UserEvent[][] = [];
  const gated = gatedStore(store, gate);
  let failAppends = false;
  const kicks = { count: 0 };
  const metrics = new Metrics();
  const errors: unknown[] = [];
  const ctx = {
    store: {
      ...gated,
      append: async (events: readonly UserEvent[]) => {
        if (failAppends) throw new Error('store down');
        appended.push([...events]);
        return gated.append(events);
      },
    },
    catalogs,
    recommender: undefined as never,
    projector: { kick: () => void (kicks.count += 1), lag: 0, flush: async () => {} },
    metrics,
    profileView: {} as never,
    defaultShop: INGEST_SHOP,
    clock,
    logError: (err: unknown) => void errors.push(err),
    markets,
    ...(opts.personalizer ? { personalizer: opts.personalizer as never } : {}),
  } satisfies AppContext;
  const privacy: PrivacyHttpContext = {
    store,
    queue,
    webhookSecrets: [],
    newId: () => `job-${++ids}`,
    clock,
    defaultShop: INGEST_SHOP,
    gate,
    sessions,
    markets,
    guard: RequestGuard.open(clock),
  };
  return {
    ctx,
    privacy,
    store,
    queue,
    ledger,
    appended,
    kicks,
    metrics,
    errors,
    /** Makes every append fail (a store outage) until called with false. */
    failAppends: (on: boolean) => void (failAppends = on),
    close: () => store.close(),
  };
}

/** A gift-conversation marker that is not the personalization layer: anything with `markEvents` is one. */
export const giftMarker = {
  markEvents: (events: readonly UserEvent[]): UserEvent[] => events.map((e) => ({ ...e, context: { ...e.context, gift: true } })),
};
