/**
 * A pure function of a string kept per argument, for the few values a request names again and again
 * (brands, sizes, rejected terms: folded once, not once per candidate scored). At most `max` answers
 * are kept; arguments after that are computed every time, so memory stays bounded whatever callers send.
 */
export function boundedMemo<V>(fn: (key: string) => V, max: number): (key: string) => V {
  const held = new Map<string, V>();
  return (key) => {
    if (held.has(key)) return held.get(key) as V;
    const v = fn(key);
    if (held.size < max) held.set(key, v);
    return v;
  };
}

/**
 * A pure function of a string with its last `n` answers kept: for a value several readers work out
 * from the same argument in one request (a message read by several rules), where arguments seldom recur
 * across requests, so older answers are let go first.
 */
export function recentMemo<V>(fn: (key: string) => V, n: number): (key: string) => V {
  const held = new Map<string, V>();
  return (key) => {
    if (held.has(key)) return held.get(key) as V;
    const v = fn(key);
    if (held.size >= n) held.delete(held.keys().next().value as string);
    held.set(key, v);
    return v;
  };
}

/**
 * Messages a per-message reading keeps ({@link recentMemo}): the rules that read a shopper's message
 * (whether it starts over, what it lets go of, …) answer a message seen again from memory.
 */
export const RECENT_MESSAGES = 64;
