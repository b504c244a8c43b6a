import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Intent } from '../core/intent/types.ts';
import { fromInput, intentInputOf, intentOut } from './intent.ts';
import { AgentIntentSchema, IntentOutSchema } from './schemas.ts';

const classified: Intent = {
  type: 'browsing',
  confidence: 0.8,
  language: 'en',
  entities: { budget: { max: 100, currency: 'USD', text: 'under 100' }, categories: ['Boots'], brands: [], colours: [], sizes: [], rejections: [{ kind: 'material', value: 'leather' }], isGift: false },
  scores: { high_purchase_intent: 0.1, comparison_shopping: 0.05, browsing: 0.8, research: 0.05 },
};

describe('resolving the intent of a recommendation', () => {
  it("reads an agent's intent argument as the use case's intent input (one category and brand become lists)", () => {
    assert.deepEqual(intentInputOf({ type: 'high_purchase_intent', budget: { max: 150 }, category: 'hiking boots', brand: 'Alpina', must_not: ['Leather', 'suede'] }), {
      type: 'high_purchase_intent',
      budget: { max: 150 },
      categories: ['hiking boots'],
      brands: ['Alpina'],
      exclude: ['Leather', 'suede'],
    });
    assert.equal(intentInputOf(undefined), undefined);
    assert.deepEqual(intentInputOf({ category: 'necklace', price_preference: 'low' }), { categories: ['necklace'], pricePreference: 'low' });
    assert.equal(intentOut(fromInput({ pricePreference: 'high' })).price_preference, 'high');
    assert.deepEqual(intentInputOf({ on_sale: true }), { onSale: true });
    assert.deepEqual(intentInputOf({ on_sale: false }), { onSale: false }, 'false is kept: it overrides the text');
    assert.equal(intentOut(fromInput({ onSale: true })).on_sale, true);
  });

  it('reports a stated intent alone as the agent’s, merging case duplicates', () => {
    const r = fromInput({ budget: { max: 150, currency: 'eur' }, brands: ['Alpina', 'alpina'], exclude: ['Leather', 'leather ', 'suede'] });
    assert.equal(r.source, 'agent');
    assert.deepEqual(r.budget, { max: 150, currency: 'EUR' });
    assert.deepEqual(r.brands, ['Alpina']);
    assert.deepEqual(r.mustNot, ['Leather', 'suede']);
  });

  it('reports no intent as source none, and keeps the personalization layer’s provenance', () => {
    assert.deepEqual(intentOut(undefined), { source: 'none', categories: [], brands: [], colours: [], sizes: [], must_not: [] });
    assert.equal(fromInput(undefined).source, 'none');
    assert.equal(intentOut({ ...classified, source: 'session' }).source, 'session');
    const twice: Intent = { ...classified, entities: { ...classified.entities, rejections: [{ kind: 'material', value: 'gold' }, { kind: 'colour', value: 'gold' }] } };
    assert.deepEqual(intentOut({ ...twice, source: 'agent' }).must_not, ['gold'], 'a word the agent stated and the text repeated is listed once');
    assert.equal(intentOut({ ...classified, source: 'something-else' }).source, 'classifier');
  });
});

describe('colours and sizes in the intent an agent states and sees', () => {
  const remembered: Intent = { ...classified, entities: { ...classified.entities, categories: ['Sofa or Couch'], colours: ['silver', 'Silver'], sizes: ['L'] } };

  it('reports the colours and sizes every item must have, through the declared output schema', () => {
    const out = intentOut({ ...remembered, source: 'session' });
    assert.deepEqual([out.colours, out.sizes], [['silver'], ['L']]);
    // The tool's declared output schema keeps them (an object schema drops undeclared keys).
    const parsed = IntentOutSchema.parse(out);
    assert.deepEqual([parsed.colours, parsed.sizes], [['silver'], ['L']]);
    assert.deepEqual([intentOut(classified).colours, intentOut(classified).sizes], [[], []], 'none stated: empty lists, as categories and brands');
  });

  it("reads an agent's colours and sizes, and reports them when the agent's intent alone answered", () => {
    const args = AgentIntentSchema.parse({ category: 'sofa', colours: ['Navy', 'rojo'], sizes: ['XL'] });
    assert.deepEqual(intentInputOf(args), { categories: ['sofa'], colours: ['Navy', 'rojo'], sizes: ['XL'] });
    const out = intentOut(fromInput(intentInputOf(args)));
    assert.deepEqual([out.source, out.colours, out.sizes], ['agent', ['navy', 'red'], ['XL']]);
  });
});

describe('a price said relative to the product discussed, in the intent an agent states and sees', () => {
  it("reads an agent's price_relative and reports the one the text or the session gave, through the declared schemas", () => {
    const args = AgentIntentSchema.parse({ category: 'earrings', price_relative: 'below' });
    assert.deepEqual(intentInputOf(args), { categories: ['earrings'], priceRelative: 'below' });
    assert.equal(intentOut(fromInput(intentInputOf(args))).price_relative, 'below');
    const read: Intent = { ...classified, entities: { ...classified.entities, priceRelative: 'above', priceAnchor: 'galaxy-earrings' } };
    const out = IntentOutSchema.parse(intentOut({ ...read, source: 'session' }));
    assert.equal(out.price_relative, 'above');
    assert.equal(intentOut(classified).price_relative, undefined);
  });
});

describe('kinds that are preferences, in the intent an agent sees', () => {
  it('the metal of the necklace "matching earrings" go with is a preference: `preferences: ["colour"]`, so the agent does not call every earring gold', () => {
    const said: Intent = { ...classified, entities: { ...classified.entities, categories: ['Earrings'], colours: ['gold'], soft: ['colour'] } };
    const out = intentOut(said);
    assert.deepEqual([out.colours, out.preferences], [['gold'], ['colour']]);
    assert.ok(IntentOutSchema.safeParse(out).success);
    // Near miss: a colour asked for is a constraint, and no preferences are listed.
    assert.equal(intentOut({ ...classified, entities: { ...classified.entities, colours: ['gold'] } }).preferences, undefined);
  });
});
