/**
 * Every bench/*.ts, run as a newcomer runs it (`node --import tsx bench/<file> --help`): `--help` and
 * `-h` print its usage on stdout and exit 0, and a misspelt option (`--conections 50`) is refused with
 * the usage on stderr and exit 2; in both cases nothing runs (no file appears in its TMPDIR, where
 * every script keeps its databases, Redis directories and profiles). The list is read from the folder,
 * so a new script that ignores --help fails here.
 *
 * Runs are bounded: a script that starts its benchmark instead is killed with its process group at the
 * bound and the test fails (the bound only catches a run that would not end by itself).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const SCRIPTS = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();
const BOUND_MS = 90_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** `node --import tsx bench/<script> <args>` in its own process group, with `tmp` as its TMPDIR. */
function runScript(script: string, args: readonly string[], tmp: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', script), ...args], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp, AFFINITY_LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const bound = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, BOUND_MS);
    child.on('close', (code) => {
      clearTimeout(bound);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** What a run left in its TMPDIR, tsx's own compile cache (`tsx-<uid>`) aside. */
const created = (tmp: string): string[] => readdirSync(tmp).filter((f) => !/^tsx-\d+$/.test(f));

const show = (r: Run): string => `exit ${r.code}${r.timedOut ? ' (killed at the bound: it ran the benchmark)' : ''}\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(0, 1500)}`;

describe('bench scripts from the command line', { concurrency: 4 }, () => {
  const dirs: string[] = [];
  const freshTmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'affinity-bench-help-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the folder has the scripts this test is about', () => {
    for (const s of ['run.ts', 'faults.ts', 'roles.ts', 'servedLists.ts', 'attributionBytes.ts', 'catalogMemory.ts']) assert.ok(SCRIPTS.includes(s), s);
  });

  for (const script of SCRIPTS) {
    it(`${script}: --help and -h print the usage and exit 0, running nothing`, async () => {
      for (const flag of ['--help', '-h']) {
        const tmp = freshTmp();
        const r = await runScript(script, [flag], tmp);
        assert.equal(r.code, 0, `${script} ${flag}: ${show(r)}`);
        assert.match(r.stdout, /^Usage: /, `${script} ${flag}: ${show(r)}`);
        assert.match(r.stdout, /-h, --help/, `${script} ${flag}: ${show(r)}`);
        // What it writes (or that it writes nothing) is part of the usage.
        assert.match(r.stdout, /\bwrit/i, `${script} ${flag}: ${show(r)}`);
        assert.equal(r.stderr, '', `${script} ${flag}: ${show(r)}`);
        assert.deepEqual(created(tmp), [], `${script} ${flag} created files: ${show(r)}`);
      }
    });

    it(`${script}: a misspelt option is refused with the usage, exit 2, running nothing`, async () => {
      const tmp = freshTmp();
      const r = await runScript(script, ['--conections', '50'], tmp);
      assert.equal(r.code, 2, `${script} --conections 50: ${show(r)}`);
      assert.match(r.stderr, /--conections/, show(r));
      assert.match(r.stderr, /Usage: /, show(r));
      assert.equal(r.stdout, '', show(r));
      assert.deepEqual(created(tmp), [], `${script} --conections 50 created files: ${show(r)}`);
    });
  }
});
