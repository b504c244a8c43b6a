import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { readSearchQuery } from '../../core/personalize/intentMatch.ts';
import { englishSearchTerms } from './englishSearchTerms.ts';
import { catalogReadsSpanish, spanishSearchTerms } from './spanishSearchTerms.ts';

const terms = (q: string) => spanishSearchTerms(q, readSearchQuery(q));

/**
 * A Spanish-titled shop: rows of the real jewelery.csv and home-and-garden.csv exports
 * (shopifypartners/product-csvs) with their titles, types and tags translated.
 */
const SPANISH_SHOP = [
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position',
  'silver-threader-necklace,Collar de plata,Collar fino.,Sterling Ltd,Collar,Plata,true,Title,Default Title,14.99,https://img.test/1.jpg,1',
  'choker-with-gold-pendant,Gargantilla con colgante de oro,Gargantilla fina.,Company 123,Collar,"Gargantilla, Oro, Cuero, Colgante",true,Title,Default Title,39.99,,',
  'origami-crane-necklace,Collar grulla de origami,Collar con grulla.,Sterling Ltd,Collar,"Grulla, Origami, Plateada",true,Title,Default Title,24.99,,',
  'moon-charm-bracelet,Pulsera dorada con dije de luna,Pulsera con luna.,Company 123,Pulsera,"Dorada, Luna",true,Title,Default Title,29.99,,',
  'bangle-bracelet,Brazalete rígido,Brazalete con piedras.,Company 123,Pulsera,"Diamante, Gema, Oro",true,Title,Default Title,39.99,,',
  'chain-bracelet,Pulsera 7 chakras,Pulsera de los 7 chakras.,Company 123,Pulsera,Cuentas,true,Color,Azul,42.99,,',
  'galaxy-earrings,Pendientes galaxia,Pendientes azules.,Sterling Ltd,Pendientes,"Azul, Galaxia, Plateados",true,Title,Default Title,19.99,,',
  'wooden-bowl,Cuenco de madera,Tallado a mano.,Rustic LTD,Cocina,"Madera, Cocina",true,Title,Default Title,18.00,,',
  'bedside-table,Mesita de noche de madera,Con un cajón.,Rustic LTD,Interior,"Madera, Dormitorio",true,Title,Default Title,120.00,,',
  'white-ceramic-pot,Maceta de cerámica blanca,Para interior.,Home Sweet Home,Interior,"Maceta, Plantas",true,Title,Default Title,25.00,,',
  'fishing-net,Red de pesca,Red de nailon.,Rustic LTD,Exterior,Pesca,true,Title,Default Title,15.00,,',
].join('\n');

const shop = CatalogIndex.build(parseShopifyCsv(SPANISH_SHOP, { currency: 'EUR' }).products);
/** The ids the catalog index finds for the query's words plus the Spanish forms, best first. */
const found = (q: string): string[] => shop.search([q, ...terms(q)].join(' '), 20).map((h) => h.productId);

