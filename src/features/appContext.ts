/**
 * What the HTTP routes and the MCP tools are given: the wired components, never configuration. Its
 * own module (not `http/` nor `mcp/`) so that neither transport imports the other for it.
 */
import type { CatalogRegistry } from './catalog/catalogRegistry.ts';
import type { Metrics } from './operations/metrics.ts';
import type { ProjectionControl } from './projection/projectionControl.ts';
import type { CatalogStore, UserEventStore } from '../core/ports.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { RawProfile } from '../core/profile/profileDelta.ts';
import type { ProfileViewOptions } from '../core/profile/profileView.ts';
import type { BaseRecommender } from '../core/recommend/baseRecommender.ts';
import type { CatalogSyncScheduler } from '../adapters/catalogMcp/catalogSync.ts';
import type { ResilientCatalog } from '../adapters/catalogMcp/resilientCatalog.ts';
import type { RedisDurability } from '../adapters/redis/redisDurability.ts';
import type { IntentClassifier } from '../core/intent/classifier.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import type { MCPAwareRecommender } from './recommend/personalizedRecommender.ts';
import type { ListAttribution } from './analytics/listAttribution.ts';
import type { ExperimentsFile } from './analytics/experimentsFile.ts';
import type { AttributionStore } from '../core/ports.ts';
import type { OperationsSampler } from './operations/operationsSampler.ts';

/** Components the routes use. */
export interface AppContext {
  readonly store: UserEventStore & CatalogStore;
  readonly catalogs: CatalogRegistry;
  readonly recommender: BaseRecommender;
  readonly projector: ProjectionControl;
  readonly metrics: Metrics;
  readonly profileView: ProfileViewOptions;
  readonly defaultShop: string;
  /** Epoch ms. */
  readonly clock: () => number;
  readonly logError: (err: unknown, msg?: string) => void;
  /** One access log line per request (method, route, status, duration, shop); absent when `info` is off. */
  readonly logAccess?: (line: { method: string; route: string; status: number; ms: number; shop: string | undefined }) => void;
  /** A warning with its context (refused requests that an operator should be able to find). */
  readonly logWarn?: (obj: object, msg: string) => void;
  /**
   * Whether acknowledged events survive a crash of the store (Redis: its persistence settings as last
   * read), for `/health/ready`. Absent for stores that do not report it.
   */
  readonly storeDurability?: () => RedisDurability;
  /** The shop's Storefront Catalog MCP behind cache, breaker and local fallback (when configured). */
  readonly shopCatalog?: ResilientCatalog;
  /** On-demand sync of the shop's catalog over its Storefront Catalog MCP (when configured). */
  readonly shopCatalogSync?: CatalogSyncScheduler;
  /** The local English/Spanish intent classifier (loaded in processes that serve HTTP). */
  readonly intentClassifier?: IntentClassifier;
  /**
   * The events this process holds of a shopper whose consent does not allow storage (session-only
   * memory, docs/privacy.md): what they did in this visit is still theirs to be answered by (an agent's
   * "not that one"). On a stateless node, current once the shopper's state was read from Redis.
   */
  readonly sessionEvents?: (shop: string, userId: string) => readonly UserEvent[];
  /** The profile those session-only events make (what recommendations read of such a shopper). */
  readonly sessionProfile?: (shop: string, userId: string) => RawProfile | undefined;
  /** Configured markets (currency, prices, cache and privacy rules per market). */
  readonly markets?: MarketRegistry;
  /**
   * The personalization layer (in processes that serve requests): the personalized route of the
   * recommend use case (`recommend/recommendations.ts`) for REST, the app proxy and the MCP tools.
   */
  readonly personalizer?: MCPAwareRecommender;
  /** Recommendation ids, experiment variants and served-list records (docs/decisions/0002). */
  readonly attribution?: ListAttribution;
  /** Where analytics read served lists and outcomes, and the declared experiments. */
  readonly analytics?: {
    readonly store: AttributionStore;
    readonly experiments: ExperimentsFile;
    readonly windowMs: number;
    readonly flush?: () => Promise<void>;
    /** The ids the store links to an id, transitively (a shopper's other devices, through a customer id). */
    readonly links?: (shop: string, id: string) => Promise<readonly string[]>;
  };
  /** The last hour of this process's own metrics, for the dashboard (`GET /v1/admin/operations`). */
  readonly operations?: OperationsSampler;
}
