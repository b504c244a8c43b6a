/**
 * Materials in English and Spanish, accent-folded: one vocabulary for both ends of a rejection — the
 * words a shopper rules out ("sin cuero", "no synthetics") and the words that say a product is made
 * of it ("genuine leather upper"). Keys are the canonical names rejections carry.
 */
export interface MaterialForms {
  /** What the material is called, in a shopper's words and in product text alike. */
  readonly forms: readonly string[];
  /**
   * Forms read only in a shopper's words: in product text they mean something else or too much
   * ("piel" is also skin, "down" a direction, "foam" any foam, "faux fur" the opposite of fur).
   */
  readonly spoken?: readonly string[];
  /** Forms looked for only in product text ("de piel", "down jacket": in a request, other words). */
  readonly written?: readonly string[];
  /** A stone set in a product rather than what it is made of: asked for "with" it ("earrings with diamonds"). */
  readonly stone?: boolean;
  /**
   * Words that name the material only right before one of `heads` ("a *jean* jacket": denim; "jeans"
   * alone are the trousers). In product text the two words are read together ("Trucker Jean Jacket");
   * in a shopper's words the first is the material and the head stays the kind asked for.
   */
  readonly compound?: { readonly words: readonly string[]; readonly heads: readonly string[] };
  /**
   * Words that name the material only right after one of `heads`, as Spanish puts an adjective ("una
   * chaqueta *vaquera*": denim; "vaqueros" alone are jeans). Read as {@link compound} is, the other way round.
   */
  readonly after?: { readonly words: readonly string[]; readonly heads: readonly string[] };
}

/** The two-word forms of a material's {@link MaterialForms.compound} ("jean jacket") and {@link MaterialForms.after} ("chaqueta vaquera"). */
export function compoundForms(m: MaterialForms): string[] {
  const c = m.compound;
  const a = m.after;
  return [...(c ? c.words.flatMap((w) => c.heads.map((h) => `${w} ${h}`)) : []), ...(a ? a.heads.flatMap((h) => a.words.map((w) => `${h} ${w}`)) : [])];
}

