/**
 * What the model-based intent extractors share: the system prompt (our four intents, the entity
 * fields, the shop's vocabulary), the zod validation of the model's JSON into an {@link Intent}, and
 * {@link ModelIntentExtractor}, which puts a model call behind a timeout, a circuit breaker and a
 * 5-minute cache and falls back to another extractor (the local classifier) on any failure.
 */
import { ConsecutiveBreaker, TimeoutStrategy, circuitBreaker, handleAll, timeout, wrap, type IPolicy } from 'cockatiel';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { hintCurrency } from '../../core/intent/budget.ts';
import type { ExtractContext, ExtractedIntent, IntentExtractor } from '../../core/intent/intentExtractor.ts';
import { detectLanguage } from '../../core/intent/language.ts';
import { INTENT_TYPES, type CatalogVocabulary, type Intent, type IntentType, type Rejection } from '../../core/intent/types.ts';
import { ExtractorUnavailableError, chainExtractors } from './intentChain.ts';

/** Default per-call timeout, ms. */
export const DEFAULT_MODEL_TIMEOUT_MS = 1500;
/** Default cache TTL, ms (5 minutes). */
export const DEFAULT_MODEL_CACHE_TTL_MS = 300_000;
/** Longest text sent to the model (its newest part). */
export const MAX_MODEL_TEXT_CHARS = 2000;
/** Most vocabulary entries of each kind named in the prompt. */
export const MAX_PROMPT_VOCABULARY = 60;

/** The system prompt, grounded in the shop's vocabulary when given. */
export function intentSystemPrompt(vocab?: CatalogVocabulary, currencyHint?: string): string {
  const lines = [
    'You classify a shopper\'s message in an online shop (English or Spanish). Answer with ONE JSON object and nothing else.',
    'Intent types ("type"):',
    '- "high_purchase_intent": ready to buy now (buy/cart verb, picks an item or variant, or a need with a deadline).',
    '- "comparison_shopping": weighing two or more options, or asking for the best among them.',
    '- "browsing": open-ended exploration or a bare product query, no item chosen yet.',
    '- "research": information before buying (how to choose, sizing, materials, care, reviews, shipping, returns).',
    'JSON fields: "type" (one of the four), "confidence" (0..1), "language" ("en" or "es"), "entities": {',
    '  "budget": {"min": number?, "max": number?, "currency": ISO 4217 code?} or omitted (major units, e.g. 49.99),',
    '  "categories": [strings], "brands": [strings], "colours": [canonical English colour names],',
    '  "sizes": [strings as in size charts, e.g. "M", "42"], "rejections": [{"kind": "material"|"brand"|"colour"|"category"|"term", "value": string}],',
    '  "recipient": canonical English ("mother", "boyfriend", "self") or omitted, "occasion": ("birthday", "anniversary", "wedding", "christmas", ...) or omitted,',
    '  "isGift": boolean }.',
    'Use only what the message says; leave lists empty when unsure.',
  ];
  if (currencyHint) lines.push(`The shopper's market/currency is ${currencyHint}: use it for "$" or "pesos".`);
  if (vocab && vocab.categories.length > 0) {
    lines.push(`Prefer these shop categories, spelled exactly: ${truncateList(vocab.categories)}.`);
  }
  if (vocab && vocab.vendors.length > 0) lines.push(`Shop brands, spelled exactly: ${truncateList(vocab.vendors)}.`);
  return lines.join('\n');
}

function truncateList(xs: readonly string[]): string {
  const shown = xs.slice(0, MAX_PROMPT_VOCABULARY).map((x) => x.slice(0, 80));
  return shown.join('; ') + (xs.length > shown.length ? `; … (${xs.length - shown.length} more)` : '');
}

const strList = z
  .array(z.unknown())
  .catch([])
  .transform((xs) => xs.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()));
const optStr = z
  .unknown()
  .optional()
  .transform((x) => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined));
const optNum = z
  .unknown()
  .optional()
  .transform((x) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : undefined));
const REJECTION_KINDS = ['material', 'brand', 'colour', 'category', 'term'] as const;

