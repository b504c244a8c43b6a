import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isClientRequestMethod, requestParamsProblem } from './requestParams.ts';

describe('requestParamsProblem: why params do not fit an MCP method, field by field', () => {
  it('names the field and what it should be, for every kind of MCP request', () => {
    const cases: [method: string, params: unknown, message: string][] = [
      ['tools/list', { cursor: 5 }, 'Invalid params for tools/list: params.cursor must be a string, not a number.'],
      ['resources/read', {}, 'Invalid params for resources/read: params.uri is required (a string).'],
      ['resources/read', { uri: 5 }, 'Invalid params for resources/read: params.uri must be a string, not a number.'],
      ['resources/subscribe', { uri: null }, 'Invalid params for resources/subscribe: params.uri must be a string, not null.'],
      ['prompts/get', undefined, 'Invalid params for prompts/get: params is required (an object).'],
      ['prompts/get', { arguments: {} }, 'Invalid params for prompts/get: params.name is required (a string).'],
      ['prompts/get', { name: 'p', arguments: { size: 1 } }, 'Invalid params for prompts/get: params.arguments.size must be a string, not a number.'],
      ['tasks/get', {}, 'Invalid params for tasks/get: params.taskId is required (a string).'],
      ['tools/call', { name: 'x', task: 5 }, 'Invalid params for tools/call: params.task must be an object, not a number.'],
      ['initialize', { protocolVersion: 5, capabilities: {}, clientInfo: { name: 'c', version: '1' } }, 'Invalid params for initialize: params.protocolVersion must be a string, not a number.'],
    ];
    for (const [method, params, message] of cases) assert.equal(requestParamsProblem({ method, ...(params === undefined ? {} : { params }) }), message, `${method} ${JSON.stringify(params)}`);
  });

  it('lists the values an enumeration takes, and what was sent instead', () => {
    assert.equal(
      requestParamsProblem({ method: 'logging/setLevel', params: { level: 'loud' } }),
      'Invalid params for logging/setLevel: params.level must be one of "debug", "info", "notice", "warning", "error", "critical", "alert" or "emergency", not "loud".',
    );
  });

  it('says which forms a field may take when it fits none (unions)', () => {
    assert.equal(requestParamsProblem({ method: 'ping', params: { _meta: { progressToken: true } } }), 'Invalid params for ping: params._meta.progressToken must be a string or a number, not a boolean.');
    // A discriminated union: the field it switches on.
    assert.equal(
      requestParamsProblem({ method: 'completion/complete', params: { ref: { type: 'ref/tool' }, argument: { name: 'a', value: 'b' } } }),
      'Invalid params for completion/complete: params.ref.type must be "ref/prompt" or "ref/resource", not "ref/tool".',
    );
    // The right form with a field missing: that field.
    assert.equal(requestParamsProblem({ method: 'completion/complete', params: { ref: { type: 'ref/prompt' }, argument: { name: 'a', value: 'b' } } }), 'Invalid params for completion/complete: params.ref.name is required (a string).');
  });

  it('tells every problem of a request, up to four, and counts the rest', () => {
    const m = requestParamsProblem({ method: 'initialize', params: { capabilities: [], clientInfo: {} } }) ?? '';
    assert.equal(
      m,
      'Invalid params for initialize: params.protocolVersion is required (a string); params.capabilities must be an object, not an array; params.clientInfo.name is required (a string); params.clientInfo.version is required (a string).',
    );
    const many = requestParamsProblem({ method: 'initialize', params: { protocolVersion: 1, capabilities: [], clientInfo: { name: 1, version: 2, title: 3 } } }) ?? '';
    assert.match(many, /; and 1 more problem\.$/);
  });

  it('never echoes a long value whole', () => {
    const m = requestParamsProblem({ method: 'logging/setLevel', params: { level: 'x'.repeat(5000) } }) ?? '';
    assert.ok(m.length < 250, m);
    assert.match(m, /, not "x+…\.$/);
  });

  it('finds nothing wrong with params that fit, and leaves methods MCP does not define to their handler', () => {
    for (const [method, params] of [['tools/list', undefined], ['tools/list', { cursor: 'abc' }], ['ping', undefined], ['ping', { _meta: { progressToken: 1 } }], ['resources/read', { uri: 'file:///a' }], ['logging/setLevel', { level: 'debug' }]] as const) {
      assert.equal(requestParamsProblem({ method, ...(params === undefined ? {} : { params }) }), undefined, `${method} ${JSON.stringify(params)}`);
    }
    assert.equal(requestParamsProblem({ method: 'acme/custom', params: { anything: 1 } }), undefined);
    assert.deepEqual([isClientRequestMethod('tools/list'), isClientRequestMethod('acme/custom')], [true, false]);
  });
});
