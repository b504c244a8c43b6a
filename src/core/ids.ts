/**
 * Identifier normalisation. Shopify sends the same product as a numeric string in pixels
 * ("8896125829396"), as a GID in UCP/Storefront payloads ("gid://shopify/Product/8896125829396")
 * and as a number in REST webhooks. Everything inside Affinity uses the bare id so that all of
 * them join.
 *
 * Every id that becomes a store key (user, client, customer, product, variant, event and order ids) is
 * at most {@link MAX_ID_LENGTH} UTF-16 code units of well-formed Unicode: a lone surrogate (which a
 * JSON `\ud800` escape can carry) has no UTF-8 form, so no store could key it, and the id would fail
 * forever. {@link IdStringSchema} and {@link IdSchema} hold ids to that at every boundary.
 */
import { z } from 'zod';

/** Longest id accepted where an id becomes a store key, in UTF-16 code units (what `string.length` counts). */
export const MAX_ID_LENGTH = 200;

/**
 * Longest URL-encoded form of an id of {@link MAX_ID_LENGTH} code units: a code unit of the BMP at or
 * above U+0800 is three UTF-8 bytes, each written `%XX` (a surrogate pair is four bytes for two units).
 * A URL path parameter (`GET /v1/users/:id/profile`) must fit this much for every accepted id to be
 * readable back, whether the router measures the parameter before or after percent-decoding it.
 */
export const MAX_ENCODED_ID_LENGTH = MAX_ID_LENGTH * 9;

/** Matches a lone UTF-16 surrogate (in `u` mode a well-formed pair is one code point, not `Cs`). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string with a lone surrogate is refused. */
export const LONE_SURROGATE_MESSAGE = 'must be well-formed Unicode (it contains a lone UTF-16 surrogate, \\uD800-\\uDFFF, which has no UTF-8 form)';

/** Whether `s` is well-formed UTF-16: no lone surrogate. */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Something visible: what an id (and every trimmed string argument of the MCP tools) must hold. Not only
 * white space, nor only control or invisible format characters (a zero-width space, a word joiner, a
 * byte-order mark, NEL), which a trim leaves and which name nothing. In ECMA-262 syntax without flags, so
 * that it can be published as a JSON Schema `pattern` and a client's validator gives the server's verdict.
 */
export const NOT_BLANK = /[^\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;
export const BLANK_MESSAGE = 'must not be empty or only white space';

/** A control character (C0, DEL, C1): no id holds one. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
export const CONTROL_MESSAGE = 'must not contain control characters';

/**
 * An id given as a string: 1 to {@link MAX_ID_LENGTH} code units of well-formed Unicode, with something
 * visible in it ({@link NOT_BLANK}) and no control character. An id of white space alone trims to nothing
 * ({@link normalizeId}): a product named so could never be stored or looked up, and one such event, once
 * accepted, held up the projection of every event after it.
 */
export const IdStringSchema = z
  .string()
  .max(MAX_ID_LENGTH)
  .refine((s) => NOT_BLANK.test(s), BLANK_MESSAGE)
  .refine(isWellFormed, LONE_SURROGATE_MESSAGE)
  // One issue for a blank id ("\t" is also a control character).
  .refine((s) => !NOT_BLANK.test(s) || !CONTROL.test(s), CONTROL_MESSAGE);

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#]+)(?:[?#].*)?$/;

/** Kinds of Shopify object whose ids are numbers: a GID of one of them names a number. */
const NUMERIC_GID_KINDS: ReadonlySet<string> = new Set(['Product', 'ProductVariant', 'Customer', 'Order', 'Collection', 'Market', 'LineItem', 'Location']);

/** Why {@link isMalformedGid} refuses an id. */
export const MALFORMED_GID_MESSAGE = 'is not a Shopify GID: write gid://shopify/<Kind>/<numeric id>, or the numeric id alone';

/**
 * Whether `raw` is written as a Shopify GID (it starts with `gid:`) and is not one: no kind or no id
 * part (`gid://shopify/Product/`), more parts, or a kind whose ids are numbers with an id that is not
 * (`gid://shopify/Product/abc`). What an API caller sends is refused with {@link MALFORMED_GID_MESSAGE}
 * rather than stored as a product no catalog can ever name. A pixel payload is not refused for it
 * ({@link normalizeId} keeps what it can): Shopify wrote it, and an event is not dropped over an id.
 */
export function isMalformedGid(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  const s = raw.trim();
  if (s.length < 4 || !/^gid:/i.test(s)) return false;
  const m = GID.exec(s);
  return !m || (NUMERIC_GID_KINDS.has(m[1] as string) && !/^\d+$/.test(m[2] as string));
}

/**
 * An id given as a string ({@link IdStringSchema}) or a non-negative integer (Shopify REST ids); a
 * string written as a GID must be one ({@link isMalformedGid}).
 */
export const IdSchema = z.union([IdStringSchema.refine((s) => !isMalformedGid(s), MALFORMED_GID_MESSAGE), z.number().int().nonnegative()]);

/** The kinds of Shopify object whose ids we normalise. */
export type GidKind = 'Product' | 'ProductVariant' | 'Customer' | 'Order' | 'Collection' | 'Market';

/**
 * Normalises a Shopify id: `gid://shopify/Product/123`, `"123"` and `123` all become `"123"`.
 * Non-Shopify ids (a handle, an external SKU) are kept as they are, trimmed. A GID whose id part is
 * not valid percent-encoding keeps that part as it is (never throws).
 * Returns `undefined` for null, undefined, empty strings and non-finite numbers.
 */
export function normalizeId(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') {
    return Number.isFinite(raw) && Number.isInteger(raw) && raw >= 0 ? String(raw) : undefined;
  }
  if (typeof raw === 'bigint') return raw >= 0n ? raw.toString() : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  const m = GID.exec(s);
  if (m) return decodeGidPart(m[2] as string);
  return s;
}