/** The model's answer, leniently: only `type` must be right; everything else has a default. */
export const ModelIntentSchema = z.object({
  type: z.enum(INTENT_TYPES),
  confidence: z.unknown().optional().transform((x) => (typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.7)),
  language: z.enum(['en', 'es']).optional().catch(undefined),
  entities: z
    .object({
      budget: z
        .object({ min: optNum, max: optNum, currency: optStr, text: optStr })
        .optional()
        .catch(undefined),
      categories: strList,
      brands: strList,
      colours: strList,
      sizes: strList,
      rejections: z
        .array(z.unknown())
        .catch([])
        .transform((xs) =>
          xs.flatMap((x): Rejection[] => {
            const o = x as { kind?: unknown; value?: unknown } | null;
            if (!o || typeof o.value !== 'string' || o.value.trim() === '') return [];
            const kind = (REJECTION_KINDS as readonly unknown[]).includes(o.kind) ? (o.kind as Rejection['kind']) : 'term';
            return [{ kind, value: o.value.trim() }];
          }),
        ),
      recipient: optStr,
      occasion: optStr,
      isGift: z.unknown().optional().transform((x) => x === true || x === 'true'),
    })
    .catch({ categories: [], brands: [], colours: [], sizes: [], rejections: [], recipient: undefined, occasion: undefined, isGift: false }),
});

/** Why the model's answer was not used. */
export class ModelAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelAnswerError';
  }
}

/** The first JSON object in a model's text (tolerates ```json fences and surrounding prose). */
export function jsonObjectOf(text: string): unknown {
  const t = text.trim();
  try {
    return JSON.parse(t);
  } catch {
    const start = t.indexOf('{');
    const end = t.lastIndexOf('}');
    if (start < 0 || end <= start) throw new ModelAnswerError('the model answered no JSON object');
    try {
      return JSON.parse(t.slice(start, end + 1));
    } catch {
      throw new ModelAnswerError('the model answered invalid JSON');
    }
  }
}

