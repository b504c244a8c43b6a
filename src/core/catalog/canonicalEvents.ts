/**
 * Events as the projection must see them: every item named by its canonical (catalog) product id,
 * whichever id the source used (a pixel's numeric id, a GID, a variant id, a handle). Pure.
 */
import type { EventItem, UserEvent } from '../events/userEvent.ts';
import { mergeItem } from '../events/mergeItems.ts';
import type { ProductIdentity } from './productIdentity.ts';

/**
 * The links a batch of events teaches (numeric id ↔ handle, variant id → product id), deduplicated:
 * the first of the batch for each key, as the stores keep the first.
 */
export function linksIn(events: Iterable<UserEvent>, identity: ProductIdentity): [string, string][] {
  const out = new Map<string, string>();
  for (const e of events) for (const item of e.items) for (const [k, v] of identity.linksFrom(item)) if (!out.has(k)) out.set(k, v);
  return [...out];
}

/**
 * The event with each item's product id replaced by the canonical id, when the catalog knows the
 * product under any of the item's ids. Items the catalog does not know keep their id (they still count
 * for co-occurrence and popularity, and resolve at read time once the catalog learns them). Items that
 * turn out to be the same product are merged (quantities added). The same object when nothing changes.
 */
export function canonicalEvent(e: UserEvent, identity: ProductIdentity): UserEvent {
  let changed = false;
  const byId = new Map<string, EventItem>();
  for (const item of e.items) {
    const id = identity.resolveObserved(item) ?? item.productId;
    if (id !== item.productId) changed = true;
    const prev = byId.get(id);
    if (prev) {
      changed = true;
      byId.set(id, mergeItem(prev, item));
    } else byId.set(id, id === item.productId ? item : { ...item, productId: id });
  }
  return changed ? { ...e, items: [...byId.values()] } : e;
}

/** Whether any of `events` names a product the catalog has under none of the ids the event carries. */
export function namesUnknownProduct(events: readonly UserEvent[], identity: ProductIdentity): boolean {
  return events.some((e) => e.items.some((item) => identity.resolveObserved(item) === undefined));
}

/**
 * A stored profile with its products named by their catalog ids: data projected before a product's
 * link was known (an earlier version, or events that came before the catalog) names the pixel's
 * numeric id. The same object when nothing changes.
 */
export function canonicalProfile<P extends { readonly recent: readonly { readonly productId: string }[]; readonly purchased: readonly string[] }>(
  raw: P,
  identity: ProductIdentity,
): P {
  let changed = false;
  const recent = raw.recent.map((r) => {
    const id = identity.resolve(r.productId);
    if (id === undefined || id === r.productId) return r;
    changed = true;
    return { ...r, productId: id };
  });
  const purchased = raw.purchased.map((p) => {
    const id = identity.resolve(p);
    if (id === undefined || id === p) return p;
    changed = true;
    return id;
  });
  return changed ? { ...raw, recent, purchased: [...new Set(purchased)] } : raw;
}

/** A weighted list with its products named by catalog ids; entries that are one product are added up. */
export function canonicalWeights<N extends { readonly productId: string; readonly weight: number }>(list: readonly N[], identity: ProductIdentity): N[] {
  let changed = false;
  const by = new Map<string, N>();
  for (const n of list) {
    const id = identity.resolve(n.productId) ?? n.productId;
    const prev = by.get(id);
    if (id !== n.productId || prev) changed = true;
    by.set(id, prev ? { ...prev, weight: prev.weight + n.weight } : id === n.productId ? n : { ...n, productId: id });
  }
  return changed ? [...by.values()].sort((a, b) => b.weight - a.weight || (a.productId < b.productId ? -1 : 1)) : [...list];
}
