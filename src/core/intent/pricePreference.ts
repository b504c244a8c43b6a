/**
 * A preference for the lower or higher end of the price range, said without a number: "cheap
 * jackets", "the cheapest necklace", "algo barato", "lo más económico", "not too expensive" → `low`;
 * "the most expensive", "premium", "high-end", "de lujo", "gama alta" → `high`. A budget with a
 * number is budget.ts's; this only orders what is shown. "Is it expensive?" states no preference.
 */
import { fold } from './text.ts';

/** Which end of the price range the shopper prefers. */
export type PricePreference = 'low' | 'high';

const LOW =
  /(?<![\p{L}])(?:cheap(?:er|est)?|inexpensive|affordable|budget(?:-friendly| friendly)?|low[- ]cost|low[- ]priced|bargains?|not (?:too |very |that |so |overly )?(?:expensive|pricey|costly)|barat(?:o|a|os|as|ito|ita|itos|itas|isimo|isima)|economic(?:o|a|os|as)|asequibles?|accesibles?|low cost|no (?:sea |sean |salga |salgan )?(?:muy |tan |demasiado )?car(?:o|a|os|as))(?![\p{L}])/u;
const HIGH =
  /(?<![\p{L}])(?:(?:the )?most expensive|priciest|premium|high[- ]end|luxury|luxurious|top[- ]of[- ]the[- ]range|mas car(?:o|a|os|as)|de lujo|lujos(?:o|a|os|as)|gama alta|de alta gama|exclusiv(?:o|a|os|as))(?![\p{L}])/u;

/** The price preference the text states, or `undefined` (none, or both: "cheap or premium"). */
export function extractPricePreference(text: string): PricePreference | undefined {
  const f = fold(text).replace(/\s+/g, ' ');
  const low = LOW.test(f);
  const high = HIGH.test(f);
  return low === high ? undefined : low ? 'low' : 'high';
}
