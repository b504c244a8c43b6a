/**
 * The in-process bench scripts still run against the code they measure, at their smallest sizes: each
 * exits 0 and prints its table. They build parts of Affinity by hand (a tool context, a recorder), so a
 * change to those parts can break a script nobody runs until a newcomer does: bench/searchCatalog.ts
 * failed every call with "INTERNAL: search_catalog failed" once tool calls began to make sure of their
 * shop's catalog (`catalogs.ensure`), which its hand-made context lacked. Figures are not checked here.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');

function runScript(nodeArgs: readonly string[], args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: ROOT, env: { ...process.env, AFFINITY_LOG_LEVEL: 'silent', NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const RUNS: readonly { readonly script: string; readonly node?: readonly string[]; readonly args: readonly string[]; readonly table: RegExp }[] = [
  { script: 'searchCatalog.ts', args: ['--products', '500', '--repeat', '1'], table: /\| kind \| request \| matches \|[^]*\| narrow \|/ },
  { script: 'servedLists.ts', args: ['--lists', '200', '--rounds', '1'], table: /\| experiment \|[^]*\| yes \|/ },
  { script: 'catalogMemory.ts', node: ['--expose-gc'], args: ['--products', '100', '--shops', '1'], table: /\| shop \|[^]*\| 1 \|/ },
  { script: 'productWebhooks.ts', args: ['--products', '100', '--deliveries', '5', '--concurrency', '1'], table: /\| catalog \|[^]*\| 100 \| 5 \(1\) \|/ },
];

describe('in-process bench scripts at their smallest sizes', { concurrency: 2 }, () => {
  for (const r of RUNS) {
    it(`${r.script} ${r.args.join(' ')}`, async () => {
      const out = await runScript([...(r.node ?? []), '--import', 'tsx', join('bench', r.script)], r.args);
      assert.equal(out.code, 0, `exit ${out.code}\n${out.stderr.slice(-2000)}`);
      assert.match(out.stdout, r.table, out.stdout);
    });
  }
});