describe('spanishSearchTerms', () => {
  it('adds every Spanish form (gender, number) of a colour named in English', () => {
    assert.deepEqual(terms('silver').slice(0, 3), ['plateado', 'plateada', 'plata']);
    assert.deepEqual(terms('golden').slice(0, 3), ['dorado', 'dorada', 'oro']);
    assert.deepEqual(terms('light blue'), ['celeste']);
    assert.ok(terms('red dress').includes('roja'));
  });

  it('adds the Spanish names of a kind named in English, phrases only where the kind has few one-word names', () => {
    assert.deepEqual(terms('silver necklace'), ['plateado', 'plateada', 'plata', 'collares', 'collar', 'colgante', 'dije', 'cadena', 'gargantilla', 'collarcito', 'cadenita', 'dijecito', 'colgantito']);
    assert.deepEqual(terms('bracelets'), ['pulseras', 'brazalete', 'esclava', 'manilla', 'pulserita']);
    assert.deepEqual(terms('nightstand'), ['buro', 'mesita', 'noche'], '"mesa de luz" adds nothing: "mesa" is a table, "luz" a lamp');
    assert.ok(!terms('dress').includes('noche'), '"traje de noche": "traje" is a suit');
    assert.ok(!terms('duvet').includes('juego'), 'bedding has one-word names enough: no words of "juego de sábanas"');
  });

  it('adds the Spanish forms of a material and of a thing named in English', () => {
    assert.deepEqual(terms('wooden bowl'), ['wood', 'madera', 'cuenco', 'bol', 'boles', 'tazon', 'tazones']);
    assert.deepEqual(terms('ceramic'), ['ceramica', 'ceramico']);
    assert.deepEqual(terms('leather'), ['cuero']);
    assert.ok(terms('diamond ring').includes('diamante'));
    assert.ok(terms('gemstone necklace').includes('gema'));
  });

  it('adds nothing to a query that reads Spanish: its words name things in Spanish already', () => {
    assert.deepEqual(terms('collar de plata'), []);
    assert.deepEqual(terms('red de pesca'), [], '"red" is a net');
    assert.deepEqual(terms('cable de red'), []);
    assert.deepEqual(terms('algo tan bonito'), [], '"tan" is "so"');
    assert.deepEqual(terms('pan de molde'), [], '"pan" is bread');
    assert.deepEqual(terms('pulsera dorada'), []);
  });

  it('leaves out what the query rules out, stop words, and words of another sense (near misses)', () => {
    assert.deepEqual(terms('necklace, no silver'), ['collares', 'collar', 'colgante', 'dije', 'cadena', 'gargantilla', 'collarcito', 'cadenita', 'dijecito', 'colgantito']);
    assert.deepEqual(terms('no necklaces'), []);
    assert.ok(!terms('silver necklace without leather').includes('cuero'));
    assert.deepEqual(terms('light blue dress').filter((t) => t.startsWith('lampara') || t === 'luz'), [], '"light" in "light blue" is no lamp');
    assert.deepEqual(terms('i felt like it'), [], '"felt" the verb');
    assert.deepEqual(terms('steam iron'), [], '"iron" for clothes');
    assert.deepEqual(terms('the best gift for her'), []);
    assert.deepEqual(terms('something for my mom'), []);
    assert.deepEqual(terms('*'), []);
    assert.deepEqual(spanishSearchTerms(undefined, undefined), []);
  });

  it('finds a Spanish-titled catalog\'s products for English words (catalog index)', () => {
    assert.deepEqual(shop.search('silver necklace', 20), [], 'the words alone find nothing');
    for (const id of ['silver-threader-necklace', 'origami-crane-necklace', 'choker-with-gold-pendant']) assert.ok(found('silver necklace').includes(id), id);
    assert.equal(found('wooden bowl')[0], 'wooden-bowl');
    assert.ok(found('gold bracelet').includes('moon-charm-bracelet'));
    assert.ok(found('gold bracelet').includes('bangle-bracelet'));
    assert.deepEqual(found('nightstand'), ['bedside-table']);
    assert.deepEqual(found('ceramic pot'), ['white-ceramic-pot']);
    assert.ok(found('leather choker').includes('choker-with-gold-pendant'));
  });

  it('keeps a Spanish query\'s exact title first and a Spanish word its own sense', () => {
    assert.equal(found('collar de plata')[0], 'silver-threader-necklace');
    assert.deepEqual(found('red de pesca'), ['fishing-net']);
  });
  it('in a catalog that does not read Spanish, adds no Spanish word of another English meaning ("necklace" → no "collar")', () => {
    assert.ok(terms('necklace').includes('collar'), 'a catalog that may read Spanish: the Spanish name');
    assert.ok(!spanishSearchTerms('necklace', readSearchQuery('necklace'), false).includes('collar'));
    assert.ok(!spanishSearchTerms('fishing net', readSearchQuery('fishing net'), false).includes('red'));
    assert.ok(spanishSearchTerms('blue necklace', readSearchQuery('blue necklace'), false).includes('azul'), 'other Spanish words still');
    const english = parseShopifyCsv([
      'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant Price',
      'ocean-blue-shirt,Ocean Blue Shirt,Ocean blue cotton shirt with a narrow collar and buttons down the front.,Partners,Shirts,men,true,Title,Default Title,50',
      'white-cotton-shirt,White Cotton Shirt,Plain white cotton shirt with a regular collar.,Partners,Shirts,women,true,Title,Default Title,30',
    ].join('\n'), { currency: 'USD' }).products;
    assert.equal(catalogReadsSpanish(english), false);
    assert.equal(catalogReadsSpanish(shop.all()), true);
  });
});

describe('englishSearchTerms: things (the same table, the other way)', () => {
  const en = (q: string) => englishSearchTerms(q, readSearchQuery(q));
  it('adds the English name of a thing named in Spanish', () => {
    assert.deepEqual(en('cuenco de madera'), ['wood', 'bowl']);
    assert.deepEqual(en('bandejas'), ['tray']);
    assert.deepEqual(en('bowl'), []);
    assert.deepEqual(en('cuenta de ahorro'), [], '"cuenta" (a bead, also an account) is no thing of the table');
  });
  it('adds whom products are for ("pulsera hombre": men, "mujer": women), as titles and tags say it', () => {
    assert.ok(en('pulsera hombre').includes('men'), JSON.stringify(en('pulsera hombre')));
    assert.deepEqual(en('mujer'), ['women']);
    assert.deepEqual(en('men'), []);
  });
});
