/**
 * A deterministic demo-catalog generator. Every name, brand and description comes from the word
 * tables below (invented for Affinity, not copied from any shop), combined with a seeded PRNG, so one
 * seed always yields the same catalog. Used by the demo, the benchmarks and the offline evaluation.
 */
import { currencyExponent } from '../money.ts';
import type { Money } from '../money.ts';
import type { Product, Variant } from './product.ts';
import { mulberry32 } from '../random.ts';

/** Options of {@link generateCatalog}. */
export interface DemoCatalogOptions {
  /** Number of products. */
  readonly size: number;
  /** PRNG seed (any 32-bit integer). */
  readonly seed: number;
  /** ISO 4217 code of the prices (default `USD`). Zero-decimal currencies get prices ×100 (roughly yen). */
  readonly currency?: string;
  /** Epoch ms that `createdAt` values are spread back from (two years); default {@link DEMO_NOW}. */
  readonly now?: number;
}

/** Default reference time of the generator (2025-06-01T00:00:00Z), so output never depends on the clock. */
export const DEMO_NOW = Date.UTC(2025, 5, 1);
/** Product ids are `PRODUCT_ID_BASE + i`, numeric strings like Shopify's. */
export const PRODUCT_ID_BASE = 8_000_000_000_000;
/** Variant ids are `VARIANT_ID_BASE + n` (n counts variants across the catalog). */
export const VARIANT_ID_BASE = 45_000_000_000_000;

/** An option axis of a product type: the generator picks a contiguous run of `min`..`max` values. */
interface OptionSpec {
  readonly name: string;
  readonly values: readonly string[];
  readonly min: number;
  readonly max: number;
  /** Later values cost more (sizes of cookware, bottle volumes). */
  readonly priced?: boolean;
}

interface TypeSpec {
  readonly type: string;
  readonly category: string;
  readonly nouns: readonly string[];
  readonly features: readonly string[];
  readonly price: readonly [number, number];
  readonly tags: readonly string[];
  /** Second option axis (usually size). */
  readonly size?: OptionSpec;
  /** Replaces the department's colour axis; `null` means no colour axis. */
  readonly colour?: OptionSpec | null;
}

interface Department {
  readonly code: string;
  readonly weight: number;
  readonly names: readonly string[];
  readonly vendors: readonly string[];
  readonly materials: readonly string[];
  readonly colour: OptionSpec | null;
  /** Audience tags, one picked per product (empty: none). */
  readonly audience: readonly string[];
  readonly tags: readonly string[];
  readonly blurbs: readonly string[];
  readonly types: readonly TypeSpec[];
}

const range = (from: number, to: number, step = 1): string[] => {
  const out: string[] = [];
  for (let v = from; v <= to + 1e-9; v += step) out.push(String(v));
  return out;
};
const SHOE_SIZES: OptionSpec = { name: 'size', values: range(6, 13, 0.5), min: 5, max: 10 };
const APPAREL_SIZES: OptionSpec = { name: 'size', values: ['XS', 'S', 'M', 'L', 'XL', 'XXL'], min: 3, max: 6 };
const colours = (values: readonly string[], max = 3): OptionSpec => ({ name: 'color', values, min: 1, max });

