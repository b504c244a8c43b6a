/**
 * The simulator's UCP business profile, served at `GET /.well-known/ucp` like a Shopify store's
 * (shopify.dev/docs/agents/profiles): the `dev.ucp.shopping` service over MCP in each UCP version the
 * simulator speaks, the catalog capabilities, and its public signing keys, published as `keys[]` in
 * 2026-08-25 and as `signing_keys[]` when the newest version it speaks is 2026-04-08 (the field was
 * renamed between the two). The key is a fresh Ed25519 public key: nothing is signed with it.
 */
import { generateKeyPairSync } from 'node:crypto';

/** UCP versions the simulator speaks (default: both), oldest first. */
export const SIM_UCP_VERSIONS = ['2026-04-08', '2026-08-25'] as const;

const CATALOG_CAPABILITIES = ['dev.ucp.shopping.catalog.search', 'dev.ucp.shopping.catalog.lookup'];

let signingKey: Record<string, unknown> | undefined;

/** A public JWK, made once per process. */
function publicKey(): Record<string, unknown> {
  if (!signingKey) {
    const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    signingKey = { kid: 'shop-sim-1', kty: jwk.kty, crv: jwk.crv, x: jwk.x, alg: 'EdDSA', use: 'sig' };
  }
  return signingKey;
}

/** The business profile for an MCP endpoint URL and the versions served (oldest first). */
export function businessProfile(endpoint: string, versions: readonly string[]): Record<string, unknown> {
  const newest = [...versions].sort().at(-1) ?? SIM_UCP_VERSIONS[1];
  const entries = [...versions].sort().reverse();
  return {
    ucp: {
      version: newest,
      services: {
        'dev.ucp.shopping': entries.map((version) => ({
          version,
          spec: `https://ucp.dev/${version}/specification/overview`,
          transport: 'mcp',
          schema: `https://ucp.dev/${version}/services/shopping/mcp.openrpc.json`,
          endpoint,
        })),
      },
      capabilities: Object.fromEntries(
        CATALOG_CAPABILITIES.map((name) => [
          name,
          entries.map((version) => ({
            version,
            spec: `https://ucp.dev/${version}/specification/shopping/catalog/${name.split('.').at(-1)}`,
            schema: `https://ucp.dev/${version}/schemas/shopping/catalog_${name.split('.').at(-1)}.json`,
          })),
        ]),
      ),
      payment_handlers: {},
    },
    [newest >= '2026-08-25' ? 'keys' : 'signing_keys']: [publicKey()],
  };
}
