/**
 * REDIS_URL must name a Redis server (redis:// or rediss://): ioredis reads any other string as a
 * unix socket path, so `http://host:port` used to pass and fail later as a socket. And a server
 * started without SHOPIFY_API_SECRET says that compliance webhooks will be refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, configWarnings, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return [...e.problems];
  }
}

describe('REDIS_URL', () => {
  for (const url of ['http://127.0.0.1:47699', 'https://redis.example.com:6379', 'ftp://127.0.0.1:6379', 'tcp://127.0.0.1:6379']) {
    it(`refuses ${url}, naming the variable and the schemes it takes`, () => {
      const found = problems({ AFFINITY_STORE: 'redis', REDIS_URL: url });
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, /REDIS_URL/);
      assert.match(found[0]!, /redis:\/\/ or rediss:\/\//);
    });
  }
  for (const url of ['redis://127.0.0.1:6379', 'redis://:secret@10.0.0.5:6380/2', 'rediss://cache.example.com:6380', 'REDIS://127.0.0.1:6379']) {
    it(`takes ${url}`, () => {
      assert.equal(loadConfig({ AFFINITY_STORE: 'redis', REDIS_URL: url }).redisUrl, url);
    });
  }
  it('a database after the port is a number (a server without it stops the start: redisResilience.int.test.ts)', () => {
    for (const url of ['redis://h:6379/2', 'redis://h:6379/', 'redis://:pw@h:6379/15']) assert.equal(loadConfig({ REDIS_URL: url }).redisUrl, url);
    assert.throws(() => loadConfig({ REDIS_URL: 'redis://h:6379/cache' }), /REDIS_URL: the database after the port must be a number/);
  });

  it('the default is a redis:// URL', () => {
    assert.equal(loadConfig({}).redisUrl, 'redis://127.0.0.1:6379');
  });
});

describe('start-up warnings', () => {
  it('warns when SHOPIFY_API_SECRET is unset on a node serving the webhooks or the app proxy', () => {
    for (const roles of ['all', 'ingest', 'recommend']) {
      const w = configWarnings(loadConfig({ AFFINITY_ROLES: roles }));
      assert.equal(w.length, 1, roles);
      assert.match(w[0]!, /SHOPIFY_API_SECRET is not set/);
      assert.match(w[0]!, /401/);
    }
  });
  it('says nothing when the secret is set, or on a projection-only node', () => {
    assert.deepEqual(configWarnings(loadConfig({ SHOPIFY_API_SECRET: 'shpss_x' })), []);
    assert.deepEqual(configWarnings(loadConfig({ SHOPIFY_API_SECRET: 'new,old' })), []);
    assert.deepEqual(configWarnings(loadConfig({ AFFINITY_ROLES: 'project', AFFINITY_STORE: 'redis' })), []);
  });
});
