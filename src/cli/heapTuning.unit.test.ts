import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { SERVING_V8_FLAGS } from './heapTuning.ts';

it('the runtime takes the serving flags after start (a Node upgrade that froze them would show here)', () => {
  assert.ok(SERVING_V8_FLAGS.includes('--no-allocation-site-pretenuring'));
  // In a process of its own: the test runner's collector keeps its defaults.
  const module = fileURLToPath(new URL('./heapTuning.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { tuneHeapForServing } = await import(${JSON.stringify(module)}); process.stdout.write(String(tuneHeapForServing()));`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'true');
});
