import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { corsHeaders, hostnameOf, LOOPBACK_MCP_ACCESS, mcpHttpAccess, preflightHeaders, refusal } from './httpAccess.ts';

const allowed = (access = LOOPBACK_MCP_ACCESS, host?: string, origin?: string) => refusal(access, host, origin) === undefined;

describe('hostnameOf', () => {
  it('drops the port, lower-cases, and brackets IPv6', () => {
    assert.equal(hostnameOf('API.Example.com:8787'), 'api.example.com');
    assert.equal(hostnameOf('[::1]:8787'), '[::1]');
    assert.equal(hostnameOf('::1'), '[::1]');
    assert.equal(hostnameOf('::'), '[::]');
    assert.equal(hostnameOf('0.0.0.0'), '0.0.0.0');
    for (const bad of ['', 'a b', 'host/path', 'user@host', 'host:port']) assert.equal(hostnameOf(bad), undefined, bad);
  });
});

describe('/mcp Host and Origin rules', () => {
  it('by default (HOST=127.0.0.1) answers only to loopback names, on any port, and to no browser page', () => {
    for (const host of ['127.0.0.1:8787', 'localhost', 'LOCALHOST:1', '[::1]:8787']) assert.ok(allowed(LOOPBACK_MCP_ACCESS, host), host);
    for (const host of ['attacker.example:8787', '10.0.0.5', undefined]) assert.ok(!allowed(LOOPBACK_MCP_ACCESS, host), String(host));
    assert.ok(allowed(LOOPBACK_MCP_ACCESS, 'localhost:8787', undefined), 'no Origin: a server-side agent');
    assert.match(refusal(LOOPBACK_MCP_ACCESS, 'localhost:8787', 'http://localhost:8787') ?? '', /Invalid Origin header: http:\/\/localhost:8787\. .*\(none is\)/);
  });

  it('bound to a name or address, answers to that name (and the configured ones)', () => {
    const a = mcpHttpAccess('10.0.0.5', ['affinity.internal'], []);
    assert.deepEqual(a.allowedHosts, ['10.0.0.5', 'affinity.internal']);
    assert.ok(!allowed(a, 'localhost:8787'), 'loopback cannot reach a socket bound to 10.0.0.5');
    assert.deepEqual(mcpHttpAccess('::1', [], []).allowedHosts, ['[::1]', 'localhost', '127.0.0.1']);
    assert.deepEqual(mcpHttpAccess('127.0.0.2', [], []).allowedHosts, ['127.0.0.2', 'localhost', '127.0.0.1', '[::1]']);
  });

  it('bound to every interface, answers to any name unless names are listed; `*` allows any', () => {
    for (const host of ['0.0.0.0', '::']) {
      assert.equal(mcpHttpAccess(host, [], []).allowedHosts, 'any', host);
      assert.deepEqual(mcpHttpAccess(host, ['api.example.com'], []).allowedHosts, ['localhost', '127.0.0.1', '[::1]', 'api.example.com'], host);
    }
    assert.equal(mcpHttpAccess('127.0.0.1', 'any', []).allowedHosts, 'any');
    assert.ok(allowed(mcpHttpAccess('0.0.0.0', [], []), 'whatever.example'));
  });

  it('allows listed origins only, compared as origins', () => {
    const a = mcpHttpAccess('127.0.0.1', [], ['https://agent.example', 'http://localhost:6274']);
    assert.ok(allowed(a, 'localhost', 'https://agent.example'));
    assert.ok(allowed(a, 'localhost', 'HTTPS://Agent.Example/'));
    assert.ok(allowed(a, 'localhost', 'http://localhost:6274'));
    for (const o of ['https://agent.example:8443', 'http://agent.example', 'null', 'https://evil.example']) assert.ok(!allowed(a, 'localhost', o), o);
  });
});

describe('/mcp CORS answers', () => {
  const a = mcpHttpAccess('127.0.0.1', [], ['http://localhost:6274']);

  it('names an allowed origin as the browser sent it and exposes the session id, the protocol version and the 401 challenge', () => {
    const h = corsHeaders(a, 'http://localhost:6274');
    assert.equal(h?.['access-control-allow-origin'], 'http://localhost:6274');
    assert.equal(h?.vary, 'Origin');
    assert.deepEqual(h?.['access-control-expose-headers']?.split(', '), ['mcp-session-id', 'mcp-protocol-version', 'www-authenticate']);
    assert.equal(h?.['access-control-allow-credentials'], undefined, 'keys travel in Authorization, never cookies');
    assert.equal(corsHeaders(a, 'HTTP://LOCALHOST:6274/')?.['access-control-allow-origin'], 'HTTP://LOCALHOST:6274/', 'compared as an origin, echoed as sent');
  });

  it('answers a preflight with the methods and the headers the SDK client sends', () => {
    const h = preflightHeaders(a, 'http://localhost:6274');
    assert.deepEqual(h?.['access-control-allow-methods']?.split(', '), ['POST', 'GET', 'DELETE', 'OPTIONS']);
    const allowedHeaders = h?.['access-control-allow-headers']?.split(', ') ?? [];
    for (const name of ['content-type', 'authorization', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'accept']) assert.ok(allowedHeaders.includes(name), name);
    assert.equal(h?.['access-control-allow-origin'], 'http://localhost:6274');
  });

  it('gives nothing to a request without Origin or from an origin not listed (a near miss included)', () => {
    for (const o of [undefined, 'http://localhost:6275', 'https://localhost:6274', 'http://127.0.0.1:6274', 'null']) {
      assert.equal(corsHeaders(a, o), undefined, String(o));
      assert.equal(preflightHeaders(a, o), undefined, String(o));
    }
    assert.equal(corsHeaders(LOOPBACK_MCP_ACCESS, 'http://localhost:6274'), undefined, 'none by default');
  });
});

describe('configuration', () => {
  const base = { AFFINITY_LOG_LEVEL: 'silent' };

  it('derives the rules from HOST and the two lists', () => {
    assert.deepEqual(loadConfig(base).mcpHttp, { allowedHosts: ['127.0.0.1', 'localhost', '[::1]'], allowedOrigins: [] });
    assert.equal(loadConfig({ ...base, HOST: '0.0.0.0' }).mcpHttp.allowedHosts, 'any');
    const c = loadConfig({ ...base, HOST: '0.0.0.0', AFFINITY_MCP_ALLOWED_HOSTS: 'api.example.com, mcp.example.com:443', AFFINITY_MCP_ALLOWED_ORIGINS: 'https://Agent.example/' });
    assert.deepEqual(c.mcpHttp, { allowedHosts: ['localhost', '127.0.0.1', '[::1]', 'api.example.com', 'mcp.example.com'], allowedOrigins: ['https://agent.example'] });
    assert.ok(Object.isFrozen(c.mcpHttp) && Object.isFrozen(c.mcpHttp.allowedOrigins));
  });

  it('names every bad entry', () => {
    assert.throws(
      () => loadConfig({ ...base, AFFINITY_MCP_ALLOWED_ORIGINS: 'https://ok.example,*,https://x.example/path', AFFINITY_MCP_ALLOWED_HOSTS: 'ok.example,bad host' }),
      (err: ConfigError) => {
        assert.equal(err.problems.filter((p) => p.startsWith('AFFINITY_MCP_ALLOWED_ORIGINS')).length, 2, err.message);
        assert.ok(err.problems.some((p) => p.startsWith('AFFINITY_MCP_ALLOWED_HOSTS: "bad host"')), err.message);
        return true;
      },
    );
  });
});
