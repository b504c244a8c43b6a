/**
 * Shopify webhook authentication: `X-Shopify-Hmac-SHA256` is the base64 HMAC-SHA256 of the raw request
 * body keyed with the app's client secret (docs/shopify.md §3). Several secrets may be configured
 * during a rotation (Shopify keeps signing with the old one for up to an hour); every secret is tried,
 * each comparison in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `signature` (base64) is the HMAC-SHA256 of `rawBody` under one of `secrets`. */
export function verifyShopifyHmac(rawBody: Buffer, signature: string | undefined, secrets: readonly string[]): boolean {
  if (!signature || secrets.length === 0) return false;
  const given = Buffer.from(signature.trim(), 'base64');
  if (given.length !== 32) return false;
  let ok = false;
  // No early exit: the time taken does not tell which secret matched.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/** Signs a body like Shopify does (for tests and the privacy scenario script). */
export function signShopifyBody(rawBody: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
