/**
 * bench/children.ts: a child process a bench script tracks does not outlive the script, however it
 * ends. A small script (written to a temporary directory) tracks a long-running `node` child, prints its
 * pid, then waits or fails; the test ends the script with SIGTERM or SIGINT (to the script alone, as
 * `kill <pid>` or a supervisor does, not to its process group) or lets it fail, and checks the child
 * is gone. An untracked child in the same script outlives it (the behaviour the module exists for).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isAlive } from './children.ts';

const CHILDREN = join(import.meta.dirname, 'children.ts');
/** Bound of the wait for a process to be gone (only elapses when it is not). */
const BOUND_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'affinity-bench-children-'));
const SCRIPT = join(dir, 'script.ts');
writeFileSync(
  SCRIPT,
  `import { spawn } from 'node:child_process';
import { track } from ${JSON.stringify(CHILDREN)};
const sleeper = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
const tracked = track(sleeper());
const untracked = process.argv[2] === 'untracked' ? sleeper() : undefined;
process.stdout.write(JSON.stringify({ tracked: tracked.pid, untracked: untracked?.pid }) + '\\n');
if (process.argv[2] === 'fail') setImmediate(() => { throw new Error('the benchmark failed'); });
else setInterval(() => {}, 1 << 30);
`,
);

const alive = isAlive;

/** Resolves when `pid` is gone, or after the bound (then it is still there). */
async function gone(pid: number): Promise<boolean> {
  const until = Date.now() + BOUND_MS;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

const started: number[] = [];

/** Starts the script; resolves with its child pids once they run, and its exit. */
function startScript(mode: string): Promise<{ pids: { tracked: number; untracked?: number }; send: (s: NodeJS.Signals) => void; exit: Promise<{ code: number | null; signal: string | null; stderr: string }> }> {
  const p = spawn(process.execPath, ['--import', 'tsx', SCRIPT, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((r) => p.on('close', (code, signal) => r({ code, signal, stderr })));
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const pids = JSON.parse(out) as { tracked: number; untracked?: number };
      started.push(pids.tracked, ...(pids.untracked ? [pids.untracked] : []));
      resolve({ pids, send: (s) => p.kill(s), exit });
    });
    void exit.then((e) => reject(new Error(`the script ended before it started its child: ${JSON.stringify(e)}`)));
  });
}

describe('bench child processes stop with the script', () => {
  after(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} to the script alone: the child is stopped, the script exits ${code}`, async () => {
      const s = await startScript('wait');
      s.send(signal);
      const e = await s.exit;
      assert.equal(e.code, code, JSON.stringify(e));
      assert.ok(await gone(s.pids.tracked), `child ${s.pids.tracked} outlived the script`);
    });
  }

  it('the script fails (an uncaught error): the child is stopped', async () => {
    const s = await startScript('fail');
    const e = await s.exit;
    assert.equal(e.code, 1, JSON.stringify(e));
    assert.match(e.stderr, /the benchmark failed/);
    assert.ok(await gone(s.pids.tracked), `child ${s.pids.tracked} outlived the script`);
  });

  it('near miss: a child the script does not track outlives it (so the check above can fail)', async () => {
    const s = await startScript('untracked');
    s.send('SIGTERM');
    await s.exit;
    assert.ok(await gone(s.pids.tracked));
    assert.ok(s.pids.untracked !== undefined && alive(s.pids.untracked), 'the untracked child was stopped too');
    process.kill(s.pids.untracked, 'SIGKILL');
  });
});
