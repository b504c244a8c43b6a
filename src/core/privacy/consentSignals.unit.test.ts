import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentSignals } from './consentSignals.ts';

const GRANT = { analyticsProcessingAllowed: true, marketingAllowed: false, preferencesProcessingAllowed: true, saleOfDataAllowed: true };

describe('consent signals of an events body', () => {
  it("the envelope's consent, per shopper, as old as that shopper's latest event; a consent event wins with its own time", () => {
    const body = {
      consent: GRANT,
      events: [
        { id: 'a', name: 'page_viewed', clientId: 'c1', timestamp: '2026-12-04T10:00:00.000Z' },
        { id: 'b', name: 'product_viewed', clientId: 'c1', timestamp: '2026-12-04T10:00:05.000Z' },
        { id: 'c', name: 'visitorConsentCollected', clientId: 'c2', timestamp: '2026-12-04T10:00:03.000Z', customerPrivacy: { ...GRANT, analyticsProcessingAllowed: false } },
        { id: 'd', name: 'page_viewed', clientId: 'c2', timestamp: '2026-12-04T10:00:09.000Z' },
        { id: 'e', type: 'view', userId: 'u3', timestamp: Date.parse('2026-12-04T10:00:07.000Z') },
      ],
    };
    assert.deepEqual(consentSignals(body).signals, [
      { userId: 'c1', consent: { analytics: true, marketing: false, preferences: true, saleOfData: true }, at: Date.parse('2026-12-04T10:00:05.000Z') },
      { userId: 'c2', consent: { analytics: false, marketing: false, preferences: true, saleOfData: true }, at: Date.parse('2026-12-04T10:00:03.000Z') },
      { userId: 'u3', consent: { analytics: true, marketing: false, preferences: true, saleOfData: true }, at: Date.parse('2026-12-04T10:00:07.000Z') },
    ]);
  });

  it('near miss: no readable time, no `at` (the gate then takes the time of receipt)', () => {
    const body = { consent: GRANT, events: [{ id: 'a', name: 'page_viewed', clientId: 'c1' }, { id: 'b', name: 'page_viewed', clientId: 'c2', timestamp: 'yesterday' }] };
    assert.deepEqual(
      consentSignals(body).signals.map((s) => s.at),
      [undefined, undefined],
    );
  });
});
