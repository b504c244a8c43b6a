import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterViews, parseViews, splitByLastDays, toSessions } from './diginetica.ts';

const HEADER = 'session_id;user_id;item_id;timeframe;eventdate';

describe('Diginetica preprocessing (session-rec)', () => {
  it('parses views: eventdate (UTC) plus timeframe ms, sessions ordered by time', () => {
    const views = parseViews(`${HEADER}\n1;NA;10;5000;2016-05-09\n1;NA;11;1000;2016-05-09\n2;7;12;0;2016-05-10\n`);
    assert.deepEqual(views[0], { session: '1', item: '10', ts: Date.UTC(2016, 4, 9) + 5000 });
    const sessions = toSessions(views);
    assert.deepEqual(sessions.map((s) => [s.id, s.clicks.map((c) => c.item)]), [['1', ['11', '10']], ['2', ['12']]]);
    assert.throws(() => parseViews('a;b\n1;2\n'), /not a Diginetica views file/);
  });

  it('drops single-view sessions, then items with fewer than 5 views, then sessions shorter than 2', () => {
    const v = (session: string, item: string) => ({ session, item, ts: 0 });
    // Item p: 5 views in sessions of two; item q: 4 views (dropped), which leaves session s5 with one view.
    const views = [
      ...['s1', 's2', 's3', 's4'].flatMap((s) => [v(s, 'p'), v(s, 'q')]),
      v('s5', 'p'),
      v('s5', 'r'),
      v('s6', 'p'), // a session of one view: dropped first, so p keeps 5 views
    ];
    const out = filterViews(views, 5, 2);
    assert.deepEqual(out, []);
    const more = [...views, v('s1', 'p'), v('s2', 'p')];
    assert.deepEqual([...new Set(filterViews(more, 5, 2).map((x) => x.session))], ['s1', 's2']);
  });

  it('puts sessions ending in the last days in test, dropping unknown items and short sessions', () => {
    const d = (day: number) => Date.UTC(2016, 0, day);
    const sessions = [
      { id: 'old', clicks: [{ item: 'a', ts: d(1) }, { item: 'b', ts: d(1) + 1 }] },
      { id: 'new1', clicks: [{ item: 'a', ts: d(20) }, { item: 'x', ts: d(20) + 1 }, { item: 'b', ts: d(20) + 2 }] },
      { id: 'new2', clicks: [{ item: 'a', ts: d(20) }, { item: 'x', ts: d(20) + 1 }] },
    ];
    const { train, test } = splitByLastDays(sessions, 7);
    assert.deepEqual(train.map((s) => s.id), ['old']);
    assert.deepEqual(test.map((s) => [s.id, s.clicks.map((c) => c.item)]), [['new1', ['a', 'b']]]);
  });
});
