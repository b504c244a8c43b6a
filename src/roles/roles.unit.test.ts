import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { parseClusterNodes } from './clusterNodes.ts';
import { roleRefusal } from './roleGuard.ts';
import { parseRoles, roleOfRoute, runsWork } from './roles.ts';
import { roleStoreProblem } from './roleStoreProblem.ts';

describe('roles', () => {
  it('parses role lists: all, names, duplicates, mistakes', () => {
    assert.deepEqual(parseRoles('all'), { roles: ['ingest', 'recommend', 'project'] });
    assert.deepEqual(parseRoles(' project , ingest,ingest'), { roles: ['ingest', 'project'] });
    assert.match((parseRoles('ingest,recomend') as { problem: string }).problem, /unknown role "recomend"/);
    assert.ok('problem' in parseRoles(' , '));
  });

  it('gives every API route to exactly one role, and none to health, metrics and the index', () => {
    assert.equal(roleOfRoute('POST', '/v1/events'), 'ingest');
    assert.equal(roleOfRoute('OPTIONS', '/v1/consent'), 'ingest');
    assert.equal(roleOfRoute('POST', '/webhooks/shopify'), 'ingest');
    assert.equal(roleOfRoute('POST', '/v1/catalog/products'), 'ingest');
    assert.equal(roleOfRoute('GET', '/v1/catalog/products/p-1'), 'recommend');
    assert.equal(roleOfRoute('POST', '/v1/recommendations/batch'), 'recommend');
    assert.equal(roleOfRoute('POST', '/mcp'), 'recommend');
    assert.equal(roleOfRoute('GET', '/shopify/proxy/recommendations'), 'recommend');
    assert.equal(roleOfRoute('HEAD', '/dashboard'), 'recommend');
    assert.equal(roleOfRoute('POST', '/v1/admin/catalog/sync'), 'project');
    for (const path of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/']) assert.equal(roleOfRoute('GET', path), undefined);
    // A prefix owns its subtree only: /v1/eventsX is nobody's.
    assert.equal(roleOfRoute('POST', '/v1/eventsX'), undefined);
  });

  it('refuses another role’s route with ROLE_NOT_SERVED naming the role; serves its own', () => {
    const e = roleRefusal(['recommend'], 'POST', '/v1/events?shop=x');
    assert.equal(e?.code, 'ROLE_NOT_SERVED');
    assert.equal(e?.status, 404);
    assert.match(e!.message, /served by the ingest role; this node runs recommend/);
    assert.equal(roleRefusal(['recommend'], 'POST', '/v1/recommendations'), undefined);
    assert.equal(roleRefusal(['project'], 'GET', '/health/ready'), undefined);
  });

  it('some roles need a Redis store; every role in one process may run on SQLite', () => {
    const sqlite = { store: 'sqlite', sqlitePath: 'data/affinity.db' } as const;
    assert.match(roleStoreProblem({ ...sqlite, roles: ['ingest'] }, '--role ingest') ?? '', /^--role ingest runs part of Affinity.*SQLite file data\/affinity\.db: set AFFINITY_REDIS_CLUSTER=/);
    assert.ok(roleStoreProblem({ ...sqlite, roles: ['ingest', 'recommend'] }, 'AFFINITY_ROLES=ingest,recommend'));
    assert.equal(roleStoreProblem({ ...sqlite, roles: ['ingest', 'recommend', 'project'] }, '--role all'), undefined);
    assert.equal(roleStoreProblem({ ...sqlite, store: 'redis', roles: ['project'] }, '--role project'), undefined);
  });

  it('runs background work by role', () => {
    assert.ok(runsWork(['project'], 'projection'));
    assert.ok(!runsWork(['ingest', 'recommend'], 'projection'));
    assert.ok(runsWork(['recommend'], 'operations'));
  });

  it('parses cluster seed nodes and refuses what is not host:port', () => {
    assert.deepEqual(parseClusterNodes('10.0.0.5:7000, redis-2:7001,[::1]:7002'), {
      nodes: [
        { host: '10.0.0.5', port: 7000 },
        { host: 'redis-2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
    assert.match((parseClusterNodes('redis://a:1') as { problem: string }).problem, /not host:port/);
    assert.ok('problem' in parseClusterNodes('a:0'));
  });

  it('configuration: AFFINITY_ROLES, AFFINITY_REDIS_CLUSTER and the mistakes it lists', () => {
    const c = loadConfig({ AFFINITY_ROLES: 'recommend', AFFINITY_REDIS_CLUSTER: '127.0.0.1:7000,127.0.0.1:7001' });
    assert.deepEqual(c.roles, ['recommend']);
    assert.equal(c.store, 'redis');
    assert.deepEqual(c.redisCluster, [
      { host: '127.0.0.1', port: 7000 },
      { host: '127.0.0.1', port: 7001 },
    ]);
    assert.deepEqual(loadConfig({}).roles, ['ingest', 'recommend', 'project']);
    assert.equal(loadConfig({}).redisCluster, undefined);
    assert.throws(
      () => loadConfig({ AFFINITY_ROLES: 'ingest,nope', AFFINITY_REDIS_CLUSTER: 'nohost', AFFINITY_STORE: 'sqlite' }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.problems.some((p) => p.startsWith('AFFINITY_ROLES: unknown role "nope"')) &&
        e.problems.some((p) => p.startsWith('AFFINITY_REDIS_CLUSTER: "nohost" is not host:port')),
    );
    assert.throws(() => loadConfig({ AFFINITY_ROLES: 'recommend', AFFINITY_WORKERS: '2' }), /AFFINITY_WORKERS/);
  });
});
