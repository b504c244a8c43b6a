/**
 * A preference for the lower or higher end of the price range, said without a number: "cheap
 * jackets", "the cheapest necklace", "algo barato", "lo más económico", "not too expensive" → `low`;
 * "the most expensive", "premium", "high-end", "de lujo", "gama alta" → `high`. A budget with a
 * number is budget.ts's; this only orders what is shown. None is read from a question about price
 * ("is it expensive?", "cheaper than Amazon?"), a negated word ("nothing cheap", "no quiero nada
 * barato": that is a rejection, not the other end), a product's own name ("the Premium Cotton Tee"),
 * or both ends at once.
 */
import { fold } from './text.ts';

/** Which end of the price range the shopper prefers. */
export type PricePreference = 'low' | 'high';

const LOW =
  /(?<![\p{L}])(?:cheap(?:er(?! than)|est)?|inexpensive|affordable|less expensive|lower[- ]priced|budget[- ]friendly|on a (?:tight )?budget|low[- ]budget|low[- ]cost|low[- ]priced|bargains?|not (?:too |very |that |so |overly )?(?:expensive|pricey|costly)|barat(?:o|a|os|as|ito|ita|itos|itas|isimo|isima)|economic(?:o|a|os|as)|asequibles?|low cost|nada car(?:o|a|os|as)|que no cueste mucho|no (?:sea |sean |salga |salgan )?(?:muy |tan |demasiado )?(?:car(?:o|a|os|as)|costos(?:o|a|os|as)))(?![\p{L}])/gu;
const HIGH =
  /(?<![\p{L}])(?:(?:the )?most expensive|priciest|premium|high[- ]end|luxury|luxurious|top[- ]of[- ]the[- ](?:range|line)|mas car(?:o|a|os|as)|de lujo|lujos(?:o|a|os|as)|gama alta|de alta gama|exclusiv(?:o|a|os|as))(?![\p{L}])/gu;
/** A negation just before a price word turns it into something not wanted, not a preference. */
const NEGATED = /(?:^|[^\p{L}])(?:not|no|nothing|nada|ni|don't|dont|never|nunca|sin)(?:\s+\S+){0,2}\s*$/u;

/** Whether a regex matches somewhere the shopper means it: not negated, not part of a capitalised name mid-sentence. */
function stated(re: RegExp, folded: string, original: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const at = m.index;
    if (NEGATED.test(folded.slice(Math.max(0, at - 30), at))) continue;
    // "the Premium Cotton Tee": a capitalised word after the sentence has started names a product.
    const first = original[at] ?? '';
    const sentenceStart = /^\s*$|[.!?¿¡]\s*$/.test(original.slice(0, at));
    if (first !== first.toLowerCase() && !sentenceStart) continue;
    return true;
  }
  return false;
}

/** The price preference the text states, or `undefined` (none, or both: "cheap or premium"). */
export function extractPricePreference(text: string): PricePreference | undefined {
  const original = text.normalize('NFC').replace(/\s/g, ' ');
  const f = fold(original);
  const low = stated(LOW, f, original);
  const high = stated(HIGH, f, original);
  return low === high ? undefined : low ? 'low' : 'high';
}
