/**
 * Checks of one product against a resolved intent: does it match the asked-for category and brand,
 * fit the budget, and avoid what the shopper does not want. Used by the base fallback to filter and
 * boost, and by `explain_recommendation` to say why.
 */
import { tokenize } from '../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../core/catalog/product.ts';
import { toMajor } from '../core/money.ts';
import type { ResolvedIntent } from './ports.ts';

/** One check. */
export interface IntentCheck {
  readonly kind: 'category' | 'brand' | 'budget' | 'must_not';
  readonly term: string;
  /** For category/brand: matched; for budget: fits; for must_not: not violated. */
  readonly ok: boolean;
  readonly detail: string;
}

function words(p: Product): Set<string> {
  return new Set(tokenize([p.title, p.productType, p.category, p.vendor, ...p.tags].join(' ')));
}

function containsAll(have: ReadonlySet<string>, phrase: string): boolean {
  const t = tokenize(phrase);
  return t.length > 0 && t.every((w) => have.has(w));
}

/** Every check of `p` against `intent`. */
export function checkIntent(p: Product, intent: ResolvedIntent): IntentCheck[] {
  const have = words(p);
  const out: IntentCheck[] = [];
  for (const c of intent.categories) {
    const ok = containsAll(have, c);
    const leaf = c.split('>').at(-1)?.trim() || c;
    out.push({ kind: 'category', term: c, ok, detail: ok ? `Matches "${leaf}"` : `Not a "${leaf}"` });
  }
  for (const b of intent.brands) {
    const ok = p.vendor.toLowerCase() === b.toLowerCase() || containsAll(new Set(tokenize(p.vendor)), b);
    out.push({ kind: 'brand', term: b, ok, detail: ok ? `From ${p.vendor}, as asked` : `Not from ${b}` });
  }
  for (const m of intent.mustNot) {
    const hit = p.vendor.toLowerCase() === m.toLowerCase() || containsAll(have, m);
    out.push({ kind: 'must_not', term: m, ok: !hit, detail: hit ? `Contains "${m}", which the shopper does not want` : `No "${m}"` });
  }
  const b = intent.budget;
  const price = minPrice(p);
  if (b && (b.min !== undefined || b.max !== undefined) && price) {
    const cur = b.currency?.toUpperCase();
    if (cur && cur !== price.currency) {
      out.push({ kind: 'budget', term: cur, ok: true, detail: `Budget is in ${cur} but the price is in ${price.currency}; not compared` });
    } else {
      const v = toMajor(price);
      const ok = (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
      const range = b.min !== undefined && b.max !== undefined ? `${b.min}–${b.max}` : b.max !== undefined ? `up to ${b.max}` : `from ${b.min}`;
      out.push({ kind: 'budget', term: range, ok, detail: ok ? `Within the budget (${range} ${price.currency})` : `Outside the budget (${range} ${price.currency})` });
    }
  }
  return out;
}

/** Hard constraints: a budget miss or something the shopper does not want. */
export function violatesIntent(checks: readonly IntentCheck[]): boolean {
  return checks.some((c) => !c.ok && (c.kind === 'budget' || c.kind === 'must_not'));
}
