/**
 * Wiring of privacy: the consent gate every append passes, and the privacy worker (compliance
 * webhooks, consent withdrawals, erasures) where the `project` role runs. A queued job is kicked
 * where the worker runs: here, or on the project nodes over the bus.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import type { AffinityStore } from '../core/ports.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { Projector } from '../features/projection/projector.ts';
import { ConsentGate, type ConsentGateOptions } from '../features/privacy/consentGate.ts';
import type { PrivacyMetrics } from '../features/privacy/privacyMetrics.ts';
import { PrivacyWorker } from '../features/privacy/privacyWorker.ts';
import { runsWork, type RoleName } from '../roles/roles.ts';
import { StatelessConsentGate } from '../roles/statelessGate.ts';
import type { NodeState } from './nodeState.ts';

/** Privacy as this process runs it. */
export interface PrivacyWiring {
  /** The consent gate every append from the HTTP and MCP layers passes. */
  readonly gate: ConsentGate;
  readonly queue: ReturnType<AffinityStore['privacyQueue']>;
  /** The privacy worker, where the `project` role runs. */
  readonly worker?: PrivacyWorker;
  /** Asks for a queued job to run now (absent: nothing would hear it; the worker polls). */
  readonly kick?: () => void;
  /**
   * Drops what this process holds of an erasure another process ran (its conversation contexts,
   * session-only memory, consent state, link memo, cached answers): the HTTP workers of a worker
   * layout, told by the primary that ran the job (`src/cli/serve.ts`).
   */
  forgetErased(e: Erasure): void;
  /** Hears every erasure this process's privacy worker runs (to tell the processes that hold the rest). */
  onErased(listener: (e: Erasure) => void): void;
}

/** An erasure, as one process tells another: a shop's, or some of its shoppers' (`why` the job kind). */
export type Erasure =
  | { readonly kind: 'shop'; readonly shop: string }
  | { readonly kind: 'shoppers'; readonly shop: string; readonly userIds: readonly string[]; readonly why: 'redact' | 'withdraw' };

/** Options of {@link wirePrivacy}. */
export interface PrivacyOptions {
  readonly store: AffinityStore;
  readonly roles: readonly RoleName[];
  readonly catalogs: CatalogRegistry;
  readonly markets: MarketRegistry;
  readonly node: NodeState;
  readonly projector: Projector;
  readonly privacyMetrics: PrivacyMetrics;
  /** Drops what this process holds of an erased shop beyond its session memory (cached answers, conversations). */
  readonly forgetShop: (shop: string) => void;
  /** Drops what this process holds of erased shoppers (their agent conversations). */
  readonly forgetShoppers: (shop: string, userIds: readonly string[]) => void;
  readonly clock: () => number;
  readonly log: Logger;
}

/** Wires the consent gate and, where the role runs, the privacy worker. */
export function wirePrivacy(o: PrivacyOptions): PrivacyWiring {
  const { store, node, log } = o;
  const { bus } = node;
  const queue = store.privacyQueue();
  const forgetShopHere = (shop: string): void => {
    node.sessions.deleteShop(shop);
    o.forgetShop(shop);
    gate.forgetLinks(shop);
  };
  // The erased shoppers' agent conversations, the links the gate remembers writing (their next event
  // links them again), and after a redaction their session-only memory and consent state (both name
  // them). A withdrawal keeps both: its consent state keeps later events out, and what the session
  // memory holds is the browsing after it, the processing that needs no consent.
  const forgetShoppersHere = (shop: string, userIds: readonly string[], why: 'redact' | 'withdraw'): void => {
    o.forgetShoppers(shop, userIds);
    gate.forgetLinks(shop, userIds);
    if (why === 'redact') {
      for (const id of userIds) node.sessions.delete(shop, id);
      for (const id of userIds) node.ledger.delete(shop, id);
    }
  };
  const forgetErased = (e: Erasure): void => (e.kind === 'shop' ? forgetShopHere(e.shop) : forgetShoppersHere(e.shop, e.userIds, e.why));
  const erasedListeners = new Set<(e: Erasure) => void>();
  const erasedHere = (e: Erasure): void => {
    forgetErased(e);
    for (const l of erasedListeners) l(e);
  };
  // Privacy jobs run where projection runs, so erasures can hold the local projector back.
  const worker = !runsWork(o.roles, 'privacy')
    ? undefined
    : new PrivacyWorker({
        store,
        queue,
        clock: o.clock,
        exclusive: (fn) => o.projector.pauseWhile(fn),
        // An event names a product as the storefront did (the pixel's numeric id, a GID, a variant): its
        // title is the catalog's product it resolves to, as the app proxy resolves it.
        titleOf: (shop, productId) => {
          const { index } = o.catalogs.get(shop);
          return index.get(o.catalogs.canonical(shop, productId) ?? productId)?.title ?? index.get(productId)?.title;
        },
        catalogFor: (shop) => o.catalogs.ensure(shop),
        onShopErased: (shop) => {
          erasedHere({ kind: 'shop', shop });
          void o.catalogs.refresh().catch((err) => log.warn({ err }, 'catalog refresh failed'));
          // Other nodes drop their copies too (their caches also expire by themselves).
          bus?.publish({ type: 'shopErased', shop });
        },
        // In a stateless cluster the erasure removes the conversations from Redis too; the HTTP workers of
        // a worker layout hear it from the listeners (docs/privacy.md).
        onShoppersErased: (shop, userIds, why) => erasedHere({ kind: 'shoppers', shop, userIds, why }),
        onJob: (kind, outcome, err) => {
          o.privacyMetrics.jobs.inc({ kind, outcome });
          if (err) log.error({ err, kind }, 'privacy job failed; will retry');
        },
      });
  const kick = worker ? () => worker.kick() : bus ? () => bus.publish({ type: 'privacy' }) : undefined;
  bus?.on((m) => {
    if (m.type === 'privacy' && worker) worker.kick();
    else if (m.type === 'shopErased') forgetShopHere(m.shop);
  });
  const gateOptions = {
    store,
    queue,
    markets: o.markets,
    sessions: node.sessions,
    ledger: node.ledger,
    soleWriter: node.soleWriter,
    clock: o.clock,
    newId: randomUUID,
    ...(kick ? { onEnqueued: kick } : {}),
    onEvent: (regime, decision) => o.privacyMetrics.consentDecisions.inc({ regime, decision }),
  } satisfies ConsentGateOptions;
  const gate = node.shared
    ? new StatelessConsentGate({ ...gateOptions, shared: node.shared, ...(node.conversations ? { conversations: node.conversations } : {}) })
    : new ConsentGate(gateOptions);
  return { gate, queue, ...(worker ? { worker } : {}), ...(kick ? { kick } : {}), forgetErased, onErased: (l) => void erasedListeners.add(l) };
}
