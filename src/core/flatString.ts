/**
 * A string as one sequential piece of memory. What `+`, a template literal or `slice` make is often a
 * tree of string objects (V8's cons and sliced strings) that `Array#join` and socket writes walk again
 * on every use, an object (and a cache miss) each. A string kept to be copied into answers request after
 * request (a memoised JSON fragment) is worth laying out flat once.
 */
export function flatString(s: string): string {
  // Parsing a JSON string makes a new sequential string; the round trip gives back the same text.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
