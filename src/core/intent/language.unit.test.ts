import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, languageScores } from './language.ts';

describe('detectLanguage', () => {
  const spanish = [
    'hola',
    'zapatillas rojas',
    'gracias',
    'buenas noches',
    'lo compro',
    'cuál es mejor',
    '¿qué talla necesito?',
    'vestido',
    'mochila',
    'precio',
    'talla M',
    'camiseta',
    'envío gratis?',
    'es impermeable?',
    'quiero comprar unas botas para mañana',
    'nike o adidas',
    'busco un regalo para mi madre',
    'que no sea de cuero',
    '¿tienen vaqueros?',
    'tenis blancos',
    'diferencia entre los dos',
    'mostrame remeras',
  ];
  const english = [
    'hello',
    'red shoes',
    'thanks',
    'just looking',
    'which is better',
    'how do I choose a mattress',
    'dress',
    'backpack',
    'price',
    'size M',
    't-shirt',
    'free shipping?',
    'is it waterproof?',
    'add the blue one to my cart',
    "what's the difference between them",
    'merino wool',
    'Nike vs Adidas',
    'ok',
    '',
    '12345',
  ];
  for (const t of spanish) it(`"${t}" is Spanish`, () => assert.equal(detectLanguage(t), 'es'));
  for (const t of english) it(`"${t}" is English`, () => assert.equal(detectLanguage(t), 'en'));

  it('counts Spanish orthography (ñ, accents, ¿ ¡) as evidence', () => {
    const s = languageScores('¿Año?');
    assert.ok(s.es > s.en);
  });
  it('counts English contractions as evidence', () => {
    const s = languageScores("I'm sure it's fine");
    assert.ok(s.en > s.es);
  });
});

describe("a shop's product names say nothing of the shopper's language", () => {
  it('English names mid-sentence in Spanish (and Spanish ones in English) are passed over', () => {
    for (const t of ['Compara la Classic Leather Jacket con la Olive Green Jacket', 'quiero el Dainty Gold Necklace', '¿La Silk Summer Top viene en azul?']) assert.equal(detectLanguage(t), 'es', t);
    for (const t of ['I want the Collar De Plata Fina', 'Is the Classic Leather Jacket warm?', 'Classic Leather Jacket or Olive Green Jacket?']) assert.equal(detectLanguage(t), 'en', t);
  });
});
