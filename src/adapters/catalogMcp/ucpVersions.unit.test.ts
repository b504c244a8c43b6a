import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessProfileUrl, negotiateVersion, parseBusinessProfile } from './ucpVersions.ts';

describe('UCP versions', () => {
  it('negotiates the newest version both sides speak', () => {
    assert.equal(negotiateVersion(['2026-04-08', '2026-08-25', '2027-01-01']), '2026-08-25');
    assert.equal(negotiateVersion(['2026-04-08']), '2026-04-08');
    assert.equal(negotiateVersion(['2026-01-11']), undefined);
  });

  it('reads 2026 business profiles (keys[]), the 2026-04-08 signing_keys[] and the earlier {mcp: {endpoint}} shape', () => {
    const v0825 = parseBusinessProfile({
      ucp: { version: '2026-08-25', services: { 'dev.ucp.shopping': [{ version: '2026-08-25', transport: 'mcp', endpoint: 'https://s/api/ucp/mcp' }, { version: '2026-04-08', transport: 'rest', endpoint: 'https://s/ucp' }] } },
      keys: [{ kid: 'k1', kty: 'OKP' }],
    });
    assert.deepEqual([v0825.version, v0825.mcpVersions, v0825.keyIds], ['2026-08-25', ['2026-08-25'], ['k1']]);
    const v0408 = parseBusinessProfile({ ucp: { version: '2026-04-08', services: { 'dev.ucp.shopping': [{ version: '2026-04-08', transport: 'mcp' }] } }, signing_keys: [{ kid: 'old' }] });
    assert.deepEqual([v0408.mcpVersions, v0408.keyIds], [['2026-04-08'], ['old']]);
    const draft = parseBusinessProfile({ ucp: { version: '2026-01-11', services: { 'dev.ucp.shopping': { version: '2026-01-11', mcp: { endpoint: 'https://s/mcp' } } } } });
    assert.deepEqual(draft.endpoints, { '2026-01-11': 'https://s/mcp' });
    assert.throws(() => parseBusinessProfile({ nope: 1 }), /no "ucp" object/);
  });

  it('finds the profile at the endpoint origin', () => {
    assert.equal(businessProfileUrl('https://cool.myshopify.com/api/ucp/mcp'), 'https://cool.myshopify.com/.well-known/ucp');
  });
});
