/**
 * The category synonym table (English and Spanish). Each group lists English and Spanish terms that name
 * the same kind of product; the first English term is the canonical name. Terms are folded (no accents) and singular or
 * plural (both are folded to singular when matching). Shop taxonomies are matched through these groups,
 * so "zapatillas" finds a shop's "Sneakers" or "Running Shoes".
 *
 * A group may name a family: `narrower` lists the groups a shopper saying its word also asks for
 * ("shoes" is met by sneakers, boots and sandals; "jewelry" by necklaces and earrings; "furniture" by
 * sofas and dressers), never the reverse (asking for sneakers is not asking for boots). A `place` group
 * names where products are used (a room, the garden) rather than a kind; its `narrower` groups are the
 * kinds used there. Words that also have an everyday sense ("light", "cuarto", "cómoda", "cerca") are
 * read as a kind only where `wordSense.ts` says so.
 */
/** One synonym group: English terms (the first is canonical) and Spanish terms. */
export interface SynonymGroup {
  readonly en: readonly string[];
  readonly es: readonly string[];
  /** Canonical names of the narrower groups this word also asks for (a family: "shoes" → sneakers, boots…). */
  readonly narrower?: readonly string[];
  /** A place products are for (a room, the garden), not a kind of product. */
  readonly place?: true;
  /**
   * A word shops name products of this kind by alone, though it is no name of the kind to a shopper
   * (it names other kinds too): a product type, tag or title head "Pot" is a planter ("White Ceramic
   * Pot" tagged Pot), unless the product names another kind holding the word (cookware's "cooking pot",
   * "pots and pans", "olla"). Read by intentScoring.ts when matching the kind, never to read a request.
   */
  readonly heads?: readonly string[];
  /**
   * Terms of {@link en} / {@link es} that say the kind by what it is for ("somewhere to sit", "para
   * regar"), not name it: where the shop lacks the kind, the answer quotes the canonical name
   * ("seating", "watering cans"), not the shopper's words.
   */
  readonly described?: readonly string[];
  /**
   * Terms of {@link en} / {@link es} that name a narrower kind inside this one ("choker", "hoops",
   * "gargantilla"): asking for one asks for the kind, but refusing one ("no chokers") refuses the
   * products that say the word, not the whole kind (intent/entities.ts).
   */
  readonly subkinds?: readonly string[];
  /**
   * Words that, in a product's title, type or tags, say it is of this kind though they name no kind
   * ("Red Sports Tee" is activewear): read by intentScoring.ts when matching the kind, never to read a
   * request ("a sports jacket" asks for a jacket).
   */
  readonly marks?: readonly string[];
  /**
   * A product of one of the kinds `of` (canonical names) is of this kind too when its text, its
   * description included, says one of `said`: a jacket described as "waterproof" is a raincoat to a
   * shopper asking for one. Read by intentScoring.ts when matching the kind, never to read a request.
   */
  readonly kindWith?: { readonly of: readonly string[]; readonly said: readonly string[] };
  /**
   * The family's `narrower` kinds stand in for one another (outerwear, seating): where the shop has none
   * of the kind asked for, its products of the others come first (a jacket for "a coat"). Not of a family
   * such as jewellery, whose kinds do not (a necklace is no closer to earrings than a ring is).
   */
  readonly substitutes?: true;
}

/** Activewear said by what it is for ({@link SynonymGroup.described}): "something to work out in", "algo para ir al gym". */
const SPORT_SAID = ['to work out in', 'to train in', 'to run in', 'something for the gym', 'something for running'];
/** (At most four words each: phrases are matched up to four tokens, catalogVocabulary.ts.) */
const DEPORTE_DICHO = ['para ir al gym', 'para ir al gimnasio', 'algo para el gym', 'algo para el gimnasio', 'algo para entrenar', 'para salir a correr', 'algo para correr'];

/** A top said by having no sleeves ("a sleeveless top", "una remera sin mangas"): a narrower kind of top (`SUBKIND_FORMS`). */
const SLEEVELESS_SAID = ['sleeveless top', 'sleeveless tops', 'sleeveless tee', 'sleeveless tees', 'sleeveless shirt', 'sleeveless shirts', 'sleeveless blouse', 'sleeveless blouses'];
const SIN_MANGAS_DICHO = ['camiseta sin mangas', 'camisetas sin mangas', 'remera sin mangas', 'remeras sin mangas', 'playera sin mangas', 'playeras sin mangas', 'blusa sin mangas', 'blusas sin mangas', 'top sin mangas', 'tops sin mangas'];

/** The synonym table. */
/** Seating, storage, watering cans and lighting said by what they are for, in English and Spanish ({@link SynonymGroup.described}). */
const SEATING_SAID = ['somewhere to sit', 'someplace to sit', 'place to sit', 'places to sit', 'something to sit on', 'things to sit on'];
const SEATING_DICHO = ['donde sentarse', 'donde sentarme', 'donde sentarnos', 'lugar para sentarse', 'lugar para sentarme', 'algo para sentarse', 'algo para sentarme'];
const WATERING_SAID = ['something to water', 'anything to water', 'for watering'];
const STORAGE_SAID = ['something to store', 'somewhere to store', 'place to store', 'place to put', 'somewhere to put', 'somewhere to keep', 'where to put', 'where to keep', 'where to store'];
const STORAGE_DICHO = ['para guardar', 'algo para guardar', 'donde guardar', 'algo donde guardar', 'lugar para guardar', 'donde poner', 'lugar para poner'];
const WATERING_DICHO = ['para regar', 'algo para regar', 'con que regar'];
/**
 * Jewellery by where it is worn ("something to wear around my neck", "algo para las orejas"). Not "for
 * my neck" / "para el cuello": a cream, a pillow or a scarf for the neck is as likely.
 */
