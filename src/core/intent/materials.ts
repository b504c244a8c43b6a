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
}

export const MATERIALS: Readonly<Record<string, MaterialForms>> = {
  leather: {
    forms: ['leather', 'genuine leather', 'real leather', 'full-grain leather', 'cuero', 'cuero genuino', 'cuero real', 'piel genuina', 'piel de vacuno'],
    spoken: ['piel'],
    written: ['de piel', 'en piel'],
  },
  'faux leather': { forms: ['faux leather', 'vegan leather', 'pleather', 'pu leather', 'cuero sintetico', 'piel sintetica', 'ecocuero', 'polipiel', 'cuerina'] },
  suede: { forms: ['suede', 'suede leather', 'gamuza', 'piel de ante', 'cuero de ante'], spoken: ['ante'], written: ['de ante', 'en ante'] },
  nubuck: { forms: ['nubuck', 'nubuck leather', 'nobuk', 'nobuck', 'piel nobuk', 'cuero nobuk'] },
  wool: { forms: ['wool', 'woollen', 'woolen', 'lana'] },
  merino: { forms: ['merino', 'merino wool', 'lana merino'] },
  cashmere: { forms: ['cashmere', 'cachemira', 'cachemir', 'casimir'] },
  cotton: { forms: ['cotton', 'algodon'] },
  polyester: { forms: ['polyester', 'poliester'] },
  nylon: { forms: ['nylon', 'nailon'] },
  acrylic: { forms: ['acrylic', 'acrilico'] },
  spandex: { forms: ['spandex', 'elastane', 'lycra', 'licra', 'elastano'] },
  silk: { forms: ['silk', 'seda'] },
  linen: { forms: ['linen', 'lino'] },
  denim: { forms: ['denim', 'mezclilla'] },
  velvet: { forms: ['velvet', 'terciopelo'] },
  viscose: { forms: ['viscose', 'rayon', 'viscosa'] },
  fur: { forms: ['fur', 'real fur', 'pelaje', 'piel de animal'], spoken: ['faux fur', 'pelo'] },
  down: {
    forms: ['goose down', 'duck down', 'down fill', 'down-filled', 'plumon', 'plumas'],
    spoken: ['down', 'feathers'],
    written: ['down jacket', 'down quilt'],
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
};

/**
 * Materials that are kinds of another: suede and nubuck are leather, merino is wool. Ruling out the
 * family ("no leather", "sin piel") rules out its members too; ruling out a member ("no suede") does
 * not rule out the family.
 */
export const MATERIAL_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  leather: ['suede', 'nubuck'],
  wool: ['merino'],
};

/** The material and every material of its family (`leather` → leather, suede, nubuck). */
export function materialFamily(material: string): readonly string[] {
  return [material, ...(MATERIAL_FAMILIES[material] ?? [])];
}
