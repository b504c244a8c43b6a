import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSearchQuery } from '../../core/personalize/intentMatch.ts';
import { englishSearchTerms, queryMaterials } from './englishSearchTerms.ts';

const terms = (q: string) => englishSearchTerms(q, readSearchQuery(q));

describe('englishSearchTerms', () => {
  it('adds the English name of a colour the query was read to name, in every Spanish form', () => {
    assert.deepEqual(terms('azul'), ['blue']);
    assert.deepEqual(terms('negras'), ['black']);
    assert.deepEqual(terms('dorado'), ['gold']);
    assert.deepEqual(terms('de oro'), ['gold']);
    assert.deepEqual(terms('plateadas'), ['silver']);
    assert.deepEqual(terms('turquesa'), ['turquoise']);
    assert.deepEqual(terms('azul claro'), ['light blue']);
    assert.deepEqual(terms('cojines amarillos'), ['yellow']);
  });

  it('adds the English name of a material, from the materials table and the search one', () => {
    assert.deepEqual(terms('madera'), ['wood']);
    assert.deepEqual(terms('cerámica'), ['ceramic']);
    assert.deepEqual(terms('bolso de cuero'), ['leather']);
    assert.deepEqual(terms('mesa de mármol'), ['marble']);
    assert.deepEqual(terms('aretes de ópalo'), ['opal']);
    assert.deepEqual(terms('piedras preciosas'), ['gemstone']);
    assert.deepEqual(terms('suéter de algodón'), ['cotton']);
    assert.deepEqual(terms('lámpara de cobre'), ['copper'], 'a colour and metal both: named once');
  });

  it('reads a bare "oro"/"plata" as the metal only when it is the whole query (numbers aside)', () => {
    assert.deepEqual(terms('oro'), ['gold']);
    assert.deepEqual(terms('oro 14k'), ['gold']);
    assert.deepEqual(terms('plata'), ['silver']);
    assert.deepEqual(terms('regalo sin gastar mucha plata'), []);
    assert.deepEqual(terms('bodas de oro'), []);
    assert.deepEqual(terms('un montón de plata'), []);
  });

  it('adds nothing the query already says, and nothing for English words', () => {
    assert.deepEqual(terms('blue'), []);
    assert.deepEqual(terms('wooden table'), ['wood']);
    assert.deepEqual(terms('wood'), []);
    assert.deepEqual(terms('gold necklace'), []);
    assert.deepEqual(terms('leather boots'), []);
  });

  it('does not search for what the query rules out', () => {
    assert.deepEqual(terms('botas sin cuero'), []);
    assert.deepEqual(terms('que no sea de cerámica'), []);
    assert.deepEqual(terms('collar sin plata'), []);
    assert.deepEqual(terms('no rojo'), []);
    assert.deepEqual(terms('anillo de oro sin piedras'), ['gold']);
  });

  it('leaves words that are no colour or material alone (near misses)', () => {
    assert.deepEqual(terms('crema para la piel'), [], '"piel" is also skin');
    assert.deepEqual(terms('azulejos'), [], 'a tile, not blue');
    assert.deepEqual(terms('rosales'), []);
    assert.deepEqual(terms('algo concreto'), [], '"concreto" is also "specific"');
    assert.deepEqual(terms('pelota'), []);
    assert.deepEqual(terms('ante todo'), [], '"ante" (suede) only as the shopper rules it out');
    assert.deepEqual(terms('*'), []);
    assert.deepEqual(englishSearchTerms(undefined, undefined), []);
  });

  it('reads materials without a prior read too', () => {
    assert.deepEqual(queryMaterials('Mesa de madera y hierro'), ['wood', 'iron']);
    assert.deepEqual(queryMaterials('cristal'), ['glass', 'crystal']);
  });
});
