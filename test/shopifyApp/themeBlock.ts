/**
 * Renders the theme app extension's block (extensions/affinity-theme/blocks/recommendations.liquid) as
 * Shopify's Online Store does, with liquidjs: the standard Liquid filters, `{% schema %}` read and left out
 * of the page, and the Shopify objects a block sees (`block`, `product`, `cart`, `localization`,
 * `customer`) passed in by the test. Strict filters: a Shopify-only filter the stand-in lacks fails loudly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Liquid, TokenKind, type TagToken, type TopLevelToken } from 'liquidjs';

export const THEME_DIR = new URL('../../extensions/affinity-theme/', import.meta.url);
export const BLOCK_FILE = new URL('blocks/recommendations.liquid', THEME_DIR);

/** Where the stand-in serves the extension's assets (Shopify serves them from its CDN). */
export const ASSET_BASE = '/cdn/shop/t/1/assets/';

/** The block's `{% schema %}`. */
export interface BlockSchema {
  readonly name: string;
  readonly target: string;
  readonly javascript?: string;
  readonly stylesheet?: string;
  readonly settings: readonly { readonly type: string; readonly id: string; readonly default?: unknown; readonly options?: readonly { value: string; label: string }[]; readonly min?: number; readonly max?: number }[];
}

function engine(): Liquid {
  const liquid = new Liquid({ strictFilters: true });
  // Shopify's schema tag: JSON for the theme editor, nothing on the page.
  liquid.registerTag('schema', {
    parse(_token: TagToken, remain: TopLevelToken[]) {
      for (let t = remain.shift(); t; t = remain.shift()) if (t.kind === TokenKind.Tag && (t as TagToken).name === 'endschema') return;
      throw new Error('{% schema %} without {% endschema %}');
    },
    *render() {
      return '';
    },
  });
  liquid.registerFilter('asset_url', (name: string) => `${ASSET_BASE}${name}`);
  // Shopify's `t`: the key in the storefront locale's file (`es-MX`, then `es`), else in the default
  // locale's (`*.default.json`); a key in none reads "translation missing", as on a real storefront.
  liquid.registerFilter('t', function (this: { context: { getSync(paths: PropertyKey[]): unknown } }, key: string) {
    const locale = String(this.context.getSync(['request', 'locale', 'iso_code']) ?? '');
    for (const file of [...new Set([locale, locale.split('-')[0] ?? ''])].filter((l) => l !== '').map((l) => `${l}.json`).concat(defaultLocaleFile())) {
      const text = lookup(localeFile(file), key);
      if (typeof text === 'string') return text;
    }
    return `translation missing: ${locale || 'en'}.${key}`;
  });
  return liquid;
}

const LOCALES_DIR = new URL('locales/', THEME_DIR);

/** The extension's default locale file (`en.default.json`). */
function defaultLocaleFile(): string {
  const files = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.default.json'));
  if (files.length !== 1) throw new Error(`locales/ must hold exactly one *.default.json, found ${files.join(', ') || 'none'}`);
  return files[0] as string;
}

function localeFile(file: string): unknown {
  const url = new URL(file, LOCALES_DIR);
  return existsSync(url) ? JSON.parse(readFileSync(url, 'utf8')) : undefined;
}

function lookup(tree: unknown, key: string): unknown {
  let at = tree;
  for (const part of key.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

/** The block's source and schema. */
export function blockSource(): { source: string; schema: BlockSchema } {
  const source = readFileSync(BLOCK_FILE, 'utf8');
  const m = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!m) throw new Error('the block has no {% schema %}');
  return { source, schema: JSON.parse(m[1]!) as BlockSchema };
}

/** What the page gives the block. */
export interface BlockContext {
  readonly block: { readonly id: string; readonly settings: Readonly<Record<string, unknown>>; readonly shopify_attributes?: string };
  readonly product?: { readonly id: number; readonly handle: string; readonly title?: string } | null;
  readonly cart?: { readonly items: readonly { readonly product_id: number }[]; readonly currency?: { readonly iso_code: string } } | null;
  readonly localization?: { readonly country: { readonly iso_code: string; readonly currency?: { readonly iso_code: string } } } | null;
  readonly customer?: { readonly id: number } | null;
  /** Liquid's `request`: the storefront's locale (`request.locale.iso_code`: "es", "es-MX"). */
  readonly request?: { readonly locale: { readonly iso_code: string } };
}

/** The block's HTML for a page. */
export async function renderBlock(ctx: BlockContext): Promise<string> {
  return (await engine().parseAndRender(blockSource().source, ctx as object)) as string;
}

/** The attributes of the block's outer element. */
export function rootAttributes(html: string): Record<string, string> {
  const tag = /<section\b([^>]*)>/.exec(html);
  if (!tag) throw new Error(`no <section> in ${html}`);
  const out: Record<string, string> = {};
  for (const m of tag[1]!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out[m[1]!] = m[2] ?? '';
  return out;
}
