import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractColours } from './colours.ts';

describe('Spanish “plata” and “oro”: money and sayings are not colours', () => {
  const notColours = [
    'que no cueste un montón de plata',
    'un poco de plata para gastar',
    'quiero ahorrar tiempo y plata',
    'tengo poca plata',
    'no tengo mucha plata',
    'quiero más plata',
    'gastar mucha plata en un regalo',
    'no me alcanza la plata',
    'me sobra plata',
    'plata y tiempo',
    'regalo para bodas de oro',
    'regalo para unas bodas de plata',
    'la regla de oro de los regalos',
    'un libro del siglo de oro',
    'la fiebre del oro',
  ];
  for (const text of notColours) it(`${text} → no colour`, () => assert.deepEqual(extractColours(text, 'es'), []));

  const metals: [string, string[]][] = [
    ['collar de plata', ['silver']],
    ['anillo de oro', ['gold']],
    ['pendientes en plata', ['silver']],
    ['anillo de plata de ley', ['silver']],
    ['collar bañado en oro', ['gold']],
    ['un reloj color plata', ['silver']],
    ['anillo de plata y oro', ['silver', 'gold']],
    ['collar de plata que cueste menos de 50 €', ['silver']],
    ['aretes de plata que no cuesten mucho', ['silver']],
    ['gastar poco en un collar de plata', ['silver']],
    ['collar de plata para pagar a plazos', ['silver']],
    ['busco algo de plata para mi novia', ['silver']],
    ['ganchos de plata', ['silver']],
  ];
  for (const [text, want] of metals) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractColours(text, 'es'), want));
});
