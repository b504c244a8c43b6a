/**
 * `affinity shop-sim` as a user runs it: SIGUSR2 takes the simulated store down (connections refused)
 * and SIGUSR2 again brings it back, the process staying up throughout (it used to exit on the first
 * SIGUSR2: with the listening socket closed nothing kept it alive); SIGTERM ends it with exit code 0.
 * Each step waits for the line the simulator prints once the change is made, never for a delay.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { cliEnv, killGroup, RUN_BOUND_MS, startCli } from './runCli.ts';

/** Resolves with the first match of `re` in what `child` writes to `stream` (bounded; fails if it exits first). */
function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', re: RegExp, seen: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const m = re.exec(seen.text);
      if (!m) return false;
      // Consume up to the match, so that the next wait for the same line waits for a new one.
      seen.text = seen.text.slice(m.index + m[0].length);
      done();
      resolve(m);
      return true;
    };
    const onData = (d: Buffer): void => {
      seen.text += d.toString();
      check();
    };
    const onExit = (code: number | null, signal: string | null): void => {
      done();
      reject(new Error(`shop-sim exited (${code ?? signal}) while waiting for ${re}; it wrote: ${seen.text}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${re} within ${RUN_BOUND_MS} ms; shop-sim wrote: ${seen.text}`));
    }, RUN_BOUND_MS);
    const done = (): void => {
      clearTimeout(timer);
      child[stream]?.off('data', onData);
      child.off('exit', onExit);
    };
    child[stream]?.on('data', onData);
    child.on('exit', onExit);
    if (!check() && (child.exitCode !== null || child.signalCode !== null)) onExit(child.exitCode, child.signalCode);
  });
}

/** A JSON-RPC `tools/list` to the simulator: the HTTP status, or the network error's code. */
async function ask(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      signal: AbortSignal.timeout(RUN_BOUND_MS),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return String((err as { cause?: { code?: string } }).cause?.code ?? err);
  }
}

describe('affinity shop-sim: SIGUSR2 toggles the outage, SIGTERM stops it', () => {
  let child: ChildProcess | undefined;
  after(() => {
    if (child) killGroup(child);
  });

  it('down, up, still running, then exit code 0 on SIGTERM', async () => {
    const sim = startCli(['shop-sim', '--products', '20'], cliEnv());
    child = sim;
    const exited = new Promise<number | null>((resolve) => sim.once('exit', (code) => resolve(code)));
    const out = { text: '' };
    const err = { text: '' };
    const [, url] = (await waitFor(sim, 'stdout', /(http:\/\/127\.0\.0\.1:\d+\/api\/ucp\/mcp)\n/, out)) as unknown as [string, string];
    assert.equal(await ask(url), 200);

    sim.kill('SIGUSR2');
    await waitFor(sim, 'stderr', /shop-sim: down/, err);
    assert.equal(await ask(url), 'ECONNREFUSED');
    assert.equal(sim.exitCode, null, 'shop-sim exited on SIGUSR2');

    sim.kill('SIGUSR2');
    await waitFor(sim, 'stderr', /shop-sim: up/, err);
    assert.equal(await ask(url), 200);
    assert.equal(sim.exitCode, null);

    sim.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
