/**
 * Names and fixed phrases that hold an audience word without naming an audience: games ("damas
 * chinas", "juego de damas": checkers), characters ("Hombre Araña", "Iron Man", "Wonder Woman",
 * "Mujer Maravilla", "Niño Dios"), events and things ("Ladies Night", "Man in the Moon", "Lady Grey",
 * "baby blue", "kid leather"). A shopper's "juego de damas chinas" or a title "Disfraz Hombre Araña"
 * says nothing about women or men; the audience rules (audience.ts, personalize/productAudience.ts)
 * read the text with these blanked out. Each entry is a regular expression over folded text (lower
 * case, accents stripped), words joined by spaces or hyphens.
 */

/** Words of a name may be joined by spaces or hyphens ("spider-man", "spider man"). */
const J = '[\\s-]+';

const NAMES: readonly string[] = [
  // English: characters, titles, events, plants, colours and materials.
  `(?:iron|spider|super|bat|ant|aqua|pac|he|snow|gingerbread|straw|tin|sand|candy|muffin|hang|stick|lego|rain|green|invisible|bionic|elephant|marshmallow)${J}m[ae]n`,
  `m[ae]n${J}(?:in|of|on|from)${J}(?:the${J})?(?:moon|black|steel|la${J}mancha|sea|house|world|year|match|people|shadows)`,
  `(?:wonder|cat|spider|bionic|invisible|pretty|super)${J}wom[ae]n`,
  `(?:mad|x)${J}men`,
  `little${J}women`,
  `ladies'?${J}(?:night|man|day|who${J}lunch)`,
  `lady'?s?${J}(?:bird|bug|finger|fingers|grey|gray|luck|liberty|gaga|macbeth|mantle|slipper|slippers)`,
  `(?:first|cat|iron|dragon|bag|lunch|tea)${J}lady`,
  `lady${J}(?:and|of)${J}the${J}\\p{L}+`,
  `my${J}fair${J}lady`,
  `karate${J}kid`,
  `billy${J}the${J}kid`,
  `kid${J}(?:leather|suede|gloves?|mohair)`,
  `kid${J}?skin`,
  `baby${J}(?:blue|pink|breath)|baby's${J}breath`,
  // Spanish: games, characters, saints and plants.
  `damas${J}(?:chinas|espanolas|inglesas|internacionales|polacas|turcas)`,
  `(?:juegos?|tableros?|fichas|partidas?)${J}(?:de${J})?damas(?![\\p{L}])(?!${J}(?:y|e)${J}caballeros)`,
  `dama${J}de${J}noche`,
  `primera${J}dama`,
  `hombres?${J}(?:arana|lobo|lobos|hormiga|murcielago|invisible|elefante|pajaro|mosca|de${J}(?:hierro|acero|jengibre|nieve|negro|la${J}mancha)|del${J}saco|en${J}la${J}luna)`,
  `mujer(?:es)?${J}(?:maravilla|arana|gato|murcielago|invisible|hormiga|bionica|halcon)`,
  `nin[oa]s?${J}(?:dios|jesus|de${J}atocha)`,
  `divino${J}nino`,
  `caballeros?${J}(?:del${J}zodiaco|de${J}la${J}noche|jedi|templarios?|oscuro|de${J}la${J}mesa${J}redonda)`,
  `senor${J}de${J}los${J}anillos`,
  `senor${J}cara${J}de${J}papa`,
];

const NAME_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${NAMES.join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/**
 * Folded text with every {@link NAMES name} holding an audience word replaced by spaces (the same
 * length, so offsets still index the text).
 */
export function maskAudienceNames(folded: string): string {
  return folded.replace(NAME_RE, (m) => ' '.repeat(m.length));
}
