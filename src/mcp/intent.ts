/**
 * Resolving the intent a recommendation works with: the agent's structured intent wins field by
 * field over what the classifier reads from the conversation text. Also maps whatever a personalizer
 * reports (a {@link ResolvedIntent} or the classifier's {@link Intent}) into one output shape.
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { CatalogVocabulary, Intent } from '../core/intent/types.ts';
import type { AgentIntent, IntentOrigin, IntentService, ResolvedIntent } from './ports.ts';
import type { IntentOut } from './schemas.ts';

/** Longest conversation text handed to the classifier (its newest part). */
export const MAX_CLASSIFIED_CHARS = 2000;

const vocabularies = new WeakMap<CatalogIndex, CatalogVocabulary>();

/** The shop's vocabulary (category paths, product types, vendors, tags), cached per catalog version. */
export function vocabularyOf(index: CatalogIndex): CatalogVocabulary {
  let v = vocabularies.get(index);
  if (!v) {
    const categories = new Set<string>();
    const vendors = new Set<string>();
    const tags = new Set<string>();
    for (const p of index.all()) {
      if (p.category) categories.add(p.category);
      if (p.productType) categories.add(p.productType);
      if (p.vendor) vendors.add(p.vendor);
      for (const t of p.tags) tags.add(t);
    }
    v = { categories: [...categories], vendors: [...vendors], tags: [...tags] };
    vocabularies.set(index, v);
  }
  return v;
}

/** Classifies the newest part of `text`; `undefined` when there is no classifier or it fails. */
export function classify(service: IntentService | undefined, text: string | undefined, index: CatalogIndex, currencyHint?: string): Intent | undefined {
  if (!service || !text || text.trim() === '') return undefined;
  try {
    return service.classify(text.slice(-MAX_CLASSIFIED_CHARS), { taxonomy: vocabularyOf(index), ...(currencyHint ? { currencyHint } : {}) });
  } catch {
    return undefined;
  }
}

/** An intent as the classifier or the personalization layer reports it (the latter adds its provenance). */
type ReportedIntent = Intent & { readonly source?: string };

const ORIGINS: ReadonlySet<string> = new Set<IntentOrigin>(['agent', 'classifier', 'agent+classifier', 'model', 'local', 'session', 'none']);

function isClassifierIntent(x: ResolvedIntent | ReportedIntent): x is ReportedIntent {
  return 'entities' in x;
}

/** A budget as tool output: a converted one keeps `estimated` and the `stated` original. */
function budgetHint(b: NonNullable<Intent['entities']['budget']> & { readonly estimated?: boolean; readonly stated?: { min?: number; max?: number; currency: string } }): NonNullable<ResolvedIntent['budget']> {
  return {
    ...(b.min !== undefined ? { min: b.min } : {}),
    ...(b.max !== undefined ? { max: b.max } : {}),
    ...(b.currency ? { currency: b.currency } : {}),
    ...(b.estimated ? { estimated: true } : {}),
    ...(b.estimated && b.stated ? { stated: { ...b.stated } } : {}),
  };
}

/** A classifier's (or the personalization layer's) intent as a {@link ResolvedIntent}. */
export function fromClassifier(i: ReportedIntent): ResolvedIntent {
  const e = i.entities;
  return {
    source: i.source !== undefined && ORIGINS.has(i.source) ? (i.source as IntentOrigin) : 'classifier',
    type: i.type,
    confidence: i.confidence,
    language: i.language,
    ...(e.budget ? { budget: budgetHint(e.budget) } : {}),
    categories: [...e.categories],
    brands: [...e.brands],
    mustNot: e.rejections.map((r) => r.value),
    ...(e.recipient ? { recipient: e.recipient } : {}),
    ...(e.occasion ? { occasion: e.occasion } : {}),
  };
}

/** Merges the agent's intent over the classifier's (agent fields win; lists are united). */
export function resolveIntent(agent: AgentIntent | undefined, classified: Intent | undefined): ResolvedIntent {
  const c = classified ? fromClassifier(classified) : undefined;
  const hasAgent = agent !== undefined && Object.values(agent).some((v) => v !== undefined);
  const source: ResolvedIntent['source'] = hasAgent && c ? 'agent+classifier' : hasAgent ? 'agent' : c ? 'classifier' : 'none';
  const type = agent?.type ?? c?.type;
  const budget = agent?.budget ?? c?.budget;
  const recipient = agent?.recipient ?? c?.recipient;
  const occasion = agent?.occasion ?? c?.occasion;
  return {
    source,
    ...(type ? { type } : {}),
    ...(agent?.type === undefined && c?.confidence !== undefined ? { confidence: c.confidence } : {}),
    ...(c?.language ? { language: c.language } : {}),
    ...(budget ? { budget: { ...budget, ...(budget.currency ? { currency: budget.currency.toUpperCase() } : {}) } } : {}),
    categories: unique([...(agent?.category ? [agent.category] : []), ...(c?.categories ?? [])]),
    brands: unique([...(agent?.brand ? [agent.brand] : []), ...(c?.brands ?? [])]),
    mustNot: unique([...(agent?.mustNot ?? []), ...(c?.mustNot ?? [])]),
    ...(recipient ? { recipient } : {}),
    ...(occasion ? { occasion } : {}),
  };
}

function unique(xs: readonly string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.trim().toLowerCase();
    if (k === '' || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether the intent constrains or steers the ranking at all. */
export function isActionable(i: ResolvedIntent): boolean {
  return i.categories.length > 0 || i.brands.length > 0 || i.mustNot.length > 0 || i.budget?.min !== undefined || i.budget?.max !== undefined;
}

/** Any reported intent as a {@link ResolvedIntent} (`source: 'none'` when there is none). */
export function asResolved(x: ResolvedIntent | ReportedIntent | undefined): ResolvedIntent {
  return x === undefined ? resolveIntent(undefined, undefined) : isClassifierIntent(x) ? fromClassifier(x) : x;
}

/** Any reported intent as tool output. */
export function intentOut(x: ResolvedIntent | ReportedIntent | undefined): IntentOut {
  const r = asResolved(x);
  return {
    source: r.source,
    ...(r.type ? { type: r.type } : {}),
    ...(r.confidence !== undefined ? { confidence: Number(r.confidence.toFixed(4)) } : {}),
    ...(r.language ? { language: r.language } : {}),
    ...(r.budget ? { budget: { ...r.budget } } : {}),
    categories: [...r.categories],
    brands: [...r.brands],
    must_not: [...r.mustNot],
    ...(r.recipient ? { recipient: r.recipient } : {}),
    ...(r.occasion ? { occasion: r.occasion } : {}),
  };
}

/** The agent intent of a tool call (snake_case) as the port's {@link AgentIntent}. */
export function agentIntentOf(a: { type?: AgentIntent['type']; budget?: AgentIntent['budget']; category?: string; brand?: string; must_not?: string[]; recipient?: string; occasion?: string } | undefined): AgentIntent | undefined {
  if (!a) return undefined;
  return {
    ...(a.type ? { type: a.type } : {}),
    ...(a.budget ? { budget: a.budget } : {}),
    ...(a.category ? { category: a.category } : {}),
    ...(a.brand ? { brand: a.brand } : {}),
    ...(a.must_not ? { mustNot: a.must_not } : {}),
    ...(a.recipient ? { recipient: a.recipient } : {}),
    ...(a.occasion ? { occasion: a.occasion } : {}),
  };
}
