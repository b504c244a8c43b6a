/**
 * The layering of `src/`, checked on every import (TypeScript's own import scanner, so multi-line,
 * type-only, re-export and dynamic imports all count):
 *
 * - `src/core` is pure: it imports only `src/core`, no `node:` module and no I/O framework.
 * - `src/features` (the use cases) import no transport (`http`, `mcp`) and no entry point (`cli`).
 * - `src/adapters` import no transport, no entry point and no use case.
 * - `src/http` and `src/mcp` only translate: they reach a use case only through its public surface
 *   (`src/features/<use case>/index.ts`, or the wired components of `src/features/appContext.ts`), no
 *   adapter but the wire-format checks of Shopify's requests (`src/adapters/shopify`); neither imports
 *   the other, and neither boots the app
 *   (no import of an entry point, `src/cli` or the composition root `src/main.ts`). The `/mcp` HTTP
 *   binding is a plugin the composition root hands to `buildApp` (`mcp/httpTransport.ts`), and the
 *   stdio server is an entry point (`cli/mcpStdio.ts`).
 * - `src/wiring` is the composition root's own modules (one per use case: recommend, privacy,
 *   projection, analytics, node state, node work, HTTP): only `src/main.ts` imports them.
 *
 * Exceptions would be listed in {@link ALLOWED}, one line each with the reason; there are none. The
 * list can only shrink: an entry that no longer happens fails the test too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** Packages that do I/O or bind a framework: never in the core. */
const IO_PACKAGES = ['fastify', 'ioredis', 'better-sqlite3', '@modelcontextprotocol/', 'pino', 'prom-client', 'cockatiel'];

/** Known violations, as `importer -> imported` (paths from the repository root): none. */
const ALLOWED: readonly string[] = [];

/** One import of one file. */
export interface ImportEdge {
  /** The importing file, from the repository root (`src/http/app.ts`). */
  readonly from: string;
  /** The module as written (`../mcp/server.ts`, `node:fs`, `fastify`). */
  readonly spec: string;
  /** A relative import resolved from the repository root (`src/mcp/server.ts`); undefined for packages. */
  readonly to?: string;
}

/** The top-level folder of `src/` a repository path is in (`core`, `http`…), or `root` for `src/main.ts`. */
function layerOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] as string) : 'root';
}

/** Why an import breaks the layering, or undefined when it does not. */
export function violation(edge: ImportEdge): string | undefined {
  const from = layerOf(edge.from);
  const to = edge.to ? layerOf(edge.to) : undefined;
  if (from === 'core') {
    if (edge.spec.startsWith('node:')) return 'the core imports no node: module';
    if (IO_PACKAGES.some((p) => edge.spec === p || (p.endsWith('/') && edge.spec.startsWith(p)))) return `the core imports no I/O package (${edge.spec})`;
    if (to !== undefined && to !== 'core') return `the core imports only the core (not ${to})`;
  }
  if (from === 'features' && to !== undefined && ['http', 'mcp', 'cli'].includes(to)) return `a use case imports no transport or entry point (${to})`;
  if (from === 'adapters' && to !== undefined && ['http', 'mcp', 'cli', 'features'].includes(to)) return `an adapter imports no transport, entry point or use case (${to})`;
  if ((from === 'http' && to === 'mcp') || (from === 'mcp' && to === 'http')) return `${from} and ${to} do not import each other`;
  if ((from === 'http' || from === 'mcp') && (to === 'cli' || to === 'root')) return `a transport does not boot the app or read the configuration (${edge.to})`;
  if ((from === 'http' || from === 'mcp') && to === 'features' && edge.to !== 'src/features/appContext.ts' && !/^src\/features\/[^/]+\/index\.ts$/.test(edge.to ?? '')) {
    return `a transport imports a use case only through its public surface, src/features/<use case>/index.ts (not ${edge.to})`;
  }
  if (to === 'wiring' && from !== 'root' && from !== 'wiring') return `only the composition root (src/main.ts) imports its wiring (${edge.to})`;
  if ((from === 'http' || from === 'mcp') && to === 'adapters' && !(edge.to ?? '').startsWith('src/adapters/shopify/')) return `a transport reaches adapters only through a use case (${edge.to})`;
  return undefined;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    // Tests are not part of a layer (they import node:test and wire whatever they check).
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Every import of every source file under `src/`. */
export function importEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(ROOT, file).split('\\').join('/');
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const to = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)).split('\\').join('/') : undefined;
      edges.push({ from, spec, ...(to !== undefined ? { to } : {}) });
    }
  }
  return edges;
}

