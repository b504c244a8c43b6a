/**
 * Which held products a complete listing of the shop's catalog (a full CSV export, a complete catalog
 * sync) no longer names: the ones to remove when that listing replaces the catalog. A product is named
 * by its id or by its handle: a CSV export names products by handle, while the same product synced or
 * sent by a webhook is held under its numeric id with that handle. Pure.
 */
import type { Product } from './product.ts';

/** The ids of `held` products that `named` names neither by id nor by handle (case-insensitive). */
export function notNamed(held: readonly Product[], named: readonly Product[]): string[] {
  const ids = new Set(named.map((p) => p.id));
  const handles = new Set(named.map((p) => p.handle.toLowerCase()).filter((h) => h !== ''));
  return held.filter((p) => !ids.has(p.id) && !(p.handle && handles.has(p.handle.toLowerCase()))).map((p) => p.id);
}
