import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeRegExp, mayHoldPhrase } from './text.ts';

/** The pattern shape `mayHoldPhrase` speaks for: the phrases, no letter before or after, spaces as any white space. */
function patternOf(phrases: readonly string[]): RegExp {
  const alternation = [...phrases].sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}])(?:${alternation})(?![\\p{L}])`, 'gu');
}

describe('mayHoldPhrase', () => {
  const phrases = ['-free', 'i do not want any', "don't want", 'w/o', 'nothing in', 'sin', 'en vez de', 'any colour but'];
  const mayHold = mayHoldPhrase(phrases);

  it('says no for a message with none of the words the phrases need, and yes for one that holds them', () => {
    assert.equal(mayHold('i want a black jacket under 50 dollars'), false);
    assert.equal(mayHold('any good backpack for my sister'), false);
    assert.equal(mayHold('quiero una chaqueta de cuero'), false);
    assert.equal(mayHold("i don't want red"), true);
    assert.equal(mayHold('una mochila sin cuero'), true);
    assert.equal(mayHold('nothing in   red, thanks'), true);
    assert.equal(mayHold('a dress w/o sleeves'), true);
  });

  it('never says no where the pattern finds a phrase (its words are whole runs of letters there)', () => {
    const pattern = patternOf(phrases);
    const words = ['-free', 'free', 'i', 'do', 'not', 'want', 'any', "don't", 'dont', 'w/o', 'w', 'o', 'nothing', 'in', 'sin', 'sinful', 'en', 'vez', 'de', 'colour', 'but', 'red', '5', '-', ',', 'insin', 'nothin'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: 1 + (next() % 8) }, () => words[next() % words.length]).join([' ', '  ', ''][next() % 3] as string);
      const found = [...text.matchAll(pattern)].length > 0;
      if (found) assert.equal(mayHold(text), true, text);
    }
  });

  it('always says yes when a phrase has no letter', () => {
    assert.equal(mayHoldPhrase(['--', 'nothing'])('a plain shirt'), true);
    assert.equal(mayHoldPhrase(['-free', 'nothing'])('a plain shirt'), false);
  });
});
