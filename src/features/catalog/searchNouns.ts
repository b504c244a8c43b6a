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
  // Whom products are for, as titles and tags say it ("Anchor Bracelet Mens", a "women" tag): an agent's
  // "pulsera hombre" or "mujer" found nothing in an English shop (MCP probe round 2).
  men: ['hombre', 'hombres', 'caballero', 'caballeros'],
  women: ['mujer', 'mujeres', 'dama', 'damas'],
  kids: ['nino', 'ninos', 'nina', 'ninas', 'infantil', 'infantiles'],
};
