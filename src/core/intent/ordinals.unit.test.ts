/**
 * A product of the last list pointed at by its place (ordinals.ts): "the second one", "el último",
 * "number 2"; not an ordinal of time, order or place ("the first time", "la primera vez", "my first car").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusedPlaces, shownAt, shownOrdinal, shownPair } from './ordinals.ts';

describe('shownOrdinal: a place in the last list', () => {
  it('an English ordinal with a word that makes it a list item, or ending the sentence', () => {
    const cases: [string, number][] = [
      ['show me the second one', 2],
      ['something cheaper than the first one', 1],
      ['the 3rd option please', 3],
      ['does the last one come in blue?', -1],
      ['I like the second.', 2],
      ['the second of those', 2],
      ['first one is nice', 1],
    ];
    for (const [t, n] of cases) assert.equal(shownOrdinal(t), n, t);
  });

  it('a Spanish ordinal after its article, and a number after "number", "#", "option", "la"', () => {
    const cases: [string, number][] = [
      ['el segundo', 2],
      ['¿el segundo viene en negro?', 2],
      ['la primera opción', 1],
      ['el último que me mostraste', -1],
      ['me gusta la 3', 3],
      ['la número 3', 3],
      ['number 2', 2],
      ['#2 looks nice', 2],
      ['option 4', 4],
    ];
    for (const [t, n] of cases) assert.equal(shownOrdinal(t), n, t);
  });

  it('no ordinal of time, order, place or quantity', () => {
    for (const t of ['la primera vez que compro', 'el segundo piso', 'my first car', 'last year I bought', 'the first time', 'I was the first customer', 'last night', 'the last time I bought', 'tops under 30', 'a necklace for 2 people', 'la de 30 euros', 'el 2 de mayo', 'size 2']) {
      assert.equal(shownOrdinal(t), undefined, t);
    }
  });
});

describe('shownAt', () => {
  it('the id at a 1-based place, the last for -1, nothing past the end', () => {
    assert.equal(shownAt(['a', 'b', 'c'], 2), 'b');
    assert.equal(shownAt(['a', 'b', 'c'], -1), 'c');
    assert.equal(shownAt(['a', 'b', 'c'], 4), undefined);
    assert.equal(shownAt(undefined, 1), undefined);
  });
});

describe('shownPair: two places of the list pointed at together', () => {
  it('"the first two", "between the first and the third", "los dos primeros", "entre el primero y el tercero"', () => {
    for (const [t, pair] of [
      ['I like the first two, which one is cheaper?', [1, 2]],
      ['between the first and the second, which is cheaper?', [1, 2]],
      ['the first or the last?', [1, -1]],
      ['me gustan los dos primeros, ¿cuál es más barato?', [1, 2]],
      ['entre el primero y el tercero, ¿cuál me conviene?', [1, 3]],
      ['la primera o la segunda', [1, 2]],
    ] as const) {
      assert.deepEqual(shownPair(t), pair, t);
    }
  });
  it('not one place, nor ordinals of something else', () => {
    for (const t of ['show me the first one', 'the first time and the second', 'my first two kids', 'el segundo piso']) assert.equal(shownPair(t), undefined, t);
  });
});

describe('refusedPlaces: places of the list refused', () => {
  it('"I don\'t like the first one", "not the second one either", "no me gusta el primero", "el segundo tampoco", "neither of the first two"', () => {
    for (const [t, places] of [
      ["I don't like the first one", [1]],
      ['not the second one either', [2]],
      ['no me gusta el primero', [1]],
      ['y el segundo tampoco', [2]],
      ['neither of the first two, something else', [1, 2]],
      ['ninguno de los dos primeros', [1, 2]],
    ] as const) {
      assert.deepEqual(refusedPlaces(t), places, t);
    }
  });
  it('not a place liked or asked about, nor "not the first time"', () => {
    for (const t of ['show me the first one', 'I like the first one', 'the first one is nice', 'not the first time I buy here', 'no es la primera vez']) assert.deepEqual(refusedPlaces(t), [], t);
  });
});