const DEPARTMENTS: readonly Department[] = [
  {
    code: 'RUN', weight: 12,
    names: ['Tempo', 'Swift', 'Cloudrise', 'Velocity', 'Stride', 'Pacer', 'Fleet', 'Glide', 'Apex', 'Rapid', 'Kinetic', 'Tailwind'],
    vendors: ['Strideline', 'Pacewell', 'Fleetfoot Athletics', 'Kinetica Run'],
    materials: ['Engineered Mesh', 'Knit', 'Recycled'],
    colour: colours(['Black', 'White', 'Volt Green', 'Ocean Blue', 'Coral', 'Grey', 'Crimson']),
    audience: ['women', 'men', 'unisex'],
    tags: ['running', 'sport'],
    blurbs: ['Made for daily miles and race-day efforts alike.', 'A smooth, springy ride from the first step to the last kilometre.'],
    types: [
      { type: 'Running Shoes', category: 'Apparel & Accessories > Shoes > Athletic Shoes > Running Shoes', nouns: ['Running Shoe', 'Road Runner', 'Trainer'], features: ['Cushioned', 'Lightweight', 'Neutral', 'Stability', 'Responsive'], price: [90, 180], tags: ['road running', 'shoes'], size: SHOE_SIZES },
      { type: 'Trail Running Shoes', category: 'Apparel & Accessories > Shoes > Athletic Shoes > Trail Running Shoes', nouns: ['Trail Running Shoe', 'Trail Runner'], features: ['Grippy', 'Waterproof', 'Rugged', 'All-Terrain'], price: [110, 190], tags: ['trail', 'shoes'], size: SHOE_SIZES },
      { type: 'Racing Shoes', category: 'Apparel & Accessories > Shoes > Athletic Shoes > Running Shoes', nouns: ['Racing Flat', 'Carbon Racer'], features: ['Carbon-Plated', 'Featherweight', 'Propulsive'], price: [150, 260], tags: ['racing', 'shoes'], size: SHOE_SIZES },
      { type: 'Running Apparel', category: 'Apparel & Accessories > Clothing > Activewear', nouns: ['Running Tee', 'Running Shorts', 'Running Tights', 'Running Jacket', 'Running Vest'], features: ['Breathable', 'Quick-Dry', 'Reflective', 'Seamless'], price: [25, 120], tags: ['activewear'], size: APPAREL_SIZES },
      { type: 'Running Socks', category: 'Apparel & Accessories > Clothing > Socks', nouns: ['Running Sock', 'Crew Sock'], features: ['Cushioned', 'Anti-Blister', 'Merino', 'No-Show'], price: [12, 25], tags: ['socks'], size: { name: 'size', values: ['S', 'M', 'L'], min: 3, max: 3 } },
    ],
  },
  {
    code: 'HIK', weight: 12,
    names: ['Trailblazer', 'Summit', 'Ridgeline', 'Basecamp', 'Alpine', 'Timberline', 'Cascade', 'Sierra', 'Granite', 'Switchback', 'Wildland', 'Northstar'],
    vendors: ['Northpeak Outfitters', 'Cairn & Co.', 'Ridgeway Gear', 'Wildtrail'],
    materials: ['Suede', 'Full-Grain Leather', 'Ripstop Nylon', 'Merino Wool', 'Recycled Polyester'],
    colour: colours(['Forest Green', 'Slate', 'Earth Brown', 'Rust', 'Navy', 'Charcoal', 'Sand']),
    audience: ['women', 'men', 'unisex'],
    tags: ['hiking', 'outdoor'],
    blurbs: ['Built for long days on the trail and cold nights at camp.', 'Tested on alpine ridges, ready for your next adventure.'],
    types: [
      { type: 'Hiking Boots', category: 'Apparel & Accessories > Shoes > Boots > Hiking Boots', nouns: ['Hiking Boot', 'Trekking Boot', 'Mountain Boot'], features: ['Waterproof', 'Insulated', 'Lightweight', 'Mid-Cut'], price: [120, 260], tags: ['boots', 'trekking'], size: SHOE_SIZES },
      { type: 'Hiking Shoes', category: 'Apparel & Accessories > Shoes > Athletic Shoes > Hiking Shoes', nouns: ['Hiking Shoe', 'Approach Shoe'], features: ['Waterproof', 'Breathable', 'Grippy'], price: [90, 170], tags: ['shoes', 'trekking'], size: SHOE_SIZES },
      { type: 'Backpacks', category: 'Luggage & Bags > Backpacks', nouns: ['Daypack', 'Hiking Backpack', 'Trekking Pack'], features: ['20L', '35L', '50L', 'Ultralight', 'Hydration-Ready'], price: [60, 220], tags: ['backpack', 'trekking'] },
      { type: 'Tents', category: 'Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents', nouns: ['Backpacking Tent', 'Dome Tent', 'Trekking Tent'], features: ['2-Person', '3-Person', 'Ultralight', '4-Season'], price: [150, 480], tags: ['camping', 'tent'], colour: colours(['Forest Green', 'Orange', 'Sand'], 1) },
      { type: 'Sleeping Bags', category: 'Sporting Goods > Outdoor Recreation > Camping & Hiking > Sleeping Bags', nouns: ['Sleeping Bag', 'Down Quilt'], features: ['Down', '3-Season', 'Compact', 'Synthetic'], price: [90, 350], tags: ['camping'], size: { name: 'size', values: ['Regular', 'Long'], min: 1, max: 2, priced: true } },
      { type: 'Trekking Poles', category: 'Sporting Goods > Outdoor Recreation > Camping & Hiking > Hiking Poles', nouns: ['Trekking Poles', 'Hiking Poles'], features: ['Carbon', 'Collapsible', 'Aluminium'], price: [40, 140], tags: ['trekking'], colour: colours(['Black', 'Graphite'], 1) },
      { type: 'Outdoor Jackets', category: 'Apparel & Accessories > Clothing > Outerwear > Coats & Jackets', nouns: ['Rain Jacket', 'Softshell Jacket', 'Insulated Jacket', 'Fleece'], features: ['Waterproof', 'Windproof', 'Packable', 'Insulated'], price: [80, 300], tags: ['jacket', 'outerwear'], size: APPAREL_SIZES },
    ],
  },
  {
    code: 'WOM', weight: 14,
    names: ['Aurora', 'Camille', 'Isla', 'Marlowe', 'Sienna', 'Juniper', 'Clementine', 'Rosalind', 'Wren', 'Celeste', 'Ivy', 'Delphine'],
    vendors: ['Maison Lumen', 'Fern & Fable', 'Loomhouse', 'Sol Atelier'],
    materials: ['Linen', 'Organic Cotton', 'Silk', 'Merino Wool', 'Cashmere', 'Satin', 'Recycled Denim'],
    colour: colours(['Ivory', 'Black', 'Blush Pink', 'Sage', 'Navy', 'Terracotta', 'Camel', 'Emerald']),
    audience: ['women'],
    tags: ['womens', 'apparel'],
    blurbs: ['An easy piece that dresses up or down.', 'Cut for movement and made to last beyond one season.'],
    types: [
      { type: 'Dresses', category: 'Apparel & Accessories > Clothing > Dresses', nouns: ['Midi Dress', 'Maxi Dress', 'Wrap Dress', 'Slip Dress', 'Shirt Dress'], features: ['Floral', 'Pleated', 'Tiered', 'Belted'], price: [60, 220], tags: ['dress'], size: APPAREL_SIZES },
      { type: 'Tops', category: 'Apparel & Accessories > Clothing > Shirts & Tops', nouns: ['Blouse', 'Camisole', 'Knit Top', 'Tee'], features: ['Relaxed', 'Ruffled', 'Cropped', 'Sleeveless'], price: [30, 120], tags: ['top'], size: APPAREL_SIZES },
      { type: 'Jeans', category: 'Apparel & Accessories > Clothing > Pants > Jeans', nouns: ['High-Rise Jean', 'Straight Jean', 'Wide-Leg Jean', 'Mom Jean'], features: ['Stretch', 'Vintage Wash', 'Cropped'], price: [70, 180], tags: ['denim', 'jeans'], size: { name: 'size', values: range(24, 34), min: 5, max: 9 } },
      { type: 'Knitwear', category: 'Apparel & Accessories > Clothing > Sweaters', nouns: ['Cardigan', 'Sweater', 'Turtleneck', 'Knit Vest'], features: ['Chunky', 'Ribbed', 'Oversized', 'Cable-Knit'], price: [60, 240], tags: ['knitwear'], size: APPAREL_SIZES },
      { type: 'Skirts', category: 'Apparel & Accessories > Clothing > Skirts', nouns: ['Midi Skirt', 'Pleated Skirt', 'Mini Skirt'], features: ['Flowing', 'A-Line', 'Satin'], price: [45, 140], tags: ['skirt'], size: APPAREL_SIZES },
      { type: 'Coats', category: 'Apparel & Accessories > Clothing > Outerwear > Coats & Jackets', nouns: ['Trench Coat', 'Wool Coat', 'Cropped Jacket'], features: ['Double-Breasted', 'Tailored', 'Belted'], price: [140, 420], tags: ['coat', 'outerwear'], size: APPAREL_SIZES },
    ],
  },
  {
    code: 'MEN', weight: 12,
    names: ['Hudson', 'Brooks', 'Calder', 'Everett', 'Harlan', 'Sawyer', 'Wells', 'Beckett', 'Rhodes', 'Granger', 'Foster', 'Lowell'],
    vendors: ['Harbor & Pine', 'Oxbow Supply', 'Iron Thread', 'Kestrel Menswear'],
    materials: ['Oxford Cotton', 'Flannel', 'Linen', 'Merino Wool', 'Selvedge Denim', 'Twill', 'Corduroy'],
    colour: colours(['Navy', 'Charcoal', 'Olive', 'White', 'Stone', 'Indigo', 'Burgundy']),
    audience: ['men'],
    tags: ['mens', 'apparel'],
    blurbs: ['A wardrobe staple with workwear roots.', 'Garment-washed for a lived-in feel from day one.'],
    types: [
      { type: 'Shirts', category: 'Apparel & Accessories > Clothing > Shirts & Tops', nouns: ['Oxford Shirt', 'Flannel Shirt', 'Overshirt', 'Camp Shirt'], features: ['Slim-Fit', 'Button-Down', 'Brushed', 'Relaxed'], price: [45, 120], tags: ['shirt'], size: APPAREL_SIZES },
      { type: 'T-Shirts', category: 'Apparel & Accessories > Clothing > Shirts & Tops', nouns: ['Crew Tee', 'Pocket Tee', 'Henley'], features: ['Heavyweight', 'Organic', 'Garment-Dyed'], price: [20, 45], tags: ['t-shirt'], size: APPAREL_SIZES },
      { type: 'Trousers', category: 'Apparel & Accessories > Clothing > Pants', nouns: ['Chino', 'Slim Trouser', 'Cargo Pant', 'Pleated Trouser'], features: ['Stretch', 'Tapered', 'Relaxed'], price: [60, 150], tags: ['pants'], size: { name: 'size', values: range(28, 40, 2), min: 4, max: 7 } },
      { type: 'Jeans', category: 'Apparel & Accessories > Clothing > Pants > Jeans', nouns: ['Slim Jean', 'Straight Jean', 'Tapered Jean'], features: ['Raw', 'Rinse Wash', 'Stretch'], price: [80, 200], tags: ['denim', 'jeans'], size: { name: 'size', values: range(28, 38), min: 5, max: 9 } },
      { type: 'Sweaters', category: 'Apparel & Accessories > Clothing > Sweaters', nouns: ['Crewneck Sweater', 'Quarter-Zip', 'Cardigan'], features: ['Chunky', 'Fine-Knit', 'Waffle'], price: [70, 220], tags: ['knitwear'], size: APPAREL_SIZES },
      { type: 'Jackets', category: 'Apparel & Accessories > Clothing > Outerwear > Coats & Jackets', nouns: ['Field Jacket', 'Bomber Jacket', 'Chore Coat', 'Parka'], features: ['Waxed', 'Quilted', 'Insulated', 'Water-Repellent'], price: [120, 380], tags: ['jacket', 'outerwear'], size: APPAREL_SIZES },
    ],
  },
  {
    code: 'HOM', weight: 12,
    names: ['Hearth', 'Copperleaf', 'Oakmont', 'Saltmarsh', 'Willow', 'Ember', 'Larder', 'Fennel', 'Harvest', 'Meadow', 'Kiln', 'Orchard'],
    vendors: ['Hearth & Larder', 'Kiln Street', 'Greystone Home', 'Bramble House'],
    materials: ['Stainless Steel', 'Cast Iron', 'Stoneware', 'Ceramic', 'Oak', 'Linen', 'Borosilicate Glass'],
    colour: colours(['Matte Black', 'Sage', 'Cream', 'Terracotta', 'Charcoal', 'Natural'], 2),
    audience: [],
    tags: ['home', 'kitchen'],
    blurbs: ['Made to be used every day and handed down.', 'Designed with chefs, finished by hand.'],
    types: [
      { type: 'Cookware', category: 'Home & Garden > Kitchen & Dining > Cookware & Bakeware > Cookware', nouns: ['Frying Pan', 'Dutch Oven', 'Saucepan', 'Skillet'], features: ['Nonstick', 'Enamelled', 'Tri-Ply', 'Induction-Ready'], price: [35, 250], tags: ['cookware'], size: { name: 'size', values: ['20 cm', '24 cm', '28 cm', '32 cm'], min: 1, max: 3, priced: true } },
      { type: 'Kitchen Knives', category: 'Home & Garden > Kitchen & Dining > Kitchen Tools & Utensils > Kitchen Knives', nouns: ['Chef Knife', 'Santoku Knife', 'Paring Knife', 'Knife Set'], features: ['Damascus', 'Hand-Forged', 'Japanese Steel'], price: [30, 300], tags: ['knives', 'cooking'], colour: null },
      { type: 'Drinkware', category: 'Home & Garden > Kitchen & Dining > Tableware > Drinkware', nouns: ['Mug', 'Tumbler', 'Coffee Cup Set', 'Carafe'], features: ['Handmade', 'Speckled', 'Double-Walled'], price: [12, 60], tags: ['coffee', 'tableware'] },
      { type: 'Tableware', category: 'Home & Garden > Kitchen & Dining > Tableware > Dinnerware', nouns: ['Dinner Plate Set', 'Serving Bowl', 'Salad Bowl', 'Platter'], features: ['Reactive-Glaze', 'Rustic', 'Handmade'], price: [25, 140], tags: ['tableware', 'dining'] },
      { type: 'Bedding', category: 'Home & Garden > Linens & Bedding > Bedding', nouns: ['Duvet Cover', 'Sheet Set', 'Pillowcase Pair'], features: ['Stonewashed', 'Percale', 'Sateen'], price: [40, 220], tags: ['bedroom', 'linen'], size: { name: 'size', values: ['Single', 'Double', 'Queen', 'King'], min: 2, max: 4, priced: true } },
      { type: 'Candles', category: 'Home & Garden > Decor > Home Fragrances > Candles', nouns: ['Scented Candle', 'Pillar Candle', 'Travel Candle'], features: ['Soy Wax', 'Cedar & Amber', 'Fig Leaf', 'Sea Salt'], price: [18, 60], tags: ['candle', 'decor', 'gift'], colour: null },
    ],
  },
  {
    code: 'JEW', weight: 10,
    names: ['Luna', 'Solstice', 'Aurelia', 'Estrella', 'Seraphine', 'Nova', 'Oriel', 'Marisol', 'Vesper', 'Halo', 'Talia', 'Elara'],
    vendors: ['Aurum Atelier', 'Silver Tide', 'Opaline Studio', 'Gilded Fern'],
    materials: ['Sterling Silver', '14k Gold', 'Rose Gold', 'Turquoise', 'Moonstone', 'Freshwater Pearl', 'Opal'],
    colour: { name: 'metal', values: ['Sterling Silver', 'Gold Vermeil', 'Rose Gold'], min: 1, max: 3 },
    audience: ['women', 'women', 'unisex'],
    tags: ['jewelry', 'gift'],
    blurbs: ['Delicate enough for every day, special enough to gift.', 'Hand-finished in small batches and nickel-free.'],
    types: [
      { type: 'Necklaces', category: 'Apparel & Accessories > Jewelry > Necklaces', nouns: ['Pendant Necklace', 'Chain Necklace', 'Choker', 'Locket'], features: ['Dainty', 'Layered', 'Birthstone', 'Initial'], price: [35, 220], tags: ['necklace'], size: { name: 'length', values: ['16 in', '18 in', '20 in'], min: 1, max: 3 } },
      { type: 'Rings', category: 'Apparel & Accessories > Jewelry > Rings', nouns: ['Stacking Ring', 'Signet Ring', 'Band', 'Solitaire Ring'], features: ['Minimal', 'Hammered', 'Engraved', 'Stackable'], price: [30, 260], tags: ['ring'], size: { name: 'size', values: range(5, 9), min: 4, max: 5 } },
      { type: 'Earrings', category: 'Apparel & Accessories > Jewelry > Earrings', nouns: ['Hoop Earrings', 'Stud Earrings', 'Drop Earrings', 'Huggies'], features: ['Huggie', 'Statement', 'Tiny', 'Sculptural'], price: [25, 180], tags: ['earrings'] },
      { type: 'Bracelets', category: 'Apparel & Accessories > Jewelry > Bracelets', nouns: ['Chain Bracelet', 'Bangle', 'Cuff', 'Tennis Bracelet'], features: ['Adjustable', 'Beaded', 'Charm'], price: [30, 240], tags: ['bracelet'] },
    ],
  },
  {
    code: 'BEA', weight: 10,
    names: ['Bloom', 'Dewdrop', 'Velvet', 'Radiance', 'Petal', 'Botanica', 'Lumina', 'Serene', 'Glow', 'Purity', 'Solace', 'Verdant'],
    vendors: ['Fleur Botanics', 'Dewlab', 'Kindred Skin', 'Amber & Oak Apothecary'],
    materials: ['Rosehip', 'Hyaluronic', 'Vitamin C', 'Squalane', 'Niacinamide', 'Shea Butter'],
    colour: null,
    audience: ['women', 'unisex'],
    tags: ['beauty', 'self-care'],
    blurbs: ['Dermatologist-tested and free from synthetic fragrance.', 'A short ingredient list that does a lot.'],
    types: [
      { type: 'Serums', category: 'Health & Beauty > Personal Care > Cosmetics > Skin Care > Facial Serums', nouns: ['Face Serum', 'Brightening Serum', 'Night Serum'], features: ['Hydrating', 'Brightening', 'Firming'], price: [28, 95], tags: ['skincare', 'serum'], size: { name: 'size', values: ['15 ml', '30 ml', '50 ml'], min: 1, max: 2, priced: true } },
      { type: 'Moisturizers', category: 'Health & Beauty > Personal Care > Cosmetics > Skin Care > Lotion & Moisturizer', nouns: ['Day Cream', 'Night Cream', 'Moisturizer', 'Gel Cream'], features: ['Hydrating', 'Barrier-Repair', 'Fragrance-Free', 'SPF 30'], price: [22, 85], tags: ['skincare', 'moisturizer'], size: { name: 'size', values: ['30 ml', '50 ml', '100 ml'], min: 1, max: 2, priced: true } },
      { type: 'Cleansers', category: 'Health & Beauty > Personal Care > Cosmetics > Skin Care > Facial Cleansers', nouns: ['Gel Cleanser', 'Cleansing Balm', 'Foaming Cleanser', 'Cleansing Oil'], features: ['Gentle', 'Purifying', 'Soothing'], price: [16, 48], tags: ['skincare', 'cleanser'], size: { name: 'size', values: ['100 ml', '200 ml'], min: 1, max: 2, priced: true } },
      { type: 'Lip Makeup', category: 'Health & Beauty > Personal Care > Cosmetics > Makeup > Lip Makeup', nouns: ['Lipstick', 'Lip Balm', 'Lip Gloss', 'Lip Tint'], features: ['Satin', 'Matte', 'Tinted', 'Nourishing'], price: [14, 42], tags: ['makeup', 'lips'], colour: { name: 'shade', values: ['Rosewood', 'Coral Crush', 'Berry', 'Nude Satin', 'Classic Red', 'Mauve'], min: 2, max: 5 } },
      { type: 'Fragrance', category: 'Health & Beauty > Personal Care > Cosmetics > Perfume & Cologne', nouns: ['Eau de Parfum', 'Body Mist', 'Solid Perfume'], features: ['Neroli', 'Sandalwood', 'Wild Fig', 'Amber'], price: [35, 160], tags: ['fragrance', 'gift'], size: { name: 'size', values: ['10 ml', '50 ml', '100 ml'], min: 1, max: 3, priced: true } },
    ],
  },
  {
    code: 'ELE', weight: 10,
    names: ['Volt', 'Pulse', 'Orbit', 'Nimbus', 'Arc', 'Flux', 'Quanta', 'Echo', 'Vector', 'Zenith', 'Ion', 'Relay'],
    vendors: ['Voltarc', 'Nimbus Audio', 'Cableworks', 'Gridline Tech'],
    materials: ['Aluminium', 'Vegan Leather', 'Recycled Plastic', 'Silicone', 'Braided Nylon'],
    colour: colours(['Black', 'White', 'Graphite', 'Midnight Blue', 'Sage', 'Clear'], 3),
    audience: [],
    tags: ['electronics', 'tech accessories'],
    blurbs: ['Tested for thousands of cycles and backed by a two-year warranty.', 'Works with every USB-C device on your desk.'],
    types: [
      { type: 'Phone Cases', category: 'Electronics > Communications > Telephony > Mobile Phone Accessories > Mobile Phone Cases', nouns: ['Phone Case', 'Magnetic Case', 'Folio Case'], features: ['Shockproof', 'Slim', 'Clear', 'Magnetic'], price: [19, 59], tags: ['phone case'], size: { name: 'model', values: ['6.1 in', '6.3 in', '6.7 in', '6.9 in'], min: 2, max: 4 } },
      { type: 'Chargers', category: 'Electronics > Electronics Accessories > Power > Power Adapters & Chargers', nouns: ['Wall Charger', 'Wireless Charger', 'Charging Stand', 'Car Charger'], features: ['65W', 'GaN', 'Fast-Charging', '3-in-1'], price: [19, 99], tags: ['charger', 'charging'] },
      { type: 'Headphones', category: 'Electronics > Audio > Audio Components > Headphones & Headsets > Headphones', nouns: ['Wireless Earbuds', 'Over-Ear Headphones', 'Sport Earbuds'], features: ['Noise-Cancelling', 'Bluetooth', 'Water-Resistant', 'Hi-Fi'], price: [40, 300], tags: ['audio', 'headphones'] },
      { type: 'Cables', category: 'Electronics > Electronics Accessories > Cables > USB Cables', nouns: ['USB-C Cable', 'Charging Cable', 'Cable Kit'], features: ['Braided', 'Fast-Charging', '240W'], price: [10, 35], tags: ['cable', 'charging'], size: { name: 'length', values: ['0.5 m', '1 m', '2 m', '3 m'], min: 2, max: 3, priced: true } },
      { type: 'Power Banks', category: 'Electronics > Electronics Accessories > Power > Power Banks', nouns: ['Power Bank', 'Portable Charger'], features: ['10000mAh', '20000mAh', 'Slim', 'MagSnap'], price: [25, 90], tags: ['charging', 'travel'] },
      { type: 'Laptop Sleeves', category: 'Electronics > Electronics Accessories > Computer Accessories > Laptop Sleeves', nouns: ['Laptop Sleeve', 'Tech Organizer', 'Laptop Bag'], features: ['Padded', 'Water-Resistant', 'Minimal'], price: [29, 120], tags: ['laptop', 'travel'], size: { name: 'size', values: ['13 in', '14 in', '16 in'], min: 1, max: 3 } },
    ],
  },
];

