/**
 * Spanish words that describe a product (its parts, feel, weight, warmth, season, style, length, the
 * motif it shows, where it is used) and the English words a shop's titles, tags and descriptions say them with: a Spanish shopper
 * of an English catalog asks for "una chaqueta con capucha" and the description says "hooded". Kinds,
 * colours, materials, sizes and properties have tables of their own (synonyms.ts, colours.ts,
 * materials.ts, properties.ts); these are the words no other entity reads, which the title terms look
 * for (personalize/titleTerms.ts). Keys are folded and singular as `phrase` makes them ("bolsillos" →
 * "bolsillo", "exteriores" → "exteriore"); each form a shopper writes is listed.
 */

/** How a shop describes what keeps rain out. */
const KEEPS_RAIN_OUT = ['waterproof', 'rainproof', 'repellent'];

const TABLE: Readonly<Record<string, readonly string[]>> = {
  // Parts and closures.
  capucha: ['hood', 'hooded'],
  cremallera: ['zip', 'zipped', 'zipper'],
  cierre: ['zip', 'zipped', 'zipper', 'clasp'],
  bolsillo: ['pocket'],
  boton: ['button'],
  manga: ['sleeve'],
  // A jewel's parts ("un collar con colgante", "algo con dije"; "dije" as "I said" names nothing: verbUse.ts).
  colgante: ['pendant'],
  dije: ['pendant', 'charm'],
  abalorio: ['bead', 'charm'],
  cadena: ['chain'],
  gargantilla: ['choker'],
  argolla: ['hoop'],
  arracada: ['hoop'],
  candonga: ['hoop'],
  topito: ['stud'],
  fleco: ['fringe', 'tassel'],
  borla: ['tassel'],
  lentejuela: ['sequin'],
  tachuela: ['stud'],
  hebilla: ['buckle'],
  forro: ['lining', 'lined'],
  forrado: ['lined'],
  forrada: ['lined'],
  cordon: ['lace', 'drawstring'],
  // Feel, weight, warmth.
  polar: ['fleece'],
  acolchado: ['padded', 'quilted'],
  acolchada: ['padded', 'quilted'],
  calido: ['warm'],
  calida: ['warm'],
  abrigado: ['warm'],
  abrigada: ['warm'],
  calentito: ['warm', 'cosy', 'cozy'],
  calentita: ['warm', 'cosy', 'cozy'],
  ligero: ['light', 'lightweight'],
  ligera: ['light', 'lightweight'],
  liviano: ['light', 'lightweight'],
  liviana: ['light', 'lightweight'],
  suave: ['soft'],
  tejido: ['knitted', 'knit', 'woven'],
  tejida: ['knitted', 'knit', 'woven'],
  grueso: ['thick'],
  gruesa: ['thick'],
  fino: ['thin', 'fine', 'delicate'],
  fina: ['thin', 'fine', 'delicate'],
  delicado: ['delicate', 'dainty'],
  delicada: ['delicate', 'dainty'],
  comodo: ['comfortable', 'comfy'],
  // Season and weather.
  verano: ['summer'],
  veraniego: ['summer', 'summery'],
  veraniega: ['summer', 'summery'],
  invierno: ['winter'],
  invernal: ['winter'],
  primavera: ['spring'],
  otono: ['autumn', 'fall'],
  // Rain, in either language, is what a shop describes as keeping it out ("a jacket for the rain": the
  // "waterproof jacket" of a description), when no product says the word itself.
  lluvia: ['rain', 'rainy', ...KEEPS_RAIN_OUT],
  lluvioso: ['rain', 'rainy', ...KEEPS_RAIN_OUT],
  lluviosa: ['rain', 'rainy', ...KEEPS_RAIN_OUT],
  rain: ['rain', 'rainy', ...KEEPS_RAIN_OUT],
  rainy: ['rainy', 'rain', ...KEEPS_RAIN_OUT],
  nieve: ['snow'],
  // What is worn at the beach is what a shop calls summer wear, when no product says the beach.
  playa: ['beach', 'summer', 'swim'],
  beach: ['beach', 'summer', 'swim'],
  // Style.
  elegante: ['elegant', 'smart', 'formal'],
  deportivo: ['sport', 'sports', 'athletic'],
  deportiva: ['sport', 'sports', 'athletic'],
  antiguo: ['antique', 'vintage'],
  antigua: ['antique', 'vintage'],
  moderno: ['modern'],
  moderna: ['modern'],
  rustico: ['rustic'],
  rustica: ['rustic'],
  artesanal: ['handmade', 'handcrafted'],
  bordado: ['embroidered'],
  bordada: ['embroidered'],
  ajustado: ['fitted', 'slim', 'tight'],
  ajustada: ['fitted', 'slim', 'tight'],
  holgado: ['loose', 'relaxed', 'oversized'],
  holgada: ['loose', 'relaxed', 'oversized'],
  // Length.
  largo: ['long', 'drop', 'dangle'],
  larga: ['long', 'drop', 'dangle'],
  // Motifs a piece shows ("un collar con un pájaro": the shop's "Gold Bird Necklace"). Not "mano" (de
  // segunda mano), "ojo" (ojo, que…) nor "sol" in the plural (the soles of a budget or a shoe).
  pajaro: ['bird'],
  ave: ['bird'],
  luna: ['moon'],
  estrella: ['star'],
  corazon: ['heart'],
  corazone: ['heart'],
  flor: ['flower', 'floral'],
  // Patterns wished for in Spanish ("de rayas", "a cuadros", "de lunares"), as English shops title them
  // ("Striped Silk Blouse", "Chequered Red Shirt"); refused, they are rejections (patterns.ts).
  raya: ['striped', 'stripe', 'stripy'],
  rayado: ['striped', 'stripe'],
  rayada: ['striped', 'stripe'],
  cuadro: ['chequered', 'checkered', 'checked', 'plaid', 'check', 'tartan', 'gingham'],
  cuadrito: ['chequered', 'checkered', 'checked', 'gingham', 'plaid', 'check'],
  escocese: ['tartan', 'plaid'],
  escoces: ['tartan', 'plaid'],
  lunar: ['polka', 'dot', 'dotted', 'spotted'],
  topo: ['polka', 'dot', 'dotted', 'spotted'],
  flore: ['flower', 'floral'],
  mariposa: ['butterfly'],
  arbol: ['tree'],
  arbole: ['tree'],
  ancla: ['anchor'],
  elefante: ['elephant'],
  pluma: ['feather'],
  hoja: ['leaf'],
  cruz: ['cross'],
  cruce: ['cross'],
  sol: ['sun'],
  gato: ['cat'],
  perro: ['dog'],
  caballo: ['horse'],
  serpiente: ['snake'],
  trebol: ['clover'],
  concha: ['shell'],
  infinito: ['infinity'],
  llave: ['key'],
  calavera: ['skull'],
  atrapasueno: ['dreamcatcher'],
  grulla: ['crane'],
  galaxia: ['galaxy'],
  angel: ['angel'],
  angele: ['angel'],
  inicial: ['initial', 'letter'],
  // Scents ("una vela que no huela a vainilla").
  vainilla: ['vanilla'],
  canela: ['cinnamon'],
  coco: ['coconut'],
  sandalo: ['sandalwood'],
  jazmin: ['jasmine'],
  limon: ['lemon'],
  eucalipto: ['eucalyptus'],
  // Where it is used.
  exterior: ['outdoor', 'outside'],
  exteriore: ['outdoor', 'outside'],
  interior: ['indoor', 'inside'],
  interiore: ['indoor', 'inside'],
};

