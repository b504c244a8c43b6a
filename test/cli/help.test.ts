/**
 * `affinity --help` and `affinity <command> --help` / `-h`, through the real `node bin/affinity.mjs`:
 * usage and options on stdout, exit code 0, and nothing else done (no server started, no benchmark
 * or evaluation run, no database file created, the environment not even read). An unknown command
 * exits 2 with one line naming the closest command.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { commandSpec } from '../../src/cli/commands.ts';
import { runCli, show, STACK_LINE } from './runCli.ts';

/** The commands a user can run (`src/cli/main.ts`); written out so that a command dropped from the table fails here. */
const COMMANDS = ['serve', 'demo', 'import', 'eval', 'mcp', 'eval-personalization', 'eval-intent', 'shop-sim', 'simulate-experiment', 'bench'];

describe('affinity --help', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-cli-help-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every command, exit code 0 (also with no arguments and as `affinity help`)', async () => {
    for (const args of [['--help'], ['-h'], [], ['help']]) {
      const r = await runCli(args);
      assert.equal(r.code, 0, show(r));
      assert.match(r.stdout, /^Usage: affinity <command>/);
      for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), `${c} missing from \`affinity ${args.join(' ')}\`\n${r.stdout}`);
    }
  });

  describe('every command answers --help and -h with its usage and options, and does nothing else', { concurrency: 2 }, () => {
    for (const cmd of COMMANDS) {
      it(cmd, async () => {
        const spec = commandSpec(cmd);
        assert.ok(spec, `no spec for ${cmd}`);
        for (const flag of ['--help', '-h']) {
          const db = join(dir, `${cmd}${flag}.db`);
          // An invalid environment: a command that read it instead of answering would fail.
          const r = await runCli([cmd, flag], { env: { AFFINITY_DB: db, AFFINITY_STORE: 'not-a-store' } });
          assert.equal(r.code, 0, `${cmd} ${flag}: ${show(r)}`);
          assert.ok(r.stdout.startsWith(`Usage: affinity ${cmd}`), `${cmd} ${flag}: ${show(r)}`);
          for (const o of spec.options) assert.ok(r.stdout.includes(`--${o.name}`), `${cmd} ${flag}: --${o.name} not in the help\n${r.stdout}`);
          assert.match(r.stdout, /-h, --help/);
          assert.equal(r.stderr, '', `${cmd} ${flag} wrote to stderr: ${show(r)}`);
          assert.equal(existsSync(db), false, `${cmd} ${flag} created ${db}`);
        }
      });
    }
  });

  it('`affinity help <command>` is `affinity <command> --help`; --help wins over other arguments', async () => {
    const help = await runCli(['help', 'import']);
    const flag = await runCli(['import', 'missing.csv', '--currency', 'NOPE', '--help']);
    assert.equal(help.code, 0, show(help));
    assert.equal(flag.code, 0, show(flag));
    assert.equal(help.stdout, flag.stdout);
    assert.ok(help.stdout.startsWith('Usage: affinity import <file>'), show(help));
  });

  it('an unknown command exits 2 with one line naming the closest command', async () => {
    const r = await runCli(['srve']);
    assert.equal(r.code, 2, show(r));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, show(r));
    assert.match(r.stderr, /unknown command "srve" \(did you mean "serve"\?\)/);
    assert.match(r.stderr, /affinity --help/);
    assert.doesNotMatch(r.stderr, STACK_LINE);
  });
});
