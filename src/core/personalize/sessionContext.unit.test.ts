import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from '../events/userEvent.ts';
import { compileVocabulary } from '../intent/catalogVocabulary.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent, IntentEntities } from '../intent/types.ts';
import { DEFAULT_EVENT_WEIGHTS, DEFAULT_PROFILE_HALF_LIFE_MS, foldEvents } from '../profile/fold.ts';
import { emptyIntent } from './intentInput.ts';
import { addsToEarlier, allowedNow, asksOtherColour, changesMind, clearedByInput, clearedByText, replacesEarlierLook } from '../intent/turns.ts';
import { DEFAULT_SESSION_TTL_MS, isGiftSession, markGiftEvents, mergeIntent, type SessionContext } from './sessionContext.ts';

const NOW = Date.UTC(2025, 10, 20, 12);
const KEY = { shop: 's', sessionId: 'conv-1' };

function turn(e: Partial<IntentEntities>, type: Intent['type'] = 'browsing'): Intent {
  const base = emptyIntent();
  return { ...base, type, scores: { ...base.scores }, entities: { ...base.entities, ...e } };
}

describe('mergeIntent', () => {
  it('a count said with a price end ("the 2 cheapest earrings") holds for its turn only; the order by price holds on', () => {
    let s = mergeIntent(undefined, turn({ categories: ['earrings'], pricePreference: 'low', byPrice: true, howMany: 2 }), NOW, KEY);
    assert.equal(s.intent.entities.howMany, 2);
    s = mergeIntent(s, turn({ colours: ['gold'] }), NOW + 1, KEY);
    assert.deepEqual([s.intent.entities.byPrice, s.intent.entities.howMany], [true, undefined]);
  });

  it('accumulates across turns: later budget and category replace, rejections add up', () => {
    let s = mergeIntent(undefined, turn({ categories: ['boots'], budget: { max: 200, currency: 'USD', text: 'under $200' } }), NOW, KEY);
    s = mergeIntent(s, turn({ rejections: [{ kind: 'material', value: 'leather' }] }), NOW + 60_000, KEY);
    s = mergeIntent(s, turn({ budget: { max: 120, currency: 'USD', text: 'max 120' }, rejections: [{ kind: 'brand', value: 'Nike' }] }, 'high_purchase_intent'), NOW + 120_000, KEY);
    assert.equal(s.turns, 3);
    assert.equal(s.startedAt, NOW);
    assert.equal(s.intent.type, 'high_purchase_intent', 'the latest turn’s type wins');
    assert.deepEqual(s.intent.entities.categories, ['boots'], 'kept while no new category is named');
    assert.equal(s.intent.entities.budget?.max, 120, 'a later budget replaces the earlier one');
    assert.deepEqual(s.intent.entities.rejections, [{ kind: 'material', value: 'leather' }, { kind: 'brand', value: 'Nike' }]);
    s = mergeIntent(s, turn({ categories: ['sandals'] }), NOW + 180_000, KEY);
    assert.deepEqual(s.intent.entities.categories, ['sandals'], 'a new category replaces');
    assert.equal(s.intent.entities.rejections.length, 2);
  });

  it('drops a rejection the shopper asks for again, and a kept brand the shopper now rejects', () => {
    let s = mergeIntent(undefined, turn({ brands: ['Nike'], rejections: [{ kind: 'colour', value: 'red' }] }), NOW, KEY);
    s = mergeIntent(s, turn({ colours: ['red'] }), NOW + 1, KEY);
    assert.deepEqual(s.intent.entities.rejections, []);
    s = mergeIntent(s, turn({ rejections: [{ kind: 'brand', value: 'Nike' }] }), NOW + 2, KEY);
    assert.deepEqual(s.intent.entities.brands, []);
  });

  it('keeps the gift flag until the shopper says it is for themselves', () => {
    let s = mergeIntent(undefined, turn({ isGift: true, recipient: 'mother' }), NOW, KEY);
    s = mergeIntent(s, turn({ colours: ['blue'] }), NOW + 1, KEY);
    assert.ok(isGiftSession(s));
    s = mergeIntent(s, turn({ recipient: 'self' }), NOW + 2, KEY);
    assert.ok(!isGiftSession(s));
  });

  it('forgets a context older than the TTL', () => {
    const s = mergeIntent(undefined, turn({ categories: ['boots'] }), NOW, KEY);
    const later = mergeIntent(s, turn({}), NOW + DEFAULT_SESSION_TTL_MS + 1, KEY);
    assert.equal(later.turns, 1);
    assert.deepEqual(later.intent.entities.categories, []);
    const other = mergeIntent(s, turn({}), NOW + 1, { shop: 's', sessionId: 'conv-2' });
    assert.equal(other.turns, 1, 'another conversation starts fresh');
  });
});

