/**
 * Spanish "plata" as money (metalSense.ts) is neither a colour, nor a material asked for, nor one ruled
 * out; the metal stays the metal in product phrases, also with money talk in the same message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';

const read = (text: string) => {
  const e = extractEntities(text, 'es');
  return { colours: e.colours, materials: e.materials ?? [], rejections: e.rejections };
};
const none = { colours: [], materials: [], rejections: [] };

describe('“plata” meaning money: no colour, no material, no rejection', () => {
  for (const text of [
    'no tengo mucha plata',
    'tengo poca plata',
    'un collar que no cueste mucha plata',
    'un montón de plata',
    'me quedé sin plata',
    'quiero ahorrar plata',
    'busco un regalo pero estoy sin plata',
    'necesito un regalo, ando corto de plata',
    'ando justo de plata este mes',
    'no tengo nada de plata',
    'la plata no me alcanza',
    'un collar bonito, la plata no es problema',
    'la plata no me importa, quiero algo lindo',
    'si me gusta paso con la plata',
    'con la plata que tengo, ¿qué me recomiendas?',
    'algo lindo por la misma plata',
    'no quiero gastar tanta plata',
  ]) {
    it(text, () => assert.deepEqual(read(text), none));
  }
});

describe('“plata” the metal stays silver', () => {
  for (const [text, want] of [
    ['una pulsera de plata', { colours: ['silver'], materials: [], rejections: [] }],
    ['aretes plateados', { colours: ['silver'], materials: [], rejections: [] }],
    ['anillo plata 925', { colours: ['silver'], materials: [], rejections: [] }],
    ['un collar de plata, pero no tengo mucha plata', { colours: ['silver'], materials: [], rejections: [] }],
    ['aretes sin plata por favor', { colours: [], materials: [], rejections: [{ kind: 'material', value: 'silver' }] }],
    ['una cadena que no tenga nada de plata', { colours: [], materials: [], rejections: [{ kind: 'material', value: 'silver' }] }],
  ] as const) {
    it(text, () => assert.deepEqual(read(text), want));
  }
});
