import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shopperText, shopperTurns, transcriptTurns, turnKey } from './transcript.ts';

describe('transcriptTurns / shopperTurns', () => {
  it('reads User:/Assistant: turns in order, lines without a label continuing the turn', () => {
    const t = 'User: I want a gold necklace for my mum,\nunder 50\nAssistant: Here are some: Pretty Gold Necklace.\nUser: actually she prefers silver';
    assert.deepEqual(transcriptTurns(t), [
      { speaker: 'shopper', text: 'I want a gold necklace for my mum,\nunder 50' },
      { speaker: 'assistant', text: 'Here are some: Pretty Gold Necklace.' },
      { speaker: 'shopper', text: 'actually she prefers silver' },
    ]);
  });

  it('knows the usual speaker names, in any case, as list items, in markdown bold, alone on their line', () => {
    const shapes = [
      'Human: boots\nAI: here\nHuman: in black',
      'customer: boots\nagent: here\ncustomer: in black',
      'Shopper: boots\nBot: here\nShopper: in black',
      '- user: boots\n- assistant: here\n- user: in black',
      '**User:** boots\n**Assistant:** here\n**User**: in black',
      '**Customer**\nboots\n\n**Agent**\nhere\n\n**Customer**\nin black',
      'Conversation so far:\n[User]: boots\n[Assistant]: here\n[User]: in black',
    ];
    for (const s of shapes) assert.deepEqual(shopperTurns(s), ['boots', 'in black'], s);
    assert.deepEqual(shopperTurns('User: boots. Assistant: here you are. User: in black'), ['boots.', 'in black'], 'labels after a sentence on one line');
    assert.deepEqual(shopperTurns('Cliente: un collar\nAsistente: aquí tienes\nCliente: mejor de plata'), ['un collar', 'mejor de plata']);
  });

  it('text without a speaker label at the start of a line is not a transcript', () => {
    for (const s of ['earrings under 50', 'I am a travel agent: I need a bag', 'a gift for my mum.\nshe likes silver', 'gold, silver. User: admin']) {
      assert.equal(transcriptTurns(s), undefined, s);
      assert.equal(shopperText(s), s);
    }
  });

  it("no shopper label: the shopper's own words, read as they are (a pasted answer, a form)", () => {
    assert.equal(shopperTurns('Assistant: Here are our best sellers: Gold Hoop Earrings.'), undefined);
    // Fields of a shopper's own message, not speakers (the regression review lost leather, black and M).
    for (const text of ['Hola, quiero comprar una campera.\nModelo: la de cuero\nColor: negro\nTalle: M', 'Hi, I want to order a jacket.\nModel: the leather one\nSize: M', "Looking for a gift for my husband.\nStore: downtown, I'll pick it up.\nBudget: under 60"]) {
      assert.equal(shopperTurns(text), undefined, text);
      assert.equal(shopperText(text), text);
    }
  });

  it('turnKey: the same message whatever its spacing, case or closing punctuation', () => {
    assert.equal(turnKey('Under 50  please!'), turnKey('under 50 please'));
    assert.notEqual(turnKey('under 50'), turnKey('under 60'));
  });
});
