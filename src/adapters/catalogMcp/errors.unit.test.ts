import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import { CatalogMcpError, isBreakerRejection, isRetryable, isTimeout, isTransient, isUpstreamFault } from './errors.ts';

/** An error as another copy of cockatiel would make it: same brand property, different class. */
function foreign(brand: string): Error {
  return Object.assign(new Error('from another cockatiel copy'), { [brand]: true });
}

describe('catalog MCP error classification', () => {
  it('takes cockatiel timeouts and our own timeouts for timeouts (cockatiel 3.2.1 isTaskCancelledError does not)', () => {
    for (const e of [new TaskCancelledError('Operation timed out after 800ms'), foreign('isTaskCancelledError'), new CatalogMcpError('timeout', 'aborted')]) {
      assert.equal(isTimeout(e), true, String(e));
      assert.equal(isUpstreamFault(e), true, 'a timeout counts against the breaker');
      assert.equal(isRetryable(e), false, 'a timeout is not retried on the request path');
      assert.equal(isTransient(e), true, 'a later attempt may succeed (the background sync retries)');
    }
  });

  it('tells other failures apart from timeouts', () => {
    const network = new CatalogMcpError('network', 'ECONNREFUSED');
    assert.equal(isTimeout(network), false);
    assert.equal(isRetryable(network), true);
    assert.equal(isUpstreamFault(network), true);
    const invalid = new CatalogMcpError('rpc', 'Invalid params', { rpcCode: -32602 });
    assert.equal(isRetryable(invalid), false);
    assert.equal(isUpstreamFault(invalid), false);
    assert.equal(isUpstreamFault(new CatalogMcpError('protocol', 'not JSON-RPC')), true);
    for (const e of [new Error('boom'), undefined, null, 'timeout', { isTaskCancelledError: true }, foreign('isBulkheadRejectedError')]) {
      assert.equal(isTimeout(e), false, String(e));
      assert.equal(isUpstreamFault(e), false, String(e));
    }
  });

  it('recognises a breaker that refused the call, and never retries or counts it', () => {
    for (const e of [new BrokenCircuitError(), new IsolatedCircuitError(), foreign('isBrokenCircuitError')]) {
      assert.equal(isBreakerRejection(e), true, String(e));
      assert.equal(isRetryable(e), false);
      assert.equal(isUpstreamFault(e), false);
    }
    assert.equal(isBreakerRejection(new TaskCancelledError()), false);
  });
});