describe('gift events', () => {
  const ev = (id: string, productId: string, ts: number, sessionId?: string): UserEvent => ({
    v: 1, id, shop: 's', userId: 'u', type: 'purchase', name: 'checkout_completed', ts, items: [{ productId, quantity: 1 }], source: 'api',
    ...(sessionId ? { context: { sessionId } } : {}),
  });

  it('marks events of a gift conversation so the shopper’s own profile does not change', () => {
    const gift: SessionContext = mergeIntent(undefined, turn({ isGift: true, recipient: 'mother' }), NOW, KEY, { userId: 'u' });
    const own = [ev('1', 'boot', NOW - 86_400_000)];
    const during = [ev('2', 'necklace', NOW + 1000, 'conv-1')];
    const marked = markGiftEvents(during, (e) => (e.context?.sessionId === gift.sessionId ? gift : undefined));
    assert.deepEqual(marked[0]?.context, { sessionId: 'conv-1', gift: true });
    const facts = (id: string) => ({ featureKeys: [`cat:${id}`], priceMajor: id === 'boot' ? 150 : 40 });
    const params = { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: DEFAULT_PROFILE_HALF_LIFE_MS };
    const before = foldEvents(own, facts, params);
    const after = foldEvents([...own, ...marked], facts, params);
    const affinity = (f: Record<string, number> | undefined) => Object.fromEntries(Object.entries(f ?? {}).filter(([k]) => !k.startsWith('n:')));
    assert.deepEqual(affinity(after?.features), affinity(before?.features), 'no affinity or price learnt from the gift');
    assert.deepEqual([...(after?.purchased ?? [])].sort(), ['boot', 'necklace']);
    // Outside a gift conversation nothing is marked.
    const plain = mergeIntent(undefined, turn({ categories: ['boots'] }), NOW, KEY);
    assert.equal(markGiftEvents(during, () => plain)[0]?.context?.gift, undefined);
  });
});

describe('mergeIntent: a price preference goes with the kinds, and a number replaces it', () => {
  it('"cheap socks", then "now a winter coat" or "up to 300 dollars": no longer cheap', () => {
    let s = mergeIntent(undefined, turn({ categories: ['socks'], pricePreference: 'low' }), NOW, KEY);
    s = mergeIntent(s, turn({ colours: ['black'] }), NOW + 1, KEY);
    assert.equal(s.intent.entities.pricePreference, 'low', 'still the cheap socks, in black');
    const coat = mergeIntent(s, turn({ categories: ['coats'] }), NOW + 2, KEY);
    assert.equal(coat.intent.entities.pricePreference, undefined);
    const budget = mergeIntent(s, turn({ budget: { max: 300, currency: 'USD', text: 'up to 300 dollars' } }), NOW + 2, KEY);
    assert.equal(budget.intent.entities.pricePreference, undefined);
  });
});

