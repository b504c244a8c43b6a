import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import { placeNamed, placesSaid } from './places.ts';

describe('where the products are for', () => {
  it('is read from a place said as a kind or a purpose, or from "indoor" / "de exterior"', () => {
    for (const [text, lang, place] of [
      ['hola, estoy armando mi terraza', 'es', 'outdoor'],
      ['a lamp for the bedroom', 'en', 'indoor'],
      ['indoor plants', 'en', 'indoor'],
      ['outdoor furniture', 'en', 'outdoor'],
      ['plantas de interior', 'es', 'indoor'],
      ['una mesa de exterior', 'es', 'outdoor'],
      ['una matera para mis plantas, para adentro de la casa', 'es', 'indoor'],
      ['maceta para dentro de casa', 'es', 'indoor'],
      ['una mesa para afuera', 'es', 'outdoor'],
      ['a rug for inside the house', 'en', 'indoor'],
    ] as const) {
      assert.equal(extractEntities(text, lang).place, place, text);
    }
  });
  it('not from an inner pocket, the outside of something, no place, or both places', () => {
    for (const [text, lang] of [['una chaqueta con bolsillo interior', 'es'], ['the exterior is leather', 'en'], ['a table', 'en'], ['pots for indoors and outdoors', 'en']] as const) {
      assert.equal(extractEntities(text, lang).place, undefined, text);
    }
    assert.deepEqual(placesSaid('de interior o de exterior'), ['indoor', 'outdoor']);
    // A purpose refused is none either: no nudge towards the garden's products.
    assert.equal(extractEntities('a table, not for the garden', 'en').purposes, undefined);
    assert.deepEqual(extractEntities('a table for the garden', 'en').purposes, ['garden']);
    assert.equal(placeNamed(['garden'], ['indoor']), undefined);
  });
  it('a place refused is the other one, and no kind sought ("I don\'t want anything for the garden": indoor things, not the garden\'s)', () => {
    for (const [text, lang, place] of [
      ['a table, not for the garden', 'en', 'indoor'],
      ['una mesa que no sea de exterior', 'es', 'indoor'],
      ['pots, not for indoors', 'en', 'outdoor'],
      ["I don't want anything for the garden", 'en', 'indoor'],
      ['algo que no sea para exterior', 'es', 'indoor'],
      ['nothing for outdoors', 'en', 'indoor'],
    ] as const) {
      const e = extractEntities(text, lang);
      assert.equal(e.place, place, text);
      assert.ok(!e.categories.includes('garden'), `${text}: ${JSON.stringify(e.categories)}`);
    }
  });
});