/** The id part of a GID, percent-decoded when it is valid percent-encoding of UTF-8. */
function decodeGidPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // `%E0%A4%A` or `%ED%A0%80` (a surrogate's bytes): not UTF-8; the part as sent is still a usable id.
    return part;
  }
}

/**
 * Builds the GID form of a normalised id, for talking back to Shopify surfaces that want GIDs: only a
 * numeric id has one. Any other id (a handle from a CSV import, an external SKU) is `undefined`, never
 * passed off as a GID: Storefront, Admin and UCP calls would fail on it.
 */
export function toGid(kind: GidKind, id: string): string | undefined {
  return /^\d+$/.test(id) ? `gid://shopify/${kind}/${id}` : undefined;
}

/**
 * A shopper id as the store keys it: a Shopify customer GID (`gid://shopify/Customer/123`, how the Admin
 * API and a Customer Account MCP name a customer) is the customer's numeric id, as a checkout's customer
 * is stored and linked to the shopper's devices ({@link normalizeId}), so a caller naming the customer
 * either way reads and writes the same shopper. Any other id is kept as it is.
 */
export function shopperIdOf(raw: string): string {
  if (raw.length < 6 || (raw.charCodeAt(0) | 32) !== 103) return raw; // not "g…"/"G…": the storefront's common case
  const m = CUSTOMER_GID.exec(raw);
  return m ? decodeGidPart(m[1] as string) : raw;
}

/**
 * Why `raw` cannot name a shopper (`undefined`: it can). One written as a Shopify GID must be a
 * customer's with a numeric id, in the spellings {@link shopperIdOf} reads: `gid://shopify/Customer/abc`
 * would become shopper "abc", and a GID of another kind (a product's, an order's) is no shopper.
 */
export function shopperIdProblem(raw: string): string | undefined {
  if (raw.length < 4 || (raw.charCodeAt(0) | 32) !== 103 || !/^gid:/i.test(raw)) return undefined;
  const shown = raw.slice(0, 200);
  const m = CUSTOMER_GID.exec(raw);
  if (m) return /^\d+$/.test(m[1] as string) ? undefined : `${shown} is not a customer GID: a customer's id is a number (gid://shopify/Customer/<numeric id>).`;
  const kind = gidKind(raw);
  if (kind) return `${shown} is a ${kind} GID, not a shopper: pass the Web Pixel clientId, your own user id, or gid://shopify/Customer/<numeric id>.`;
  return `${shown} ${MALFORMED_GID_MESSAGE}`;
}

/** {@link shopperIdProblem} as a schema check (`.superRefine(refineShopperId)`). */
export function refineShopperId(raw: string, ctx: z.RefinementCtx): void {
  const problem = shopperIdProblem(raw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/**
 * A customer GID in any letter case (`GID://Shopify/customer/1` is a careless spelling of the same
 * customer), also with its `//` merged into one, as some proxies pass a path (`gid:/shopify/…`).
 */
const CUSTOMER_GID = /^gid:\/\/?shopify\/customer\/([^/?#]+)(?:[?#].*)?$/i;

/**
 * The kind of a Shopify GID (`gid://shopify/Collection/1` → `Collection`), or `undefined` when `raw` is
 * not one: what a caller checks before {@link normalizeId} drops the kind.
 */
export function gidKind(raw: unknown): string | undefined {
  return typeof raw === 'string' ? GID.exec(raw.trim())?.[1] : undefined;
}

/** What a product id may be a GID of (a variant's GID names its product). */
export const PRODUCT_GID_KINDS: readonly string[] = ['Product', 'ProductVariant'];

/**
 * Why `value` cannot stand for an id of one of `kinds`: it is a Shopify GID of another kind, which
 * `normalizeId` would read as a bare number (`gid://shopify/Collection/1` as product 1). `undefined`
 * for anything else (a GID of a kind asked for, a bare id, a handle).
 */
export function gidKindProblem(value: unknown, kinds: readonly string[]): string | undefined {
  const kind = gidKind(value);
  if (kind === undefined || kinds.includes(kind)) return undefined;
  return `${String(value).slice(0, 200)} is a ${kind} GID, not a ${kinds.join(' or ')} id. Pass a numeric id or ${kinds.map((k) => `gid://shopify/${k}/<id>`).join(' or ')}.`;
}