describe('mergeIntent: a new amount', () => {
  it('"earrings under 30 euros", then "make it 60": up to 60 euros (the currency said before); a currency said anew is its own', () => {
    const s = mergeIntent(undefined, turn({ categories: ['earrings'], budget: { max: 30, currency: 'EUR', text: 'under 30 euros' } }), NOW, KEY);
    const raised = mergeIntent(s, turn({ budget: { max: 60, text: 'make it 60' } }), NOW + 1, KEY);
    assert.deepEqual([raised.intent.entities.budget?.max, raised.intent.entities.budget?.currency], [60, 'EUR']);
    const dollars = mergeIntent(s, turn({ budget: { max: 60, currency: 'USD', text: 'make it 60 dollars' } }), NOW + 1, KEY);
    assert.equal(dollars.intent.entities.budget?.currency, 'USD');
  });
});

describe('mergeIntent: audience and purposes go with the kinds they were said of', () => {
  it("keeps \"men's\" for more of the same, drops it for new kinds, and a recipient named now speaks for the products", () => {
    let s = mergeIntent(undefined, turn({ categories: ['running shoes'], audience: 'men' }), NOW, KEY);
    s = mergeIntent(s, turn({ budget: { max: 100, currency: 'USD', text: 'under 100' } }), NOW + 1, KEY);
    assert.equal(s.intent.entities.audience, 'men', 'a budget for the same shoes');
    s = mergeIntent(s, turn({ categories: ['dresses'] }), NOW + 2, KEY);
    assert.equal(s.intent.entities.audience, undefined, '"now a summer dress"');
    s = mergeIntent(s, turn({ categories: ['jackets'], audience: 'women' }), NOW + 3, KEY);
    s = mergeIntent(s, turn({ recipient: 'husband', isGift: true }), NOW + 4, KEY);
    assert.equal(s.intent.entities.audience, undefined, 'a jacket for my husband now');
  });

  it('drops purposes when no kind is left, and a purpose now rejected', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Pillows'], purposes: ['Sofa'] }), NOW, KEY);
    s = mergeIntent(s, turn({ colours: ['red'] }), NOW + 1, KEY);
    assert.deepEqual(s.intent.entities.purposes, ['Sofa'], 'still cushions for the sofa, in red');
    s = mergeIntent(s, turn({ rejections: [{ kind: 'category', value: 'Sofa' }] }), NOW + 2, KEY);
    assert.equal(s.intent.entities.purposes, undefined, 'nada de sofás');
    s = mergeIntent(undefined, turn({ categories: ['Pillows'], purposes: ['Sofa'] }), NOW, KEY);
    s = mergeIntent(s, turn({ rejections: [{ kind: 'category', value: 'Pillows' }] }), NOW + 1, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.purposes], [[], undefined], 'no cushions after all');
  });
});

describe('mergeIntent: a kind said of one compared option stays a preference with its values', () => {
  it('holds while the values are carried over, and ends with new values', () => {
    let s = mergeIntent(undefined, turn({ categories: ['scarves'], colours: ['red'], soft: ['colour'] }), NOW, KEY);
    s = mergeIntent(s, turn({ budget: { max: 50, text: 'under 50' } }), NOW + 1000, KEY);
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.soft], [['red'], ['colour']], 'the same colours: still a preference');
    s = mergeIntent(s, turn({ colours: ['blue'] }), NOW + 2000, KEY);
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.soft], [['blue'], undefined], 'blue said plainly: a constraint');
  });

  it('a category said of one option holds as a preference until kinds are named again', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Blouses'], soft: ['category'] }), NOW, KEY);
    s = mergeIntent(s, turn({ budget: { max: 50, text: 'under 50' } }), NOW + 1000, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.soft], [['Blouses'], ['category']], 'the same kinds: still a preference');
    s = mergeIntent(s, turn({ categories: ['Tops'] }), NOW + 2000, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.soft], [['Tops'], undefined], 'tops said plainly: a constraint');
  });
});

