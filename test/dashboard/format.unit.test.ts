import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// The page's own modules (plain JS, no DOM), imported as the browser does.
import { money, moneyInterval, pctInterval, UNKNOWN, viewedText } from '../../src/dashboard/format.js';

describe('dashboard number formatting: nothing measured is unknown, not zero', () => {
  it('a rate of 0 lists reads “—”, a rate of some lists its value and interval (0 % included)', () => {
    assert.equal(UNKNOWN, '—');
    assert.equal(pctInterval({ value: 0, low: 0, high: 0 }, 0), '—');
    assert.equal(pctInterval({ value: 0, low: 0, high: 0.0793 }, 46), '0.0 % [0.0–7.9]');
    assert.equal(pctInterval({ value: 0.25, low: 0.1, high: 0.5 }, 8), '25.0 % [10.0–50.0]');
  });
  it('an amount without a known currency: “—” for nothing, the bare number otherwise', () => {
    assert.equal(money(0, null), '—');
    assert.equal(money(1234, null), '1,234');
    assert.equal(money(0, 'USD'), '$0.00');
    assert.equal(money(123450, 'EUR'), '€1,234.50');
    assert.equal(money(500, 'JPY'), '¥500');
  });
  it('revenue per list: its interval never goes below 0 (clamped), and 0 lists read “—”', () => {
    assert.equal(moneyInterval({ value: 2333, low: -564, high: 5230 }, 'USD', 12), '$23.33 [$0.00–$52.30]');
    assert.equal(moneyInterval({ value: 2333, low: 120, high: 5230 }, 'USD', 12), '$23.33 [$1.20–$52.30]');
    assert.equal(moneyInterval({ value: 0, low: 0, high: 0 }, 'USD', 0), '—');
    assert.equal(moneyInterval({ value: 7000, low: 7000, high: 7000 }, 'USD', 1), '$70.00 [—]', 'one list: no interval, not a zero-width one');
  });
});

describe('dashboard: the views of agents\' lists', () => {
  it('a group of agents\' lists with no view reported reads “—”, not 0, and says why', () => {
    assert.deepEqual(viewedText({ served: 4, viewed: 0, agentLists: 4 }), { text: '—', note: 'agents do not report views' });
  });
  it('a group with some agents\' lists says how many, as their views may be missing', () => {
    assert.deepEqual(viewedText({ served: 5, viewed: 2, agentLists: 1 }), { text: '2', note: 'incl. 1 agents’ lists, views may go unreported' });
    assert.deepEqual(viewedText({ served: 1, viewed: 1, agentLists: 1 }).text, '1', 'a chat widget on the storefront reported it');
  });
  it('near misses: no agents\' list, or nothing served, is the count alone', () => {
    assert.deepEqual(viewedText({ served: 3, viewed: 0, agentLists: 0 }), { text: '0', note: '' });
    assert.deepEqual(viewedText({ served: 0, viewed: 0, agentLists: 0 }), { text: '0', note: '' });
  });
});