export const MATERIALS: Readonly<Record<string, MaterialForms>> = {
  leather: {
    forms: ['leather', 'genuine leather', 'real leather', 'full-grain leather', 'cuero', 'cuero genuino', 'cuero real', 'piel genuina', 'piel de vacuno'],
    spoken: ['piel'],
    written: ['de piel', 'en piel'],
  },
  // "de piel sintética" and "cuero vegano" are one material: read as "de piel" then "sintética" they were leather and synthetic.
  'faux leather': {
    forms: ['faux leather', 'vegan leather', 'pleather', 'pu leather', 'cuero sintetico', 'piel sintetica', 'ecocuero', 'polipiel', 'cuerina', 'cuero vegano', 'piel vegana', 'cuero ecologico', 'piel ecologica'],
    written: ['de piel sintetica', 'en piel sintetica', 'de piel vegana', 'de piel ecologica'],
  },
  // Patent leather ("charol") is leather with a glossy coat.
  'patent leather': { forms: ['patent leather', 'charol', 'piel de charol', 'cuero de charol', 'cuero charolado'] },
  suede: { forms: ['suede', 'suede leather', 'gamuza', 'piel de ante', 'cuero de ante'], spoken: ['ante'], written: ['de ante', 'en ante'] },
  // As faux leather is no leather, faux suede is no suede (nor leather): one material, not suede and synthetic.
  'faux suede': { forms: ['faux suede', 'vegan suede', 'microsuede', 'micro suede', 'gamuza sintetica', 'gamuza vegana', 'ante sintetico', 'ante vegano'] },
  nubuck: { forms: ['nubuck', 'nubuck leather', 'nobuk', 'nobuck', 'piel nobuk', 'cuero nobuk'] },
  wool: { forms: ['wool', 'woollen', 'woolen', 'lana'] },
  merino: { forms: ['merino', 'merino wool', 'lana merino'] },
  // An alpaca is also the animal (a plush toy): alone, only a shopper's word.
  alpaca: { forms: ['alpaca wool', 'baby alpaca', 'lana de alpaca'], spoken: ['alpaca'], written: ['de alpaca', 'en alpaca'] },
  cashmere: { forms: ['cashmere', 'cachemira', 'cachemir', 'casimir'] },
  cotton: { forms: ['cotton', 'algodon'] },
  polyester: { forms: ['polyester', 'poliester'] },
  nylon: { forms: ['nylon', 'nailon'] },
  acrylic: { forms: ['acrylic', 'acrilico'] },
  spandex: { forms: ['spandex', 'elastane', 'lycra', 'licra', 'elastano'] },
  silk: { forms: ['silk', 'seda'] },
  linen: { forms: ['linen', 'lino'] },
  // "de jean" is denim in much of Latin America ("campera de jean"), and so is "jean" before an English
  // garment ("a jean jacket", "jean shorts"); "jean" alone is the trousers.
  denim: {
    forms: ['denim', 'mezclilla'],
    written: ['de jean', 'de jeans'],
    compound: {
      words: ['jean', 'jeans'],
      heads: ['jacket', 'jackets', 'shorts', 'skirt', 'skirts', 'vest', 'vests', 'dress', 'dresses', 'shirt', 'shirts', 'overalls', 'jumpsuit', 'jumpsuits', 'romper', 'rompers', 'coat', 'coats', 'bag', 'bags', 'cap', 'caps', 'hat', 'hats'],
    },
    // Spain: "una chaqueta vaquera", "una falda vaquera", "un chaleco vaquero"; "unos vaqueros" are the jeans.
    after: {
      words: ['vaquera', 'vaqueras', 'vaquero', 'vaqueros', 'tejana', 'tejanas', 'tejano', 'tejanos'],
      heads: ['chaqueta', 'chaquetas', 'cazadora', 'cazadoras', 'chamarra', 'chamarras', 'campera', 'camperas', 'falda', 'faldas', 'camisa', 'camisas', 'chaleco', 'chalecos', 'vestido', 'vestidos', 'short', 'shorts', 'mono', 'monos', 'peto', 'petos', 'gorra', 'gorras', 'mochila', 'mochilas', 'bolso', 'bolsos', 'bermuda', 'bermudas', 'overol', 'overoles'],
    },
  },
  // "Franela" alone is also a T-shirt (Venezuela): only "de franela" is the fabric.
  flannel: { forms: ['flannel'], written: ['de franela', 'en franela'] },
  velvet: { forms: ['velvet', 'terciopelo'] },
  viscose: { forms: ['viscose', 'rayon', 'viscosa'] },
  fur: { forms: ['fur', 'real fur', 'pelaje', 'piel de animal'], spoken: ['pelo'] },
  // As faux leather is no leather, faux fur is no fur: "a faux fur coat, no real fur" wishes one and refuses the other.
  'faux fur': { forms: ['faux fur', 'fake fur', 'vegan fur', 'pelo sintetico', 'pelo artificial', 'piel sintetica de pelo'] },
  // "down" before a padded thing is its filling ("a down jacket": down, the jacket still the kind asked for).
  down: {
    forms: ['goose down', 'duck down', 'down fill', 'down-filled', 'plumon', 'plumas'],
    spoken: ['down', 'feathers'],
    compound: {
      words: ['down'],
      heads: ['jacket', 'jackets', 'coat', 'coats', 'parka', 'parkas', 'vest', 'vests', 'gilet', 'gilets', 'puffer', 'puffers', 'quilt', 'quilts', 'comforter', 'comforters', 'duvet', 'duvets', 'pillow', 'pillows', 'booties', 'slippers'],
    },
  },
  synthetic: {
    forms: ['synthetic', 'synthetics', 'synthetic fabric', 'synthetic fabrics', 'sintetico', 'sinteticos', 'sintetica', 'sinteticas', 'tela sintetica', 'fibras sinteticas'],
  },
  plastic: { forms: ['plastic', 'plastico', 'plasticos', 'pvc', 'vinyl', 'vinilo'] },
  rubber: { forms: ['rubber', 'goma', 'caucho'] },
  latex: { forms: ['latex'] },
  metal: { forms: ['metal', 'metals', 'metales'] },
  nickel: { forms: ['nickel', 'niquel'] },
  gold: { forms: ['gold', 'oro'] },
  silver: { forms: ['silver', 'sterling silver', 'plata'] },
  steel: { forms: ['steel', 'stainless steel', 'acero', 'acero inoxidable'] },
  wood: { forms: ['wood', 'wooden', 'madera'] },
  glass: { forms: ['glass', 'vidrio', 'cristal'] },
  bamboo: { forms: ['bamboo', 'bambu'] },
  'memory foam': { forms: ['memory foam', 'espuma viscoelastica', 'viscoelastica'], spoken: ['foam', 'espuma'] },
  oak: { forms: ['oak', 'solid oak', 'roble'] },
  teak: { forms: ['teak', 'teca'] },
  platinum: { forms: ['platinum', 'platino'] },
  titanium: { forms: ['titanium', 'titanio'] },
  brass: { forms: ['brass', 'laton'] },
  ceramic: { forms: ['ceramic', 'ceramics', 'ceramica', 'ceramicas', 'ceramico'] },
  porcelain: { forms: ['porcelain', 'porcelana'] },
  marble: { forms: ['marble', 'marmol'] },
  clay: { forms: ['clay', 'arcilla', 'barro', 'terracotta', 'terracota'] },
  cork: { forms: ['cork', 'corcho'] },
  rattan: { forms: ['rattan', 'wicker', 'ratan', 'mimbre'] },
  jute: { forms: ['jute', 'yute'] },
  cardboard: { forms: ['cardboard', 'carton'] },
  canvas: { forms: ['canvas', 'lona'] },
  satin: { forms: ['satin', 'saten'] },
  // "pana" alone is also a friend ("mi pana", Venezuela, Colombia, Ecuador): only "de pana" is the fabric.
  corduroy: { forms: ['corduroy', 'pana acanalada'], written: ['de pana'] },
  // Stones: plurals are listed because a request's words are matched as written ("with diamonds").
  // "Brillantes" are diamonds as a jeweller sells them ("aretes con brillantes", "anillo de brillantes"), but
  // "brillante(s)" alone is shiny ("zapatos brillantes"): read only after "con" or "de".
  diamond: { forms: ['diamond', 'diamonds', 'diamante', 'diamantes'], written: ['con brillantes', 'de brillantes'], stone: true },
  sapphire: { forms: ['sapphire', 'sapphires', 'zafiro', 'zafiros'], stone: true },
  ruby: { forms: ['ruby', 'rubies', 'rubi'], stone: true },
  pearl: { forms: ['pearl', 'pearls', 'perla', 'perlas'], stone: true },
  opal: { forms: ['opal', 'opals', 'opalo', 'opalos'], stone: true },
  amethyst: { forms: ['amethyst', 'amethysts', 'amatista', 'amatistas'], stone: true },
  topaz: { forms: ['topaz', 'topacio', 'topacios'], stone: true },
  quartz: { forms: ['quartz', 'cuarzo', 'cuarzos'], stone: true },
  onyx: { forms: ['onyx', 'onix'], stone: true },
  jade: { forms: ['jade'], stone: true },
  // Turquoise is a colour in a shopper's words ("turquoise earrings", "no turquoise": colours.ts), and a
  // stone in a jewel's text ("Turquoise globe earrings", a tag "Turquoise"): "no stones" rules it out.
  turquoise: { forms: [], written: ['turquoise', 'turquoises', 'turquesa', 'turquesas'], stone: true },
  gemstone: { forms: ['gemstone', 'gemstones', 'gem', 'gems', 'gema', 'gemas', 'piedra preciosa', 'piedras preciosas', 'stones', 'piedras', 'piedritas', 'pedreria'], stone: true },
};

