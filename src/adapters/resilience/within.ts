/**
 * A deadline on a promise: the one timeout helper of the request path (readiness, the shared state of
 * stateless nodes). The timer is unref'd and cleared as soon as `p` settles.
 */

/**
 * `p`, or what `otherwise` returns (or throws) when `p` rejects (`err` is its reason) or has not
 * settled after `ms` (`err` is undefined).
 */
export async function within<T>(p: Promise<T>, ms: number, otherwise: (err: unknown) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol('late');
  let outcome: { ok: true; value: T | typeof late } | { ok: false; err: unknown };
  try {
    const value = await Promise.race([
      p,
      new Promise<typeof late>((resolve) => {
        timer = setTimeout(() => resolve(late), ms);
        timer.unref();
      }),
    ]);
    outcome = { ok: true, value };
  } catch (err) {
    outcome = { ok: false, err };
  } finally {
    clearTimeout(timer);
  }
  if (!outcome.ok) return otherwise(outcome.err);
  return outcome.value === late ? otherwise(undefined) : outcome.value;
}
