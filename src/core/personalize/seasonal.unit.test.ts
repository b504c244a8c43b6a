import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { contextFit, contextFitInto, easter, fathersDay, hemisphereOf, holidaysNear, mothersDay, seasonFitsAt, seasonNamed, seasonOf, temporalContext, withSeason, type ContextFitValues } from './seasonal.ts';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('seasons', () => {
  it('flips the season between hemispheres', () => {
    assert.equal(hemisphereOf('AU'), 'south');
    assert.equal(hemisphereOf('ar'), 'south');
    assert.equal(hemisphereOf('US'), 'north');
    assert.equal(hemisphereOf(undefined), 'north');
    assert.equal(seasonOf(0, 'north'), 'winter');
    assert.equal(seasonOf(0, 'south'), 'summer');
    assert.equal(seasonOf(6, 'north'), 'summer');
    assert.equal(seasonOf(6, 'south'), 'winter');
    assert.equal(seasonOf(3, 'south'), 'autumn');
    const july = day(2025, 7, 15);
    assert.equal(temporalContext(july, 'US').season, 'summer');
    assert.equal(temporalContext(july, 'AU').season, 'winter');
    assert.equal(temporalContext(july, 'CL').hemisphere, 'south');
  });

  it('computes Easter', () => {
    assert.equal(iso(easter(2025)), '2025-04-20');
    assert.equal(iso(easter(2026)), '2026-04-05');
    assert.equal(iso(easter(2027)), '2027-03-28');
    assert.equal(iso(easter(2028)), '2028-04-16');
  });
});

describe('holidays', () => {
  it('dates Mother’s Day by country', () => {
    assert.equal(iso(mothersDay(2025, 'US')), '2025-05-11'); // 2nd Sunday of May
    assert.equal(iso(mothersDay(2026, 'US')), '2026-05-10');
    assert.equal(iso(mothersDay(2025, 'GB')), '2025-03-30'); // Mothering Sunday: Easter − 21 days
    assert.equal(iso(mothersDay(2026, 'GB')), '2026-03-15');
    assert.equal(iso(mothersDay(2027, 'UK')), '2027-03-07');
    assert.equal(iso(mothersDay(2028, 'GB')), '2028-03-26');
    assert.equal(iso(mothersDay(2025, 'MX')), '2025-05-10'); // always 10 May
    assert.equal(iso(mothersDay(2026, 'MX')), '2026-05-10');
    assert.equal(iso(mothersDay(2025, 'ES')), '2025-05-04'); // 1st Sunday of May
    assert.equal(iso(mothersDay(2026, 'ES')), '2026-05-03');
  });

  it('dates Father’s Day by country', () => {
    assert.equal(iso(fathersDay(2025, 'US')), '2025-06-15');
    assert.equal(iso(fathersDay(2025, 'ES')), '2025-03-19');
    assert.equal(iso(fathersDay(2025, 'AU')), '2025-09-07');
  });

  it('lists the market’s holidays within their lead windows, nearest first', () => {
    const dec1 = day(2025, 12, 1);
    const us = holidaysNear(dec1, 'US');
    assert.deepEqual(us.find((h) => h.name === 'christmas'), { name: 'christmas', daysUntil: 24 });
    assert.deepEqual(us[0], { name: 'cyber_monday', daysUntil: 0 });
    assert.ok(us.some((h) => h.name === 'black_friday' && h.daysUntil === -3) === false, 'past holidays drop out after a day');
    const mx = holidaysNear(day(2025, 10, 20), 'MX').map((h) => h.name);
    assert.ok(mx.includes('dia_de_muertos') && mx.includes('halloween'));
    const es = holidaysNear(day(2025, 10, 20), 'ES').map((h) => h.name);
    assert.ok(!es.includes('dia_de_muertos') && !es.includes('halloween'));
    assert.ok(holidaysNear(day(2026, 1, 2), 'ES').some((h) => h.name === 'reyes' && h.daysUntil === 4));
    assert.ok(!holidaysNear(day(2026, 1, 2), 'US').some((h) => h.name === 'reyes'));
    // Mother's Day in the window only where it is close.
    const april25 = day(2026, 4, 25);
    assert.ok(holidaysNear(april25, 'ES').some((h) => h.name === 'mothers_day' && h.daysUntil === 8));
    assert.ok(!holidaysNear(april25, 'GB').some((h) => h.name === 'mothers_day'));
  });
});

