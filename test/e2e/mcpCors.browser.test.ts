/**
 * A browser-based MCP client (what the MCP Inspector in direct mode is) in a real browser: Debian's
 * chromium, driven by playwright-core, opens a page on an origin listed in AFFINITY_MCP_ALLOWED_ORIGINS;
 * the page runs the MCP SDK's own client (bundled for the browser with esbuild) against Affinity's
 * `/mcp` on another origin, with an API key, so every request is preflighted. Checked: it connects
 * (and learns its session id from the exposed `Mcp-Session-Id`), lists and calls tools, reads a 401
 * and its challenge, and the browser logs no CORS error; a page on an origin not listed cannot call.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const KEY = 'browser-read-key-0123456789';
const ADMIN = 'browser-admin-key-0123456789';
const ROOT = join(import.meta.dirname, '..', '..');

// Skipped on a developer machine without Debian's chromium; never in CI (.ci/run installs it), where a missing browser must fail.
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM} (apt-get install chromium)`;

/** The SDK's browser client as one script that sets `window.Mcp`. */
async function sdkBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: "import { Client } from '@modelcontextprotocol/sdk/client/index.js'; import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'; globalThis.Mcp = { Client, StreamableHTTPClientTransport };",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** A page server: `/` is an empty page that loads `/mcp-client.js`. */
async function pageServer(script: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/mcp-client.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>agent UI</title><script src="/mcp-client.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What the page's client saw. */
interface PageRun {
  readonly ok: boolean;
  readonly error?: string;
  readonly sessionId?: string;
  readonly tools?: string[];
  readonly items?: number;
  readonly unauthorized?: { status: number; challenge: string | null };
}

/** Runs the SDK client in the page against `affinity`. */
function runClient(page: Page, affinity: string): Promise<PageRun> {
  return page.evaluate(
    async ({ affinity, key }) => {
      const { Client, StreamableHTTPClientTransport } = (window as any).Mcp;
      const client = new Client({ name: 'browser-agent-ui', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`${affinity}/mcp?shop=default`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
      try {
        await client.connect(transport);
        const sessionId = transport.sessionId as string | undefined;
        const tools = (await client.listTools()).tools.map((t: { name: string }) => t.name);
        const rec = await client.callTool({ name: 'recommend_products', arguments: { user_id: 'browser-shopper', limit: 2 } });
        await client.close();
        const noKey = await fetch(`${affinity}/mcp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
        return { ok: rec.isError !== true, sessionId, tools, items: rec.structuredContent?.items?.length, unauthorized: { status: noKey.status, challenge: noKey.headers.get('www-authenticate') } };
      } catch (err) {
        return { ok: false, error: String(err) };
      }
    },
    { affinity, key: KEY },
  );
}

describe('a browser MCP client on an allowed origin (Chromium)', { skip }, () => {
  let affinity: Running;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let browser: Browser;

  before(async () => {
    const script = await sdkBundle();
    allowed = await pageServer(script);
    other = await pageServer(script);
    affinity = await startAffinity({ AFFINITY_MCP_ALLOWED_ORIGINS: allowed.origin, AFFINITY_API_KEYS: `*:read:${KEY},*:admin:${ADMIN}` });
    assert.equal((await affinity.post('/v1/catalog/products', SMALL_CATALOG, { authorization: `Bearer ${ADMIN}` })).status, 200);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    affinity?.affinity.app.server.closeAllConnections();
    await affinity?.stop();
    allowed?.server.close();
    other?.server.close();
  });

  async function open(origin: string): Promise<{ page: Page; console: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as any).Mcp !== undefined, undefined, { timeout: 60_000 });
    return { page, console, close: () => context.close() };
  }

  it('connects with its key, lists and calls tools, learns its session id and reads a 401 with its challenge', async () => {
    const { page, console, close } = await open(allowed.origin);
    try {
      const run = await runClient(page, affinity.url);
      assert.equal(run.ok, true, JSON.stringify(run));
      assert.match(run.sessionId ?? '', /^[0-9a-f-]{36}\./, 'Mcp-Session-Id is exposed to the page');
      assert.equal(run.tools?.length, 5);
      assert.equal(run.items, 2);
      assert.deepEqual(run.unauthorized, { status: 401, challenge: 'Bearer realm="affinity"' });
      // The GET the SDK client tries after initialize answers 405, readable: no CORS error anywhere.
      assert.deepEqual(console.filter((line) => /CORS|Access-Control|blocked/i.test(line)), []);
    } finally {
      await close();
    }
  });

  it('a page on an origin not listed cannot call /mcp', async () => {
    const { page, close } = await open(other.origin);
    try {
      const run = await runClient(page, affinity.url);
      assert.equal(run.ok, false);
      assert.match(run.error ?? '', /Failed to fetch|TypeError/, JSON.stringify(run));
    } finally {
      await close();
    }
  });
});
