/**
 * Kinds a shop sells under another kind's name, and narrower kinds its products say only in their
 * descriptions (shopper probes, 2026-12-07): "a raincoat" in a shop whose rain jackets are titled
 * "Navy Sports Jacket" and described as waterproof; "camiseta sin mangas" of a top described as
 * sleeveless; "a winter coat" in a shop of jackets; "a puffer jacket", "a blazer", "a coffee table",
 * "an office chair" where the shop has only other jackets, tables and chairs. The products are shaped
 * as the Shopify CSV exports name them: no product type in apparel, titles and tags alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../core/catalog/product.ts';
import { extractEntities } from '../../core/intent/entities.ts';
import { conversationLayer, itemIds, shopWordsExtractor } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'described.myshopify.com';

const apparel: Product[] = [
  product({ id: 'winter-jacket', title: 'Soft Winter Jacket', description: 'Thick black winter jacket, with soft fleece lining. Perfect for those cold weather days.', tags: ['women'], price: 50 }),
  product({ id: 'sports-jacket', title: 'Navy Sports Jacket', description: "Long-sleeved navy waterproof jacket in thin, polyester fabric. The durable water-repellent finish means you'll be kept comfortable.", tags: ['men'], price: 60 }),
  product({ id: 'leather-jacket', title: 'Classic Leather Jacket', description: 'Womans zipped leather jacket.', tags: ['women'], price: 80 }),
  product({ id: 'jumper', title: 'Yellow Wool Jumper', description: 'Knitted jumper in a soft wool blend.', tags: ['women'], price: 40 }),
  product({ id: 'floral-top', title: 'Floral White Top', description: 'Stylish sleeveless white top with a floral pattern.', tags: ['women'], price: 30 }),
  product({ id: 'cotton-top', title: 'Long Sleeve Cotton Top', description: 'Black cotton womens top, with long sleeves.', tags: ['women'], price: 25 }),
  product({ id: 'tee', title: 'Red Sports Tee', description: "Women's red sporty t-shirt with colorful details on the sleeves.", tags: ['women'], price: 20 }),
  product({ id: 'bag', title: 'Black Leather Bag', description: 'Womens black leather bag.', tags: ['women'], price: 30 }),
];
const home: Product[] = [
  product({ id: 'bedside', title: 'Bedside Table', productType: 'Indoor', description: 'Wooden bedside table', tags: ['Wood', 'Bedroom'], price: 70 }),
  product({ id: 'garden-table', title: 'Wooden Outdoor Table', productType: 'Outdoor', description: 'Chic wooden outdoor garden table', tags: ['Wood', 'Garden'], price: 90 }),
  product({ id: 'armchair', title: 'Pink Armchair', productType: 'Indoor', description: 'Stylish pink armchair', tags: ['Chair'], price: 150 }),
  product({ id: 'sofa', title: 'Grey Sofa', productType: 'Indoor', description: 'Large four seater grey sofa', tags: ['Sofa'], price: 400 }),
  product({ id: 'light', title: 'Copper Light', productType: 'Indoor', description: 'Stylish copper bedside light', tags: ['Copper', 'Bedroom'], price: 45 }),
];

const shopOf = (products: Product[]) => conversationLayer(products, undefined, shopWordsExtractor(products));
const dressed = shopOf(apparel);
const furnished = shopOf(home);
const ask = (layer: ReturnType<typeof shopOf>, sessionId: string, text: string) => layer.personalize({ shop: SHOP, limit: 4, sessionId, text }, NOW);

describe('a kind a shop sells under another name', () => {
  it('"a raincoat", "un impermeable", "un chubasquero", "a rain jacket": the jacket described as waterproof meets it (it was "not raincoat", and the list had no jacket that keeps rain out)', async () => {
    for (const [i, text] of ['a raincoat', 'un impermeable', 'necesito un chubasquero', 'do you have a rain jacket?', 'una capa de lluvia', 'un piloto para la lluvia'].entries()) {
      const r = await ask(dressed, `rain-${i}`, text);
      assert.equal(r.constraints.satisfied, true, text);
      assert.equal(itemIds(r)[0], 'sports-jacket', text);
    }
  });

  it('"a raincoat" where no jacket keeps rain out: not satisfied, said in the plural, and the jackets come before the jumper and the bag', async () => {
    const dry = shopOf(apparel.filter((p) => p.id !== 'sports-jacket'));
    const r = await ask(dry, 'dry', 'a raincoat');
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['category']]);
    assert.match(r.constraints.reason ?? '', /but they are not raincoats\.$/);
    assert.deepEqual(itemIds(r).slice(0, 2).sort(), ['leather-jacket', 'winter-jacket']);
  });

  it('"a winter coat" in a shop of jackets: no coat, said so, and its winter jacket first, the other jackets before the bag (the bag and the tuxedo came second)', async () => {
    const r = await ask(dressed, 'coat', 'a winter coat');
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['category']]);
    assert.match(r.constraints.reason ?? '', /but they are not coats\.$/);
    assert.equal(itemIds(r)[0], 'winter-jacket');
    assert.deepEqual(itemIds(r).slice(1, 3).sort(), ['leather-jacket', 'sports-jacket']);
  });

  it('"a warm coat", "a leather coat": the jackets before the jumper "for keeping warm" and the leather bag (probe round 5)', async () => {
    const warmShop = shopOf(apparel.map((p) => (p.id === 'jumper' ? { ...p, description: 'Knitted jumper in a soft wool blend. Perfect for keeping warm.' } : p)));
    const warm = await ask(warmShop, 'warm-coat', 'a warm coat');
    assert.deepEqual(itemIds(warm).slice(0, 3).sort(), ['leather-jacket', 'sports-jacket', 'winter-jacket']);
    const leather = await ask(dressed, 'leather-coat', 'a leather coat');
    assert.deepEqual(itemIds(leather), ['leather-jacket'], 'the leather jacket, not the leather bag');
    assert.deepEqual([leather.constraints.satisfied, leather.constraints.relaxed], [false, ['category']]);
  });

  it('"a winter coat": only the jackets, the kin of a coat (the bag and the jumper filled the list)', async () => {
    const r = await dressed.personalize({ shop: SHOP, limit: 8, sessionId: 'coat-all', text: 'a winter coat' }, NOW);
    assert.deepEqual(itemIds(r).sort(), ['leather-jacket', 'sports-jacket', 'winter-jacket']);
  });

  it('"gold studs under 30" where no earring under 30 is gold: the earrings under 30, said not gold, not the gold chokers (probe round 5)', async () => {
    const jewels = shopOf([
      product({ id: 'boho', title: 'Boho Earrings', productType: 'Earrings', tags: ['Silver', 'Turquoise'], price: 28 }),
      product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Angel', 'Silver'], price: 20 }),
      product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 55 }),
      product({ id: 'choker', title: 'Choker with Bead', productType: 'Necklace', tags: ['Gold', 'Leather'], price: 15 }),
    ]);
    const r = await ask(jewels, 'studs', 'gold studs under 30');
    assert.deepEqual(itemIds(r).sort(), ['angel', 'boho']);
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['colour', 'category']]);
  });
});

describe('a narrower kind a product says in its description', () => {
  it('"camiseta sin mangas", "a sleeveless top", "a tank top": the top described as sleeveless meets it, first; "a crop top" none', async () => {
    for (const [i, text] of ['camiseta sin mangas', 'una remera sin mangas', 'a sleeveless top', 'a tank top', 'una musculosa'].entries()) {
      const r = await ask(dressed, `sleeveless-${i}`, text);
      assert.equal(r.constraints.satisfied, true, text);
      assert.equal(itemIds(r)[0], 'floral-top', text);
      assert.ok(!itemIds(r).includes('cotton-top'), `${text}: not the long-sleeved top`);
    }
    const crop = await ask(dressed, 'crop', 'a crop top');
    assert.deepEqual([crop.constraints.satisfied, crop.constraints.relaxed], [false, ['category']]);
    assert.match(crop.constraints.reason ?? '', /not crop tops\.$/);
  });

  it('"a puffer jacket", "un plumífero", "a blazer": the shop has none; the jackets are shown and said not to be one (any jacket was called a match)', async () => {
    const asked: readonly (readonly [string, string])[] = [['a puffer jacket', 'puffer jackets'], ['un plumífero', 'puffer jackets'], ['a blazer', 'blazers']];
    for (const [i, [text, said]] of asked.entries()) {
      const r = await ask(dressed, `puffer-${i}`, text);
      assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['category']], text);
      assert.match(r.constraints.reason ?? '', new RegExp(`not ${said}`), text);
      assert.ok(['winter-jacket', 'sports-jacket', 'leather-jacket'].includes(itemIds(r)[0] as string), `${text}: a jacket first`);
    }
    const quilted = shopOf([...apparel, product({ id: 'quilted', title: 'Navy Quilted Jacket', description: 'Light padded jacket.', price: 70 })]);
    const r = await ask(quilted, 'puffer-q', 'a puffer jacket');
    assert.deepEqual([r.constraints.satisfied, itemIds(r)[0]], [true, 'quilted'], 'a padded jacket is one');
  });

  it('"a coffee table", "una mesa ratona", "an office chair", "una lámpara de pie": the bedside table, the armchair and the bedside light are not one (they were called a match)', async () => {
    const asked: readonly (readonly [string, string])[] = [['a coffee table', 'bedside'], ['una mesa ratona', 'bedside'], ['a desk', 'bedside'], ['un escritorio', 'bedside'], ['a dining table', 'bedside'], ['una mesa de comedor', 'bedside'], ['an office chair', 'armchair'], ['una lámpara de pie', 'light'], ['a sofa bed', 'sofa']];
    for (const [i, [text, first]] of asked.entries()) {
      const r = await ask(furnished, `home-${i}`, text);
      assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['category']], text);
      assert.ok(['bedside', 'garden-table', 'armchair', 'light', 'sofa'].includes(itemIds(r)[0] as string), `${text}: ${itemIds(r)[0]}`);
      if (first !== 'bedside') assert.equal(itemIds(r)[0], first, text);
    }
    const oak = shopOf([...home, product({ id: 'coffee', title: 'Oak Coffee Table', productType: 'Indoor', price: 120 })]);
    const r = await ask(oak, 'coffee', 'a coffee table');
    assert.deepEqual([r.constraints.satisfied, itemIds(r)[0]], [true, 'coffee']);
  });

  it('are read as the narrower kind, in both languages, and "earrings" or "a jacket" alone still asks for the kind', () => {
    const subkindsOf = (t: string, lang: 'en' | 'es' = 'en') => extractEntities(t, lang).subkinds;
    assert.deepEqual(subkindsOf('huggie earrings'), ['huggie earrings']);
    assert.deepEqual(subkindsOf('huggies'), ['huggies']);
    assert.deepEqual(subkindsOf('ear cuffs'), ['ear cuffs']);
    assert.deepEqual(subkindsOf('clip-on earrings'), ['clip-on earrings']);
    assert.deepEqual(subkindsOf('unos pendientes de clip', 'es'), ['pendientes de clip']);
    assert.deepEqual(subkindsOf('unos pendientes de botón', 'es'), ['pendientes de botón']);
    assert.deepEqual(subkindsOf('una americana azul', 'es'), ['americana']);
    assert.deepEqual(subkindsOf('a navy blazer'), ['blazer']);
    for (const t of ['earrings', 'a jacket', 'a warm jacket for winter', 'a table', 'a chair for the garden', 'a desk lamp']) assert.equal(subkindsOf(t), undefined, t);
  });
});

describe('a refinement that asks for "something" of what was shown', () => {
  it('"show me jackets", then "no leather actually, something warm for winter": still jackets, none of leather, the winter one first (the jacket was dropped and the tuxedo came back)', async () => {
    await ask(dressed, 'refine', 'show me jackets');
    const r = await dressed.personalize({ shop: SHOP, limit: 4, sessionId: 'refine', text: 'no leather actually, something warm for winter' }, NOW + 1000);
    assert.equal(itemIds(r)[0], 'winter-jacket');
    assert.deepEqual(itemIds(r).sort(), ['sports-jacket', 'winter-jacket'], 'the jackets that are not leather, nothing else');
  });
});

describe('rain, said as what the products are for', () => {
  it('"a jacket for the rain", "algo para la lluvia", "something for rainy days", in December: the jacket described as waterproof first (the winter jacket led, the jumper second)', async () => {
    const december = Date.UTC(2026, 11, 1, 12);
    for (const [i, text] of ['a jacket for the rain', 'algo para la lluvia', 'something for rainy days'].entries()) {
      const r = await dressed.personalize({ shop: SHOP, limit: 4, sessionId: `rainy-${i}`, text }, december);
      assert.equal(itemIds(r)[0], 'sports-jacket', text);
    }
  });
});

describe('kin where the kind is missing, in footwear and seating', () => {
  it('"boots" in a shop whose only footwear is sneakers: the sneakers first, said not boots (the jacket and the bag led); "beanbag chair" is the beanbag', async () => {
    const shop = shopOf([...apparel, product({ id: 'high-tops', title: 'LED High Tops', description: 'Black high top shoes with LED lights in the sole.', tags: ['men'], price: 70 })]);
    const r = await ask(shop, 'boots', 'boots');
    assert.deepEqual([r.constraints.satisfied, itemIds(r)[0]], [false, 'high-tops']);
    const seats = shopOf([...home, product({ id: 'beanbag', title: 'Black Beanbag', productType: 'Indoor', description: 'Black leather beanbag', tags: ['Black', 'Leather'], price: 60 })]);
    const bean = await ask(seats, 'bean', 'a beanbag chair');
    assert.deepEqual([bean.constraints.satisfied, itemIds(bean)[0]], [true, 'beanbag']);
  });
});

describe('the kinds a reason quotes', () => {
  it('are in English, lower case and plural, whatever the language and the shop\'s word ("not sofá cama", "not Jumper", "not ring" were quoted: probe round 5)', async () => {
    const cases: readonly (readonly [ReturnType<typeof shopOf>, string, string])[] = [
      [furnished, 'un sofá cama', 'sofa beds'],
      [furnished, 'una mesa de centro', 'coffee tables'],
      [dressed, 'botas', 'boots'],
      [dressed, 'a ring', 'rings'],
      [dressed, 'a dress', 'dresses'],
      [dressed, 'lingerie', 'lingerie'],
      [dressed, 'una bufanda', 'scarves'],
      [dressed, 'a jumper, not wool', 'jumpers'],
    ];
    for (const [i, [shop, text, said]] of cases.entries()) {
      const r = await ask(shop, `quote-${i}`, text);
      assert.match(r.constraints.reason ?? '', new RegExp(`\\(${said}[,)]`), text);
    }
  });
});

describe('a place the shop has none of the kind for', () => {
  it('"an outdoor sofa" in a shop of indoor sofas: its sofas, said not for outdoors (the armchair and the beanbag came instead)', async () => {
    const r = await ask(furnished, 'outdoor-sofa', 'an outdoor sofa');
    assert.deepEqual([r.constraints.satisfied, itemIds(r)[0]], [false, 'sofa']);
    assert.match(r.constraints.reason ?? '', /not sofas for outdoors\.$/);
  });
  it('"a rug for the living room", none in the shop and none kin, then "cheap": things for indoors (the garden pot and table came among them)', async () => {
    const shop = shopOf([...home, product({ id: 'pot', title: 'Clay Plant Pot', productType: 'Outdoor', description: 'Clay pot for the garden', tags: ['Garden'], price: 10 })]);
    const first = await ask(shop, 'rug', 'a rug for the living room');
    assert.equal(first.constraints.satisfied, false);
    const cheap = await shop.personalize({ shop: SHOP, limit: 4, sessionId: 'rug', text: 'cheap' }, NOW + 1000);
    assert.equal(cheap.constraints.satisfied, false, 'still no rug');
    assert.ok(itemIds(cheap).length > 0);
    for (const id of itemIds(cheap)) assert.ok(!['pot', 'garden-table'].includes(id), `${id}: ${JSON.stringify(itemIds(cheap))}`);
    for (const id of itemIds(first)) assert.ok(!['pot', 'garden-table'].includes(id), `first: ${JSON.stringify(itemIds(first))}`);
  });
});

describe('families that hold the kinds a shopper means by them', () => {
  it('"summer clothes", "ropa de verano": the tops are clothes too, the summer one first (no top was: the tuxedo and the jackets led)', async () => {
    const shop = shopOf([...apparel, product({ id: 'summer-top', title: 'Silk Summer Top', description: 'Silk womens top with short sleeves.', tags: ['women'], price: 30 })]);
    for (const [i, text] of ['summer clothes', 'ropa de verano'].entries()) {
      const r = await ask(shop, `summer-${i}`, text);
      assert.equal(itemIds(r)[0], 'summer-top', text);
    }
  });
});
