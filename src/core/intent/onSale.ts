/**
 * A wish for products on sale: "anything on sale?", "discounted jackets", "any deals on earrings?",
 * "what's in the sale", "clearance", "algo en oferta", "¿tienen rebajas?", "chaquetas con descuento",
 * "zapatillas rebajadas", "promociones". A product is on sale when an available variant's compare-at
 * price is above its price (personalize/intentScoring.ts `MatchFeatures.onSale`).
 *
 * Not read: "for sale" / "a la venta" (sold, not discounted: "is it for sale?"), a sale refused or
 * denied ("not on sale", "doesn't need to be discounted", "sin descuento", "no tiene que estar en
 * oferta"), a question about a product's own price history ("was it ever on sale?"), nor a sale
 * that is the shopper's ("my garage sale items"). Pure.
 */
import { fold } from './text.ts';

/** Words of a sale, English and Spanish (folded). */
const SALE = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`on sale|on offer|on special|on clearance|in the sales?|(?<!(?:garage|yard|bake|estate|boot) )sale (?:items?|prices?|section|products?)|(?:any|some|your) (?:deals?|discounts?|sales|markdowns?|promos?|promotions?|specials)`,
      String.raw`discounted|marked down|reduced(?: price)?|clearance|markdowns?|(?:at|with) (?:a )?discount|deals? on|(?:black friday|cyber monday|boxing day|summer|winter|holiday|end of season) (?:deals?|sales?|discounts?)`,
      String.raw`en oferta|de oferta|ofertas?|en rebajas?|rebajas|rebajad(?:o|a|os|as)|con (?:algun |un )?descuentos?|descuentos|en descuento|en promo(?:cion)?|promociones|de promocion|en liquidacion|liquidacion|en saldo|saldos|outlet`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'u',
);

/** A sale refused or denied just before ("not on sale", "doesn't need to be discounted", "sin descuento", "que no esté en oferta"). */
const DENIED_BEFORE = /(?:^|[^\p{L}'])(?:not|no|never|without|isnt|isn't|doesnt|doesn't|dont|don't|needn't|sin|nunca)(?:\s+(?:need|needs|have|has|to|be|it|to be|necessarily|really|tiene|que|estar|ser|este|sea|necesita|hace|falta|necesariamente))*\s+$/u;

/** The product's own price history, asked ("was it ever on sale?", "will it go on sale?", "¿estuvo en oferta?"). */
const HISTORY = /(?<![\p{L}])(?:was|were|has been|have been|ever|will|going to|gonna|estuvo|estuvieron|va a estar|van a estar|alguna vez)(?![\p{L}])[^.?!]{0,20}$/u;

/** Whether the text wishes for products on sale. */
export function wishesOnSale(text: string): boolean {
  const f = fold(text).replace(/\s+/g, ' ');
  const m = SALE.exec(f);
  if (!m) return false;
  const before = f.slice(Math.max(0, m.index - 40), m.index);
  if (DENIED_BEFORE.test(before)) return false;
  return !HISTORY.test(before);
}
