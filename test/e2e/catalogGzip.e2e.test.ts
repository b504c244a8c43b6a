/**
 * A catalog export uploaded gzip-compressed, as `curl --data-binary @products_export.csv.gz` sends it
 * (with or without `Content-Encoding: gzip`), is imported like the plain CSV; another encoding is a
 * 415 and a broken gzip body a 400, each with a sentence. Real HTTP.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price',
  'Wooden Fence,wooden-fence,Yard,Fence,,TRUE,active,F1,Title,Default Title,120.00',
  'Clay Plant Pot,clay-plant-pot,Yard,Pot,,TRUE,active,P1,Title,Default Title,12.00',
].join('\n');

describe('catalog upload, gzip-compressed', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({});
  });
  after(async () => s.stop());

  const upload = async (body: Buffer, headers: Record<string, string>) => {
    const res = await fetch(`${s.url}/v1/catalog/products?currency=USD`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: new Blob([new Uint8Array(body)]) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('imports the gzip body with and without Content-Encoding', async () => {
    const gz = gzipSync(Buffer.from(CSV));
    const variants: Record<string, string>[] = [{ 'content-encoding': 'gzip' }, {}];
    for (const headers of variants) {
      const r = await upload(gz, headers);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.imported, 2, JSON.stringify(r.body));
    }
  });

  it('refuses another encoding (415) and a broken gzip body (400) with a sentence', async () => {
    const br = await upload(Buffer.from(CSV), { 'content-encoding': 'br' });
    assert.equal(br.status, 415);
    assert.match(br.body.error.message, /Content-Encoding "br" is not supported/);
    const broken = await upload(gzipSync(Buffer.from(CSV)).subarray(0, 20), { 'content-encoding': 'gzip' });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error.code, 'VALIDATION_FAILED');
  });
});