describe('layering of src/', () => {
  const edges = importEdges();
  const found = edges.flatMap((e) => {
    const why = violation(e);
    return why ? [{ key: `${e.from} -> ${e.to ?? e.spec}`, why }] : [];
  });

  it('reads the imports (the scanner sees the whole tree)', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports found`);
    assert.ok(edges.some((e) => e.from === 'src/http/routes/events.ts' && e.to === 'src/features/ingest/index.ts'));
  });

  it('has no layering violation beyond the listed ones', () => {
    const unexpected = found.filter((f) => !ALLOWED.includes(f.key));
    assert.deepEqual(unexpected.map((f) => `${f.key}: ${f.why}`), []);
  });

  it('lists no violation that no longer happens (the list only shrinks)', () => {
    const keys = new Set(found.map((f) => f.key));
    assert.deepEqual(ALLOWED.filter((a) => !keys.has(a)), []);
  });

  it('names what it refuses', () => {
    const cases: [ImportEdge, boolean][] = [
      [{ from: 'src/core/x.ts', spec: 'node:crypto' }, true],
      [{ from: 'src/core/x.ts', spec: 'ioredis' }, true],
      [{ from: 'src/core/x.ts', spec: '@modelcontextprotocol/sdk/types.js' }, true],
      [{ from: 'src/core/x.ts', spec: '../features/operations/metrics.ts', to: 'src/features/operations/metrics.ts' }, true],
      [{ from: 'src/core/a/x.ts', spec: '../b/y.ts', to: 'src/core/b/y.ts' }, false],
      [{ from: 'src/core/x.ts', spec: 'zod' }, false],
      [{ from: 'src/features/ingest/x.ts', spec: '../../http/context.ts', to: 'src/http/context.ts' }, true],
      [{ from: 'src/features/ingest/x.ts', spec: '../operations/metrics.ts', to: 'src/features/operations/metrics.ts' }, false],
      [{ from: 'src/adapters/redis/x.ts', spec: '../../features/ingest/y.ts', to: 'src/features/ingest/y.ts' }, true],
      [{ from: 'src/mcp/x.ts', spec: '../http/context.ts', to: 'src/http/context.ts' }, true],
      [{ from: 'src/http/x.ts', spec: '../mcp/server.ts', to: 'src/mcp/server.ts' }, true],
      [{ from: 'src/http/routes/x.ts', spec: '../../features/recommend/hybridRecommender.ts', to: 'src/features/recommend/hybridRecommender.ts' }, true],
      [{ from: 'src/http/routes/x.ts', spec: '../../features/recommend/index.ts', to: 'src/features/recommend/index.ts' }, false],
      [{ from: 'src/mcp/context.ts', spec: '../features/appContext.ts', to: 'src/features/appContext.ts' }, false],
      [{ from: 'src/mcp/tools/x.ts', spec: '../../adapters/catalogMcp/localFallback.ts', to: 'src/adapters/catalogMcp/localFallback.ts' }, true],
      [{ from: 'src/http/access.ts', spec: '../adapters/shopify/appProxySignature.ts', to: 'src/adapters/shopify/appProxySignature.ts' }, false],
      [{ from: 'src/http/x.ts', spec: '../features/ingest/y.ts', to: 'src/features/ingest/y.ts' }, true],
      [{ from: 'src/main.ts', spec: './mcp/server.ts', to: 'src/mcp/server.ts' }, false],
      [{ from: 'src/mcp/x.ts', spec: '../main.ts', to: 'src/main.ts' }, true],
      [{ from: 'src/http/x.ts', spec: '../cli/serve.ts', to: 'src/cli/serve.ts' }, true],
      [{ from: 'src/cli/x.ts', spec: '../main.ts', to: 'src/main.ts' }, false],
      [{ from: 'src/main.ts', spec: './wiring/recommend.ts', to: 'src/wiring/recommend.ts' }, false],
      [{ from: 'src/wiring/http.ts', spec: './recommend.ts', to: 'src/wiring/recommend.ts' }, false],
      [{ from: 'src/cli/serve.ts', spec: '../wiring/recommend.ts', to: 'src/wiring/recommend.ts' }, true],
      [{ from: 'src/features/recommend/x.ts', spec: '../../wiring/recommend.ts', to: 'src/wiring/recommend.ts' }, true],
    ];
    for (const [edge, refused] of cases) assert.equal(violation(edge) !== undefined, refused, JSON.stringify(edge));
  });
});
