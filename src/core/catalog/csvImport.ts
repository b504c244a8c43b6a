/**
 * Shopify product CSV import. Accepts both header dialects, the legacy one (`Handle`, `Body (HTML)`,
 * `Variant Price`, …) and the current admin template (`URL handle`, `Description`, `Price`, …), see
 * docs/shopify.md §5. Rows are grouped by handle; each row is one variant or one extra image.
 *
 * Malformed rows are reported with their 1-based line number in the file (the header is line 1;
 * quoted fields may span lines) and skipped, the rest still imports. Only a file without a
 * recognisable header is rejected as a whole.
 *
 * {@link ShopifyCsvReader} takes the file one parsed record at a time, so a large file can be parsed
 * in slices with the event loop free in between (src/features/catalog/importCatalog.ts streams it);
 * {@link parseShopifyCsv} is the same reader over the whole text at once.
 */
import { parse } from 'csv-parse/sync';
import { AffinityError } from '../errors.ts';
import { normalizeId } from '../ids.ts';
import { moneyFromMajor, toMinorUnits } from '../money.ts';
import type { Money } from '../money.ts';
import type { Product, Variant } from './product.ts';

/** A problem with one row (or one product) of the file. */
export interface CsvImportError {
  /** 1-based line in the file where the offending record starts (header is line 1). */
  readonly line: number;
  readonly message: string;
}

/**
 * Market-specific values from the `Price / <Market>`, `Compare At Price / <Market>` (legacy) or
 * `Compare-at price / <Market>` (current) and `Included / <Market>` columns, one entry per variant and
 * market that has any of them. Prices are kept as the decimal strings of the file, because the CSV does
 * not say which currency a market uses.
 */
export interface CsvMarketPrice {
  readonly productId: string;
  readonly variantId: string;
  /** Market name as written in the header, e.g. `International`. */
  readonly market: string;
  /** Major-unit decimal string in the market's currency, e.g. `"29.90"`. */
  readonly price?: string;
  readonly compareAtPrice?: string;
  /** `Included / <Market>` of the product. */
  readonly included?: boolean;
}

/** What {@link parseShopifyCsv} returns. */
export interface CsvImportResult {
  readonly products: Product[];
  readonly errors: CsvImportError[];
  readonly marketPrices: CsvMarketPrice[];
}

/** Options of {@link parseShopifyCsv}. */
export interface CsvImportOptions {
  /** ISO 4217 currency of the `Price` columns (the shop's base currency). */
  readonly currency: string;
}

type Field =
  | 'handle' | 'title' | 'body' | 'vendor' | 'type' | 'tags' | 'published' | 'status'
  | 'opt1Name' | 'opt1Value' | 'opt2Name' | 'opt2Value' | 'opt3Name' | 'opt3Value'
  | 'sku' | 'tracker' | 'qty' | 'policy' | 'price' | 'compareAt' | 'image' | 'imagePosition' | 'variantImage'
  | 'productCategory' | 'googleCategory' | 'gender' | 'ageGroup';

/** Normalised header names (lower-case, single spaces, ` / ` around slashes) of each field, both dialects. */
const FIELD_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  handle: ['handle', 'url handle'],
  title: ['title'],
  body: ['body (html)', 'description', 'body html'],
  vendor: ['vendor'],
  type: ['type', 'product type'],
  tags: ['tags'],
  published: ['published', 'published on online store'],
  status: ['status'],
  opt1Name: ['option1 name'],
  opt1Value: ['option1 value'],
  opt2Name: ['option2 name'],
  opt2Value: ['option2 value'],
  opt3Name: ['option3 name'],
  opt3Value: ['option3 value'],
  sku: ['variant sku', 'sku'],
  tracker: ['variant inventory tracker', 'inventory tracker'],
  qty: ['variant inventory qty', 'inventory quantity', 'variant inventory quantity'],
  policy: ['variant inventory policy', 'continue selling when out of stock'],
  price: ['variant price', 'price'],
  compareAt: ['variant compare at price', 'compare-at price', 'compare at price'],
  image: ['image src', 'product image url'],
  imagePosition: ['image position'],
  variantImage: ['variant image', 'variant image url'],
  productCategory: ['product category'],
  googleCategory: ['google shopping / google product category'],
  gender: ['google shopping / gender', 'target gender (product.metafields.shopify.target-gender)'],
  ageGroup: ['google shopping / age group', 'age group (product.metafields.shopify.age-group)'],
};