const NECK_SAID = ['around my neck', 'around her neck', 'around his neck', 'round my neck', 'round her neck', 'alrededor del cuello', 'para llevar al cuello', 'para colgar del cuello'];
const EARS_SAID = ['for my ears', 'for her ears', 'for the ears', 'in my ears', 'on my ears', 'para las orejas', 'para mis orejas', 'para sus orejas', 'en las orejas', 'pa las orejas'];
const WRIST_SAID = ['for my wrist', 'for her wrist', 'for his wrist', 'for the wrist', 'on my wrist', 'around my wrist', 'para la muneca', 'para mi muneca', 'para su muneca', 'en la muneca', 'pa la muneca'];
/** Something to carry things in ("something to carry my laptop", "algo para llevar mis cosas"; not "algo para llevar": to wear, too). */
const BAGS_SAID = ['something to carry', 'to carry my', 'to carry her', 'to carry his', 'to carry things', 'to carry stuff', 'para llevar mis cosas', 'para cargar mis cosas', 'algo para cargar'];
/** A home that smells nice ("something to make the house smell nice", "algo para que huela bien"). */
const SCENT_SAID = ['smell nice', 'smell good', 'smells nice', 'smells good', 'smell great', 'huela bien', 'huela rico', 'que huela', 'huelan bien', 'buen olor', 'olor rico', 'para que huela', 'para que huela bien', 'para que huela rico', 'para que la casa huela', 'para perfumar', 'para aromatizar'];
/** Something on a wall ("something to hang on the wall", "algo para colgar en la pared"). */
const WALL_SAID = ['to hang on the wall', 'to hang on my wall', 'hang on the wall', 'hang on my wall', 'for the wall', 'for my wall', 'for my walls', 'for the walls', 'colgar en la pared', 'para colgar en la pared', 'para la pared', 'para las paredes'];
/** Feet kept warm ("something to keep my feet warm"; not "for my feet": a cream is as likely). */
const FEET_SAID = ['keep my feet warm', 'keep her feet warm', 'keep his feet warm', 'for cold feet', 'pies calentitos', 'pies calientes'];

/** A room or a corner to be lit ("something to brighten up a dark room"; not "to brighten her day"). */
const LIGHTING_SAID = ['brighten up a room', 'brighten up the room', 'brighten up my room', 'brighten up a dark', 'brighten up the dark', 'brighten up my dark', 'brighten a room', 'brighten the room', 'brighten my room', 'brighten a dark', 'brighten the dark', 'brighten my dark', 'light up a room', 'light up the room', 'light up my room', 'light up the garden', 'light up my garden', 'light up the patio', 'something to read by', 'to read by', 'to read in bed', 'for reading in bed', 'to see at night'];
const LIGHTING_DICHO = ['iluminar', 'para iluminar', 'algo para iluminar', 'alumbrar', 'para alumbrar', 'algo que ilumine', 'que ilumine', 'dar luz', 'que de luz', 'mas luz', 'para leer de noche', 'para leer en la cama', 'leer en la cama'];

/**
 * The names of each narrower kind ({@link SynonymGroup.subkinds}), English and Spanish, as phrase keys
 * are made (singular): a product that says any of them is of that kind ("Choker with Bead" is a
 * gargantilla; a "Tank Top" is a musculosa). Only these are held as the kind (intent/entities.ts
 * `subkinds`); the table's others are read for refusals alone: a "chain" is what most necklaces hang on,
 * said of them in descriptions ("Sterling silver chain"), so "a gold chain" asks for gold necklaces.
 */
export const SUBKIND_FORMS: readonly (readonly string[])[] = [
  ['choker', 'gargantilla'],
  ['pendant', 'colgante', 'dije', 'dijecito', 'colgantito'],
  ['hoop', 'argolla', 'arracada', 'candonga', 'arete de aro', 'pendiente de aro'],
  ['stud', 'topito', 'pendiente de boton', 'arete de boton'],
  ['bangle', 'esclava', 'pulsera rigida', 'brazalete rigido'],
  ['drop earring', 'drop', 'pendiente largo', 'arete largo'],
  ['dangle earring', 'dangle'],
  ['tennis bracelet'],
  ['charm bracelet', 'charm'],
  ['cuff bracelet', 'cuff'],
  ['tank top', 'tank', 'camiseta de tirante', 'musculosa'],
  ['camisole', 'cami'],
  ['crop top', 'cropped top', 'top corto'],
  ['halter top', 'halter'],
  ['tube top', 'top palabra de honor'],
  ['cardigan', 'rebeca'],
  ['recliner', 'sillon reclinable'],
  ['huggie earring', 'huggie', 'huggies', 'huggie hoop'],
  ['ear cuff', 'ear cuffs'],
  ['clip-on earring', 'clip on earring', 'clip-ons', 'pendiente de clip', 'arete de clip'],
  ['desk', 'desks', 'writing desk', 'computer desk', 'escritorio'],
  ['dining table', 'kitchen table', 'mesa de comedor', 'mesa de cocina'],
  ['sleeveless top', 'sleeveless', 'sleeveless tee', 'sleeveless shirt', 'sleeveless blouse', 'camiseta sin manga', 'remera sin manga', 'playera sin manga', 'blusa sin manga', 'top sin manga'],
  ['blazer', 'americana'],
  ['puffer jacket', 'puffer', 'puffer coat', 'plumifero', 'campera inflable', 'chaqueta acolchada', 'campera acolchada'],
  ['bomber jacket', 'bomber'],
  ['windbreaker', 'cortaviento', 'rompeviento'],
  ['rain jacket', 'raincoat', 'rain coat', 'impermeable', 'chubasquero', 'piloto de lluvia', 'piloto para la lluvia', 'capa de lluvia', 'capa impermeable'],
  ['sofa bed', 'sofabed', 'sofa cama'],
  ['floor lamp', 'standing lamp', 'lampara de pie'],
  ['ceiling light', 'ceiling lamp', 'lampara de techo', 'plafon'],
  ['chandelier', 'arana de luz', 'arana de techo'],
  ['office chair', 'desk chair', 'gaming chair', 'silla de oficina', 'silla de escritorio', 'silla gamer'],
  ['coffee table', 'mesa de centro', 'mesita de centro', 'mesa ratona', 'mesita ratona'],
];

/**
 * Words that say a product is of a narrower kind ({@link SUBKIND_FORMS}, by its first name) where its
 * title, type and tags do not name it, read in its description too: a top described as "sleeveless"
 * is a sleeveless top, a jacket described as "waterproof" a rain jacket.
 */
export const SUBKIND_SAID: ReadonlyMap<string, readonly string[]> = new Map([
  ['tank top', ['sleeveless', 'sin mangas', 'tank top']],
  ['crop top', ['cropped', 'crop top']],
  ['sleeveless top', ['sleeveless', 'sin mangas', 'tank top', 'camisole', 'strapless', 'halter', 'musculosa']],
  ['puffer jacket', ['puffer', 'padded', 'quilted', 'down filled', 'down-filled', 'acolchada', 'acolchado', 'plumifero']],
  ['rain jacket', ['waterproof', 'water repellent', 'water-repellent', 'rainproof', 'impermeable', 'raincoat', 'rain jacket', 'chubasquero']],
  ['sofa bed', ['sofa bed', 'sofa cama', 'pull-out bed', 'pull out bed', 'converts into a bed', 'folds out into a bed']],
  ['floor lamp', ['floor lamp', 'standing lamp', 'lampara de pie']],
]);

