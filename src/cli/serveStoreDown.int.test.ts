/**
 * `affinity serve` against a Redis Cluster whose master was just killed: the start-up
 * fails with STORE_UNAVAILABLE, and the process must then end with a non-zero code (so that a
 * supervisor restarts it), not stay alive without listening because a half-built Cluster client keeps
 * reconnecting. Real 3-master Cluster on free ports.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, it } from 'node:test';
import { freeClusterPorts, redisCommand, startRedis, type RedisServerHandle } from '../testing/redisServer.ts';
import { runCli, show } from '../../test/cli/runCli.ts';

let PORTS: number[] = [];
const nodes: RedisServerHandle[] = [];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

before(async () => {
  PORTS = await freeClusterPorts(3);
  // One by one, so that `after` stops every node started, also when a later one fails to start.
  for (const port of PORTS) nodes.push(await startRedis({ port, args: ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '60000'] }));
  const create = spawnSync('redis-cli', ['--cluster', 'create', ...PORTS.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(create.status, 0, `redis-cli --cluster create failed:\n${create.stdout}\n${create.stderr}`);
  await until('cluster_state:ok', async () => (await Promise.all(PORTS.map((p) => redisCommand(p, ['CLUSTER', 'INFO'])))).every((i) => i.includes('cluster_state:ok')));
});

after(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
});

it('serve exits non-zero when the store is unavailable at start (a Cluster master down)', async () => {
  // The master of the catalog versions (read at start), killed just now: the other nodes have not
  // noticed yet (node timeout 60 s), so the client connects and the first read of that slot fails.
  const slot = Number(await redisCommand(PORTS[0]!, ['CLUSTER', 'KEYSLOT', 'aff:catalog-versions']));
  await nodes[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]!.kill('SIGKILL');
  const run = await runCli(['serve'], {
    env: { AFFINITY_REDIS_CLUSTER: PORTS.map((p) => `127.0.0.1:${p}`).join(','), PORT: '0', SHOPIFY_API_SECRET: 'shpss_test' },
    boundMs: 45_000,
  });
  assert.equal(run.timedOut, false, `the process must end by itself:\n${show(run)}`);
  assert.notEqual(run.code, 0, show(run));
  assert.match(run.stderr, /STORE_UNAVAILABLE/, show(run));
});