describe('mergeIntent: colours, brands and sizes go with the kind they were said of', () => {
  it('"silver earrings", then "now I need a sofa": the sofa is not asked in silver', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Earrings'], colours: ['silver'], sizes: ['S'], brands: ['Sterling Ltd'] }), NOW, KEY);
    s = mergeIntent(s, turn({ categories: ['Sofa or Couch'], purposes: ['living room'] }), NOW + 1000, KEY);
    const e = s.intent.entities;
    assert.deepEqual([e.categories, e.colours, e.sizes, e.brands], [['Sofa or Couch'], [], [], []]);
  });

  it('"earrings under 50", then "what about bracelets?": the budget is the shopper\'s and stays; a new number replaces it', () => {
    const under50 = { max: 50, currency: 'EUR', text: 'under 50' };
    let s = mergeIntent(undefined, turn({ categories: ['Earrings'], budget: under50 }), NOW, KEY);
    s = mergeIntent(s, turn({ pricePreference: 'low' }), NOW + 1000, KEY);
    assert.deepEqual(s.intent.entities.budget, under50, 'the same search');
    s = mergeIntent(s, turn({ categories: ['Bracelet'] }), NOW + 2000, KEY);
    assert.deepEqual(s.intent.entities.budget, under50, 'another kind: the budget stays');
    assert.equal(s.intent.entities.pricePreference, undefined, '"cheap" goes with the kind');
    s = mergeIntent(s, turn({ categories: ['Sofa or Couch'] }), NOW + 2500, KEY, { cleared: ['budget'] });
    assert.equal(s.intent.entities.budget, undefined, '"forget the budget" lets go of it');
    s = mergeIntent(s, turn({ categories: ['Armchair'], budget: { max: 400, text: 'up to 400' } }), NOW + 3000, KEY);
    assert.equal(s.intent.entities.budget?.max, 400, 'a budget said with the new kind is the new kind\'s');
  });

  it('keeps them when the shopper refines the same search', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Earrings'], colours: ['silver'] }), NOW, KEY);
    s = mergeIntent(s, turn({ pricePreference: 'low' }), NOW + 1000, KEY);
    assert.deepEqual(s.intent.entities.colours, ['silver'], '"something cheaper" names no kind');
    s = mergeIntent(s, turn({}), NOW + 2000, KEY);
    assert.deepEqual(s.intent.entities.colours, ['silver'], '"show me more"');
    s = mergeIntent(s, turn({ categories: ['Earrings'], budget: { max: 50, text: 'under 50' } }), NOW + 3000, KEY);
    assert.deepEqual(s.intent.entities.colours, ['silver'], '"earrings under 50": the same kind');
    s = mergeIntent(s, turn({ colours: ['gold'] }), NOW + 4000, KEY);
    assert.deepEqual(s.intent.entities.colours, ['gold'], 'a colour said now replaces');
  });

  it('keeps them for a narrower or broader kind of the same family', () => {
    const after = (before: string[], now: string[]): readonly string[] => {
      const s = mergeIntent(undefined, turn({ categories: before, colours: ['black'] }), NOW, KEY);
      return mergeIntent(s, turn({ categories: now }), NOW + 1, KEY).intent.entities.colours;
    };
    assert.deepEqual(after(['jewelry'], ['earrings']), ['black'], 'the synonym table: a family and one of its kinds');
    assert.deepEqual(after(['shoes'], ['boots']), ['black']);
    assert.deepEqual(after(['boots'], ['shoes']), ['black']);
    assert.deepEqual(after(['Home > Furniture'], ['Home > Furniture > Sofas']), ['black'], 'a taxonomy path under the other');
    assert.deepEqual(after(['Necklace', 'Earrings'], ['earrings']), ['black'], 'one of the kinds asked for, whatever its case');
    assert.deepEqual(after(['Home > Furniture > Sofas'], ['Home > Decor > Candles']), [], 'siblings are other kinds');
    assert.deepEqual(after(['earrings'], ['pillows', 'candles']), []);
    assert.deepEqual(after([], ['sofas']), ['black'], 'a colour said of no kind holds for the first kind named');
  });

  it('a colour said with the new kind is the new kind’s, and rejections still hold', () => {
    let s = mergeIntent(undefined, turn({ categories: ['Earrings'], colours: ['silver'], rejections: [{ kind: 'material', value: 'leather' }] }), NOW, KEY);
    s = mergeIntent(s, turn({ categories: ['Sofa or Couch'], colours: ['grey'] }), NOW + 1000, KEY);
    assert.deepEqual(s.intent.entities.colours, ['grey']);
    assert.deepEqual(s.intent.entities.rejections, [{ kind: 'material', value: 'leather' }], '"she does not like leather" is said of the person');
  });
});

