import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { SERVING_START_FLAGS, SERVING_V8_FLAGS, withServingStartFlags } from './heapTuning.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('the runtime takes the serving flags after start (a Node upgrade that froze them would show here)', () => {
  assert.ok(SERVING_V8_FLAGS.includes('--no-allocation-site-pretenuring'));
  // In a process of its own: the test runner's collector keeps its defaults.
  const module = fileURLToPath(new URL('./heapTuning.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { tuneHeapForServing } = await import(${JSON.stringify(module)}); process.stdout.write(String(tuneHeapForServing()));`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'true');
});

describe('the flags a serving process starts with', () => {
  it('are added to a command line that lacks them, after what it has', () => {
    assert.deepEqual(withServingStartFlags(['--import', 'tsx']), ['--import', 'tsx', '--max-semi-space-size=64']);
    assert.deepEqual(withServingStartFlags([]), [...SERVING_START_FLAGS]);
  });

  it("an operator's own value is kept, given on the command line (either spelling) or in NODE_OPTIONS", () => {
    assert.deepEqual(withServingStartFlags(['--max-semi-space-size=32']), ['--max-semi-space-size=32']);
    assert.deepEqual(withServingStartFlags(['--max_semi_space_size=16']), ['--max_semi_space_size=16']);
    assert.deepEqual(withServingStartFlags(['--import', 'tsx'], '--max-old-space-size=4096  --max-semi-space-size=8'), ['--import', 'tsx']);
    // Near miss: another flag in NODE_OPTIONS does not stand in for this one.
    assert.deepEqual(withServingStartFlags([], '--max-old-space-size=4096'), [...SERVING_START_FLAGS]);
  });

  it('Node starts with them', () => {
    const r = spawnSync(process.execPath, [...SERVING_START_FLAGS, '-e', 'process.stdout.write("up")'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'up');
  });

  it("are on every command line that starts a server: npm start, the image's entry point, the affinity command", () => {
    const start = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.start as string;
    const entry = /^ENTRYPOINT (.*)$/m.exec(readFileSync(`${ROOT}Dockerfile`, 'utf8'))?.[1] ?? '';
    const shebang = readFileSync(`${ROOT}bin/affinity.mjs`, 'utf8').split('\n')[0] as string;
    for (const flag of SERVING_START_FLAGS) {
      assert.ok(start.split(' ').includes(flag), `npm start: ${start}`);
      assert.ok((JSON.parse(entry) as string[]).includes(flag), `Dockerfile: ${entry}`);
      assert.ok(shebang.startsWith('#!/usr/bin/env -S node ') && shebang.split(' ').includes(flag), `bin/affinity.mjs: ${shebang}`);
    }
  });

  it('the affinity command runs by its first line (`env -S`, as npx and an installed bin run it)', () => {
    const r = spawnSync(`${ROOT}bin/affinity.mjs`, ['--help'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: affinity <command>/);
  });
});