/**
 * Materials that are kinds of another: suede and nubuck are leather, merino is wool. Ruling out the
 * family ("no leather", "sin piel") rules out its members too; ruling out a member ("no suede") does
 * not rule out the family.
 */
export const MATERIAL_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  leather: ['suede', 'nubuck', 'patent leather'],
  wool: ['merino', 'alpaca'],
  wood: ['oak', 'teak'],
  gemstone: ['diamond', 'sapphire', 'ruby', 'opal', 'amethyst', 'topaz', 'quartz', 'onyx', 'jade', 'turquoise'],
};

/** The material and every material of its family (`leather` → leather, suede, nubuck). */
export function materialFamily(material: string): readonly string[] {
  return [material, ...(MATERIAL_FAMILIES[material] ?? [])];
}

/**
 * Figures of speech that name a metal, stone or material without meaning one (folded): "the gold
 * standard", "a silver lining", "a diamond in the rough", "bodas de oro". Inside one, neither a
 * material nor a colour is asked for.
 */
export const FIGURATIVE: readonly string[] = [
  'gold standard', 'golden standard', 'silver lining', 'silver linings', 'silver bullet', 'silver screen', 'silver tongue', 'silver tongued',
  'golden rule', 'golden opportunity', 'golden age', 'golden years', 'golden ticket', 'golden retriever', 'silver fox', 'heart of gold',
  'good as gold', 'worth its weight in gold', 'diamond in the rough', 'rough diamond', 'hidden gem', 'a real gem', 'an absolute gem',
  'iron fist', 'nerves of steel', 'glass ceiling', 'plastic surgery', 'cotton candy', 'velvet rope', 'silk road', 'wooden spoon award',
  'regla de oro', 'corazon de oro', 'edad de oro', 'mina de oro', 'bodas de oro', 'bodas de plata', 'bodas de diamante', 'diamante en bruto',
  'vale oro', 'nervios de acero', 'techo de cristal', 'cirugia plastica', 'algodon de azucar',
  // "Stones" alone is a jewel's stones; these are not.
  'stepping stones', 'kidney stones', 'skipping stones', 'piedras del jardin', 'piedras de rio', 'piedras para el jardin',
];

/**
 * English nouns after a material that make it what the product is for, not what it is made of
 * ("leather *care* kit", "wood *polish*", "silver *cleaner*", "suede *protector*").
 */
export const CARE_AFTER_EN: ReadonlySet<string> = new Set([
  'care', 'cleaner', 'cleaners', 'cleaning', 'polish', 'polishing', 'conditioner', 'conditioning', 'protector', 'protection', 'repair', 'restorer',
  'treatment', 'stain', 'oil', 'wax', 'glue', 'cutter', 'saw', 'filler', 'dye', 'shampoo', 'brush', 'eraser', 'tester', 'sealer', 'varnish',
]);

/**
 * Spanish nouns before "de", "del" or "para" and a material that make it what the product is for
 * ("limpiador *de cuero*", "cuidado del cuero", "crema para piel", "abrillantador de plata").
 */
export const CARE_BEFORE_ES: ReadonlySet<string> = new Set([
  'limpiador', 'limpiadores', 'limpieza', 'cuidado', 'cuidados', 'crema', 'cremas', 'abrillantador', 'protector', 'protectores', 'tinte', 'aceite',
  'cera', 'pegamento', 'reparacion', 'cepillo', 'sellador', 'barniz', 'champu', 'acondicionador',
]);