/**
 * Who a product is made for, from its gender and age-group columns (Google's values `male`, `female`,
 * `unisex` and `newborn`, `infant`, `toddler`, `kids`, `adult`; the category metafields list several
 * values separated by `;` or `,`, by handle or name). Unknown values are ignored.
 */
export function audiencesOf(gender: string, ageGroup: string): ('women' | 'men' | 'kids')[] {
  const out = new Set<'women' | 'men' | 'kids'>();
  for (const g of gender.toLowerCase().split(/[;,|]/).map((s) => s.trim())) {
    if (g === 'female' || g === 'women' || g === 'woman') out.add('women');
    else if (g === 'male' || g === 'men' || g === 'man') out.add('men');
    else if (g === 'unisex') {
      out.add('women');
      out.add('men');
    }
  }
  for (const a of ageGroup.toLowerCase().split(/[;,|]/).map((s) => s.trim())) {
    if (a === 'kids' || a === 'toddler' || a === 'infant' || a === 'newborn' || a === 'baby' || a === 'babies' || a === 'children') out.add('kids');
  }
  return [...out];
}

const MARKET_COLUMN = /^(price|compare at price|compare-at price|included) \/ (.+)$/;

interface MarketColumn {
  readonly index: number;
  readonly kind: 'price' | 'compareAt' | 'included';
  readonly market: string;
}

interface Columns {
  readonly fields: Partial<Record<Field, number>>;
  readonly markets: readonly MarketColumn[];
}

function normalizeHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s*\/\s*/g, ' / ').replace(/\s+/g, ' ');
}

function mapColumns(header: readonly string[]): Columns {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (!byName.has(n)) byName.set(n, i);
  });
  const fields: Partial<Record<Field, number>> = {};
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
    for (const a of aliases) {
      const i = byName.get(a);
      if (i !== undefined) {
        fields[field] = i;
        break;
      }
    }
  }
  const markets: MarketColumn[] = [];
  header.forEach((h, index) => {
    const m = MARKET_COLUMN.exec(normalizeHeader(h));
    if (!m) return;
    const kind = m[1] === 'price' ? 'price' : m[1] === 'included' ? 'included' : 'compareAt';
    const market = h.slice(h.indexOf('/') + 1).trim();
    markets.push({ index, kind, market });
  });
  return { fields, markets };
}

const OPTION_SYNONYMS: Readonly<Record<string, string>> = {
  colour: 'color', couleur: 'color', color: 'color', farbe: 'color', colore: 'color', kleur: 'color', cor: 'color',
  talla: 'size', taille: 'size', grosse: 'size', groesse: 'size', tamano: 'size', taglia: 'size', maat: 'size',
  tamanho: 'size', size: 'size',
  materiau: 'material', materiale: 'material', material: 'material',
  estilo: 'style', stil: 'style', style: 'style',
};

/**
 * Normalises an option name: trimmed, lower-case, single spaces, with a small synonym map
 * (`Colour`/`Couleur` → `color`, `Talla`/`Taille`/`Größe` → `size`, …).
 */
export function normalizeOptionName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const key = n.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
  return OPTION_SYNONYMS[key] ?? n;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®',
  trade: '™', deg: '°', times: '×', euro: '€', pound: '£', yen: '¥', cent: '¢', middot: '·', bull: '•',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', uuml: 'ü', ouml: 'ö',
  auml: 'ä', szlig: 'ß', ccedil: 'ç', egrave: 'è', agrave: 'à', Aacute: 'Á', Eacute: 'É', Ntilde: 'Ñ',
};

/** Decodes named (common ones) and numeric HTML entities; unknown entities are left as they are. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAG = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|thead|tbody|section|article|header|footer|blockquote|dd|dt|dl|hr|pre)\b[^>]*>/gi;

/** Converts an HTML fragment to plain text: drops scripts, styles, comments and tags, decodes entities, collapses whitespace. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(BLOCK_TAG, ' ')
      .replace(/<\/?[a-zA-Z][^>]*>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** URL-safe handle from a title: lower-case ASCII letters, digits and dashes. */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Splits a comma-separated tag list: trimmed, empty ones dropped, deduped case-insensitively (first spelling kept). */
