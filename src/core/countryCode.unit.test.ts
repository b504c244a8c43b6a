import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CountryCode, isCountryCode } from './countryCode.ts';

it('a country is a code Shopify writes for one, in any letter case; a code with the shape and no country is refused', () => {
  for (const c of ['US', 'es', 'Mx', 'XK', 'AC', 'TA', 'ZZ', 'AQ', 'BQ']) assert.equal(isCountryCode(c), true, c);
  for (const c of ['XX', 'AA', 'EU', 'UK', 'QO', 'USA', 'U', '']) assert.equal(isCountryCode(c), false, c);
  assert.equal(CountryCode.safeParse('de').success, true);
  assert.match(CountryCode.safeParse('XX').error?.issues[0]?.message ?? '', /names no country/);
  assert.match(CountryCode.safeParse('USA').error?.issues[0]?.message ?? '', /alpha-2/);
});