describe('mergeIntent: a change of mind drops the kind named before', () => {
  const SHOP = compileVocabulary({ categories: ['Necklace', 'Earrings', 'Sofa or Couch', 'Candle'], vendors: ['Sterling Ltd'], tags: [] });
  const said = (text: string, lang: 'en' | 'es' = 'en'): Intent => turn(extractEntities(text, lang, { vocabulary: SHOP }));

  for (const [first, then, lang] of [
    ['I want a necklace for my sister', "Actually, forget necklaces, let's look at earrings instead.", 'en'],
    ['I want a necklace for my sister', 'Never mind the necklace, show me earrings.', 'en'],
    ['quiero un collar para mi hermana', 'olvida el collar, mejor unos pendientes', 'es'],
    ['quiero un collar para mi hermana', 'mejor no collar, pendientes', 'es'],
  ] as const) {
    it(`${first} → ${then}`, () => {
      let s = mergeIntent(undefined, said(first, lang), NOW, KEY);
      s = mergeIntent(s, said(then, lang), NOW + 1000, KEY);
      assert.deepEqual(s.intent.entities.categories, ['Earrings']);
    });
  }

  it('"never mind the necklace" alone leaves no kind sought, and naming it again wants it again', () => {
    let s = mergeIntent(undefined, said('a silver necklace for my sister'), NOW, KEY);
    s = mergeIntent(s, said('Never mind the necklace.'), NOW + 1000, KEY);
    assert.deepEqual(s.intent.entities.categories, []);
    s = mergeIntent(s, said('ok, show me necklaces again'), NOW + 2000, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.rejections], [['Necklace'], []]);
  });

  it('"I can\'t forget her birthday" changes nothing', () => {
    let s = mergeIntent(undefined, said('a silver necklace for my sister'), NOW, KEY);
    s = mergeIntent(s, said("I can't forget her birthday"), NOW + 1000, KEY);
    assert.deepEqual([s.intent.entities.categories, s.intent.entities.colours], [['Necklace'], ['silver']]);
  });
});

describe('mergeIntent: "in a different colour" (TurnSays.otherThan)', () => {
  const said = (text: string, lang: 'en' | 'es' = 'en'): Intent => turn(extractEntities(text, lang));
  it('the colours asked for so far are ruled out and no longer asked for; the kind stays; a colour named now is asked for instead', () => {
    let s = mergeIntent(undefined, said('turquoise necklaces'), NOW, KEY);
    const other = 'do you have them in a different colour?';
    assert.equal(asksOtherColour(other), true);
    const next = mergeIntent(s, said(other), NOW + 1000, KEY, { otherThan: s.intent.entities.colours });
    assert.deepEqual([next.intent.entities.categories, next.intent.entities.colours, next.intent.entities.rejections], [['necklaces'], [], [{ kind: 'colour', value: 'turquoise' }]]);
    s = mergeIntent(s, said('another colour, maybe blue'), NOW + 1000, KEY, { otherThan: ['turquoise'] });
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.rejections], [['blue'], []], 'a colour named: that one, nothing ruled out');
  });

  it('reads "a different colour" in either language, not "other colours are fine" nor "the other one"', () => {
    for (const t of ['any other colours?', 'in another shade please', '¿la tienen en otro color?', 'en otros colores', '¿hay en distintos tonos?']) assert.equal(asksOtherColour(t), true, t);
    for (const t of ['other colours are fine', 'the other one', 'otro collar', 'colorful earrings']) assert.equal(asksOtherColour(t), false, t);
  });
});

