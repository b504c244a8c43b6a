/**
 * The HTTP workers of `affinity serve` (AFFINITY_WORKERS=2) start with the young generation a server
 * needs (src/cli/heapTuning.ts): V8 reads it only at a process's start, so the primary passes it to
 * each worker it forks. Read from the workers' own command lines (Linux /proc).
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SERVING_START_FLAGS } from '../../src/cli/heapTuning.ts';
import { serve, stop } from './serveProcess.ts';

/** The command lines of the processes whose parent is `pid`. */
function childCommandLines(pid: number): string[][] {
  const lines: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) lines.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // Gone in between.
    }
  }
  return lines;
}

describe('the HTTP workers of serve start with the serving flags', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-serving-workers-'));
  let child: ChildProcess | undefined;
  after(async () => {
    if (child) await stop(child, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('each of the two workers has them on its command line; the primary, started without them, does not', async () => {
    ({ child } = await serve({ AFFINITY_WORKERS: '2', AFFINITY_DB: join(dir, 'w.db') }, 2));
    const primary = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    for (const flag of SERVING_START_FLAGS) assert.ok(!primary.includes(flag), `the test starts the primary without ${flag}: ${primary.join(' ')}`);
    const workers = childCommandLines(child.pid as number).filter((argv) => argv.some((a) => a.endsWith('bin/affinity.mjs')));
    assert.equal(workers.length, 2, JSON.stringify(childCommandLines(child.pid as number)));
    for (const argv of workers) for (const flag of SERVING_START_FLAGS) assert.ok(argv.includes(flag), argv.join(' '));
  });
});
