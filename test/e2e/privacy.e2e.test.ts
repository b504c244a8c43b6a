/**
 * The privacy scenario of docs/privacy.md end to end (the same steps `scripts/privacy-scenario.ts`
 * prints): a shopper browses in two markets, consents, buys on two devices, withdraws consent on one
 * and is redacted; every step's stored state is checked. The scenario's events come keyless (a
 * storefront pixel), so they are stored under `pixel:<event id>` (features/ingest/recordEvents.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CUSTOMER, LAPTOP, ORDERS, PHONE, runPrivacyScenario, type StepState } from '../../src/testing/privacyScenario.ts';

describe('privacy scenario: two markets, consent, withdrawal, redaction', () => {
  let steps: StepState[];
  before(async () => {
    steps = await runPrivacyScenario();
  });
  const step = (n: number): StepState => steps[n - 1] as StepState;

  it('1. US (CCPA, opt-out): browsing is stored', () => {
    const s = step(1);
    assert.deepEqual(s.ids[LAPTOP]?.storedEvents, ['pixel:evt-us-1', 'pixel:evt-us-2']);
    assert.equal(s.ids[LAPTOP]?.profileEvents, 2);
    assert.deepEqual(s.ids[CUSTOMER]?.linkedIds, []);
  });

  it('2. EU (GDPR) without consent: nothing more is stored, the session lives in memory only and still personalizes', () => {
    const s = step(2);
    assert.deepEqual(s.ids[LAPTOP]?.storedEvents, ['pixel:evt-us-1', 'pixel:evt-us-2']);
    assert.equal(s.rowsMentioningShopper, step(1).rowsMentioningShopper);
    assert.equal(s.sessionOnly[LAPTOP], 2);
    assert.deepEqual(s.notes.ingest, { accepted: 2, duplicates: 0, ignored: 0 });
    const eu = s.notes.recommendedInEu as string[];
    assert.ok(eu.length > 0);
    assert.ok(!eu.includes('trail-tent'), 'the tent is not sold in the EU');
    assert.ok((s.notes.recommendedInUs as string[]).includes('trail-tent'), 'but it is in the US');
  });

  it('3. consent in the EU: stored and merged with the US behaviour, the client id linked to the customer', () => {
    const s = step(3);
    assert.equal((s.notes.consent as { regime: string }).regime, 'gdpr');
    assert.deepEqual((s.notes.consent as { allows: unknown }).allows, { persist: true, linkIdentity: true, shareWithThirdParties: false, consolidate: true });
    assert.deepEqual(s.ids[LAPTOP]?.storedEvents, ['pixel:evt-us-1', 'pixel:evt-us-2', 'pixel:evt-eu-3', 'pixel:evt-eu-buy']);
    assert.deepEqual(s.ids[LAPTOP]?.linkedIds, [CUSTOMER, `order:${ORDERS[0]}`], 'linked to the customer and the order');
    assert.deepEqual(s.ids[`${LAPTOP}@eu`]?.storedEvents, [], 'merged, not kept apart');
  });

  it('4. a second device of the same customer is linked too', () => {
    const s = step(4);
    assert.deepEqual(s.ids[PHONE]?.storedEvents, ['pixel:evt-phone-1', 'pixel:evt-phone-buy']);
    assert.deepEqual(s.ids[CUSTOMER]?.linkedIds, [LAPTOP, PHONE, `order:${ORDERS[0]}`, `order:${ORDERS[1]}`]);
  });

  it('5. withdrawing consent on the laptop erases what the laptop stored, and only that; its links stay for a redaction', () => {
    const s = step(5);
    assert.deepEqual(s.notes.pixelWithdrawsForCustomer, { status: 403, code: 'PIXEL_CONSENT_FORBIDDEN' }, 'the pixel may not withdraw for the customer id');
    assert.deepEqual(s.ids[LAPTOP], { storedEvents: [], profileEvents: null, linkedIds: [CUSTOMER, PHONE, `order:${ORDERS[0]}`, `order:${ORDERS[1]}`] });
    assert.deepEqual(s.ids[PHONE]?.storedEvents, ['pixel:evt-phone-1', 'pixel:evt-phone-buy']);
    assert.deepEqual(s.ids[CUSTOMER]?.linkedIds, step(4).ids[CUSTOMER]?.linkedIds, 'the customer still reaches every device and order');
    assert.equal(s.sessionOnly[LAPTOP], 3, 'later browsing is session-only');
    assert.ok(s.rowsMentioningShopper < step(4).rowsMentioningShopper);
  });

  it('6. customers/redact removes every record of the customer: no SQLite row names them any more', () => {
    const s = step(6);
    assert.equal((s.notes.webhook as { status: number }).status, 202);
    assert.equal((s.notes.job as { status: string }).status, 'done');
    for (const [id, x] of Object.entries(s.ids)) assert.deepEqual(x, { storedEvents: [], profileEvents: null, linkedIds: [] }, id);
    assert.equal(s.rowsMentioningShopper, 0);
    assert.deepEqual(s.sessionOnly, { [LAPTOP]: 0, [PHONE]: 0 }, 'nor does the session-only memory of this process (the laptop held 3 events)');
  });
});
