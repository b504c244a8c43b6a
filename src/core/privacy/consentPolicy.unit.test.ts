import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsentFlags } from '../events/userEvent.ts';
import { PRIVACY_REGIMES, canConsolidate, decideConsent, isWithdrawal, storageUserId, type ConsentContext, type PrivacyRegime } from './consentPolicy.ts';

const TRI = [true, false, undefined] as const;

/** Every combination of the four flags, each true, false or not reported (81). */
function allConsents(): ConsentFlags[] {
  const out: ConsentFlags[] = [];
  for (const analytics of TRI)
    for (const preferences of TRI)
      for (const marketing of TRI)
        for (const saleOfData of TRI) {
          out.push({
            ...(analytics !== undefined ? { analytics } : {}),
            ...(preferences !== undefined ? { preferences } : {}),
            ...(marketing !== undefined ? { marketing } : {}),
            ...(saleOfData !== undefined ? { saleOfData } : {}),
          });
        }
  return out;
}

/** The rule as the table in consentPolicy.ts states it, written independently. */
function mayLeaveItsMarket(regime: PrivacyRegime, c: ConsentFlags): boolean {
  if (regime === 'gdpr') return c.analytics === true && c.preferences === true;
  if (regime === 'ccpa') return c.analytics !== false && c.saleOfData !== false;
  return c.analytics !== false;
}

describe('consent policy', () => {
  it('GDPR is opt-in: nothing is stored without analytics consent', () => {
    assert.equal(decideConsent({ regime: 'gdpr' }).persist, false);
    assert.equal(decideConsent({ regime: 'gdpr', consent: { analytics: false } }).persist, false);
    const ok = decideConsent({ regime: 'gdpr', consent: { analytics: true } });
    assert.deepEqual(ok, { persist: true, linkIdentity: false, shareWithThirdParties: false, consolidate: false });
    assert.deepEqual(decideConsent({ regime: 'gdpr', consent: { analytics: true, preferences: true, marketing: true } }), {
      persist: true,
      linkIdentity: true,
      shareWithThirdParties: true,
      consolidate: true,
    });
  });

  it('CCPA is opt-out: refusing the sale of data keeps the shopper’s data in its market and away from other parties', () => {
    assert.deepEqual(decideConsent({ regime: 'ccpa' }), { persist: true, linkIdentity: true, shareWithThirdParties: true, consolidate: true });
    assert.deepEqual(decideConsent({ regime: 'ccpa', consent: { saleOfData: false } }), { persist: true, linkIdentity: true, shareWithThirdParties: false, consolidate: false });
    assert.equal(decideConsent({ regime: 'ccpa', consent: { analytics: false } }).persist, false);
  });

  it('a decision never allows more than storage allows', () => {
    for (const regime of PRIVACY_REGIMES) {
      for (const consent of allConsents()) {
        const d = decideConsent({ regime, consent });
        if (!d.persist) assert.deepEqual(d, { persist: false, linkIdentity: false, shareWithThirdParties: false, consolidate: false }, `${regime} ${JSON.stringify(consent)}`);
      }
    }
  });

  it('consolidation across markets: the whole matrix regime × regime × consent flags (3 × 3 × 81 × 81)', () => {
    const consents = allConsents();
    let allowed = 0;
    let checked = 0;
    for (const ra of PRIVACY_REGIMES) {
      for (const rb of PRIVACY_REGIMES) {
        for (const ca of consents) {
          for (const cb of consents) {
            const a: ConsentContext = { regime: ra, consent: ca };
            const b: ConsentContext = { regime: rb, consent: cb };
            const expected = mayLeaveItsMarket(ra, ca) && mayLeaveItsMarket(rb, cb);
            const got = canConsolidate(a, b);
            if (got !== expected) assert.fail(`${ra} ${JSON.stringify(ca)} × ${rb} ${JSON.stringify(cb)}: expected ${expected}, got ${got}`);
            if (got !== canConsolidate(b, a)) assert.fail('not symmetric');
            checked += 1;
            if (got) allowed += 1;
          }
        }
      }
    }
    assert.equal(checked, 9 * 81 * 81);
    assert.ok(allowed > 0 && allowed < checked);
  });

  it('spot checks of the matrix', () => {
    const eu = (consent: ConsentFlags): ConsentContext => ({ regime: 'gdpr', consent });
    const us = (consent: ConsentFlags): ConsentContext => ({ regime: 'ccpa', consent });
    assert.equal(canConsolidate(eu({ analytics: true, preferences: true }), us({})), true);
    assert.equal(canConsolidate(eu({ analytics: true }), us({})), false, 'GDPR analytics alone does not cover cross-market profiling');
    assert.equal(canConsolidate(eu({ analytics: true, preferences: true }), us({ saleOfData: false })), false, 'CCPA sale refused: nothing crosses');
    assert.equal(canConsolidate({ regime: 'none' }, { regime: 'none' }), true);
    assert.equal(canConsolidate({ regime: 'none', consent: { analytics: false } }, { regime: 'none' }), false);
  });

  it('withdrawal is an explicit analytics refusal; scoped ids keep unmergeable behaviour apart', () => {
    assert.equal(isWithdrawal({ analytics: false }), true);
    assert.equal(isWithdrawal({}), false);
    assert.equal(isWithdrawal(undefined), false);
    assert.equal(storageUserId('c1', 'us', decideConsent({ regime: 'ccpa' })), 'c1');
    assert.equal(storageUserId('c1', 'us', decideConsent({ regime: 'ccpa', consent: { saleOfData: false } })), 'c1@us');
  });
});
