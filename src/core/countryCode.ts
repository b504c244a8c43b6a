/**
 * The schema of a country named in a request (a consent's, a market's, an event's, the storefront's):
 * two letters that Shopify's `CountryCode` enum knows, that is every ISO 3166-1 alpha-2 code plus AC
 * (Ascension), AN (Netherlands Antilles), TA (Tristan da Cunha), XK (Kosovo) and ZZ (unknown region),
 * in any letter case. "XX" has the shape and names no country: a consent given for it would take the
 * default market's privacy rules, so it is refused where it is given, as a currency that does not exist is.
 */
import { z } from 'zod';

const ISO_3166_1 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** The codes Shopify writes for a country (its `CountryCode` enum), upper case. */
const COUNTRY_CODES: ReadonlySet<string> = new Set([...ISO_3166_1.split(' '), 'AC', 'AN', 'TA', 'XK', 'ZZ']);

/** Whether `s` names a country Shopify has a code for, in any letter case. */
export function isCountryCode(s: string): boolean {
  return s.length === 2 && COUNTRY_CODES.has(s.toUpperCase());
}

/** A country code in any letter case, as it was given (callers upper-case it where they keep it). */
export const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as "US"', abort: true })
  .refine(isCountryCode, { message: 'names no country (an ISO 3166-1 alpha-2 code such as US, ES, MX)' });
