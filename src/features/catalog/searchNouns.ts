/**
 * Things products are that the category table (`intent/synonyms.ts`) does not name, in English and
 * Spanish: English name → Spanish forms (folded, singular and plural). Read both ways, by
 * englishSearchTerms.ts ("cuenco" searches "bowl" too) and spanishSearchTerms.ts ("bowl" searches
 * "cuenco" too), so the two directions cannot drift. Only words that, in a search, name the thing:
 * "cuenta" (a bead, also a bill), "pluma" (a feather, also a pen) and "marco" (a frame, also a name)
 * are left out.
 */
export const SEARCH_NOUNS: Readonly<Record<string, readonly string[]>> = {
  bowl: ['cuenco', 'cuencos', 'bol', 'boles', 'tazon', 'tazones'],
  plate: ['plato', 'platos'],
  tray: ['bandeja', 'bandejas'],
  basket: ['cesta', 'cestas', 'cesto', 'cestos', 'canasta', 'canastas'],
  box: ['caja', 'cajas'],
  jar: ['frasco', 'frascos', 'tarro', 'tarros'],
  bottle: ['botella', 'botellas'],
  teapot: ['tetera', 'teteras'],
  spoon: ['cuchara', 'cucharas'],
  knife: ['cuchillo', 'cuchillos'],
  tablecloth: ['mantel', 'manteles'],
  napkin: ['servilleta', 'servilletas'],
  curtain: ['cortina', 'cortinas'],
  keychain: ['llavero', 'llaveros'],
  charm: ['dije', 'dijes'],
  soap: ['jabon', 'jabones'],
};