/**
 * Things a product has or shows that a shopper refuses by name after a plain "no"/"not"/"ni" ("jacket,
 * no zip", "bracelet, no tassels", "sin capucha ni cremallera", "candles but not vanilla"): the parts,
 * trims, motifs and scents of {@link TABLE}, in Spanish (folded, singular) and in the English words they
 * are said with, and English ones no Spanish word here names. Not qualities ("warm", "light").
 */
const REFUSABLE_ES = [
  'capucha', 'cremallera', 'cierre', 'bolsillo', 'boton', 'manga', 'colgante', 'dije', 'abalorio', 'cadena', 'gargantilla', 'fleco',
  'borla', 'lentejuela', 'tachuela', 'hebilla', 'forro', 'cordon', 'pajaro', 'ave', 'luna', 'estrella', 'corazon', 'flor', 'mariposa',
  'ancla', 'elefante', 'pluma', 'hoja', 'cruz', 'calavera', 'atrapasueno', 'grulla', 'galaxia', 'angel', 'vainilla', 'canela', 'coco',
  'sandalo', 'jazmin', 'limon', 'eucalipto',
];
const REFUSABLE: ReadonlySet<string> = new Set([
  ...REFUSABLE_ES,
  ...REFUSABLE_ES.flatMap((w) => TABLE[w] ?? []).filter((w) => !/(?:ed|y)$/.test(w)),
  'zipper', 'logo', 'print', 'glitter', 'ruffle', 'bow', 'strap', 'fringe', 'tassel', 'sequin', 'buckle', 'lace',
  'vanilla', 'lavender', 'cinnamon', 'coconut', 'sandalwood', 'jasmine', 'eucalyptus', 'pine', 'citrus',
  // How a piece is made ("cushions, no knitted ones", "not quilted").
  'knitted', 'knit', 'quilted', 'embroidered', 'beaded', 'studded', 'padded',
]);

/** Whether a shopper may refuse the word by name ({@link REFUSABLE}); `word` folded and singular. */
export function isRefusableFeature(word: string): boolean {
  return REFUSABLE.has(word) || undiminished(word).some((b) => REFUSABLE.has(b));
}

/** The English words a shop may describe with the Spanish word (folded, singular), or none; also said fondly ("pajarito", "angelito", "corazoncito"). */
export function englishFeatureWords(word: string): readonly string[] {
  if (Object.hasOwn(TABLE, word)) return TABLE[word] as readonly string[];
  for (const base of undiminished(word)) if (Object.hasOwn(TABLE, base)) return TABLE[base] as readonly string[];
  return [];
}

/** Diminutive endings and what the word ends with without them (folded, singular). */
const DIMINUTIVES: readonly (readonly [string, readonly string[]])[] = [
  ['ecito', ['']],
  ['ecita', ['']],
  ['cito', ['']],
  ['cita', ['']],
  ['ito', ['o', '', 'e']],
  ['ita', ['a', '', 'e']],
  ['illo', ['o', '']],
  ['illa', ['a', '']],
];

/** The words a diminutive may be of ("pajarito" → "pajaro", "angelito" → "angel", "florecita" → "flor"); none for a short word. */
function undiminished(word: string): string[] {
  const out: string[] = [];
  for (const [end, bases] of DIMINUTIVES) {
    if (word.length < end.length + 3 || !word.endsWith(end)) continue;
    const stem = word.slice(0, -end.length);
    for (const b of bases) out.push(stem + b);
  }
  return out;
}