const EXTRA_TAGS: readonly (readonly [string, number])[] = [['bestseller', 0.1], ['gift idea', 0.08], ['eco-friendly', 0.07], ['limited edition', 0.03]];


function slug(s: string): string {
  return s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Shop-style price point: x.99 below 20, else a multiple of 5 or 5 minus a cent. */
function pricePoint(major: number, rnd: number): number {
  if (major < 20) return Math.floor(major) + 0.99;
  const five = Math.max(5, Math.round(major / 5) * 5);
  return rnd < 0.5 ? five - 0.01 : five;
}

/**
 * Generates a deterministic, realistic-looking catalog: eight departments (running, hiking, women's
 * and men's apparel, home and kitchen, jewellery, beauty, electronics accessories) with invented
 * brands, titles such as "Trailblazer Waterproof Hiking Boot", colour/size variants, plausible prices,
 * some markdowns, a few unavailable or unpublished products and `createdAt` spread over the two years
 * before `now`. Product ids are `8000000000000 + i`; handles are slugified titles with the id appended.
 */
export function generateCatalog(opts: DemoCatalogOptions): Product[] {
  const rng = mulberry32(opts.seed);
  const currency = (opts.currency ?? 'USD').toUpperCase();
  const exp = currencyExponent(currency);
  const now = opts.now ?? DEMO_NOW;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const totalWeight = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const toMoney = (major: number): Money => {
    const scaled = exp === 0 ? Math.round((major * 100) / 10) * 10 : major;
    return { amount: Math.round(scaled * 10 ** exp), currency };
  };
  const pickRun = (spec: OptionSpec): string[] => {
    const len = Math.min(spec.values.length, spec.min + Math.floor(rng() * (spec.max - spec.min + 1)));
    const start = Math.floor(rng() * (spec.values.length - len + 1));
    return spec.values.slice(start, start + len);
  };
  const pickSome = (spec: OptionSpec): string[] => {
    const len = Math.min(spec.values.length, spec.min + Math.floor(rng() * (spec.max - spec.min + 1)));
    const pool = [...spec.values];
    const out: string[] = [];
    while (out.length < len) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0] as string);
    return out;
  };

  const products: Product[] = [];
  let variantSeq = 0;
  for (let i = 0; i < opts.size; i++) {
    let r = rng() * totalWeight;
    let dept = DEPARTMENTS[0] as Department;
    for (const d of DEPARTMENTS) {
      dept = d;
      r -= d.weight;
      if (r < 0) break;
    }
    const spec = pick(dept.types);
    const id = String(PRODUCT_ID_BASE + i);
    const name = pick(dept.names);
    const noun = pick(spec.nouns);
    const feature = pick(spec.features);
    const material = pick(dept.materials);
    const descriptor = rng() < 0.4 ? material : feature;
    const title = `${name} ${descriptor} ${noun}`;
    const handle = `${slug(title)}-${id}`;
    const vendor = pick(dept.vendors);

    const colourSpec = spec.colour === undefined ? dept.colour : spec.colour;
    const axes: { name: string; values: string[]; priced: boolean }[] = [];
    if (colourSpec) axes.push({ name: colourSpec.name, values: pickSome(colourSpec), priced: false });
    if (spec.size) axes.push({ name: spec.size.name, values: pickRun(spec.size), priced: spec.size.priced === true });

    const [lo, hi] = spec.price;
    const base = lo + (hi - lo) * rng() ** 1.6;
    const onSale = rng() < 0.15;
    const saleFactor = 1.15 + rng() * 0.3;
    const productOut = rng() < 0.04;
    const published = rng() >= 0.025;
    const createdMs = now - Math.floor(rng() * 730 * 86_400) * 1000;
    const pointRnd = rng();

    let combos: Record<string, string>[] = [{}];
    for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.name]: v })));
    const variants: Variant[] = combos.map((options, vi) => {
      let major = base;
      for (const axis of axes) {
        if (axis.priced) major *= 1 + 0.35 * axis.values.indexOf(options[axis.name] as string);
      }
      const price = pricePoint(major, pointRnd);
      const labels = Object.values(options);
      variantSeq++;
      return {
        id: String(VARIANT_ID_BASE + variantSeq),
        title: labels.length > 0 ? labels.join(' / ') : 'Default Title',
        sku: `${dept.code}-${String(i + 1).padStart(6, '0')}-${String(vi + 1).padStart(2, '0')}`,
        price: toMoney(price),
        ...(onSale ? { compareAtPrice: toMoney(pricePoint(price * saleFactor, pointRnd)) } : {}),
        available: !productOut && rng() >= 0.08,
        options,
      };
    });
    const optionValues: Record<string, string[]> = {};
    for (const axis of axes) optionValues[axis.name] = axis.values;

    const tags = new Set<string>([...dept.tags, ...spec.tags]);
    if (dept.audience.length > 0) tags.add(pick(dept.audience));
    tags.add(descriptor.toLowerCase());
    if (onSale) tags.add('sale');
    if (now - createdMs < 60 * 86_400_000) tags.add('new arrival');
    for (const [tag, p] of EXTRA_TAGS) if (rng() < p) tags.add(tag);

    const description = `The ${name} ${noun.toLowerCase()} by ${vendor}: ${feature.toLowerCase()}, made with ${material.toLowerCase()}. ${pick(dept.blurbs)}`;
    const images = [`https://cdn.example.com/affinity-demo/${handle}.jpg`];
    if (rng() < 0.6) images.push(`https://cdn.example.com/affinity-demo/${handle}-2.jpg`);

    products.push({
      id,
      handle,
      title,
      description,
      vendor,
      productType: spec.type,
      category: spec.category,
      tags: [...tags],
      options: optionValues,
      variants,
      images,
      url: `/products/${handle}`,
      published,
      createdAt: new Date(createdMs).toISOString(),
    });
  }
  return products;
}