/** Spells `x` as the shop does when it matches an entry case-insensitively. */
function shopSpelling(xs: readonly string[], vocab: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const x of xs) {
    const k = x.toLowerCase();
    const v = vocab?.find((e) => e.toLowerCase() === k) ?? x;
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * Validates a model's JSON answer into an {@link Intent}.
 * @throws ModelAnswerError when the answer is not an object with a valid `type`.
 */
export function parseModelIntent(raw: unknown, text: string, opts: { vocabulary?: CatalogVocabulary; currencyHint?: string } = {}): Intent {
  const r = ModelIntentSchema.safeParse(raw);
  if (!r.success) throw new ModelAnswerError(`the model's answer is not a valid intent: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const m = r.data;
  const e = m.entities;
  const b = e.budget;
  let budget: Intent['entities']['budget'];
  if (b && (b.min !== undefined || b.max !== undefined)) {
    const [min, max] = b.min !== undefined && b.max !== undefined && b.min > b.max ? [b.max, b.min] : [b.min, b.max];
    const currency = (b.currency && /^[A-Za-z]{3}$/.test(b.currency) ? b.currency.toUpperCase() : undefined) ?? hintCurrency(opts.currencyHint);
    budget = {
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(currency ? { currency } : {}),
      text: b.text ?? [min !== undefined ? `min ${min}` : '', max !== undefined ? `max ${max}` : '', currency ?? ''].filter(Boolean).join(' '),
    };
  }
  const confidence = m.confidence;
  const rest = (1 - confidence) / (INTENT_TYPES.length - 1);
  const scores = Object.fromEntries(INTENT_TYPES.map((t) => [t, t === m.type ? confidence : rest])) as Record<IntentType, number>;
  return {
    type: m.type,
    confidence,
    language: m.language ?? detectLanguage(text),
    scores,
    entities: {
      ...(budget ? { budget } : {}),
      categories: shopSpelling(e.categories, opts.vocabulary?.categories),
      brands: shopSpelling(e.brands, opts.vocabulary?.vendors),
      colours: [...new Set(e.colours.map((c) => c.toLowerCase()))],
      sizes: [...new Set(e.sizes)],
      rejections: e.rejections.map((x) => (x.kind === 'brand' ? { kind: x.kind, value: shopSpelling([x.value], opts.vocabulary?.vendors)[0] ?? x.value } : x)),
      ...(e.recipient ? { recipient: e.recipient.toLowerCase() } : {}),
      ...(e.occasion ? { occasion: e.occasion.toLowerCase() } : {}),
      isGift: e.isGift || (e.recipient !== undefined && e.recipient.toLowerCase() !== 'self'),
    },
  };
}

/** One request to a model: the prompt and the shopper's text. */
export interface ModelPrompt {
  readonly system: string;
  readonly user: string;
}

/** Sends a prompt to a model and resolves with its text answer; honours `signal`. */
export type ModelCall = (prompt: ModelPrompt, signal: AbortSignal) => Promise<string>;

/** Options of {@link ModelIntentExtractor}. */
export interface ModelIntentOptions {
  /** Answers whenever the model cannot (normally the local classifier). */
  readonly fallback: IntentExtractor;
  /** The shop's vocabulary (prompt grounding and spelling of categories and brands). */
  readonly vocabulary?: (shop: string) => CatalogVocabulary | undefined;
  /** Per-call timeout, ms (default 1500). */
  readonly timeoutMs?: number;
  /** Consecutive failures that open the breaker (default 5). */
  readonly breakerThreshold?: number;
  /** How long the breaker stays open before a half-open probe, ms (default 30 000). */
  readonly halfOpenAfterMs?: number;
  /** Cache TTL, ms (default 5 minutes). */
  readonly cacheTtlMs?: number;
  /** Most cached answers (default 5000). */
  readonly cacheMaxEntries?: number;
  /** Called when the model failed and the fallback answered (for logs and metrics). */
  readonly onFallback?: (err: unknown) => void;
  readonly onStateChange?: (state: string) => void;
}

/** The cache key: shop, normalised text and currency hint. */
export function intentCacheKey(text: string, ctx: ExtractContext): string {
  const norm = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${ctx.shop}\u0000${(ctx.currencyHint ?? ctx.market ?? '').toUpperCase()}\u0000${norm}`;
}

/**
 * A model-based extractor: cache → breaker → timeout → `call`, validated with {@link parseModelIntent}.
 * `extract` never throws: a failure, a timeout or an open breaker answers with the fallback's
 * intent marked `fallbackUsed: true`; `available(ctx) === false` hands over to the fallback as is.
 */
export class ModelIntentExtractor implements IntentExtractor {
  readonly #o: ModelIntentOptions;
  readonly #policy: IPolicy;
  readonly #cache: LRUCache<string, Intent>;
  readonly #chain: IntentExtractor;
  /** Model calls made (cache hits and open-breaker rejections excluded). */
  calls = 0;

  constructor(
    readonly call: ModelCall,
    opts: ModelIntentOptions,
    readonly available: (ctx: ExtractContext) => boolean = () => true,
  ) {
    this.#o = opts;
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: opts.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5),
    });
    breaker.onStateChange((s) => opts.onStateChange?.(String(s)));
    this.#policy = wrap(breaker, timeout(opts.timeoutMs ?? DEFAULT_MODEL_TIMEOUT_MS, TimeoutStrategy.Aggressive));
    this.#cache = new LRUCache({ max: opts.cacheMaxEntries ?? 5000, ttl: opts.cacheTtlMs ?? DEFAULT_MODEL_CACHE_TTL_MS });
    this.#chain = chainExtractors({ extract: (text, ctx) => this.extractModel(text, ctx) }, opts.fallback, opts.onFallback);
  }

  extract(text: string, ctx: ExtractContext): Promise<ExtractedIntent> {
    return this.#chain.extract(text, ctx);
  }

  /**
   * The model's answer only (`source: 'model'`).
   * @throws ExtractorUnavailableError when the model cannot be asked in this context; any other error on failure.
   */
  async extractModel(text: string, ctx: ExtractContext): Promise<ExtractedIntent> {
    if (!this.available(ctx)) throw new ExtractorUnavailableError();
    const key = intentCacheKey(text, ctx);
    const hit = this.#cache.get(key);
    if (hit) return { ...hit, source: 'model', fallbackUsed: false };
    const vocabulary = this.#o.vocabulary?.(ctx.shop);
    const hint = ctx.currencyHint ?? ctx.market;
    const user = text.slice(-MAX_MODEL_TEXT_CHARS);
    const intent = await this.#policy.execute(async ({ signal }) => {
      this.calls++;
      const answer = await this.call({ system: intentSystemPrompt(vocabulary, hint), user }, signal);
      return parseModelIntent(jsonObjectOf(answer), text, { ...(vocabulary ? { vocabulary } : {}), ...(hint ? { currencyHint: hint } : {}) });
    });
    this.#cache.set(key, intent);
    return { ...intent, source: 'model', fallbackUsed: false };
  }
}
