import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callParamsProblem } from './server.ts';

describe('tools/call params', () => {
  const tools = ['recommend_products', 'track_event'];

  it('says in a sentence what is wrong with params that are not {name, arguments?, _meta?}', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /^Invalid params: tools\/call needs params \{"name": "recommend_products", "arguments": \{…\}\}; the request has none\.$/],
      [null, /params must be an object .*, not null\.$/],
      [['recommend_products'], /params must be an object .*, not an array\.$/],
      [{ name: 5 }, /^Invalid params: params\.name must be the tool's name as a string \(recommend_products, track_event\), not a number\.$/],
      [{}, /params\.name .* and it is missing\.$/],
      [{ name: 'track_event', arguments: null }, /params\.arguments must be an object .*, not null\.$/],
      [{ name: 'track_event', arguments: [1] }, /params\.arguments .*, not an array\.$/],
      [{ name: 'track_event', arguments: 'user_id=1' }, /params\.arguments .*, not a string\.$/],
      [{ name: 'track_event', arguments: {}, _meta: 1 }, /params\._meta must be an object, not a number\.$/],
    ];
    for (const [params, message] of cases) assert.match(callParamsProblem(params, tools) ?? '', message, JSON.stringify(params));
  });

  it('accepts a name with arguments, with empty arguments, without arguments, and with _meta; an unknown name is left to the dispatcher', () => {
    for (const params of [{ name: 'track_event', arguments: { user_id: 'u' } }, { name: 'track_event', arguments: {} }, { name: 'recommend_products' }, { name: 'x', _meta: { progressToken: 1 } }]) {
      assert.equal(callParamsProblem(params, tools), undefined, JSON.stringify(params));
    }
  });
});
