/**
 * What the personalization layer reads of a candidate for one request's entities, kept across
 * requests: whether the product may be shown at all (available, and hit by none of the rejections),
 * its intent score and the stated kinds it meets. A conversation asks again with the same entities
 * (the next page, a turn that adds nothing) and shoppers ask for the same few things, so a candidate
 * seen before costs one lookup instead of the availability check, the rejection checks and the
 * intent match.
 *
 * The facts depend only on the product object (immutable; a catalog reload brings new objects, whose
 * facts are worked out anew) and on the entities read here, so the key is exactly those: categories,
 * brands, colours, materials, which kinds are only preferences, sizes, purposes, recipient (and whether there are several), audience, occasion, the gift flag, title terms and the
 * rejections (a kind left out of the key would let one request's answers stand for another's). Bounded: at most
 * 256 sets of entities and 400,000 facts in all (about 12 MB measured), the least recently used sets let go
 * first; before the second bound, 256 sets of a large catalog's facts could hold millions.
 */
import type { Product } from '../catalog/product.ts';
import type { IntentEntities } from '../intent/types.ts';
import { rejectionHit } from './hardFilters.ts';
import { hasPositiveEntities, matchFeaturesOf, MEETS_COLOUR, scoreIntent, scoreIntentInto, type IntentReason, type IntentScore } from './intentScoring.ts';
import { madeOfAny } from './materialMatch.ts';

/** One product's facts for one set of entities. */
export interface EntityFacts {
  /** Available and hit by no rejection (else never shown, whatever else holds). */
  readonly shown: boolean;
  /** The intent score (0 when nothing stated can match; see `scoreIntent`). */
  readonly score: number;
  /** `MEETS_*` bits of `intentScoring.ts`. */
  readonly meets: number;
}

/** The facts of products for one set of entities (see {@link factsOf}). */
export interface EntityFactsTable {
  readonly entities: IntentEntities;
  /** Whether the entities state anything a product can match (else every score is 0). */
  readonly stating: boolean;
  readonly byProduct: WeakMap<Product, EntityFacts>;
  /** The intent reasons of the products shown ({@link intentReasonsOf}). */
  readonly reasons: WeakMap<Product, readonly IntentReason[]>;
}

/** Sets of entities whose facts are kept. */
const MAX_ENTITY_SETS = 256;
/**
 * Facts kept in all, over every set of entities: past it the least recently used sets are let go, so
 * memory stays bounded however large the catalogs (256 sets of a 100,000-product catalog would
 * otherwise hold 25 million).
 */
const MAX_FACTS = 400_000;

/** A table with what the bound counts: its facts, and whether they still count (let go: no longer kept). */
interface KeptTable extends EntityFactsTable {
  size: number;
  kept: boolean;
}

/** Tables by key, most recently used last. */
const tables = new Map<string, KeptTable>();
let factsKept = 0;

/** How many facts are kept, over every set of entities (at most {@link MAX_FACTS} once one is added past it). */
export function keptFacts(): number {
  return factsKept;
}

/**
 * Tables by entities object: the classifier's answer for a message seen before is the same frozen
 * object, so a recurring message finds its table without building the key.
 */
const byObject = new WeakMap<IntentEntities, KeptTable>();

/** The (kept) table of facts for a request's entities. */
export function entityFacts(e: IntentEntities): EntityFactsTable {
  const held = Object.isFrozen(e) ? byObject.get(e) : undefined;
  if (held !== undefined) return held;
  const k = JSON.stringify([e.categories, e.purposes ?? null, e.brands, e.colours, e.materials ?? null, e.soft ?? null, e.sizes, e.recipient ?? null, e.severalRecipients ?? null, e.audience ?? null, e.occasion ?? null, e.isGift, e.terms ?? null, e.rejections.map((r) => [r.kind, r.value])]);
  let t = tables.get(k);
  if (t) tables.delete(k);
  else {
    t = { entities: e, stating: hasPositiveEntities(e), byProduct: new WeakMap(), reasons: new WeakMap(), size: 0, kept: true };
    if (tables.size >= MAX_ENTITY_SETS) letGo(tables.keys().next().value as string);
  }
  tables.set(k, t);
  if (Object.isFrozen(e)) byObject.set(e, t);
  return t;
}

