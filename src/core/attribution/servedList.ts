/**
 * What Affinity records about each recommendation list it serves, and what happens to it afterwards
 * (views, clicks, add-to-carts and order lines attributed to it). Tenant data: exported with the
 * shopper, erased with the shopper or the shop, swept by retention (docs/decisions/0002).
 */

/** Where a list was shown. */
export const SURFACES = ['product', 'cart', 'home', 'search', 'api', 'mcp'] as const;
export type Surface = (typeof SURFACES)[number];

/** The shopper's experiment variant. */
export interface ExperimentAssignment {
  readonly id: string;
  readonly variant: string;
}

/** One list as it was served. Kept compact: product ids only, positions are their order. */
export interface ServedList {
  /** The recommendation id (`recommendationId` in answers, `aff_rec` in links). */
  readonly id: string;
  readonly shop: string;
  /** Epoch ms. */
  readonly ts: number;
  readonly surface: Surface;
  /** The agent's name (MCP client) when an agent asked. */
  readonly agent?: string;
  /** Who asked: a person's storefront or app, or an AI agent. */
  readonly actor: 'human' | 'agent';
  readonly experiment?: ExperimentAssignment;
  readonly intent?: string;
  readonly market?: string;
  /** The shopper it was served to (absent: anonymous). */
  readonly userId?: string;
  /**
   * The id the experiment variant was assigned on, when it is not `userId`: the customer id linked to
   * the shopper's client id (docs/decisions/0002, "Which shopper"); outside experiments, the customer
   * id the request named. Analytics joins the lists of one shopper through it; erasing either id
   * erases the list, exporting either exports it.
   */
  readonly shopperKey?: string;
  /** Catalog product ids, position = index + 1. */
  readonly items: readonly string[];
  /** How long the answer took, ms (guardrail: latency per variant). */
  readonly tookMs?: number;
  /** `degraded`: a fallback answered (store, shop catalog or model down); `error`: the request failed after the list was started (no items). Absent: ok. */
  readonly status?: ListStatus;
}

/** How a list was answered. */
export type ListStatus = 'ok' | 'degraded' | 'error';

/** What happened to a list. */
export type OutcomeKind = 'view' | 'click' | 'cart' | 'order';

/** One attributed outcome, idempotent on `key` (event id, kind and product). */
export interface Outcome {
  readonly key: string;
  readonly shop: string;
  readonly recId: string;
  readonly kind: OutcomeKind;
  /** Epoch ms. */
  readonly ts: number;
  readonly userId: string;
  readonly productId?: string;
  /** Attributed line amount, minor units of `currency` (cart and order lines). */
  readonly amount?: number;
  readonly currency?: string;
  /** Order the line belongs to (orders); the event id when the pixel gave none. */
  readonly orderId?: string;
  /** Order total of lines not attributed to any list (influenced revenue), minor units. */
  readonly influenced?: number;
}

/** Whether `s` has the shape of a recommendation id (16 base64url characters: 96 random bits). */
export function isRecommendationId(s: string): boolean {
  return /^[A-Za-z0-9_-]{16}$/.test(s);
}

/** The URL query parameter that marks a click on a recommendation. */
export const REC_PARAM = 'aff_rec';

/** The product link of a recommended item: `/products/<handle>?aff_rec=<id>` (or the product's own url with the parameter). */
export function recommendationUrl(handle: string | undefined, url: string | undefined, recId: string): string | undefined {
  const base = url ?? (handle ? `/products/${encodeURIComponent(handle)}` : undefined);
  if (!base) return undefined;
  const hash = base.indexOf('#');
  const path = hash >= 0 ? base.slice(0, hash) : base;
  const frag = hash >= 0 ? base.slice(hash) : '';
  return `${path}${path.includes('?') ? '&' : '?'}${REC_PARAM}=${encodeURIComponent(recId)}${frag}`;
}

/** The `aff_rec` value of a page's query string or URL, when there is one well-formed value. */
export function recIdFrom(searchOrHref: string | undefined): string | undefined {
  if (!searchOrHref) return undefined;
  const q = searchOrHref.indexOf('?');
  const query = (q >= 0 ? searchOrHref.slice(q + 1) : searchOrHref).split('#')[0] ?? '';
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== REC_PARAM) continue;
    let v: string;
    try {
      v = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    return isRecommendationId(v) ? v : undefined;
  }
  return undefined;
}