describe('mergeIntent: a change of mind about a wish is no refusal; "X is fine" lifts a refusal', () => {
  const SHOP = compileVocabulary({ categories: ['Earrings', 'Necklace', 'Bed', 'Pillows'], vendors: [], tags: ['Bedroom', 'Leather', 'Choker'] });
  const said = (text: string, lang: 'en' | 'es' = 'en'): Intent => turn(extractEntities(text, lang, { vocabulary: SHOP }));
  /** The turns merged as the personalization layer merges them, with what their words say (intent/turns.ts). */
  const talk = (turns: readonly string[], lang: 'en' | 'es' = 'en'): SessionContext => {
    let s: SessionContext | undefined;
    turns.forEach((t, i) => {
      const allowed = allowedNow(t);
      const turnSaid = said(t, lang);
      // The kinds each kind ruled out is read as ("the bedroom": Bedroom, Bed), as the layer reads them.
      const forgets = turnSaid.entities.rejections.filter((r) => r.kind === 'category').flatMap((r) => [r.value, ...said(r.value, lang).entities.categories]);
      const look = replacesEarlierLook(t);
      s = mergeIntent(s, turnSaid, NOW + i * 1000, KEY, { ...(allowed.length > 0 ? { allowed } : {}), ...(changesMind(t) ? { changesMind: true, forgets } : {}), ...(addsToEarlier(t) ? { adds: true } : {}), ...(look ? { replacesLook: look } : {}) });
    });
    return s as SessionContext;
  };

  it('"un collar de oro", then "con turquesa": gold or turquoise, the gold kept; "forget the colour, something gold": gold wished', () => {
    assert.deepEqual(talk(['un collar de oro', 'menos de 50', 'con turquesa'], 'es').intent.entities.colours, ['gold', 'turquoise']);
    assert.deepEqual(talk(['a necklace in black', 'with my sister']).intent.entities.colours, ['black']);
    const gold = talk(['a necklace in black', 'forget the colour, something gold']).intent.entities;
    assert.deepEqual([gold.colours, gold.rejections], [['gold'], []]);
  });

  it('"silver then", "silver instead", "mejor en plata" after "a pearl necklace": silver alone (pearl was kept beside it); "blue then" after a red silk shirt keeps the silk', () => {
    for (const [first, second, lang] of [
      ['a pearl necklace', 'silver then', 'en'],
      ['a pearl necklace', 'ok, silver instead', 'en'],
      ['un collar de perlas', 'mejor en plata', 'es'],
      ['un collar de perlas', 'plata entonces', 'es'],
    ] as const) {
      const e = talk([first, second], lang).intent.entities;
      // Silver is read as a colour or as a material, as the words go; pearl is gone either way.
      assert.deepEqual([...e.colours, ...(e.materials ?? [])], ['silver'], `${first} → ${second}`);
    }
    const silk = talk(['a silk shirt in red', 'blue then']).intent.entities;
    assert.deepEqual([silk.colours, silk.materials], [['blue'], ['silk']]);
    const leather = talk(['a leather bag in red', 'blue instead']).intent.entities;
    assert.deepEqual([leather.colours, leather.materials ?? []], [['blue'], []], 'instead: the whole look said anew');
    // Said "too", it adds, whatever follows.
    const both = talk(['a gold necklace', 'ok, silver is fine too then']).intent.entities;
    assert.deepEqual(new Set(both.colours), new Set(['gold', 'silver']));
  });

  it('reads a look said instead of the earlier one, not a turn that adds nor "then" in the middle of a request', () => {
    for (const t of ['silver instead', "I'd rather have gold", 'instead of pearl, silver please', 'mejor en plata', 'en vez de perlas, plata', 'bueno, mejor dorado']) assert.equal(replacesEarlierLook(t), 'instead', t);
    for (const t of ['silver then', 'ok gold then', 'plata entonces', 'the blue one then?']) assert.equal(replacesEarlierLook(t), 'then', t);
    for (const t of ['silver is fine too then', 'also silver', 'show me silver necklaces and then earrings', 'then show me necklaces under 50 dollars in silver please', 'silver']) assert.equal(replacesEarlierLook(t), undefined, t);
  });

  it('"forget the diamonds" after asking for them: no longer wished for, and not ruled out', () => {
    const s = talk(['earrings with diamonds', 'forget the diamonds, just gold earrings']);
    assert.deepEqual([s.intent.entities.materials, s.intent.entities.rejections], [undefined, []]);
    const b = talk(['white stuff for the bedroom', 'forget the bedroom, just anything white']);
    assert.deepEqual([b.intent.entities.categories, b.intent.entities.colours, b.intent.entities.rejections], [[], ['white'], []]);
  });

  it('near miss: "forget gold" with no gold asked for still rules it out', () => {
    const s = talk(['a necklace for my sister', 'actually forget gold']);
    assert.deepEqual(s.intent.entities.rejections, [{ kind: 'material', value: 'gold' }]);
  });

  it('"fine, leather is ok", "el cuero está bien", "brown is fine": the refusal is lifted, and it is not asked for', () => {
    for (const [turns, lang] of [
      [['a choker that isn\'t leather', 'fine, leather is ok'], 'en'],
      [['a choker that isn\'t leather', 'ok leather is fine'], 'en'],
      [['una gargantilla que no sea de cuero', 'vale, el cuero está bien'], 'es'],
    ] as const) {
      const s = talk(turns, lang);
      assert.deepEqual([s.intent.entities.rejections, s.intent.entities.materials], [[], undefined], turns.join(' / '));
    }
    const brown = talk(['cushions, not brown', 'actually brown is fine, show both']);
    assert.deepEqual([brown.intent.entities.rejections, brown.intent.entities.colours], [[], []]);
    const too = talk(['a necklace without leather', 'actually leather is fine too']);
    assert.deepEqual([too.intent.entities.rejections, too.intent.entities.materials], [[], undefined], '"too" with nothing of its kind wished: only allowed');
    const joined = talk(['a silver necklace, not gold', 'gold is fine too']);
    assert.deepEqual([joined.intent.entities.rejections, joined.intent.entities.colours], [[], ['silver', 'gold']], 'joins the colours wished');
  });
});

