/**
 * The cursors `search_catalog` hands out (`next_cursor`), each bound to the search that gave it.
 *
 * The catalogs page with cursors of their own: Affinity's catalog an offset (`affinity-local:<n>`), a
 * shop's Storefront Catalog an opaque string. Neither says which search it continues, so a cursor of
 * another query, price range, market or shop paged the wrong answer, and a garbled one gave an empty
 * page with a note, which a client takes for "nothing more". The tool hands out the catalog's cursor
 * sealed with a fingerprint of the search and a check of the whole (`c1.<fingerprint>.<cursor,
 * base64url>.<check>`), and opens it only for the same search, unchanged: anything else is an error the
 * agent can act on ("start again without cursor"). The check catches a cursor a model cut short or
 * miscopied, which would otherwise often still decode (base64url forgives a missing or an extra
 * character) into another offset.
 *
 * The fingerprint is a hash of the shop and of what the search asks (query and category, compared
 * without case or extra spaces; price range; market), not of the page size (a next page may be asked
 * in another size) nor of the shopper (paging does not depend on who reads). It is not a secret and
 * needs none: the search always runs on the connection's own shop, which the credential decides, so
 * a cursor changed by hand pages only that shop's catalog, as any cursor could before. What it keeps
 * is that a cursor from another shop is refused with the same words as one from another query, before
 * anything is searched: nothing is read from that shop and nothing about it is said. Every API node
 * computes the same fingerprint, so any node continues a search another began (stateless HTTP).
 */
import { createHash } from 'node:crypto';
import { AffinityError } from '../core/errors.ts';

/** What makes a search the same search for paging. */
export interface SearchIdentity {
  readonly shop: string;
  readonly query?: string;
  readonly category?: string;
  readonly price?: { readonly min?: number; readonly max?: number };
  readonly market?: { readonly country?: string; readonly currency?: string };
}

/** Why a cursor was not opened. */
export type CursorProblem = 'garbled' | 'other_search';

const VERSION = 'c1';
const FINGERPRINT = /^[A-Za-z0-9_-]{16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** 8 base64url characters of a SHA-256 of what precedes the check. */
const checkOf = (sealed: string): string => createHash('sha256').update(sealed).digest('base64url').slice(0, 8);

const words = (t: string | undefined): string | null => (t === undefined ? null : t.trim().replace(/\s+/g, ' ').toLowerCase());

/** The fingerprint of a search (16 base64url characters of a SHA-256). */
export function searchFingerprint(s: SearchIdentity): string {
  const key = JSON.stringify([
    s.shop.trim().toLowerCase(),
    words(s.query),
    words(s.category),
    s.price?.min ?? null,
    s.price?.max ?? null,
    s.market?.country?.toUpperCase() ?? null,
    s.market?.currency?.toUpperCase() ?? null,
  ]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/** The cursor handed out for the catalog's cursor `inner` of the search `fingerprint`. */
export function sealCursor(inner: string, fingerprint: string): string {
  const sealed = `${VERSION}.${fingerprint}.${Buffer.from(inner, 'utf8').toString('base64url')}`;
  return `${sealed}.${checkOf(sealed)}`;
}

/** The catalog's cursor inside `cursor` when it was handed out for the search `fingerprint`; else why not. */
export function openCursor(cursor: string, fingerprint: string): { readonly inner: string } | { readonly problem: CursorProblem } {
  const [version, sealedFor, body, check, ...extra] = cursor.trim().split('.');
  if (version !== VERSION || !sealedFor || !FINGERPRINT.test(sealedFor) || !body || !BASE64URL.test(body) || !check || extra.length > 0) return { problem: 'garbled' };
  if (check !== checkOf(`${version}.${sealedFor}.${body}`)) return { problem: 'garbled' };
  const inner = Buffer.from(body, 'base64url').toString('utf8');
  if (inner.length === 0) return { problem: 'garbled' };
  return sealedFor === fingerprint ? { inner } : { problem: 'other_search' };
}

/**
 * The tool error for a cursor that was not opened (`VALIDATION_FAILED`, on the `cursor` argument). The
 * same words for a cursor of another shop as for one of another query of this shop.
 */
export function cursorError(problem: CursorProblem): AffinityError {
  const message =
    problem === 'other_search'
      ? 'This cursor belongs to another search (another query, category, price, market or shop); start again without cursor, or repeat exactly the arguments of the search that gave it.'
      : 'This cursor is not a next_cursor that search_catalog gave (it may have been cut short or changed); start again without cursor.';
  return new AffinityError('VALIDATION_FAILED', message, [{ path: 'cursor', message: problem === 'other_search' ? 'belongs to another search' : 'not a next_cursor of search_catalog' }]);
}
