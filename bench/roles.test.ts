/**
 * bench/roles.ts leaves no process behind when it is stopped: run with its smallest settings, it is
 * sent SIGTERM (to it alone, as `kill <pid>` does) once its Redis Cluster and its five servers run, and
 * every process it had started must be gone after it exits. It used to leave its recommend nodes and
 * its hello-world server running. Needs redis-server and redis-cli (skipped without them).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAlive } from './children.ts';

const ROOT = join(import.meta.dirname, '..');
/** Bound of each wait (only elapses when something is wrong). */
const BOUND_MS = 120_000;
const hasRedis = ['redis-server', 'redis-cli'].every((b) => spawnSync(b, ['--version']).status === 0);

const alive = isAlive;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** `pid` and every process under it. */
function tree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(tree)];
}

describe('bench/roles.ts stops what it started', { skip: hasRedis ? false : 'needs redis-server and redis-cli' }, () => {
  const seen = new Set<number>();
  let benchPid: number | undefined;
  after(() => {
    // Whatever is left (the old behaviour, or a failed wait) is ours: end it by pid.
    if (benchPid !== undefined && alive(benchPid)) for (const p of tree(benchPid)) seen.add(p);
    for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('SIGTERM once its servers run: none of its processes is left, and it ends as SIGTERM ends a process', async () => {
    const bench = spawn(process.execPath, ['--import', 'tsx', 'bench/roles.ts', '--duration', '30', '--connections', '1', '--users', '20', '--products', '20'], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    benchPid = bench.pid;
    let stderr = '';
    const exit = new Promise<{ code: number | null; signal: string | null }>((r) => bench.on('close', (code, signal) => r({ code, signal })));
    // "seeded …" comes once the cluster, the four nodes and the hello-world server answer.
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no "seeded" line within the bound:\n${stderr}`)), BOUND_MS);
      bench.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/^seeded /m.test(stderr)) {
          clearTimeout(t);
          resolve();
        }
      });
      void exit.then((e) => reject(new Error(`roles.ts ended early ${JSON.stringify(e)}:\n${stderr}`)));
    });
    const started = tree(bench.pid as number).filter((p) => p !== bench.pid);
    for (const p of started) seen.add(p);
    assert.ok(started.length >= 8, `expected 3 redis-server and 5 node processes, saw ${started.length}`);
    bench.kill('SIGTERM');
    const e = await exit;
    const until = Date.now() + BOUND_MS;
    while (started.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const left = started.filter(alive).map((p) => {
      try {
        return `${p} ${readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120)}`;
      } catch {
        return String(p);
      }
    });
    assert.deepEqual(left, [], 'processes left behind');
    // Ended by the signal: exit 143 (128 + SIGTERM) after its cleanup, or the signal itself.
    assert.ok(e.code === 143 || e.signal === 'SIGTERM', `${JSON.stringify(e)}\n${stderr}`);
  });
});
