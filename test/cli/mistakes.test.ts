/**
 * The usual first mistakes with `affinity`, through the real `node bin/affinity.mjs`: each is told in
 * one line (what is wrong, what to do), without a stack trace, with a non-zero exit code; and
 * `import` without `--shop` says which shop it imported into.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli, show, STACK_LINE, type CliRun } from './runCli.ts';

const CSV = 'Handle,Title,Vendor,Type,Variant Price,Published\nred-mug,Red mug,Acme,Mug,12.50,true\nblue-mug,Blue mug,Acme,Mug,14.00,true\n';

/** Exit code `code`, nothing on stdout, and exactly one line on stderr matching every pattern. */
function oneLine(r: CliRun, code: number, ...patterns: RegExp[]): void {
  assert.equal(r.code, code, show(r));
  assert.equal(r.stdout, '', show(r));
  assert.doesNotMatch(r.stderr, STACK_LINE, show(r));
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `more than one line:\n${show(r)}`);
  for (const p of patterns) assert.match(r.stderr, p);
}

describe('affinity import: mistakes with the file, the currency and the shop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-cli-import-'));
  const env = { AFFINITY_DB: join(dir, 'import.db') };
  before(() => {
    writeFileSync(join(dir, 'products.csv'), CSV);
    writeFileSync(join(dir, 'products.csv.gz'), gzipSync(CSV));
    writeFileSync(join(dir, 'truncated.csv.gz'), gzipSync(CSV).subarray(0, 20));
    writeFileSync(join(dir, 'products.zip'), Buffer.from('504b0304140000000800', 'hex'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that is not there: one line naming it', async () => {
    oneLine(await runCli(['import', 'products_export.csv', '--shop', 'a-shop.myshopify.com'], { env, cwd: dir }), 1, /cannot read products_export\.csv: no such file/);
  });

  it('a gzip-compressed export is decompressed and imported', async () => {
    const r = await runCli(['import', join(dir, 'products.csv.gz'), '--shop', 'gz-shop.myshopify.com'], { env });
    assert.equal(r.code, 0, show(r));
    const report = JSON.parse(r.stdout) as { shop: string; imported: number; errors: unknown[] };
    assert.equal(report.shop, 'gz-shop.myshopify.com');
    assert.equal(report.imported, 2, show(r));
    assert.deepEqual(report.errors, []);
  });

  it('a gzip file that does not decompress, and a ZIP archive: one line saying what to do', async () => {
    oneLine(await runCli(['import', join(dir, 'truncated.csv.gz'), '--shop', 'gz-shop.myshopify.com'], { env }), 1, /gzip-compressed but does not decompress/, /decompress it first/);
    oneLine(await runCli(['import', join(dir, 'products.zip'), '--shop', 'gz-shop.myshopify.com'], { env }), 1, /ZIP archive/, /unzip it first/);
  });

  it('an unknown currency code is refused up front, once, with the closest code (not one "invalid price" per row)', async () => {
    oneLine(await runCli(['import', join(dir, 'products.csv'), '--currency', 'EURO'], { env }), 2, /--currency "EURO" is not an ISO 4217 currency code/, /did you mean EUR\?/);
    const lower = await runCli(['import', join(dir, 'products.csv'), '--currency', 'eur', '--shop', 'eur-shop.myshopify.com'], { env });
    assert.equal(lower.code, 0, show(lower));
    assert.equal((JSON.parse(lower.stdout) as { imported: number }).imported, 2);
  });

  it('without --shop it says which shop it imported into (the default shop, AFFINITY_DEFAULT_SHOP)', async () => {
    const r = await runCli(['import', join(dir, 'products.csv')], { env });
    assert.equal(r.code, 0, show(r));
    assert.equal((JSON.parse(r.stdout) as { shop: string }).shop, 'default');
    assert.match(r.stderr, /default shop "default" \(AFFINITY_DEFAULT_SHOP\)/);
    assert.match(r.stderr, /--shop my-shop\.myshopify\.com/);

    const named = await runCli(['import', join(dir, 'products.csv')], { env: { ...env, AFFINITY_DEFAULT_SHOP: 'house-shop.myshopify.com' } });
    assert.equal(named.code, 0, show(named));
    assert.equal((JSON.parse(named.stdout) as { shop: string }).shop, 'house-shop.myshopify.com');
    assert.match(named.stderr, /default shop "house-shop\.myshopify\.com" \(AFFINITY_DEFAULT_SHOP\)/);

    const given = await runCli(['import', join(dir, 'products.csv'), '--shop', 'given-shop.myshopify.com'], { env });
    assert.equal(given.code, 0, show(given));
    assert.doesNotMatch(given.stderr, /default shop/);
  });

  it('options: a shop that is not a shop domain, a flag missing its value, an unknown option, a file after the options', async () => {
    oneLine(await runCli(['import', join(dir, 'products.csv'), '--shop', 'https://my-shop.myshopify.com/'], { env }), 2, /--shop "https:\/\/my-shop\.myshopify\.com\/" must be a shop domain/);
    oneLine(await runCli(['import', join(dir, 'products.csv'), '--shop'], { env }), 2, /--shop needs a value/);
    oneLine(await runCli(['import', join(dir, 'products.csv'), '--shp', 'x.myshopify.com'], { env }), 2, /unknown option --shp \(did you mean --shop\?\)/);
    oneLine(await runCli(['import'], { env }), 2, /missing <file>/);
    // The file after a valued option is still the file (it used to take the shop name for the file).
    const r = await runCli(['import', '--shop', 'order-shop.myshopify.com', join(dir, 'products.csv')], { env });
    assert.equal(r.code, 0, show(r));
    assert.equal((JSON.parse(r.stdout) as { shop: string }).shop, 'order-shop.myshopify.com');
  });
});