export function splitTags(raw: string | readonly string[]): string[] {
  const parts = typeof raw === 'string' ? raw.split(',') : raw;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const t = p.trim();
    const k = t.toLowerCase();
    if (t === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

function parseBool(s: string): boolean | undefined {
  const v = s.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'y' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === 'n' || v === '0') return false;
  return undefined;
}

function isDecimal(s: string): boolean {
  return toMinorUnits(s, 'USD') !== undefined;
}

interface PendingVariant {
  readonly line: number;
  readonly title: string;
  readonly sku?: string;
  readonly price: Money;
  readonly compareAtPrice?: Money;
  readonly available: boolean;
  readonly options: Record<string, string>;
  readonly markets: Map<string, { price?: string; compareAtPrice?: string }>;
}

/** One image cell of a row: an `Image Src` with its `Image Position` (when a number), or a `Variant Image` (none). */
interface ImageCell {
  readonly src: string;
  readonly position?: number;
}

/** An `Image Position` cell as a number, or undefined when blank or not a number. */
function imagePosition(cell: string): number | undefined {
  const n = cell === '' ? Number.NaN : Number(cell);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A product's images in the order its page shows them (docs/shopify.md §5.1, `Image Position`): by
 * position, then the images without one (a blank cell, a variant image no `Image Src` row lists) in
 * file order, ties in file order too; each src once, where it first comes in that order (a variant
 * image that is also a positioned product image takes that position). The first is the featured image.
 * The rows of one handle may list positions in any order, and variant images sit on the variant rows,
 * ahead of the image-only rows with the later positions.
 */
export function orderedImages(cells: readonly ImageCell[]): string[] {
  const order = cells.map((c, i) => ({ c, i }));
  order.sort((a, b) => (a.c.position ?? Number.POSITIVE_INFINITY) - (b.c.position ?? Number.POSITIVE_INFINITY) || a.i - b.i);
  return [...new Set(order.map((o) => o.c.src))];
}

interface Group {
  readonly id: string;
  readonly handle: string;
  readonly firstLine: number;
  /** The row holding product-level fields (the handle's first row with a Title). */
  productRow?: { readonly line: number; readonly cells: readonly string[] };
  optionNames: [string, string, string];
  /** Every image cell of the handle's rows, in file order (see {@link orderedImages}). */
  readonly images: ImageCell[];
  readonly variants: PendingVariant[];
  /** Option combination (or SKU) → line, to detect duplicates. */
  readonly seen: Map<string, number>;
  rowErrors: number;
}

/** One record as csv-parse returns it with {@link CSV_PARSE_OPTIONS} (`info` and `raw` on). */
export interface CsvRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number };
}

/**
 * csv-parse options of the import, the same for the whole-text parse here and the streaming parse in
 * src/app. Feed it text with LF line ends ({@link normalizeLineEnds}): line numbers count LFs.
 */
export const CSV_PARSE_OPTIONS = Object.freeze({
  bom: true,
  info: true,
  raw: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
} as const);

/** The text with CRLF and lone CR line ends turned into LF. */
export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The import error for a csv-parse failure (csv-parse errors carry the `lines` they reached). */
export function csvParseFailed(e: unknown): AffinityError {
  const line = (e as { lines?: unknown }).lines;
  const where = typeof line === 'number' ? ` near line ${line}` : '';
  return new AffinityError('CATALOG_IMPORT_FAILED', `The CSV could not be parsed${where}: ${(e as Error).message}`, [], { cause: e });
}

/** 1-based line where a record starts: `info.lines` is its last line; `raw` may begin with skipped empty lines. */
function startLine(r: CsvRecord): number {
  const body = r.raw.replace(/^\n+/, '').replace(/\n$/, '');
  let nl = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) nl++;
  return r.info.lines - nl;
}

function readRecords(text: string): CsvRecord[] {
  try {
    return parse(normalizeLineEnds(text), CSV_PARSE_OPTIONS) as CsvRecord[];
  } catch (e) {
    throw csvParseFailed(e);
  }
}

