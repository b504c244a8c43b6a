import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSessionId, encodeSessionId } from './sessionToken.ts';

describe('self-contained MCP session ids', () => {
  it('round-trips the client name and version, unique per session, visible ASCII only', () => {
    const a = encodeSessionId({ name: 'Claude Desktop', version: '1.2.3' });
    const b = encodeSessionId({ name: 'Claude Desktop', version: '1.2.3' });
    assert.notEqual(a, b);
    assert.match(a, /^[\x21-\x7e]+$/);
    assert.deepEqual(decodeSessionId(a), { name: 'Claude Desktop', version: '1.2.3' });
  });

  it('caps long names and ignores anything else', () => {
    assert.equal(decodeSessionId(encodeSessionId({ name: 'x'.repeat(500), version: '1' }))?.name.length, 100);
    for (const bad of [undefined, '', 'a-plain-uuid', `${'0'.repeat(36)}.!!!`, `00000000-0000-0000-0000-000000000000.${Buffer.from('{"n":""}').toString('base64url')}`, `00000000-0000-0000-0000-000000000000.${Buffer.from('[1]').toString('base64url')}`]) {
      assert.equal(decodeSessionId(bad), undefined, String(bad));
    }
  });
});