describe('affinity serve: a port in use, an option that is an environment variable, an invalid environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-cli-serve-'));
  let blocker: Server;
  let port: number;
  before(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a port in use: one line naming the port and PORT=…, exit 1, nothing left running', async () => {
    const r = await runCli(['serve'], { env: { PORT: String(port), AFFINITY_DB: join(dir, 'a.db') } });
    oneLine(r, 1, new RegExp(`^affinity serve: port ${port} is in use on 127\\.0\\.0\\.1`), /set PORT=/);
    assert.equal(r.timedOut, false);
  });

  it('a port in use with HTTP workers: said once, and the workers are not restarted forever', async () => {
    const r = await runCli(['serve'], { env: { PORT: String(port), AFFINITY_WORKERS: '2', AFFINITY_DB: join(dir, 'w.db') } });
    oneLine(r, 1, new RegExp(`^affinity serve: port ${port} is in use`), /set PORT=/);
  });

  it('`serve --port 9000`: refused (it used to start on 8787), pointing to PORT=', async () => {
    oneLine(await runCli(['serve', '--port', '9000'], { env: { AFFINITY_DB: join(dir, 'p.db') } }), 2, /unknown option --port/, /PORT=9000/);
  });

  it('a role that does not exist in --role: one line naming --role (not AFFINITY_ROLES, which is not set), exit 2', async () => {
    const r = await runCli(['serve', '--role', 'ingest,recomend'], { env: { AFFINITY_DB: join(dir, 'r.db') } });
    oneLine(r, 2, /^affinity serve: --role: unknown role "recomend"; the roles are all, ingest, recommend, project/);
    assert.doesNotMatch(r.stderr, /AFFINITY_ROLES/);
  });

  it('some roles on the SQLite store: refused at start, naming what to set (the nodes would share nothing), exit 2', async () => {
    const db = join(dir, 'roles.db');
    const byOption = await runCli(['serve', '--role', 'ingest'], { env: { AFFINITY_DB: db } });
    oneLine(byOption, 2, /^affinity serve: --role ingest runs part of Affinity/, /must share a Redis store/, new RegExp(`SQLite file ${db}`), /AFFINITY_REDIS_CLUSTER=/, /AFFINITY_STORE=redis with REDIS_URL=/, /--role all/);
    assert.equal(byOption.timedOut, false);
    oneLine(await runCli(['serve'], { env: { AFFINITY_DB: db, AFFINITY_ROLES: 'recommend,project' } }), 2, /^affinity serve: AFFINITY_ROLES=recommend,project runs part of Affinity/);
    // REDIS_URL alone does not choose Redis (AFFINITY_STORE does): still the SQLite file, still refused.
    oneLine(await runCli(['serve', '--role', 'project'], { env: { AFFINITY_DB: db, REDIS_URL: 'redis://127.0.0.1:6379' } }), 2, /AFFINITY_STORE=redis/);
    // Every role named, in one process: the single-machine layout, allowed (it goes on to listen, on a port in use here).
    oneLine(await runCli(['serve', '--role', 'ingest,recommend,project'], { env: { PORT: String(port), AFFINITY_DB: db } }), 1, new RegExp(`port ${port} is in use`));
  });

  it('an invalid environment lists every problem, without a stack trace', async () => {
    const r = await runCli(['serve'], { env: { AFFINITY_STORE: 'postgres', AFFINITY_WORKERS: 'many', AFFINITY_DB: join(dir, 'c.db') } });
    assert.equal(r.code, 1, show(r));
    assert.doesNotMatch(r.stderr, STACK_LINE, show(r));
    assert.match(r.stderr, /Invalid configuration/);
    assert.match(r.stderr, /AFFINITY_STORE: .*"sqlite"\|"redis"/);
    assert.match(r.stderr, /AFFINITY_WORKERS: /);
  });
});

describe('affinity eval: arguments checked before anything runs', () => {
  it('no dataset directory, or one that does not exist: one line, exit 2', async () => {
    oneLine(await runCli(['eval', '--json']), 2, /missing <dataset dir>/);
    oneLine(await runCli(['eval', '/nonexistent/yoochoose']), 2, /\/nonexistent\/yoochoose: no such directory/);
    oneLine(await runCli(['eval-personalization', '/nonexistent/retail', '--no-sim']), 2, /\/nonexistent\/retail: no such directory/);
    oneLine(await runCli(['eval-intent', '--heldout', '/nonexistent/heldout.jsonl']), 2, /--heldout \/nonexistent\/heldout\.jsonl: no such file/);
  });
});