/** The columns of a header record. @throws AffinityError `CATALOG_IMPORT_FAILED` when it is not a Shopify product header */
function headerColumns(header: readonly string[]): Columns {
  const columns = mapColumns(header);
  const known = Object.keys(columns.fields).length;
  if ((columns.fields.handle === undefined && columns.fields.title === undefined) || known < 2) {
    throw new AffinityError(
      'CATALOG_IMPORT_FAILED',
      'The CSV has no recognisable Shopify product header (expected columns such as Handle/URL handle, Title, Variant Price/Price).',
      [{ path: 'header', message: `got: ${header.slice(0, 8).join(', ')}` }],
    );
  }
  return columns;
}

/** Products built per step of {@link ShopifyCsvReader.finish} by default. */
export const FINISH_BATCH = 500;

/**
 * Reads a Shopify product CSV export one parsed record at a time (see {@link parseShopifyCsv} for the
 * rules). Feed it every record csv-parse produces with {@link CSV_PARSE_OPTIONS}, in file order, the
 * header first; then run {@link ShopifyCsvReader.finish} to the end for the result. Nothing is kept of
 * a record but the cells it contributes, so the file itself need not stay in memory.
 */
export class ShopifyCsvReader {
  readonly #opts: CsvImportOptions;
  #columns: Columns | undefined;
  readonly #errors: CsvImportError[] = [];
  readonly #groups = new Map<string, Group>();

  constructor(opts: CsvImportOptions) {
    this.#opts = opts;
  }

  /**
   * Takes the next record: the first is the header, each later one a product, variant or image row.
   * @throws AffinityError `CATALOG_IMPORT_FAILED` when the first record is not a recognisable header
   */
  add(rec: CsvRecord): void {
    if (!this.#columns) {
      this.#columns = headerColumns(rec.record);
      return;
    }
    const columns = this.#columns;
    const { fields } = columns;
    const errors = this.#errors;
    const opts = this.#opts;
    const cells = rec.record;
    if (cells.every((c) => c.trim() === '')) return;
    const line = startLine(rec);
    const get = (f: Field): string => {
      const i = fields[f];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };

    const title = get('title');
    let handle = get('handle');
    if (handle === '') handle = slugify(title);
    if (handle === '') {
      errors.push({ line, message: 'Row has neither a handle nor a title.' });
      return;
    }
    // CSV exports carry no product id: the handle is the product's identity.
    const id = normalizeId(handle) as string;
    let g = this.#groups.get(id);
    if (!g) {
      g = { id, handle, firstLine: line, optionNames: ['', '', ''], images: [], variants: [], seen: new Map(), rowErrors: 0 };
      this.#groups.set(id, g);
    }
    if (!g.productRow && title !== '') g.productRow = { line, cells };
    const names: [string, string, string] = [get('opt1Name'), get('opt2Name'), get('opt3Name')];
    if (g.optionNames.every((n) => n === '') && names.some((n) => n !== '')) g.optionNames = names;

    const image = get('image');
    if (image !== '') g.images.push({ src: image, position: imagePosition(get('imagePosition')) });
    const variantImage = get('variantImage');

    const values = [get('opt1Value'), get('opt2Value'), get('opt3Value')];
    const priceRaw = get('price');
    const sku = get('sku');
    const compareRaw = get('compareAt');
    const isVariantRow = priceRaw !== '' || sku !== '' || compareRaw !== '' || values.some((v) => v !== '');
    if (!isVariantRow) return; // image-only continuation row (or an empty handle row)
    if (variantImage !== '') g.images.push({ src: variantImage });

    const v = readVariant({ g, line, cells, get, columns, opts, errors });
    if (v) g.variants.push(v);
    else g.rowErrors++;
  }

