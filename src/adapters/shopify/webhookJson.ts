/**
 * A webhook body as JSON, its ids kept exact. Shopify writes ids as JSON numbers, and an id above
 * 2^53 (the sample payloads' `788032119674292922`, what `shopify app webhook trigger` sends) loses its
 * last digits as a double: the product was then stored as `…900` and never found by its own id. Every
 * integer literal too large to be exact is read as the string of its digits instead; everything else
 * is `JSON.parse`'s. Pure.
 */

/** Digits enough that an integer may not be exact as a double (2^53 has 16). */
const LONG_DIGITS = /\d{16}/;

/** `JSON.parse(text)`, with integer literals beyond `Number.MAX_SAFE_INTEGER` read as strings of their digits. @throws SyntaxError */
export function parseWebhookJson(text: string): unknown {
  return JSON.parse(LONG_DIGITS.test(text) ? quoteLongIntegers(text) : text);
}

/** The text with every integer literal outside strings that is not a safe integer written as a string. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    // A number starts with "-" or a digit outside a string.
    if (c !== 45 && (c < 48 || c > 57)) continue;
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const next = text[j];
    const literal = text.slice(i, j);
    // Only an integer (no fraction, no exponent) that a double cannot hold exactly.
    if (next !== '.' && next !== 'e' && next !== 'E' && /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(from, i)}"${literal}"`;
      from = j;
    }
    i = j - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
