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
 * brands, colours, materials, which kinds are only preferences, sizes, purposes, recipient (and whether
 * there are several), audience and the one refused, occasion, the gift flag, on sale, the place, title terms and the rejections (a kind left out
 * of the key would let one request's answers stand for another's). Bounded in sets of entities and in
 * facts over all of them (keptTables.ts).
 */
import type { Product } from '../catalog/product.ts';
import type { IntentEntities } from '../intent/types.ts';
import { everyVariantRuledOut, rejectionHit } from './hardFilters.ts';
import { hasPositiveEntities, matchFeaturesOf, MEETS_COLOUR, scoreIntent, scoreIntentInto, type IntentReason, type IntentScore } from './intentScoring.ts';
import { madeOfAny } from './materialMatch.ts';
import { KeptTables, type KeptTable } from '../keptTables.ts';
import { DocFacts, NOT_SHOWN_MEETS } from './docFacts.ts';
import { refusedAudienceHit } from './wantedAudience.ts';

/** One product's facts for one set of entities. */
export interface EntityFacts {
  /** Available, hit by no rejection and not made only for an audience refused (else never shown, whatever else holds). */
  readonly shown: boolean;
  /** The intent score (0 when nothing stated can match; see `scoreIntent`). */
  readonly score: number;
  /** `MEETS_*` bits of `intentScoring.ts`. */
  readonly meets: number;
}

/** The facts of products for one set of entities (see {@link factsOf}); `size` and `kept` are its bounds' (keptTables.ts). */
export interface EntityFactsTable extends KeptTable {
  readonly entities: IntentEntities;
  /** Whether the entities state anything a product can match (else every score is 0). */
  readonly stating: boolean;
  readonly byProduct: WeakMap<Product, EntityFacts>;
  /** The intent reasons of the products shown ({@link intentReasonsOf}). */
  readonly reasons: WeakMap<Product, readonly IntentReason[]>;
  /** The same facts by position in one catalog version ({@link docFactsOf}), once asked so. */
  byDoc: DocFacts | undefined;
}

/**
 * The kept tables: 256 sets of entities, and 400,000 facts and reasons over all of them (about 12 MB
 * measured when each was an object in a `WeakMap`), the least recently used sets let go first. A fact
 * kept by position (docFacts.ts, the personalization layer's path) takes 32 to 64 bytes instead: a
 * 16-byte slot, a quarter to half of the slots used.
 */
const tables = new KeptTables<EntityFactsTable>(256, 400_000);

/** How many facts and reasons are kept, over every set of entities. */
export function keptFacts(): number {
  return tables.answers;
}

/**
 * Tables by entities object: the classifier's answer for a message seen before is the same frozen
 * object, so a recurring message finds its table without building the key.
 */
const byObject = new WeakMap<IntentEntities, EntityFactsTable>();

/** The (kept) table of facts for a request's entities. */
export function entityFacts(e: IntentEntities): EntityFactsTable {
  const held = Object.isFrozen(e) ? byObject.get(e) : undefined;
  // A table let go is not found through its entities object either: it would grow again, uncounted.
  if (held !== undefined && held.kept) return held;
  const k = JSON.stringify([e.categories, e.purposes ?? null, e.brands, e.colours, e.materials ?? null, e.soft ?? null, e.sizes, e.recipient ?? null, e.severalRecipients ?? null, e.audience ?? null, e.notAudience ?? null, e.occasion ?? null, e.isGift, e.onSale ?? null, e.place ?? null, e.terms ?? null, e.subkinds ?? null, e.rejections.map((r) => [r.kind, r.value])]);
  const t = tables.get(k, () => ({ entities: e, stating: hasPositiveEntities(e), byProduct: new WeakMap(), reasons: new WeakMap(), byDoc: undefined, size: 0, kept: true }));
  if (Object.isFrozen(e)) byObject.set(e, t);
  return t;
}

/** The facts of a product never shown (unavailable, or ruled out): one object for all. */
const NOT_SHOWN: EntityFacts = Object.freeze({ shown: false, score: 0, meets: 0 });

const scratch: IntentScore = { score: 0, meets: 0 };

/** A product's facts for the table's entities, worked out once (kept by product object). */
export function factsOf(t: EntityFactsTable, p: Product): EntityFacts {
  let f = t.byProduct.get(p);
  if (f) return f;
  f = factsFor(t.entities, t.stating, p);
  t.byProduct.set(p, f);
  tables.count(t);
  return f;
}

/** A product's facts for entities `e` (`stating`: whether they state anything a product can match), not kept. */
function factsFor(e: IntentEntities, stating: boolean, p: Product): EntityFacts {
  let shown = matchFeaturesOf(p).available;
  if (shown) for (const r of e.rejections) if (rejectionHit(p, r)) shown = false;
  if (shown && everyVariantRuledOut(p, e.rejections)) shown = false;
  // "A bracelet, not for men": a product made only for the audience refused is ruled out as a rejection is.
  if (shown && e.notAudience !== undefined && refusedAudienceHit(matchFeaturesOf(p).madeFor, e)) shown = false;
  if (!shown) return NOT_SHOWN;
  if (!stating) return { shown, score: withMaterials(p, e, 0), meets: lookMeets(p, e, 0) };
  scoreIntentInto(p, e, scratch);
  return { shown, score: withMaterials(p, e, scratch.score), meets: lookMeets(p, e, scratch.meets) };
}

/**
 * The table's facts by position in the catalog version `products` (a catalog's `all()` array): made
 * anew when the catalog changed since they were last asked.
 */
export function docFactsOf(t: EntityFactsTable, products: readonly Product[]): DocFacts {
  let d = t.byDoc;
  if (d === undefined || d.products !== products) t.byDoc = d = new DocFacts(products);
  return d;
}

/**
 * The slot of `d` ({@link docFactsOf} of `t`) holding the facts of the product at `doc`, worked out
 * as {@link factsOf} does the first time: `d.meetsAt(slot)` is `NOT_SHOWN_MEETS` for a product never
 * shown. Kept there only, not by product object as well: a fact costs the table's slot, not an object
 * and a `WeakMap` entry (whose number a full collection's final pause walks).
 */
export function factsSlot(t: EntityFactsTable, d: DocFacts, doc: number): number {
  const s = d.slotOf(doc);
  if (s >= 0) return s;
  const f = factsFor(t.entities, t.stating, d.products[doc] as Product);
  tables.count(t);
  return d.put(~s, doc, f.score, f.shown ? f.meets : NOT_SHOWN_MEETS);
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
    tables.count(t);
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
