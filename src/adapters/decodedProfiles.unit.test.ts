import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DECODED_PROFILE_IDLE_MS, DecodedProfiles } from './decodedProfiles.ts';
import type { RawProfile } from '../core/profile/profileDelta.ts';

const profile = (userId: string): RawProfile => ({ shop: 's', userId }) as unknown as RawProfile;

describe('DecodedProfiles', () => {
  it('returns the held profile only for the very text it was decoded from', () => {
    const held = new DecodedProfiles(() => 0);
    const p = profile('u1');
    held.set('s', 'u1', '{"v":1}', p);
    assert.equal(held.get('s', 'u1', '{"v":1}'), p);
    assert.equal(held.get('s', 'u1', '{"v":2}'), undefined);
    assert.equal(held.get('other', 'u1', '{"v":1}'), undefined);
  });

  it('lets go of a shopper not read for the idle time, even if nobody reads them again (an erasure elsewhere)', () => {
    let now = 1_000;
    const held = new DecodedProfiles(() => now);
    held.set('s', 'erased', 'a', profile('erased'));
    held.set('s', 'active', 'b', profile('active'));
    now += DECODED_PROFILE_IDLE_MS / 2;
    assert.ok(held.get('s', 'active', 'b'));
    now += DECODED_PROFILE_IDLE_MS / 2 + 1;
    // Any access sweeps: the shopper nobody read is gone from memory, the one read since is kept.
    assert.ok(held.get('s', 'active', 'b'));
    assert.equal(held.size, 1);
  });

  it('drops a shopper whose document is gone', () => {
    const held = new DecodedProfiles(() => 0);
    held.set('s', 'u', 'a', profile('u'));
    held.delete('s', 'u');
    assert.equal(held.size, 0);
  });
});