export const CATEGORY_SYNONYMS: readonly SynonymGroup[] = [
  { en: ['sneakers', 'sneaker', 'trainers', 'running shoes', 'running shoe', 'tennis shoes', 'athletic shoes', 'kicks', 'high tops', 'high-tops', 'hi-tops', 'low tops'], es: ['zapatillas', 'zapatilla', 'zapatillas deportivas', 'deportivas', 'tenis', 'zapatillas de correr', 'zapatillas de running', 'championes', 'zapas', 'bambas', 'guayos', 'guayo', 'zapatillas de futbol', 'botines de futbol', 'tachones'] },
  { en: ['shoes', 'shoe', 'footwear'], es: ['zapatos', 'zapato', 'calzado', 'calzados'], narrower: ['sneakers', 'boots', 'sandals', 'heels', 'loafers', 'ballet flats', 'slippers'], substitutes: true },
  { en: ['boots', 'boot', 'ankle boots', 'booties'], es: ['botas', 'bota', 'botines', 'botin', 'botas de montana'] },
  { en: ['sandals', 'sandal', 'flip flops', 'flip-flops', 'slides'], es: ['sandalias', 'sandalia', 'chanclas', 'chancletas', 'ojotas', 'ojota', 'huaraches', 'cotizas'] },
  { en: ['heels', 'high heels', 'pumps', 'stilettos'], es: ['tacones', 'zapatos de tacon'] },
  { en: ['loafers', 'moccasins'], es: ['mocasines', 'mocasin'] },
  // Not "flats" alone: its singular is the everyday "flat" ("a flat sheet", "flat rate").
  { en: ['ballet flats', 'ballerinas', 'ballet pumps'], es: ['bailarinas', 'manoletinas', 'balerinas', 'zapatos planos'] },
  { en: ['slippers', 'house shoes'], es: ['pantuflas', 'zapatillas de casa', 'babuchas'] },
  { en: ['dresses', 'dress', 'gown', 'gowns'], es: ['vestidos', 'vestido', 'traje de noche'] },
  { en: ['t-shirts', 't-shirt', 'tshirt', 'tee', 'tees'], es: ['camisetas', 'camiseta', 'playera', 'playeras', 'remera', 'remeras', 'polera', 'franela', 'franelas'] },
  { en: ['shirts', 'shirt', 'button-down', 'button down', 'blouse', 'blouses'], es: ['camisas', 'camisa', 'blusas', 'blusa'] },
  { en: ['polo shirts', 'polo', 'polos'], es: ['chomba', 'camibuso', 'camibusos'] },
  { en: ['sweaters', 'sweater', 'jumper', 'jumpers', 'pullover', 'cardigan', 'cardigans', 'knitwear', 'jersey'], es: ['jerseis', 'sueter', 'sueteres', 'chompa', 'rebeca', 'chaleco de punto', 'buzo', 'pulover'], subkinds: ['cardigan', 'cardigans', 'rebeca'] },
  { en: ['hoodies', 'hoodie', 'sweatshirt', 'sweatshirts'], es: ['sudaderas', 'sudadera', 'buzos con capucha', 'canguro', 'poleron', 'polerones', 'polera con capucha', 'poleras con capucha'] },
  {
    en: ['jackets', 'jacket', 'blazer', 'blazers', 'bomber', 'bombers', 'bomber jacket', 'bomber jackets', 'windbreaker', 'windbreakers', 'puffer', 'puffers', 'puffer jacket', 'puffer jackets', 'shacket'],
    es: ['chaquetas', 'chaqueta', 'chamarra', 'chamarras', 'campera', 'camperas', 'americana', 'americanas', 'cazadora', 'saco', 'casaca', 'casacas', 'cortavientos', 'rompevientos', 'plumifero', 'plumiferos', 'campera inflable', 'camperas inflables', 'chaqueta acolchada', 'chaquetas acolchadas', 'campera acolchada', 'camperas acolchadas'],
    subkinds: ['blazer', 'blazers', 'americana', 'americanas', 'bomber', 'bombers', 'bomber jacket', 'bomber jackets', 'windbreaker', 'windbreakers', 'cortavientos', 'rompevientos', 'puffer', 'puffers', 'puffer jacket', 'puffer jackets', 'plumifero', 'plumiferos', 'campera inflable', 'camperas inflables', 'chaqueta acolchada', 'chaquetas acolchadas', 'campera acolchada', 'camperas acolchadas'],
  },
  { en: ['coats', 'coat', 'parka', 'parkas', 'overcoat', 'trench coat', 'trench', 'trenches', 'peacoat', 'pea coat', 'puffer coat', 'anorak', 'anoraks'], es: ['abrigo largo', 'abrigos largos', 'gabardina', 'tapado', 'tapados', 'trench', 'abrigo trench'] },
  // Most shops sell rain jackets as jackets, described as waterproof: those are raincoats to a shopper asking for one.
  {
    en: ['raincoats', 'raincoat', 'rain jacket', 'rain jackets', 'rain coat', 'rain coats'],
    es: ['impermeable', 'impermeables', 'chubasquero', 'chubasqueros', 'piloto de lluvia', 'pilotos de lluvia', 'piloto para la lluvia', 'capa de lluvia', 'capas de lluvia', 'capa impermeable'],
    kindWith: { of: ['jackets', 'coats'], said: ['waterproof', 'water repellent', 'water-repellent', 'rainproof', 'rain jacket', 'raincoat', 'impermeable'] },
  },
  // A vest as outerwear (US "vest", UK "gilet"; "un chaleco acolchado"); a knitted one is a sweater.
  { en: ['vests', 'vest', 'gilet', 'gilets', 'waistcoat', 'waistcoats', 'body warmer', 'bodywarmer'], es: ['chalecos', 'chaleco'] },
  { en: ['jeans', 'jean', 'denim'], es: ['vaqueros', 'vaquero', 'pantalones vaqueros', 'pantalon de mezclilla', 'mezclilla', 'tejanos'] },
  { en: ['pants', 'trousers', 'chinos', 'slacks', 'joggers', 'sweatpants', 'track pants', 'cargo pants'], es: ['pantalones', 'pantalon', 'joggers', 'jogger', 'pantalon deportivo', 'pantalones deportivos'] },
  { en: ['leggings', 'legging', 'yoga pants'], es: ['mallas', 'licras', 'calzas'] },
  { en: ['shorts'], es: ['bermudas', 'pantalones cortos', 'pantaloneta'] },
  { en: ['skirts', 'skirt'], es: ['faldas', 'falda', 'pollera'] },
  { en: ['suits', 'suit', 'tuxedo', 'tuxedos', 'tux', 'tuxes'], es: ['trajes', 'traje', 'esmoquin'] },
  { en: ['swimwear', 'swimsuit', 'swimsuits', 'bikini', 'bikinis', 'swim trunks', 'bathing suit'], es: ['trajes de bano', 'traje de bano', 'banador', 'banadores', 'malla de bano'] },
  { en: ['underwear', 'boxers', 'briefs', 'panties', 'lingerie', 'bra', 'bras'], es: ['ropa interior', 'calzoncillos', 'bragas', 'calzones', 'sujetador', 'sosten', 'brasier', 'lenceria'] },
  { en: ['socks', 'sock', ...FEET_SAID], es: ['calcetines', 'calcetin', 'medias', 'calcetas'], described: FEET_SAID },
  { en: ['pajamas', 'pyjamas', 'sleepwear', 'pjs', 'pj', 'jammies', 'jimjams'], es: ['pijamas', 'pijama', 'ropa de dormir', 'piyama', 'piyamas'] },
  {
    en: ['activewear', 'sportswear', 'gym clothes', 'workout clothes', 'gym wear', 'gymwear', 'athleisure', 'training clothes', 'clothes for the gym', 'exercise clothes', ...SPORT_SAID],
    es: ['ropa deportiva', 'ropa de deporte', 'ropa de gimnasio', 'ropa de gym', 'ropa para el gym', 'ropa para el gimnasio', 'ropa para hacer deporte', 'ropa para hacer ejercicio', 'ropa de entrenamiento', ...DEPORTE_DICHO],
    described: [...SPORT_SAID, ...DEPORTE_DICHO],
    marks: ['sport', 'sports', 'sporty', 'athletic', 'workout', 'training', 'running', 'deportivo', 'deportiva'],
  },
  // Families of garments by where they are worn. A shop whose export has no product types names its
  // products only in titles ("Dark Denim Top", "Red Sports Tee", "Striped Silk Blouse"): "a women's top"
  // is met by its tops, tees, shirts, blouses and jumpers, not by its best-selling jacket. "top" and
  // "bottom" are read as garments only where wordSense.ts says so ("top quality", "at the bottom" are
  // none), and products are named by them as a head ("Classic Varsity Top"; not "LED High Tops", a
  // sneaker, nor "Top Quality …").
  {
    en: ['tops', 'top', 'tank tops', 'tank top', 'crop tops', 'crop top', 'camisoles', 'camisole', 'cami', 'tube top', 'tube tops', 'halter top', 'halter tops', 'cropped top', 'cropped tops', 'bodysuits', 'bodysuit', 'tunics', 'tunic', ...SLEEVELESS_SAID],
    es: ['parte de arriba', 'partes de arriba', 'prenda de arriba', 'prendas de arriba', 'ropa de arriba', 'prenda superior', 'prendas superiores', 'camisetas de tirantes', 'camiseta de tirantes', 'musculosas', 'musculosa', 'tunicas', 'tunica', 'top corto', 'tops cortos', 'top palabra de honor', ...SIN_MANGAS_DICHO],
    subkinds: ['tank tops', 'tank top', 'crop tops', 'crop top', 'cropped top', 'cropped tops', 'top corto', 'tops cortos', 'top palabra de honor', 'camisoles', 'camisole', 'cami', 'tube top', 'tube tops', 'halter top', 'halter tops', 'camisetas de tirantes', 'camiseta de tirantes', 'musculosas', 'musculosa', ...SLEEVELESS_SAID, ...SIN_MANGAS_DICHO],
    narrower: ['t-shirts', 'shirts', 'polo shirts', 'sweaters', 'hoodies'],
    heads: ['top'],
  },
  {
    en: ['bottoms', 'bottom'],
    es: ['parte de abajo', 'partes de abajo', 'prenda de abajo', 'prendas de abajo', 'ropa de abajo', 'prenda inferior', 'prendas inferiores'],
    narrower: ['jeans', 'pants', 'leggings', 'shorts', 'skirts'],
    heads: ['bottom'],
  },
  // "abrigo" is a coat and, as in "ropa de abrigo", any warm outer layer: a shopper asking a shop of
  // jackets for "un abrigo" is shown its jackets, and a shop's coats come first among the entries it
  // grounds in (what "sin abrigo" refuses).
  {
    en: ['outerwear', 'outer wear', 'outer layers', 'outer layer', 'coats and jackets', 'jackets and coats'],
    es: ['ropa de abrigo', 'prendas de abrigo', 'prenda de abrigo', 'abrigos', 'abrigo'],
    narrower: ['coats', 'jackets', 'raincoats', 'vests'],
    substitutes: true,
  },
  {
    en: ['clothing', 'clothes', 'apparel', 'outfit', 'outfits', 'garments'],
    es: ['ropa', 'prendas', 'prenda', 'prendas de vestir', 'vestimenta', 'indumentaria'],
    narrower: ['dresses', 'tops', 't-shirts', 'shirts', 'polo shirts', 'sweaters', 'hoodies', 'jackets', 'coats', 'raincoats', 'vests', 'bottoms', 'jeans', 'pants', 'leggings', 'shorts', 'skirts', 'suits', 'swimwear', 'underwear', 'socks', 'pajamas', 'activewear'],
  },
  { en: ['necklaces', 'necklace', 'pendant', 'pendants', 'chain', 'choker', 'chokers', ...NECK_SAID], described: NECK_SAID, subkinds: ['pendant', 'pendants', 'chain', 'choker', 'chokers', 'colgante', 'colgantes', 'dije', 'dijes', 'cadena', 'cadenas', 'gargantilla', 'gargantillas', 'cadenita', 'cadenitas', 'dijecito', 'colgantito'], es: ['collares', 'collar', 'colgante', 'colgantes', 'dije', 'dijes', 'cadena', 'cadenas', 'gargantilla', 'gargantillas', 'collarcito', 'collarcitos', 'cadenita', 'cadenitas', 'dijecito', 'colgantito'] },
  // Regional forms: candongas (Colombia: hoops), arracadas (Mexico: hoops), topitos (Colombia: studs),
  // dormilonas (Venezuela). Not "aro" ("a hoop", "a ring") nor "topo" (a mole); "pendiente(s)" also says
  // "pending": wordSense.ts.
  { en: ['earrings', 'earring', 'studs', 'hoops', 'clip-on earrings', 'clip on earrings', 'clip-ons', 'huggies', 'huggie earrings', 'huggie earring', 'huggie hoops', 'ear cuffs', 'ear cuff', 'drop earrings', 'drop earring', 'dangle earrings', 'dangle earring', 'dangles', ...EARS_SAID], described: EARS_SAID, subkinds: ['clip-on earrings', 'clip on earrings', 'clip-ons', 'pendientes de clip', 'aretes de clip', 'huggies', 'huggie earrings', 'huggie earring', 'huggie hoops', 'pendientes de boton', 'aretes de boton', 'aretes de aro', 'pendientes de aro', 'pendientes largos', 'aretes largos', 'studs', 'hoops', 'ear cuffs', 'ear cuff', 'drop earrings', 'drop earring', 'dangle earrings', 'dangle earring', 'dangles', 'argollas', 'candongas', 'candonga', 'arracadas', 'arracada', 'topitos'], es: ['aretes', 'arete', 'pendientes', 'aros', 'aritos', 'arito', 'zarcillos', 'zarcillo', 'caravanas', 'argollas', 'candongas', 'candonga', 'arracadas', 'arracada', 'topitos', 'dormilonas', 'aretitos', 'aretito', 'pendientitos', 'aretes de aro', 'pendientes de aro', 'pendientes largos', 'aretes largos', 'pendientes de boton', 'aretes de boton', 'pendientes de clip', 'aretes de clip'] },
  { en: ['bracelets', 'bracelet', 'bangle', 'bangles', 'tennis bracelet', 'tennis bracelets', 'charm bracelet', 'charm bracelets', 'cuff bracelet', 'cuff bracelets', ...WRIST_SAID], described: WRIST_SAID, subkinds: ['bangle', 'bangles', 'esclava', 'esclavas', 'pulsera rigida', 'pulseras rigidas', 'brazalete rigido', 'brazaletes rigidos', 'tennis bracelet', 'tennis bracelets', 'charm bracelet', 'charm bracelets', 'cuff bracelet', 'cuff bracelets'], es: ['pulseras', 'pulsera', 'brazalete', 'brazaletes', 'esclava', 'esclavas', 'manilla', 'manillas', 'pulserita', 'pulseritas', 'pulsera rigida', 'pulseras rigidas', 'brazalete rigido', 'brazaletes rigidos'] },
  { en: ['rings', 'ring', 'engagement ring'], subkinds: ['engagement ring'], es: ['anillos', 'anillo', 'sortija', 'alianza', 'anillito', 'anillitos'] },
  { en: ['anklets', 'anklet'], es: ['tobilleras', 'tobillera'] },
  { en: ['brooches', 'brooch'], es: ['broches', 'broche', 'prendedores', 'prendedor'] },
  {
    en: ['jewelry', 'jewellery', 'jewels', 'jewel', 'fine jewelry', 'costume jewelry', 'fashion jewelry'],
    es: ['joyas', 'joya', 'joyeria', 'bisuteria', 'bijou', 'bijouterie', 'alhajas'],
    narrower: ['necklaces', 'earrings', 'bracelets', 'rings', 'anklets', 'brooches'],
  },
  { en: ['watches', 'watch', 'smartwatch'], es: ['relojes', 'reloj', 'reloj inteligente'] },
  { en: ['bags', 'bag', 'handbag', 'handbags', 'purse', 'purses', 'tote', 'totes', 'crossbody', 'crossbody bag', 'clutch', 'clutches', 'satchel', 'satchels', 'shoulder bag', ...BAGS_SAID], described: BAGS_SAID, es: ['bolsos', 'bolso', 'bolsa', 'bolsas', 'cartera de mano', 'cartera', 'rinonera', 'rinoneras', 'bandolera', 'bandoleras', 'clutch'] },
  { en: ['backpacks', 'backpack', 'rucksack'], es: ['mochilas', 'mochila', 'morral', 'morrales'] },
  { en: ['wallets', 'wallet'], es: ['billeteras', 'billetera', 'monedero'] },
  { en: ['sunglasses', 'shades', 'sunnies'], es: ['gafas de sol', 'lentes de sol', 'anteojos de sol'] },
  // Glasses to see with, and their frames: not the picture frames "frames" alone is, nor glassware ("glasses" alone is neither).
  {
    en: ['eyeglasses', 'eyeglass frames', 'eyeglass frame', 'glasses frames', 'glasses frame', 'spectacle frames', 'optical frames', 'prescription glasses', 'reading glasses'],
    es: ['gafas graduadas', 'lentes graduados', 'anteojos graduados', 'gafas de lectura', 'lentes de lectura', 'anteojos', 'monturas', 'montura', 'monturas de gafas', 'armazones', 'armazon'],
  },
  { en: ['eyewear'], es: ['optica'], narrower: ['sunglasses', 'eyeglasses'] },
  { en: ['hats', 'hat', 'cap', 'caps', 'beanie', 'beanies'], es: ['sombreros', 'sombrero', 'gorras', 'gorra', 'gorro', 'gorros'] },
  { en: ['scarves', 'scarf'], es: ['bufandas', 'bufanda', 'panuelo', 'panuelos', 'fular'] },
  { en: ['belts', 'belt'], es: ['cinturones', 'cinturon', 'correa'] },
  { en: ['gloves', 'glove'], es: ['guantes', 'guante'] },
  { en: ['luggage', 'suitcase', 'suitcases', 'carry-on', 'carry on'], es: ['maletas', 'maleta', 'equipaje'] },
  { en: ['mattresses', 'mattress'], es: ['colchones', 'colchon'] },
  {
    en: ['pillows', 'pillow', 'cushions', 'cushion', 'throw pillows', 'throw pillow', 'decorative pillows', 'decorative pillow', 'accent pillows', 'scatter cushions', 'cushion covers', 'cushion cover', 'pillow covers'],
    es: ['almohadas', 'almohada', 'cojines', 'cojin', 'almohadones', 'almohadon', 'almohadas decorativas', 'almohada decorativa', 'cojines decorativos', 'fundas de cojin', 'funda de cojin', 'fundas de almohadon'],
  },
  {
    en: ['bedding', 'sheets', 'bed sheets', 'bedsheets', 'bedsheet', 'bed sheet', 'sheet set', 'bed linen', 'bed linens', 'bed clothes', 'bedclothes', 'duvet', 'duvets', 'duvet cover', 'duvet covers', 'comforter', 'comforters', 'quilt', 'quilts', 'bedspread', 'bedspreads', 'coverlet', 'pillowcases', 'pillowcase', 'pillow cases', 'pillow case', 'blanket', 'blankets'],
    es: ['sabanas', 'sabana', 'juego de sabanas', 'ropa de cama', 'blancos de cama', 'edredon', 'edredones', 'funda nordica', 'fundas nordicas', 'acolchado', 'acolchados', 'plumon', 'plumones', 'cubrecama', 'cubrecamas', 'colcha', 'colchas', 'cobertor', 'cobertores', 'funda de almohada', 'fundas de almohada', 'cobija', 'cobijas', 'manta', 'mantas', 'frazada', 'frazadas'],
  },
  { en: ['towels', 'towel'], es: ['toallas', 'toalla'] },
  { en: ['sofas', 'sofa', 'couch', 'couches', 'loveseat', 'loveseats', 'sofa bed', 'sofa beds', 'sectional', 'sectionals'], es: ['sofas cama', 'sofa cama', 'sillon de dos cuerpos', 'sillon de tres cuerpos', 'sillon de 2 cuerpos', 'sillon de 3 cuerpos', 'sillon de cuatro cuerpos', 'sillon de dos plazas', 'sillon de tres plazas', 'sillon de 2 plazas', 'sillon de 3 plazas', 'sofa de dos plazas', 'sofa de tres plazas'] },
  { en: ['armchairs', 'armchair', 'accent chair', 'accent chairs', 'recliner', 'recliners'], es: ['sillones', 'sillon', 'sillon reclinable', 'butacas', 'butaca', 'poltrona'], subkinds: ['recliner', 'recliners', 'sillon reclinable'] },
  {
    en: ['chairs', 'chair', 'office chair', 'office chairs', 'desk chair', 'desk chairs', 'gaming chair', 'gaming chairs'],
    es: ['sillas', 'silla', 'silla de oficina', 'sillas de oficina', 'silla de escritorio', 'sillas de escritorio', 'silla gamer', 'sillas gamer'],
    subkinds: ['office chair', 'office chairs', 'desk chair', 'desk chairs', 'gaming chair', 'gaming chairs', 'silla de oficina', 'sillas de oficina', 'silla de escritorio', 'sillas de escritorio', 'silla gamer', 'sillas gamer'],
  },
  {
    en: ['tables', 'table', 'desk', 'desks', 'writing desk', 'computer desk', 'dining table', 'dining tables', 'kitchen table', 'kitchen tables'],
    es: ['mesas', 'mesa', 'escritorio', 'escritorios', 'mesa de comedor', 'mesas de comedor', 'mesa de cocina'],
    subkinds: ['desk', 'desks', 'writing desk', 'computer desk', 'escritorio', 'escritorios', 'dining table', 'dining tables', 'kitchen table', 'kitchen tables', 'mesa de comedor', 'mesas de comedor', 'mesa de cocina'],
    narrower: ['coffee tables'],
  },
  { en: ['coffee tables', 'coffee table', 'side table', 'side tables', 'end table', 'end tables'], es: ['mesa de centro', 'mesas de centro', 'mesa ratona', 'mesas ratonas', 'mesa auxiliar', 'mesas auxiliares', 'mesita auxiliar'] },
  {
    en: ['nightstands', 'nightstand', 'night stand', 'night stands', 'bedside table', 'bedside tables', 'night table', 'night tables', 'bedside cabinet', 'bedside cabinets'],
    es: ['mesitas de noche', 'mesita de noche', 'mesas de noche', 'mesa de noche', 'mesa de luz', 'mesas de luz', 'mesita de luz', 'mesitas de luz', 'buro', 'buros'],
  },
  { en: ['dressers', 'dresser', 'chest of drawers', 'chests of drawers', 'drawers', 'tallboy'], es: ['comodas', 'comoda', 'cajoneras', 'cajonera', 'chifonier', 'chiffonier'] },
  { en: ['beds', 'bed', 'bed frame', 'bed frames', 'headboard', 'headboards', 'bunk bed', 'bunk beds'], es: ['camas', 'cama', 'cabecero', 'cabeceros', 'respaldo de cama', 'literas', 'litera', 'somier'] },
  { en: ['wardrobes', 'wardrobe', 'armoire', 'armoires'], es: ['armarios', 'armario', 'roperos', 'ropero', 'placard', 'placares'] },
  { en: ['shelves', 'shelf', 'bookcase', 'bookcases', 'book case', 'book cases', 'bookshelf', 'bookshelves', 'shelving'], es: ['estanterias', 'estanteria', 'estantes', 'estante', 'repisas', 'repisa', 'libreros', 'librero'] },
  { en: ['beanbags', 'beanbag', 'bean bag', 'bean bags', 'bean bag chair', 'bean bag chairs', 'beanbag chair', 'beanbag chairs', 'pouf', 'poufs', 'puff'], es: ['puf', 'pufs', 'puff', 'puffs', 'puff pera', 'sillon puf', 'sillon puff'] },
  // Seating, also said by what it is for ("a comfy place to sit", "algo donde sentarme"): any of its kinds.
  {
    en: ['seating', ...SEATING_SAID],
    es: ['asientos', ...SEATING_DICHO],
    narrower: ['sofas', 'armchairs', 'chairs', 'beanbags'],
    substitutes: true,
    described: [...SEATING_SAID, ...SEATING_DICHO],
  },
  // Storage, also said by what it is for ("somewhere to keep my clothes", "algo para guardar la ropa").
  {
    en: ['storage', 'storage furniture', ...STORAGE_SAID],
    es: ['almacenamiento', 'muebles de almacenamiento', ...STORAGE_DICHO],
    narrower: ['dressers', 'wardrobes', 'shelves', 'baskets'],
    described: [...STORAGE_SAID, ...STORAGE_DICHO],
  },
  { en: ['outdoor furniture', 'garden furniture', 'patio furniture', 'patio set', 'patio sets'], es: ['muebles de jardin', 'mueble de jardin', 'muebles de exterior', 'muebles de terraza', 'mobiliario de jardin'] },
  {
    en: ['furniture', 'furnishings'],
    es: ['muebles', 'mueble', 'mobiliario'],
    narrower: ['sofas', 'armchairs', 'chairs', 'tables', 'nightstands', 'dressers', 'beds', 'wardrobes', 'shelves', 'beanbags', 'outdoor furniture'],
  },
  {
    en: ['lamps', 'lamp', 'light', 'lights', 'floor lamp', 'floor lamps', 'table lamp', 'table lamps', 'desk lamp', 'desk lamps', 'bedside lamp', 'bedside lamps', 'reading lamp', 'pendant light', 'pendant lights', 'pendant lamp', 'ceiling light', 'ceiling lights', 'wall light', 'wall lights', 'string lights', 'fairy lights', 'night light', 'ring light', 'light fixture', 'light fixtures', 'chandelier', 'chandeliers', 'sconce', 'sconces', 'lampshade', 'lampshades', 'lamp shade', 'lamp shades'],
    es: ['lamparas', 'lampara', 'luz', 'luces', 'velador', 'veladores', 'lampara de pie', 'lampara de mesa', 'lampara de techo', 'lampara colgante', 'lampara de noche', 'plafon', 'plafones', 'luces de navidad', 'guirnalda de luces'],
  },
  { en: ['light bulbs', 'light bulb', 'lightbulb', 'lightbulbs', 'led bulb', 'led bulbs'], es: ['focos', 'foco', 'bombillas', 'bombilla', 'bombillos', 'bombillo', 'bombitas', 'bombita', 'lamparitas', 'lamparita'] },
  { en: ['lighting', ...LIGHTING_SAID], es: ['iluminacion', ...LIGHTING_DICHO], narrower: ['lamps', 'light bulbs'], described: [...LIGHTING_SAID, ...LIGHTING_DICHO] },
  { en: ['rugs', 'rug', 'carpet'], es: ['alfombras', 'alfombra', 'tapete'] },
  { en: ['candles', 'candle', 'tea lights', 'tea light', 'tealights', 'tealight', ...SCENT_SAID], es: ['velas', 'vela'], described: SCENT_SAID },
  // Not "pots" alone: plant pots are as common ("Clay Plant Pot" tagged "Pot").
  { en: ['cookware', 'pots and pans', 'cooking pots', 'cooking pot', 'saucepans', 'saucepan', 'stockpot', 'pans', 'frying pan', 'frying pans', 'skillet', 'skillets'], es: ['sartenes', 'sarten', 'ollas', 'olla', 'cacerolas', 'cacerola', 'bateria de cocina'] },
  { en: ['mugs', 'mug', 'cups'], es: ['tazas', 'taza'] },
  // Not "dishes" (a "soap dish" is no tableware), "bowls" (a kind of their own in a shop's words), "glasses"
  // alone (eyeglasses), nor "copa" alone (a bra's cup).
  { en: ['dinnerware', 'tableware', 'plates', 'plate', 'dinner plates', 'dinner plate', 'dinner set', 'dinner sets'], es: ['vajilla', 'vajillas', 'platos', 'plato', 'juego de platos'] },
  { en: ['glassware', 'wine glasses', 'wine glass', 'drinking glasses', 'tumblers', 'tumbler', 'champagne flutes'], es: ['cristaleria', 'copas de vino', 'copas de cristal', 'vasos', 'vaso'] },
  { en: ['cutlery', 'flatware', 'silverware', 'cutlery set'], es: ['cubiertos', 'cuberteria', 'juego de cubiertos'] },
  // The plants and what they are planted in are two kinds: "sin macetas" must not refuse the plants.
  { en: ['plants', 'plant'], es: ['plantas', 'planta'] },
  { en: ['planters', 'planter', 'plant pot', 'plant pots', 'flower pot', 'flower pots', 'flowerpot', 'flowerpots'], es: ['macetas', 'maceta', 'maceteros', 'macetero', 'materas', 'matera'], heads: ['pot'] },
  { en: ['vases', 'vase'], es: ['jarrones', 'jarron', 'floreros', 'florero'] },
  { en: ['mirrors', 'mirror'], es: ['espejos', 'espejo'] },
  { en: ['frames', 'frame', 'picture frames', 'picture frame', 'photo frames', 'photo frame'], es: ['marcos', 'marco', 'marcos de fotos', 'marco de fotos', 'portarretratos', 'portarretrato', 'portaretratos', 'portaretrato'] },
  { en: ['clocks', 'clock', 'wall clock', 'wall clocks', 'alarm clock', 'alarm clocks'], es: ['relojes de pared', 'reloj de pared', 'despertador', 'despertadores', 'reloj despertador'] },
  { en: ['baskets', 'basket', 'storage baskets', 'storage basket', 'hamper', 'hampers'], es: ['cestas', 'cesta', 'canastas', 'canasta', 'cestos', 'cesto', 'canastos', 'canasto'] },
  // Not "curtain" words alone that are other things: "blinds" alone is left out ("blind" is an adjective).
  { en: ['curtains', 'curtain', 'drapes', 'drapery', 'blackout curtains', 'sheer curtains', 'shower curtain', 'shower curtains'], es: ['cortinas', 'cortina', 'visillos', 'visillo', 'cortinas opacas', 'cortina de ducha'] },
  { en: ['window blinds', 'roller blinds', 'roman blinds', 'venetian blinds'], es: ['persianas', 'persiana', 'estores', 'estor'] },
  { en: ['doormats', 'doormat', 'door mat', 'door mats', 'welcome mat'], es: ['felpudos', 'felpudo', 'alfombra de entrada', 'tapete de entrada'] },
  { en: ['bath mats', 'bath mat', 'bathmat', 'shower mat'], es: ['alfombra de bano', 'alfombras de bano', 'alfombrilla de bano', 'tapete de bano'] },
  { en: ['wall art', 'wall decor', 'posters', 'poster', 'art prints', 'art print', 'framed prints', 'canvas prints', 'paintings', ...WALL_SAID], described: WALL_SAID, es: ['cuadros', 'cuadro', 'cuadros decorativos', 'cuadro decorativo', 'arte de pared', 'laminas decorativas', 'posters', 'poster'] },
  { en: ['fences', 'fence', 'fencing', 'garden fence', 'garden fencing', 'fence panel', 'fence panels', 'picket fence'], es: ['cercas', 'cerca', 'cercos', 'cerco', 'vallas', 'valla', 'cercados', 'cercado', 'empalizada'] },
  {
    en: ['garden tools', 'garden tool', 'gardening tools', 'trowel', 'trowels', 'hand trowel', 'shovel', 'shovels', 'spade', 'spades', 'rake', 'rakes', 'pruners', 'pruning shears', 'secateurs'],
    es: ['herramientas de jardin', 'herramientas de jardineria', 'herramienta de jardin', 'palas', 'pala', 'palitas', 'palita', 'pala de jardin', 'rastrillos', 'rastrillo', 'tijeras de podar', 'azadas', 'azada'],
  },
  // Also said by what it is for ("algo para regar las plantas"); not "regar" alone ("tengo que regar").
  { en: ['watering cans', 'watering can', ...WATERING_SAID], es: ['regaderas', 'regadera', 'regadores', 'regador', ...WATERING_DICHO], described: [...WATERING_SAID, ...WATERING_DICHO] },
  { en: ['garden hoses', 'garden hose'], es: ['mangueras', 'manguera'] },
  { en: ['lawn mowers', 'lawn mower', 'lawnmowers', 'lawnmower', 'mowers', 'mower'], es: ['cortacespedes', 'cortacesped', 'cortadora de cesped', 'cortadoras de cesped', 'cortadora de pasto', 'cortadoras de pasto', 'podadora de cesped', 'podadora de pasto', 'corta cesped', 'cortapasto', 'cortagrama'] },
  {
    en: ['garden', 'gardening', 'outdoor', 'patio', 'backyard', 'balcony', 'balconies', 'terrace'],
    es: ['jardin', 'jardineria', 'exterior', 'terraza', 'terrazas', 'patio', 'balcon', 'balcones', 'huerto', 'huerta'],
    narrower: ['plants', 'planters', 'fences', 'garden tools', 'watering cans', 'garden hoses', 'lawn mowers', 'outdoor furniture'],
    place: true,
  },
  {
    en: ['bedroom', 'bedrooms', 'master bedroom', 'guest room', 'guest bedroom'],
    es: ['dormitorio', 'dormitorios', 'recamara', 'recamaras', 'habitacion', 'habitaciones', 'cuarto', 'cuartos', 'alcoba', 'alcobas'],
    narrower: ['beds', 'mattresses', 'bedding', 'nightstands', 'dressers', 'wardrobes'],
    place: true,
  },
  {
    en: ['living room', 'living rooms', 'lounge room', 'sitting room', 'family room'],
    es: ['sala', 'salas', 'sala de estar', 'salon', 'living', 'livings', 'living comedor'],
    narrower: ['sofas', 'armchairs', 'beanbags'],
    place: true,
  },
  { en: ['dining room', 'dining rooms'], es: ['comedor', 'comedores'], place: true },
  { en: ['bathroom', 'bathrooms'], es: ['bano', 'banos', 'cuarto de bano', 'cuartos de bano'], narrower: ['towels', 'bath mats'], place: true },
  { en: ['kitchen', 'kitchens'], es: ['cocina', 'cocinas'], narrower: ['cookware', 'mugs', 'dinnerware', 'glassware', 'cutlery'], place: true },
  {
    en: ['home decor', 'decor', 'decoration', 'decorations', 'home decoration', 'home accessories'],
    es: ['decoracion', 'decoracion del hogar', 'adornos', 'adorno', 'objetos decorativos'],
    narrower: ['pillows', 'lighting', 'rugs', 'candles', 'vases', 'mirrors', 'wall art', 'frames', 'clocks', 'baskets', 'curtains'],
  },
  { en: ['skincare', 'skin care', 'moisturizer', 'moisturiser', 'serum'], es: ['cuidado de la piel', 'crema hidratante', 'hidratante', 'serum facial'] },
  { en: ['makeup', 'make-up', 'cosmetics'], es: ['maquillaje', 'cosmeticos'] },
  { en: ['lipstick', 'lipsticks', 'lip gloss'], es: ['labial', 'labiales', 'pintalabios', 'lapiz labial'] },
  { en: ['perfume', 'perfumes', 'fragrance', 'fragrances', 'cologne'], es: ['colonia', 'fragancia', 'fragancias'] },
  { en: ['shampoo', 'shampoos', 'conditioner', 'hair care'], es: ['champu', 'acondicionador', 'cuidado del cabello'] },
  { en: ['sunscreen', 'sunblock', 'spf'], es: ['protector solar', 'bloqueador', 'bloqueador solar'] },
  { en: ['supplements', 'supplement', 'vitamins', 'protein powder', 'whey', 'protein'], es: ['suplementos', 'suplemento', 'vitaminas', 'proteina', 'proteina en polvo'] },
  { en: ['headphones', 'headphone', 'earbuds', 'earphones', 'headset'], es: ['auriculares', 'audifonos', 'cascos'] },
  { en: ['speakers', 'speaker', 'bluetooth speaker'], es: ['altavoces', 'altavoz', 'bocinas', 'bocina', 'parlante', 'parlantes'] },
  { en: ['phones', 'phone', 'smartphone', 'smartphones', 'cell phone'], es: ['celular', 'celulares', 'telefono', 'telefonos', 'movil', 'moviles'] },
  { en: ['phone cases', 'phone case'], es: ['fundas', 'funda', 'carcasa', 'carcasas'] },
  { en: ['chargers', 'charger', 'cables', 'cable'], es: ['cargadores', 'cargador'] },
  { en: ['laptops', 'laptop', 'notebook', 'notebooks', 'computer', 'computers'], es: ['portatil', 'portatiles', 'computadora', 'computadoras', 'ordenador', 'ordenadores'] },
  { en: ['tablets', 'tablet', 'ipad'], es: ['tabletas', 'tableta'] },
  { en: ['cameras', 'camera'], es: ['camaras', 'camara'] },
  { en: ['tvs', 'tv', 'television', 'televisions'], es: ['televisor', 'televisores', 'tele', 'pantalla'] },
  { en: ['yoga mats', 'yoga mat', 'mat', 'mats'], es: ['esterilla', 'esterillas', 'colchoneta', 'tapete de yoga'] },
  { en: ['bikes', 'bike', 'bicycle', 'bicycles'], es: ['bicicletas', 'bicicleta', 'bici'] },
  { en: ['tents', 'tent', 'camping tent'], es: ['tiendas de campana', 'tienda de campana', 'carpa', 'carpas'] },
  { en: ['toys', 'toy'], es: ['juguetes', 'juguete'] },
  { en: ['strollers', 'stroller', 'pram'], es: ['carritos de bebe', 'carrito de bebe', 'cochecito', 'carriola'] },
  { en: ['dog food', 'pet food'], es: ['comida para perro', 'comida para perros', 'pienso', 'croquetas'] },
  { en: ['pet supplies', 'dog toys', 'cat toys', 'dog bed', 'leash'], es: ['collar para perro', 'correa para perro', 'arenero', 'rascador'] },
  { en: ['coffee', 'coffee beans'], es: ['cafe', 'cafe en grano', 'cafe molido'] },
  { en: ['tea', 'teas'], es: ['infusiones', 'infusion'] },
  { en: ['chocolate', 'chocolates'], es: ['bombones', 'cacao'] },
  { en: ['wine', 'wines'], es: ['vino', 'vinos'] },
  { en: ['books', 'book'], es: ['libros', 'libro', 'novela', 'novelas'] },
  { en: ['gift cards', 'gift card', 'gift certificate'], es: ['tarjetas de regalo', 'tarjeta de regalo', 'cheque regalo', 'vale de regalo'] },
];
