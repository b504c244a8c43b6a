/**
 * What the privacy, consent and admin routes are given beside the shared `AppContext`: the durable
 * privacy queue, the store's data-subject operations, webhook secrets and the request guard.
 */
import type { ConsentGate, SessionMemory } from '../features/privacy/index.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import type { AffinityStore, PrivacyJobQueue } from '../core/ports.ts';
import type { RequestGuard } from './requestGuard.ts';

/** Components of the privacy routes. */
export interface PrivacyHttpContext {
  readonly store: AffinityStore;
  readonly queue: PrivacyJobQueue;
  /** Shopify app client secrets (several during a rotation); none: webhooks are refused with 401. */
  readonly webhookSecrets: readonly string[];
  /** A fresh job id. */
  readonly newId: () => string;
  /** Epoch ms. */
  readonly clock: () => number;
  /** Called after a job was queued (kicks the worker when it runs in this process). */
  readonly onEnqueued?: () => void;
  /** Counts webhooks by topic and outcome. */
  readonly onWebhook?: (topic: string, outcome: 'queued' | 'duplicate' | 'ignored' | 'unauthorized' | 'invalid') => void;
  readonly defaultShop: string;
  /** Applies consent to events and consent signals. */
  readonly gate: ConsentGate;
  readonly sessions: SessionMemory;
  readonly markets: MarketRegistry;
  /** API keys, pixel origins and rate limits. */
  readonly guard: RequestGuard;
}