describe('context fit', () => {
  const sweater = product({ id: 's', title: 'Cable-Knit Wool Sweater', productType: 'Knitwear' });
  const dress = product({ id: 'd', title: 'Vestido de lino', productType: 'Vestidos' });
  const necklace = product({ id: 'n', title: 'Pendant Necklace', productType: 'Necklaces', tags: ['jewelry'] });
  const plain = product({ id: 'p', title: 'Chef Knife', productType: 'Knives' });

  it('matches season words in English and Spanish, in the market’s hemisphere', () => {
    const jan = day(2026, 1, 10);
    assert.equal(contextFit(sweater, temporalContext(jan, 'US'), jan).season, 1);
    assert.equal(contextFit(sweater, temporalContext(jan, 'AU'), jan).season, -1);
    assert.equal(contextFit(dress, temporalContext(jan, 'AR'), jan).season, 1);
    assert.equal(contextFit(dress, temporalContext(jan, 'ES'), jan).season, -1, 'a linen dress is off-season in a Spanish January');
    assert.equal(contextFit(dress, temporalContext(jan, 'ES'), jan).seasonTerm, 'lino');
    assert.equal(contextFit(plain, temporalContext(jan, 'US'), jan).season, 0);
  });

  it('makes giftable products fit before a gifting holiday, more so as it nears', () => {
    const ctxFar = temporalContext(day(2025, 4, 21), 'US'); // Mother's Day 11 May: 20 days
    const ctxNear = temporalContext(day(2025, 5, 8), 'US'); // 3 days
    const far = contextFit(necklace, ctxFar, day(2025, 4, 21));
    const near = contextFit(necklace, ctxNear, day(2025, 5, 8));
    assert.equal(near.holidayName, 'mothers_day');
    assert.equal(near.holidayWhy, 'gift');
    assert.ok(near.holiday > far.holiday && far.holiday > 0);
    assert.equal(contextFit(plain, ctxNear, day(2025, 5, 8)).holiday, 0);
    assert.ok(contextFit(necklace, temporalContext(day(2025, 7, 1), 'US'), day(2025, 7, 1), { gift: true }).holiday > 0, 'a stated gift counts without a holiday');
  });

  it('scores recency from createdAt', () => {
    const now = day(2025, 6, 1);
    const fresh = contextFit(product({ id: 'f', title: 'x', createdAt: '2025-05-30T00:00:00Z' }), temporalContext(now), now);
    const old = contextFit(product({ id: 'o', title: 'x', createdAt: '2024-06-01T00:00:00Z' }), temporalContext(now), now);
    assert.ok(fresh.recency > 0.9 && old.recency < 0.05);
    assert.equal(Math.round(fresh.ageDays ?? -1), 2);
  });

  it('works the temporal context out once per market and day', () => {
    const morning = day(2025, 11, 1) + 8 * 3_600_000;
    const ctx = temporalContext(morning, 'mx');
    assert.equal(temporalContext(morning + 10 * 3_600_000, 'MX'), ctx, 'the same day, the same context');
    assert.notEqual(temporalContext(morning + 24 * 3_600_000, 'MX'), ctx);
    assert.notEqual(temporalContext(morning, 'US'), ctx);
    assert.ok(Object.isFrozen(ctx) && Object.isFrozen(ctx.holidays));
    assert.deepEqual(ctx, { season: seasonOf(10, 'north'), hemisphere: 'north', holidays: holidaysNear(morning, 'MX') });
  });
});


describe('the season the shopper names (seasonNamed, withSeason)', () => {
  it('names the season asked for in either language, "fall" only as the season', () => {
    for (const [text, season] of [
      ['Algo fresquito para el verano, de mujer', 'summer'],
      ['a warm coat for winter', 'winter'],
      ['something summery', 'summer'],
      ['ropa de otoño', 'autumn'],
      ['boots for the fall', 'autumn'],
      ['this fall I start hiking', 'autumn'],
      ['vestidos de primavera', 'spring'],
    ] as const)
      assert.equal(seasonNamed(text), season, text);
    for (const text of ["I don't want it to fall apart", 'a blue shirt', 'falls and waterfalls']) assert.equal(seasonNamed(text), undefined, text);
  });

  it('a December request "for the summer" fits summer products, not the calendar winter ones', () => {
    const december = temporalContext(Date.UTC(2026, 11, 5), 'US');
    assert.equal(december.season, 'winter');
    const asked = withSeason(december, 'summer');
    assert.deepEqual([asked.season, asked.hemisphere, asked.holidays], ['summer', december.hemisphere, december.holidays]);
    assert.equal(withSeason(december, 'summer'), asked, 'the same context object each time (what is derived from it is kept)');
    assert.equal(withSeason(december, 'winter'), december);
    const jacket = product({ id: 'j', title: 'Soft Winter Jacket', price: 50 });
    const top = product({ id: 't', title: 'Silk Summer Top', price: 50 });
    const now = Date.UTC(2026, 11, 5);
    assert.ok(contextFit(top, asked, now).season > 0 && contextFit(jacket, asked, now).season < 0);
  });

  it('reads a product\'s fit by its catalog position as contextFitInto works it out, per context and gift', () => {
    const now = Date.UTC(2026, 11, 5);
    const products = [
      product({ id: 'j', title: 'Soft Winter Jacket', price: 50, createdAt: new Date(now - 10 * 86_400_000).toISOString() }),
      product({ id: 't', title: 'Silk Summer Top', price: 50, tags: ['gift'] }),
      product({ id: 'c', title: 'Christmas Ornament Set', price: 12, createdAt: new Date(now - 400 * 86_400_000).toISOString() }),
    ];
    const blank = (): ContextFitValues => ({ season: 0, seasonTerm: undefined, holiday: 0, holidayName: undefined, holidayWhy: undefined, recency: 0, ageDays: undefined });
    for (const ctx of [temporalContext(now, 'US'), temporalContext(now, 'AU'), withSeason(temporalContext(now, 'US'), 'summer')]) {
      for (const gift of [false, true]) {
        const at = seasonFitsAt(ctx, gift, products);
        assert.equal(seasonFitsAt(ctx, gift, products), at, 'one table per context, gift and catalog');
        for (const [doc, p] of products.entries()) {
          for (let ask = 0; ask < 2; ask++) {
            const byPosition = blank();
            at.into(byPosition, doc, p, now, 30);
            const byProduct = blank();
            contextFitInto(byProduct, p, ctx, now, gift, 30);
            assert.deepEqual(byPosition, byProduct, `${p.title} in ${ctx.season}, gift ${gift}`);
          }
        }
      }
    }
    assert.notEqual(seasonFitsAt(temporalContext(now, 'US'), false, products), seasonFitsAt(temporalContext(now, 'US'), true, products));
  });
});
