/**
 * The recommend use case's answer as the recommendation tools read it: the ranked items, the intent
 * the personalization layer used (none when the base recommender answered), whether the items meet
 * what was asked (only the layer checks; the tools check a base list themselves), and whether a
 * degraded path answered.
 */
import type { Intent } from '../core/intent/types.ts';
import type { ConstraintOutcome } from '../core/personalize/constraints.ts';
import type { Answer } from '../features/recommend/index.ts';
import type { QuotableReason } from './present.ts';

/** One answer, whatever route gave it. */
export interface ToolAnswer {
  readonly items: readonly { readonly productId: string; readonly score: number; readonly reasons: readonly QuotableReason[] }[];
  /** The intent the personalization layer used, with where it came from. */
  readonly intent?: Intent & { readonly source?: string };
  readonly constraints?: ConstraintOutcome;
  /** A model, the store or the shop did not answer and a degraded path did. */
  readonly fallbackUsed: boolean;
  /** Name for responses and metrics (`none` for a holdout). */
  readonly recommender: string;
}

/** {@link ToolAnswer} of a use-case answer. */
export function answerOf(a: Answer): ToolAnswer {
  switch (a.route) {
    case 'personalized':
      return {
        items: a.result.items,
        ...(a.result.intent ? { intent: a.result.intent } : {}),
        constraints: a.result.constraints,
        fallbackUsed: a.result.intent?.fallbackUsed ?? false,
        recommender: a.recommender,
      };
    case 'base':
      return { items: a.items, fallbackUsed: a.degraded, recommender: a.recommender };
    case 'none':
      return { items: [], fallbackUsed: false, recommender: 'none' };
  }
}
