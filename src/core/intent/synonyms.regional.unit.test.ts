import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';

describe('regional names of common kinds', () => {
  it('reads Río de la Plata and Andean words', () => {
    assert.deepEqual(extractEntities('unos aritos para mi novia', 'es').categories, ['earrings']);
    assert.deepEqual(extractEntities('busco ojotas para la playa', 'es').categories, ['sandals']);
    assert.deepEqual(extractEntities('quiero unas zapas blancas', 'es').categories, ['sneakers']);
  });
  it('not words that only look alike', () => {
    assert.deepEqual(extractEntities('tengo ojos marrones', 'es').categories, []);
    assert.deepEqual(extractEntities('zapatos de vestir', 'es').categories.includes('sneakers'), false);
  });
});