describe('mergeIntent: what a turn clears', () => {
  const SHOP = compileVocabulary({ categories: ['Necklace', 'Earrings'], vendors: ['Sterling Ltd'], tags: [] });
  const said = (text: string, lang: 'en' | 'es' = 'en'): Intent => turn(extractEntities(text, lang, { vocabulary: SHOP }));
  /** A turn as the recommender merges it: its words' clears with it (intent/turns.ts). */
  const next = (s: SessionContext | undefined, text: string, at: number, lang: 'en' | 'es' = 'en'): SessionContext => {
    const t = said(text, lang);
    return mergeIntent(s, t, at, KEY, { cleared: clearedByText(text, t.entities.budget) });
  };

  it('an empty list clears that kind; absent keeps it', () => {
    let s = mergeIntent(undefined, said('silver earrings in size M, not from Sterling Ltd'), NOW, KEY);
    s = mergeIntent(s, turn({}), NOW + 1, KEY);
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.sizes], [['silver'], ['M']], 'nothing said keeps them');
    s = mergeIntent(s, turn({}), NOW + 2, KEY, { cleared: clearedByInput({ colours: [] }) });
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.sizes, s.intent.entities.categories], [[], ['M'], ['Earrings']]);
    s = mergeIntent(s, turn({}), NOW + 3, KEY, { cleared: clearedByInput({ sizes: [], exclude: [] }) });
    assert.deepEqual([s.intent.entities.sizes, s.intent.entities.rejections], [[], []]);
    s = mergeIntent(s, turn({ brands: ['Sterling Ltd'] }), NOW + 4, KEY);
    s = mergeIntent(s, turn({ rejections: [{ kind: 'colour', value: 'gold' }] }), NOW + 5, KEY, { cleared: clearedByInput({ brands: [], categories: [], exclude: [] }) });
    assert.deepEqual([s.intent.entities.brands, s.intent.entities.categories, s.intent.entities.rejections], [[], [], [{ kind: 'colour', value: 'gold' }]], "cleared rejections keep this turn's own");
  });

  it('"forget the colour", "cualquier talla": the colour or size said before goes, the rest stays', () => {
    let s = next(undefined, 'silver earrings in size M', NOW);
    s = next(s, 'actually forget the colour', NOW + 1);
    assert.deepEqual([s.intent.entities.colours, s.intent.entities.sizes, s.intent.entities.categories], [[], ['M'], ['Earrings']]);
    s = next(s, 'cualquier talla', NOW + 2, 'es');
    assert.deepEqual([s.intent.entities.sizes, s.intent.entities.categories], [[], ['Earrings']]);
    s = next(s, 'forget the colour, gold now', NOW + 3);
    assert.deepEqual(s.intent.entities.colours, ['gold'], 'a colour said with it is the new one');
    let silk = next(undefined, 'a silk top in red', NOW);
    silk = next(silk, 'forget the colour', NOW + 1);
    assert.deepEqual([silk.intent.entities.colours, silk.intent.entities.materials], [[], ['silk']], 'not the silk');
  });

  it('a cleared kind compared on one side only is no preference any more', () => {
    let s = mergeIntent(undefined, turn({ colours: ['red'], soft: ['colour'] }), NOW, KEY);
    s = mergeIntent(s, turn({}), NOW + 1, KEY, { cleared: ['colour'] });
    assert.equal(s.intent.entities.soft, undefined);
  });

  for (const [text, lang] of [
    ['forget the budget', 'en'],
    ['any price', 'en'],
    ["price doesn't matter", 'en'],
    ['no budget', 'en'],
    ['sin límite de precio', 'es'],
    ['olvida el presupuesto', 'es'],
    ['el precio da igual', 'es'],
  ] as const) {
    it(`"${text}" drops the budget remembered from an earlier turn, and the price preference`, () => {
      let s = next(undefined, lang === 'es' ? 'pendientes baratos por menos de 100 euros' : 'cheap earrings under $100', NOW, lang);
      assert.equal(s.intent.entities.budget?.max, 100);
      s = mergeIntent(s, said(lang === 'es' ? 'algo barato' : 'something cheap', lang), NOW + 1, KEY);
      assert.equal(s.intent.entities.pricePreference, 'low');
      s = next(s, text, NOW + 2, lang);
      assert.equal(s.intent.entities.budget, undefined);
      assert.equal(s.intent.entities.pricePreference, undefined);
      assert.deepEqual(s.intent.entities.categories, ['Earrings'], 'the rest holds');
    });
  }

  for (const [text, max] of [
    ["I can't forget her birthday", 100],
    ['price matters a lot to me', 100],
    ["don't forget it has to be under 50", 50],
    ['forget the budget, under 80 now', 80],
  ] as const) {
    it(`"${text}" leaves the budget at ${max}`, () => {
      let s = next(undefined, 'earrings under $100', NOW);
      s = next(s, text, NOW + 1);
      assert.equal(s.intent.entities.budget?.max, max);
    });
  }

  it('a first turn that states a budget and then lets go of it starts without one', () => {
    const s = next(undefined, 'earrings under $100. Actually, forget the budget', NOW);
    assert.equal(s.intent.entities.budget, undefined);
  });
});
