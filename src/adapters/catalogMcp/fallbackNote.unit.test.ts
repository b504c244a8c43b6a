import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { CatalogMcpError } from './errors.ts';
import { fallbackNote, fallbackReason } from './fallbackNote.ts';

describe('fallback reasons and notes', () => {
  it('never calls a shop that rejected the request unreachable', () => {
    const rejected = new CatalogMcpError('rpc', 'lookup_catalog: Invalid params: lookup_catalog takes at most 10 ids per request (got 50) (-32602)', { rpcCode: -32602 });
    assert.equal(fallbackReason(rejected, true), 'upstream-rejected');
    const note = fallbackNote('upstream-rejected', rejected, false);
    assert.match(note, /^The shop's catalog rejected the request \(lookup_catalog: .*at most 10 ids.*-32602\)\)?: prices and availability come from Affinity's copy/);
    assert.doesNotMatch(note, /reached/);
    const tool = new CatalogMcpError('tool', 'search_catalog: bad filter');
    assert.equal(fallbackReason(tool, true), 'upstream-rejected');
    assert.match(fallbackNote('upstream-rejected', tool, false), /rejected the request \(tool error: search_catalog: bad filter\)/);
    assert.match(fallbackNote('upstream-rejected', new CatalogMcpError('http', 'tools/call: HTTP 404', { status: 404 }), false), /rejected the request \(HTTP 404\)/);
  });

  it('describes outages, timeouts, an open breaker, unsupported requests and stale answers', () => {
    const refused = new CatalogMcpError('network', 'http://x: fetch failed (ECONNREFUSED)');
    assert.equal(fallbackReason(refused, true), 'upstream-error');
    assert.match(fallbackNote('upstream-error', refused, false), /could not be reached \(.*ECONNREFUSED\)/);
    assert.equal(fallbackReason(new TaskCancelledError('t'), true), 'upstream-error');
    assert.match(fallbackNote('upstream-error', new TaskCancelledError('t'), false), /did not answer in time/);
    assert.match(fallbackNote('upstream-error', new CatalogMcpError('http', 'x: HTTP 503', { status: 503 }), false), /failed \(HTTP 503\)/);
    assert.equal(fallbackReason(new BrokenCircuitError(), false), 'breaker-open');
    assert.equal(fallbackReason(new BrokenCircuitError(), true), 'upstream-error');
    assert.match(fallbackNote('breaker-open', refused, false), /not being called for a few seconds after repeated failures \(last: it could not be reached/);
    const unsupported = new CatalogMcpError('unsupported', 'lookup is not available on the legacy endpoint');
    assert.equal(fallbackReason(unsupported, true), 'unsupported');
    assert.match(fallbackNote('unsupported', unsupported, true), /cannot be asked this \(lookup is not available.*\): this is its earlier answer \(cached\)/);
  });
});
