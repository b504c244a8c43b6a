/**
 * Adapter for a shop's existing recommender over HTTP, so Affinity can personalize on top of it.
 *
 * Protocol: `POST <url>` with `{shop, userId?, productId?, cart?, limit}`; the answer is
 * `{items: [{productId | id, score?}]}` or a bare array of the same. Ids may be GIDs. Calls are
 * bounded by a timeout and a circuit breaker (cockatiel); when either trips, the fallback
 * recommender answers (Affinity's hybrid), so shoppers never see an error.
 */
import { ConsecutiveBreaker, TimeoutStrategy, circuitBreaker, handleAll, timeout, wrap, type IPolicy } from 'cockatiel';
import { AffinityError } from '../../core/errors.ts';
import { normalizeId } from '../../core/ids.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';

/** Options of the HTTP recommender adapter. */
export interface HttpRecommenderOptions {
  readonly url: string;
  readonly timeoutMs: number;
  /** Answers when the external recommender fails or its breaker is open. */
  readonly fallback?: BaseRecommender;
  /** Consecutive failures that open the breaker. */
  readonly breakerThreshold?: number;
  /** How long the breaker stays open before a half-open probe, ms. */
  readonly halfOpenAfterMs?: number;
  readonly onStateChange?: (state: string) => void;
}

/** Calls an external recommender. */
export class HttpRecommender implements BaseRecommender {
  readonly name = 'external';
  readonly #o: HttpRecommenderOptions;
  readonly #policy: IPolicy;

  constructor(opts: HttpRecommenderOptions) {
    this.#o = opts;
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: opts.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5),
    });
    breaker.onStateChange((s) => opts.onStateChange?.(String(s)));
    this.#policy = wrap(breaker, timeout(opts.timeoutMs, TimeoutStrategy.Aggressive));
  }

  async recommend(req: RecommendRequest, now: number): Promise<RecommendedItem[]> {
    try {
      return await this.#policy.execute(({ signal }) => this.#call(req, signal));
    } catch (err) {
      if (this.#o.fallback) return this.#o.fallback.recommend(req, now);
      throw new AffinityError('UPSTREAM_RECOMMENDER_FAILED', `External recommender failed: ${(err as Error).message}`, [], { cause: err });
    }
  }

  async recommendBatch(reqs: readonly RecommendRequest[], now: number): Promise<RecommendedItem[][]> {
    return Promise.all(reqs.map((r) => this.recommend(r, now)));
  }

  async #call(req: RecommendRequest, signal: AbortSignal): Promise<RecommendedItem[]> {
    const res = await fetch(this.#o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shop: req.shop, userId: req.userId, productId: req.productId, cart: req.cart, limit: req.limit }),
      signal,
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as unknown;
    const list = Array.isArray(body) ? body : (body as { items?: unknown })?.items;
    if (!Array.isArray(list)) throw new Error('response has no items array');
    const out: RecommendedItem[] = [];
    list.forEach((raw, i) => {
      const o = raw as { productId?: unknown; id?: unknown; score?: unknown };
      const productId = normalizeId(o.productId ?? o.id);
      if (!productId) return;
      const score = typeof o.score === 'number' && Number.isFinite(o.score) ? o.score : 1 / (i + 1);
      out.push({ productId, score, reasons: [{ source: 'external', score }] });
    });
    return out.slice(0, req.limit);
  }
}
