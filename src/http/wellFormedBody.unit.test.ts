import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasMalformedString, malformedStrings, MAX_LISTED_ISSUES } from './wellFormedBody.ts';

const LONE = '\ud800';

describe('malformed strings in a JSON body', () => {
  it('names every offending value and property name by its dotted path, in document order', () => {
    const body = JSON.parse(`{"events":[{"clientId":"ok"},{"clientId":"a\\ud800","data":{"x\\udc00":1}}],"shop":"\\udfffs"}`);
    assert.equal(hasMalformedString(body), true);
    assert.deepEqual(
      malformedStrings(body).map((i) => i.path),
      ['shop', 'events.1.clientId', 'events.1.data.x\udc00'],
    );
    assert.match(malformedStrings(body)[0]?.message ?? '', /lone UTF-16 surrogate/);
  });

  it('passes well-formed text, surrogate pairs included, and non-string values', () => {
    const body = { a: 'plain', b: ['😀', '𝔭'], c: { d: 1, e: null, f: true } };
    assert.equal(hasMalformedString(body), false);
    assert.deepEqual(malformedStrings(body), []);
  });

  it('walks any nesting depth without overflowing the stack', () => {
    const depth = 200_000;
    const deep = JSON.parse(`${'['.repeat(depth)}"\\ud800"${']'.repeat(depth)}`);
    assert.equal(hasMalformedString(deep), true);
    assert.equal(malformedStrings(deep)[0]?.path.split('.').length, depth);
    const clean = JSON.parse(`${'['.repeat(depth)}"x"${']'.repeat(depth)}`);
    assert.equal(hasMalformedString(clean), false);
  });

  it(`lists at most ${MAX_LISTED_ISSUES}`, () => {
    const many = Array.from({ length: 100 }, () => `x${LONE}`);
    assert.equal(malformedStrings(many).length, MAX_LISTED_ISSUES);
  });
});
