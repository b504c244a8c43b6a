/** Words that drop the conversation so far and start a new one (turns.ts `startsOver`). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startsOver } from './turns.ts';

describe('startsOver', () => {
  for (const t of [
    "let's start over",
    "Let's start over, a leather wallet for my dad",
    'can we start again?',
    "let's begin again",
    'ok start from scratch: boots',
    'start fresh please',
    "I'd like to start over",
    'Forget everything I said. I need a gift for my dad',
    'forget everything and show me boots',
    'ignore all that, earrings please',
    'never mind all that',
    'new search: hiking boots',
    'reset',
    'clean slate. Boots.',
    'empecemos de nuevo',
    'Empecemos de cero, busco un regalo para mi padre',
    'volvamos a empezar',
    'olvida todo lo anterior, quiero unas botas',
    'olvídate de todo, necesito un collar',
    'borrón y cuenta nueva',
    'nueva búsqueda: zapatillas',
  ]) it(`"${t}"`, () => assert.equal(startsOver(t), true));
  for (const t of [
    'forget the budget',
    'forget all the gold ones',
    'forget about gold',
    'olvida todo lo de oro',
    'todo de oro',
    "the watch won't start again",
    'start with something cheap',
    'I want to start running',
    'when will it start shipping?',
    'is it a new search engine?',
    'the reset button is broken',
    'show me everything',
    'empezar a correr',
    '¿qué es mejor para empezar, una bici de carretera o una híbrida?',
    'para empezar, algo barato',
    'a fresh start candle',
    'start again with the same one but cheaper',
    'can we start over with the same budget? necklaces this time',
    "let's start again but keep the budget, earrings",
    "let's start over, but keep the budget",
    'start over the same thing but in green',
    'we start again in school in September, something warm',
    'in September we start again.',
    'forget all those, show me silver',
    'it stops and then start again',
    'empecemos de nuevo pero con el mismo presupuesto',
  ]) it(`near miss: "${t}"`, () => assert.equal(startsOver(t), false));
});
