/**
 * What an operator finds in the log (`affinity serve`, pino JSON on stderr, level `info`): one access
 * line per request, and one warning per refused app proxy call or compliance webhook.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const BIN = join(import.meta.dirname, '../../bin/affinity.mjs');

describe('operator log lines', () => {
  it('writes an access line per request and a warning for each refused proxy call and webhook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-log-'));
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'info', SHOPIFY_API_SECRET: 'log-test-secret' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      // Only a bound for a server that never starts (tsx compiles the app first).
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
        const check = () => {
          const m = /"url":"(http:\/\/[^"]+)"/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        };
        child.stderr.on('data', check);
        child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
      });
      assert.equal((await fetch(`${url}/health/live`)).status, 200);
      assert.equal((await fetch(`${url}/shopify/proxy/recommendations?shop=a.myshopify.com&signature=00`)).status, 401);
      const hook = await fetch(`${url}/webhooks/shopify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'customers/redact', 'x-shopify-hmac-sha256': 'AAAA', 'x-shopify-shop-domain': 'a.myshopify.com' },
        body: '{}',
      });
      assert.equal(hook.status, 401);
      const lines = () =>
        err
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      for (let i = 0; i < 200 && !lines().some((l) => l.msg === 'compliance webhook refused'); i++) await new Promise((r) => setTimeout(r, 25));
      const all = lines();
      const access = all.find((l) => l.msg === 'request' && l.route === '/health/live');
      assert.ok(access, err);
      assert.equal(access.method, 'GET');
      assert.equal(access.status, 200);
      assert.equal(typeof access.ms, 'number');
      assert.ok(all.some((l) => l.msg === 'app proxy request refused' && l.why === 'unsigned'), err);
      assert.ok(all.some((l) => l.msg === 'compliance webhook refused' && l.outcome === 'unauthorized'), err);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
