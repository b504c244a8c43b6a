import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { generateCatalog } from '../catalog/demoCatalog.ts';
import { extractEntities } from '../intent/entities.ts';
import { emptyIntent } from '../personalize/intentInput.ts';
import { personalizeList, type PersonalizeCatalog } from '../personalize/personalize.ts';
import { temporalContext } from '../personalize/seasonal.ts';
import type { ProfileView } from '../profile/profileView.ts';
import { keepFirstPositions, positionsOf } from './listPositions.ts';
import { DEFAULT_SOURCE_WEIGHTS, rank, type RankInput } from './rank.ts';

const NOW = Date.UTC(2025, 5, 1, 12);
const products = generateCatalog({ size: 400, seed: 11, currency: 'USD', now: NOW });
const index = CatalogIndex.build(products);
const ids = products.map((p) => p.id);

function ranked(k: number, catalog = index) {
  const seeds = Array.from({ length: 6 }, (_, i) => ({ productId: ids[(k * 37 + i * 11) % ids.length] as string, weight: 1 / (i + 1), role: i === 0 ? ('current' as const) : ('session' as const) }));
  const neighbours = new Map(ids.map((id, i) => [id, Array.from({ length: 30 }, (_, j) => ({ productId: j % 10 === 9 ? `gone-${j}` : (ids[(i * 13 + j * 7) % ids.length] as string), weight: 30 - j }))]));
  const popular = ids.slice(0, 80).map((productId, i) => ({ productId, weight: 80 - i }));
  const input: RankInput = { now: NOW, seeds, neighbours, popular, trending: popular, exclude: new Set([ids[k] as string]), allowRepeat: false, limit: 60, weights: DEFAULT_SOURCE_WEIGHTS, catalog };
  return rank(input);
}

describe('positions kept beside a ranked list', () => {
  it('are the catalog positions of its items, for that catalog object only', () => {
    const list = ranked(1);
    assert.ok(list.length > 20);
    assert.deepEqual([...(positionsOf(list, index) ?? [])], list.map((it) => index.indexOf(it.productId)));
    assert.equal(positionsOf([...list], index), undefined, 'a copy has none');
    assert.equal(positionsOf(list, CatalogIndex.build(products)), undefined, 'another catalog version has none');
    const first = list.slice(0, 5);
    keepFirstPositions(list, first, 5);
    assert.deepEqual([...(positionsOf(first, index) ?? [])], first.map((it) => index.indexOf(it.productId)));
  });

  it('give the personalization layer the lists it gives when it looks every id up', () => {
    // The same catalog without positions (no indexOf, no affinityScorer): each candidate by id and product object.
    const byId: PersonalizeCatalog = {
      get: (id) => index.get(id),
      featureKeys: (id) => index.featureKeys(id),
      priceMajor: (id) => index.priceMajor(id),
      featureSpecificity: (key) => index.featureSpecificity(key),
      all: () => index.all(),
    };
    const profile: ProfileView = {
      userId: 'u1',
      affinities: new Map(index.featureKeys(ids[7] as string).slice(0, 3).map((k, i) => [k, 1 / (i + 1)])),
      recent: [],
      session: [],
      purchased: new Set(),
      eventCount: 3,
      lastSeen: NOW,
    };
    const texts = ['a black dress under 80 dollars', 'something for my wife, not leather', 'running shoes size 9', 'show me jackets, nothing black', 'a gift for a 6 year old', 'no jeans and no rings please', ''];
    const temporal = temporalContext(NOW, 'US');
    let compared = 0;
    for (let k = 0; k < 24; k++) {
      const base = ranked(k);
      const text = texts[k % texts.length] as string;
      const intent = text ? { ...emptyIntent(), entities: extractEntities(text, 'en') } : undefined;
      const common = { temporal, limit: 60, now: NOW, profile, exclude: new Set([ids[k] as string, ids[k + 1] as string]), candidates: ids.slice(100 + k, 140 + k), ...(intent ? { intent } : {}) };
      const fast = personalizeList({ ...common, base, catalog: index });
      assert.deepEqual(personalizeList({ ...common, base: [...base], catalog: index }), fast, `request ${k}: the base list's positions change nothing`);
      assert.deepEqual(personalizeList({ ...common, base, catalog: byId }), fast, `request ${k}: "${text}" by position as by id`);
      compared += fast.items.length;
    }
    assert.ok(compared > 100, `${compared} items compared`);
  });
});