/** Drops a table from the kept ones. */
function letGo(k: string): void {
  const t = tables.get(k);
  if (t === undefined) return;
  tables.delete(k);
  t.kept = false;
  factsKept -= t.size;
}

/** Counts one more fact of `t`; past the bound, the least recently used other tables are let go. */
function counted(t: EntityFactsTable): void {
  const k = t as KeptTable;
  if (!k.kept) return;
  k.size++;
  if (++factsKept <= MAX_FACTS) return;
  for (const [key, old] of tables) {
    if (factsKept <= MAX_FACTS) return;
    if (old !== k) letGo(key);
  }
}

/** The facts of a product never shown (unavailable, or ruled out): one object for all. */
const NOT_SHOWN: EntityFacts = Object.freeze({ shown: false, score: 0, meets: 0 });

const scratch: IntentScore = { score: 0, meets: 0 };

/** A product's facts for the table's entities, worked out once. */
export function factsOf(t: EntityFactsTable, p: Product): EntityFacts {
  let f = t.byProduct.get(p);
  if (f) return f;
  const e = t.entities;
  let shown = matchFeaturesOf(p).available;
  if (shown) for (const r of e.rejections) if (rejectionHit(p, r)) shown = false;
  if (shown && t.stating) {
    scoreIntentInto(p, e, scratch);
    f = { shown, score: withMaterials(p, e, scratch.score), meets: lookMeets(p, e, scratch.meets) };
  } else f = shown ? { shown, score: withMaterials(p, e, 0), meets: lookMeets(p, e, 0) } : NOT_SHOWN;
  t.byProduct.set(p, f);
  counted(t);
  return f;
}

/**
 * The reasons of a product's intent match (`scoreIntent`) for the table's entities, worked out once:
 * the items shown quote them, and the same products are shown for the same words again.
 */
export function intentReasonsOf(t: EntityFactsTable, p: Product): readonly IntentReason[] {
  let r = t.reasons.get(p);
  if (r === undefined) {
    r = Object.freeze(scoreIntent(p, t.entities).reasons);
    t.reasons.set(p, r);
    counted(t);
  }
  return r;
}

/**
 * Share of the intent score a material asked for takes: a product made of it ranks above one that
 * only matches the rest ("a black leather bracelet" when none is both: the leather one before the
 * black beads), the more so the less else was said.
 */
const MATERIAL_SHARE = 0.3;

/** The intent score with the materials asked for (`scoreIntent` reads none): `(1 − s)·score + s·made`. */
function withMaterials(p: Product, e: IntentEntities, score: number): number {
  const materials = e.materials;
  if (materials === undefined || materials.length === 0) return score;
  return (1 - MATERIAL_SHARE) * score + (madeOfAny(p, materials) !== undefined ? MATERIAL_SHARE : 0);
}

/**
 * The `meets` bits with the materials asked for (`IntentEntities.materials`) held with the colours
 * (constraints.ts: one `colour` constraint for the look): the colour bit stands only when the product
 * is also made of a material asked for; with no colour asked for, it says the material alone.
 */
function lookMeets(p: Product, e: IntentEntities, meets: number): number {
  const materials = e.materials;
  if (materials === undefined || materials.length === 0) return meets;
  const made = madeOfAny(p, materials) !== undefined;
  if (!made) return meets & ~MEETS_COLOUR;
  const colourAsked = e.colours.length > 0 && !(e.soft ?? []).includes('colour');
  return colourAsked ? meets : meets | MEETS_COLOUR;
}
