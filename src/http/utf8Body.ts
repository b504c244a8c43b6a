/**
 * A JSON body is UTF-8 (RFC 8259 §8.1). Bytes that are not were decoded as U+FFFD before: two events
 * whose ids differed only in such bytes became one id (the second, a purchase, answered "duplicate"
 * and never stored) and two shoppers one profile (an attacker probe, 2026-12-06). A body that is not
 * valid UTF-8, or that declares another charset, is refused before it is parsed: 400 `INVALID_JSON`
 * naming the first bad byte, or 415 for the charset. `/mcp` answers bytes that are not UTF-8 in JSON-RPC (-32700, `mcp/httpTransport.ts`).
 */
import { isUtf8 } from 'node:buffer';
import { AffinityError } from '../core/errors.ts';

/** Why a JSON body's bytes are refused, or `undefined` when they are UTF-8 text. */
export function utf8Refusal(body: Buffer, contentType: string | undefined): AffinityError | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new AffinityError('UNSUPPORTED_MEDIA_TYPE', `A JSON body is UTF-8; this one declares charset=${charset.slice(0, 40)}. Send it as UTF-8 (charset=utf-8, or no charset).`);
  }
  if (isUtf8(body)) return undefined;
  return new AffinityError('INVALID_JSON', `The request body is not valid UTF-8 (the first bad byte is at offset ${firstBadByte(body)}); JSON is UTF-8, so send the text encoded as UTF-8.`);
}

/** The offset of the first byte that breaks UTF-8 (the body is known not to be valid). */
function firstBadByte(body: Buffer): number {
  // Grow a prefix until it stops decoding: a prefix cut inside a character is not the break.
  let good = 0;
  for (let end = 1; end <= body.length; end++) {
    if (isUtf8(body.subarray(0, end))) good = end;
    else if (end - good > 4) break;
  }
  return good;
}
