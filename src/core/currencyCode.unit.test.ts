import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecommendationRequestSchema } from '../http/routes/recommendations.ts';
import { parseIngest } from './events/ingest.ts';
import { CurrencyCode } from './currencyCode.ts';
import { isKnownCurrency } from './money.ts';

describe('a currency named in a request is an ISO 4217 currency', () => {
  it('takes real codes in any case, the recent ones too, and refuses codes of the right shape that name none', () => {
    for (const c of ['USD', 'eur', 'MXN', 'JPY', 'KWD', 'VES', 'VED', 'SLE', 'ZWG']) assert.ok(isKnownCurrency(c), c);
    for (const c of ['XYZ', 'ABC', 'EUX', 'BTC', 'EURO', 'E1R', '']) assert.equal(isKnownCurrency(c), false, c);
  });

  it('says which rule a refused value breaks, once', () => {
    const shape = CurrencyCode.safeParse('EURO');
    assert.deepEqual(shape.error?.issues.map((i) => i.message), ['must be an ISO 4217 currency code such as "EUR"']);
    const none = CurrencyCode.safeParse('XYZ');
    assert.deepEqual(none.error?.issues.map((i) => i.message), ['names no ISO 4217 currency (three letters such as USD, EUR, MXN)']);
  });

  it("refuses a recommendation request whose market or budget names a currency that does not exist, at the field's path", () => {
    const market = RecommendationRequestSchema.safeParse({ userId: 'u', market: { country: 'ES', currency: 'XYZ' } });
    assert.equal(market.success, false);
    assert.deepEqual(market.error?.issues.map((i) => i.path.join('.')), ['market.currency']);
    const budget = RecommendationRequestSchema.safeParse({ userId: 'u', intent: { budget: { max: 50, currency: 'ABC' } } });
    assert.deepEqual(budget.error?.issues.map((i) => i.path.join('.')), ['intent.budget.currency']);
    assert.equal(RecommendationRequestSchema.safeParse({ userId: 'u', market: { country: 'ES', currency: 'eur' } }).success, true);
  });

  it('refuses an API event priced in a currency that does not exist (its order could be summed in none), naming the field', () => {
    const ingest = (currency: string) => parseIngest({ events: [{ id: 'e1', type: 'purchase', userId: 'u', productId: 'p', orderId: '1', currency }] }, { shop: 's', now: Date.parse('2026-12-04T12:00:00Z') });
    assert.throws(() => ingest('XYZ'), (err: Error & { issues?: { path: string }[] }) => err.issues?.[0]?.path === 'events.0.currency');
    assert.equal(ingest('mxn').events[0]?.currency, 'MXN');
  });
});
