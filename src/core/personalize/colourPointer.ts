/**
 * A product of the list shown, pointed at by its colour: "how much is the grey one?", "what goes with
 * the grey one?", "y la dorada, ¿cuánto cuesta?", "¿el negro tiene bolsillos?". Read as a wish, the
 * colour brought back every grey product, the one pointed at first, and "what goes with the grey one?"
 * showed the grey sofa itself.
 *
 * The words are one product spoken of: "the/that/this <colour> one" in English, "el/la <colour>" in
 * Spanish followed by the end of a phrase or a word that goes on about it ("¿cuánto cuesta?", "tiene",
 * "combina"). Plural words ("the green ones", "las verdes") ask for products of that colour, and are
 * left to the colour rules. It points at the one shown product whose title names the colour, else the
 * one whose tags or variants do; where several share it, at none. Where none has it ("¿y la plateada?"
 * after gold necklaces), the shopper asks for one of that colour: the colour is a wish. Words compared
 * with ("cheaper than the yellow one", "más barata que la amarilla") are left to the comparison's own
 * rules (the price is held below that product). Pure.
 */
import type { Product } from '../catalog/product.ts';
import { COLOURS } from '../intent/colours.ts';
import { fold } from '../intent/text.ts';
import { colourField } from './intentScoring.ts';

/** Folded colour form → canonical colour (`COLOURS` keys). */
const FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries(COLOURS).flatMap(([canonical, f]) => [...f.en, ...f.es].map((form) => [fold(form), canonical] as const)),
);

/** "the grey one", "that light blue one", "this gold one". */
const EN = /(?:^|[^\p{L}])(?:the|that|this)\s+(\p{L}+(?:[\s-]\p{L}+)?)\s+one(?![\p{L}])/gu;
/** "la gris", "el negro", "la azul marino": at the end of a phrase or before words about it. */
const ES =
  /(?:^|[^\p{L}])(?:el|la)\s+(\p{L}+(?:\s\p{L}+)??)(?=\s*(?:$|[?!.,;:)]|\s(?:cuanto|cuesta|vale|sale|que|me|te|le|lo|la|tiene|trae|viene|es|esta|combina|queda|va|y|o|con|para|de|del|por|porfa|porfis|mejor|tambien|todavia|aun|hay)(?![\p{L}])))/gu;

/** A product pointed at by its colour: the words, the colour, and the product when exactly one shown has it (`none`: no shown product has it). */
export interface ColourPointer {
  readonly words: string;
  readonly colour: string;
  readonly id?: string;
  readonly none: boolean;
}

/** A comparison right before the words ("than the yellow one", "que la amarilla"). */
const COMPARED = /(?:^|[^\p{L}])(?:than|que|como)\s*$/u;

/** What a message points at by a colour in the list `shown` (ids, in order); undefined when it points at nothing by its colour. */
export function colourPointer(text: string, shown: readonly string[], get: (id: string) => Product | undefined): ColourPointer | undefined {
  const t = fold(text.normalize('NFC'));
  for (const re of [EN, ES]) {
    for (const m of t.matchAll(re)) {
      if (COMPARED.test(t.slice(0, m.index + (m[0].length - m[0].trimStart().length)))) continue;
      const said = m[1] as string;
      // "the light blue one": the two words, else the last ("that pretty gold one").
      const colour = FORMS.get(said) ?? FORMS.get(said.split(/[\s-]/).at(-1) as string);
      if (colour === undefined) continue;
      const having = showing(shown, get, colour);
      return { words: m[0].trim(), colour, ...(having.length === 1 ? { id: having[0] as string } : {}), none: having.length === 0 };
    }
  }
  return undefined;
}

/** The shown products whose title shows `colour`, else those whose tags or variants do. */
function showing(shown: readonly string[], get: (id: string) => Product | undefined, colour: string): string[] {
  const byField = (fields: readonly string[]): string[] =>
    shown.filter((id) => {
      const p = get(id);
      const f = p ? colourField(p, colour) : undefined;
      return f !== undefined && fields.includes(f);
    });
  const titled = byField(['title']);
  return titled.length > 0 ? titled : byField(['tags', 'variant']);
}