  /**
   * Builds the products of every record added, pausing (yielding) after each `batch` products so that a
   * caller can give the event loop a turn; its return value is the result.
   * @throws AffinityError `CATALOG_IMPORT_FAILED` when no record was added (an empty file)
   */
  *finish(batch: number = FINISH_BATCH): Generator<void, CsvImportResult, void> {
    if (!this.#columns) throw new AffinityError('CATALOG_IMPORT_FAILED', 'The CSV is empty.');
    const { fields, markets } = this.#columns;
    const errors = this.#errors;
    const products: Product[] = [];
    const marketPrices: CsvMarketPrice[] = [];
    const usedVariantIds = new Set<string>();
    let built = 0;
    for (const g of this.#groups.values()) {
      if (!g.productRow) {
        errors.push({ line: g.firstLine, message: `Product "${g.handle}" has no row with a Title; skipped.` });
        continue;
      }
      if (g.variants.length === 0) {
        const why = g.rowErrors > 0 ? 'all its variant rows are invalid' : 'it has no variant rows';
        errors.push({ line: g.firstLine, message: `Product "${g.handle}" skipped: ${why}.` });
        continue;
      }
      products.push(buildProduct(g, fields, markets, usedVariantIds, marketPrices));
      if (++built % batch === 0) yield;
    }
    errors.sort((a, b) => a.line - b.line);
    return { products, errors, marketPrices };
  }
}

/**
 * Parses a Shopify product CSV export (legacy or current header dialect) into products.
 *
 * - CSV exports carry no product id, so the product id is the normalised handle (`normalizeId(handle)`);
 *   a row without a handle but with a Title starts a product whose handle is the slugified title.
 * - The variant id is the SKU when present and unique in the file, else `<productId>:<position>` (1-based).
 * - `Price` / `Variant Price` is the base price in `opts.currency`; `Price / <Market>` columns (including
 *   `Price / International`) are market columns, returned in `marketPrices`, never the base price.
 * - A variant is available when its inventory is not tracked, its quantity is above 0, or the policy
 *   continues selling when out of stock. Draft or archived products, or `Published` false, are unpublished.
 *
 * The whole text is parsed in one go; for large files use {@link ShopifyCsvReader} in slices.
 *
 * @throws AffinityError `CATALOG_IMPORT_FAILED` when the text is not CSV or has no recognisable header.
 */
export function parseShopifyCsv(text: string, opts: CsvImportOptions): CsvImportResult {
  const reader = new ShopifyCsvReader(opts);
  for (const rec of readRecords(text)) reader.add(rec);
  const steps = reader.finish(Number.POSITIVE_INFINITY);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** One variant row being read. */
interface RowContext {
  readonly g: Group;
  readonly line: number;
  readonly cells: readonly string[];
  readonly get: (f: Field) => string;
  readonly columns: Columns;
  readonly opts: CsvImportOptions;
  readonly errors: CsvImportError[];
}

function readVariant(ctx: RowContext): PendingVariant | undefined {
  const { g, line, cells, get, errors, opts } = ctx;
  const values = [get('opt1Value'), get('opt2Value'), get('opt3Value')];
  const rowNames = [get('opt1Name'), get('opt2Name'), get('opt3Name')];
  const priceRaw = get('price');
  const compareRaw = get('compareAt');
  const sku = get('sku');
  if (priceRaw === '') {
    errors.push({ line, message: `Variant of "${g.handle}" has no price.` });
    return undefined;
  }
  const price = moneyFromMajor(priceRaw, opts.currency);
  if (!price) {
    errors.push({ line, message: `Variant of "${g.handle}" has an invalid price "${priceRaw}".` });
    return undefined;
  }
  const options: Record<string, string> = {};
  const labels: string[] = [];
  let isDefault = false;
  values.forEach((value, i) => {
    if (value === '') return;
    const given = rowNames[i] || g.optionNames[i] || '';
    if (i === 0 && value.toLowerCase() === 'default title' && (given === '' || given.toLowerCase() === 'title')) {
      isDefault = true;
      return;
    }
    options[normalizeOptionName(given || `option${i + 1}`)] = value;
    labels.push(value);
  });
  const comboKey = isDefault || labels.length === 0 ? '<default>' : JSON.stringify(options);
  const dupLine = g.seen.get(comboKey) ?? (sku !== '' ? g.seen.get(`sku:${sku}`) : undefined);
  if (dupLine !== undefined) {
    errors.push({ line, message: `Duplicate variant of "${g.handle}" (same options or SKU as line ${dupLine}); skipped.` });
    return undefined;
  }
  g.seen.set(comboKey, line);
  if (sku !== '') g.seen.set(`sku:${sku}`, line);

  let compareAtPrice: Money | undefined;
  if (compareRaw !== '') {
    compareAtPrice = moneyFromMajor(compareRaw, opts.currency);
    if (!compareAtPrice) errors.push({ line, message: `Invalid compare-at price "${compareRaw}" ignored.` });
    else if (compareAtPrice.amount <= price.amount) compareAtPrice = undefined; // not a markdown
  }

  const qtyRaw = get('qty');
  const qty = /^-?\d+$/.test(qtyRaw) ? Number(qtyRaw) : undefined;
  const policyRaw = get('policy').toLowerCase();
  const continues = policyRaw === 'continue' || parseBool(policyRaw) === true;
  // Legacy and current exports have a tracker column ("shopify" or empty); without one, a quantity means tracking.
  const tracked = ctx.columns.fields.tracker !== undefined ? get('tracker') !== '' : qty !== undefined;
  const available = !tracked || (qty ?? 0) > 0 || continues;

  const marketValues = new Map<string, { price?: string; compareAtPrice?: string }>();
  for (const m of ctx.columns.markets) {
    if (m.kind === 'included') continue;
    const raw = (cells[m.index] ?? '').trim();
    if (raw === '') continue;
    if (!isDecimal(raw)) {
      errors.push({ line, message: `Invalid ${m.kind === 'price' ? 'price' : 'compare-at price'} "${raw}" for market ${m.market} ignored.` });
      continue;
    }
    const entry = marketValues.get(m.market) ?? {};
    if (m.kind === 'price') entry.price = raw;
    else entry.compareAtPrice = raw;
    marketValues.set(m.market, entry);
  }

  return {
    line,
    title: isDefault || labels.length === 0 ? 'Default Title' : labels.join(' / '),
    ...(sku !== '' ? { sku } : {}),
    price,
    ...(compareAtPrice ? { compareAtPrice } : {}),
    available,
    options,
    markets: marketValues,
  };
}

function buildProduct(
  g: Group,
  fields: Partial<Record<Field, number>>,
  markets: readonly MarketColumn[],
  usedVariantIds: Set<string>,
  marketPrices: CsvMarketPrice[],
): Product {
  const cells = (g.productRow as { cells: readonly string[] }).cells;
  const get = (f: Field): string => {
    const i = fields[f];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const audiences = audiencesOf(get('gender'), get('ageGroup'));
  const publishedFlag = parseBool(get('published'));
  const status = get('status').toLowerCase();
  const published = publishedFlag !== false && status !== 'draft' && status !== 'archived';

  const included = new Map<string, boolean>();
  for (const m of markets) {
    if (m.kind !== 'included') continue;
    const b = parseBool(cells[m.index] ?? '');
    if (b !== undefined) included.set(m.market, b);
  }

  const variants: Variant[] = g.variants.map((pv, i) => {
    let id = pv.sku !== undefined && !usedVariantIds.has(pv.sku) ? pv.sku : `${g.id}:${i + 1}`;
    for (let n = 2; usedVariantIds.has(id); n++) id = `${g.id}:${i + 1}-${n}`;
    usedVariantIds.add(id);
    const marketNames = new Set([...pv.markets.keys(), ...included.keys()]);
    for (const market of marketNames) {
      const mv = pv.markets.get(market);
      const inc = included.get(market);
      marketPrices.push({
        productId: g.id,
        variantId: id,
        market,
        ...(mv?.price !== undefined ? { price: mv.price } : {}),
        ...(mv?.compareAtPrice !== undefined ? { compareAtPrice: mv.compareAtPrice } : {}),
        ...(inc !== undefined ? { included: inc } : {}),
      });
    }
    return {
      id,
      title: pv.title,
      ...(pv.sku !== undefined ? { sku: pv.sku } : {}),
      price: pv.price,
      ...(pv.compareAtPrice ? { compareAtPrice: pv.compareAtPrice } : {}),
      available: pv.available,
      options: pv.options,
    };
  });

  const options: Record<string, string[]> = {};
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.options)) {
      const list = (options[name] ??= []);
      if (!list.includes(value)) list.push(value);
    }
  }

  return {
    id: g.id,
    handle: g.handle,
    title: get('title'),
    description: htmlToText(get('body')),
    vendor: get('vendor'),
    productType: get('type'),
    category: get('productCategory') || get('googleCategory'),
    tags: splitTags(get('tags')),
    options,
    variants,
    images: orderedImages(g.images),
    published,
    ...(audiences.length > 0 ? { audiences } : {}),
  };
}
