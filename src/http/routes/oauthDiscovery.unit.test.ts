import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOAuthFallbackPath, isWellKnownPath, oauthEndpointMessage, wellKnownMessage } from './oauthDiscovery.ts';

describe('well-known URIs', () => {
  it('covers every path under /.well-known/, the OAuth ones with the resource path inserted too, and nothing else', () => {
    for (const p of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration', '/.well-known/security.txt', '/.well-known']) assert.ok(isWellKnownPath(p), p);
    for (const p of ['/mcp', '/.well-knownx', '/v1/users/.well-known/profile', '/']) assert.ok(!isWellKnownPath(p), p);
  });

  it('tells an OAuth client how Affinity authenticates instead', () => {
    assert.match(wellKnownMessage('/.well-known/oauth-protected-resource/mcp'), /^No oauth-protected-resource metadata at \/\.well-known\/oauth-protected-resource\/mcp: Affinity does not use OAuth\. .*"Authorization: Bearer <key>"/);
    assert.equal(wellKnownMessage('/.well-known/security.txt'), 'No document at /.well-known/security.txt: Affinity publishes no well-known metadata.');
  });

  it('answers the OAuth endpoints a client assumes at the root (register, authorize, token), and nothing longer', () => {
    for (const p of ['/register', '/authorize', '/token']) assert.ok(isOAuthFallbackPath(p), p);
    for (const p of ['/registers', '/tokens/x', '/v1/token', '/']) assert.ok(!isOAuthFallbackPath(p), p);
    assert.match(oauthEndpointMessage('/register'), /^No OAuth endpoint at \/register: Affinity does not use OAuth\./);
  });
});
