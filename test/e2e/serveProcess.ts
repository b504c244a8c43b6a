/**
 * `affinity serve` in a child process for the durability tests (which SIGKILL it), and the pixel
 * events they post. Starting takes many seconds on a loaded machine (tsx compiles the app), so each
 * test file that starts servers holds only a few tests: node:test bounds every file by --test-timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/affinity.mjs');
/**
 * Bound of a start (only reached by a server that never starts): a worker layout compiles the app in
 * three processes at once, which took over a minute on a machine busy with other runs.
 */
const START_BOUND_MS = 200_000;

/**
 * Starts `affinity serve` on a free loopback port; resolves once it listens (`listeners`: once that many
 * processes say they listen, the HTTP workers of `AFFINITY_WORKERS`).
 */
export function serve(env: Record<string, string>, listeners = 1): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AFFINITY_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL'); // a server left running would keep this test file from ending
      reject(new Error(`${why}: ${err}`));
    };
    // Only a bound for a server that never starts: a loaded machine may take many seconds (tsx compiles the app).
    const timer = setTimeout(() => fail(`server did not start within ${START_BOUND_MS} ms`), START_BOUND_MS);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (m && err.split('listening on ').length - 1 >= listeners) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.on('exit', (code) => fail(`server exited ${code}`));
  });
}

/** Sends `signal` to `child` unless it has exited, and waits until it has. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** The pixel event `i` (5 shoppers, 17 products). */
export function event(i: number) {
  return {
    id: `kill-${i}`,
    name: 'product_viewed',
    clientId: `shopper-${i % 5}`,
    timestamp: new Date(Date.now() - 1000).toISOString(),
    data: { productVariant: { id: `9${i}`, price: { amount: 12.5, currencyCode: 'USD' }, product: { id: String(1000 + (i % 17)), title: 'P', vendor: 'V', type: 'T', url: '/p' }, sku: null, title: null, untranslatedTitle: null, image: null } },
  };
}

/** Posts `n` events (ids `<prefix>-<i>`) over 16 concurrent connections; returns the acknowledged ids. */
export async function postAll(url: string, n: number, prefix: string): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const e = { ...event(i), id: `${prefix}-${i}` };
      const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
      if (res.status === 202) acked.push(e.id);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return acked;
}
