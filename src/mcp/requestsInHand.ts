/**
 * The requests a server has read from a transport and not answered yet, so that a connection whose
 * input ended can finish them before it closes. Closing an SDK server aborts every running handler
 * and drops its answer: `affinity mcp` fed by a pipe (`printf '…track_event…' | affinity mcp`) would
 * store the event and never write the answer, because stdin ends while the tool is still running.
 *
 * The count is kept at the transport's edge: a request (a JSON-RPC message with a method and an id)
 * arriving adds its id; the server's answer (a result or an error with that id) written removes it;
 * a client's `notifications/cancelled` for it removes it too (the SDK then sends no answer).
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCErrorResponse, isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResultResponse, type RequestId } from '@modelcontextprotocol/sdk/types.js';

/** What {@link trackRequestsInHand} gives. */
export interface RequestsInHand {
  /** Requests read and not answered yet. */
  readonly count: number;
  /**
   * Resolves once every request read so far is answered (at once when none is), or after `timeoutMs`
   * (a handler that never ends must not keep the process alive): `true` when all were answered.
   */
  settled(timeoutMs: number): Promise<boolean>;
}

/**
 * Counts `transport`'s requests in hand. Call it after the server's `connect` (which sets the
 * transport's `onmessage`) and before the transport reads its first message: with stdio that is the
 * same turn, since the first line is read in a later event.
 */
export function trackRequestsInHand(transport: Transport): RequestsInHand {
  const inHand = new Set<RequestId>();
  let waiters: (() => void)[] = [];
  const answered = (id: RequestId): void => {
    if (!inHand.delete(id) || inHand.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };

  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isJSONRPCRequest(message)) inHand.add(message.id);
    else if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof id === 'string' || typeof id === 'number') answered(id);
    }
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    try {
      await send(message, options);
    } finally {
      // Written (or failed to be: either way nothing more will come of it).
      if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) if (message.id !== undefined) answered(message.id);
    }
  };

  return {
    get count() {
      return inHand.size;
    },
    settled(timeoutMs) {
      if (inHand.size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        // Not unref'd: the wait is what keeps a process whose input ended alive until it answered.
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
