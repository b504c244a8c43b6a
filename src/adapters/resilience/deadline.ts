/**
 * A deadline for an answer from a dependency (Redis, a probe) that is not fooled by a busy event loop.
 * A plain `setTimeout` raced against a reply loses whenever the loop was blocked past the deadline:
 * after the stall, Node runs expired timers before it reads the sockets, so a reply (a PONG) that
 * arrived in time is never seen and a healthy server is reported down. Here the expiry is deferred
 * with `setImmediate`, which runs after the loop has read pending I/O; a reply already received
 * settles first and the caller cancels.
 */
export function deadline(ms: number, onExpired: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onExpired);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
