import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeptTables, type KeptTable } from './keptTables.ts';

interface Table extends KeptTable {
  readonly name: string;
}
const table = (name: string) => (): Table => ({ name, size: 0, kept: true });

describe('kept tables', () => {
  it('keep the table of a key until it is among the least recently used past the bound on tables', () => {
    const tables = new KeptTables<Table>(2, 100);
    const a = tables.get('a', table('a'));
    assert.equal(tables.get('a', table('again')), a);
    tables.get('b', table('b'));
    tables.get('a', table('again')); // a is now the most recent: b goes first
    tables.get('c', table('c'));
    assert.equal(tables.get('a', table('again')), a);
    assert.equal(tables.get('b', table('b2')).name, 'b2');
  });

  it('let the least recently used tables go when the answers over all of them pass the bound, never the one counting', () => {
    const tables = new KeptTables<Table>(10, 5);
    const a = tables.get('a', table('a'));
    const b = tables.get('b', table('b'));
    for (let k = 0; k < 3; k++) tables.count(a);
    for (let k = 0; k < 2; k++) tables.count(b);
    assert.equal(tables.answers, 5);
    tables.count(b); // 6 > 5: a, the least recently used, goes
    assert.equal(a.kept, false);
    assert.equal(tables.answers, 3);
    // A table let go still answers whoever holds it; its answers no longer count.
    tables.count(a);
    assert.equal(tables.answers, 3);
    assert.equal(tables.get('a', table('a2')).name, 'a2');
    // Alone past the bound, the table counting stays.
    for (let k = 0; k < 10; k++) tables.count(b);
    assert.equal(b.kept, true);
  });
});
