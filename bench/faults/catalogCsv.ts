/**
 * A Shopify product CSV export (legacy header dialect, as Products → Export writes it) of a generated
 * catalog: one row per variant, product fields on the first row of each handle, extra images on rows of
 * their own. The fault suite imports it over HTTP and feeds the parsed products to the shop stand-in,
 * so the shop and Affinity agree on the product ids (a CSV carries none: the handle is the id).
 */
import type { Product } from '../../src/core/catalog/product.ts';

const HEADER = [
  'Handle', 'Title', 'Body (HTML)', 'Vendor', 'Product Category', 'Type', 'Tags', 'Published',
  'Option1 Name', 'Option1 Value', 'Option2 Name', 'Option2 Value',
  'Variant SKU', 'Variant Inventory Tracker', 'Variant Inventory Qty', 'Variant Inventory Policy',
  'Variant Price', 'Variant Compare At Price', 'Image Src', 'Image Position', 'Status',
];

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function major(amount: number): string {
  return (amount / 100).toFixed(2);
}

/** The CSV text of `products` (prices in a two-decimal currency). */
export function toShopifyCsv(products: readonly Product[]): string {
  const lines = [HEADER.join(',')];
  for (const p of products) {
    const optionNames = Object.keys(p.options).slice(0, 2);
    p.variants.forEach((v, i) => {
      const first = i === 0;
      const image = p.images[i];
      const row = [
        p.handle,
        first ? p.title : '',
        first ? `<p>${p.description.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>` : '',
        first ? p.vendor : '',
        first ? p.category : '',
        first ? p.productType : '',
        first ? p.tags.join(', ') : '',
        first ? String(p.published) : '',
        first && optionNames[0] ? optionNames[0] : '',
        optionNames[0] ? (v.options[optionNames[0]] ?? '') : 'Default Title',
        first && optionNames[1] ? optionNames[1] : '',
        optionNames[1] ? (v.options[optionNames[1]] ?? '') : '',
        v.sku ?? `${p.handle}-${i + 1}`,
        'shopify',
        v.available ? '12' : '0',
        'deny',
        major(v.price.amount),
        v.compareAtPrice ? major(v.compareAtPrice.amount) : '',
        image ?? '',
        image ? String(i + 1) : '',
        first ? 'active' : '',
      ];
      lines.push(row.map(cell).join(','));
    });
    for (let i = p.variants.length; i < p.images.length; i++) {
      const row = HEADER.map(() => '');
      row[0] = p.handle;
      row[18] = p.images[i] as string;
      row[19] = String(i + 1);
      lines.push(row.map(cell).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
