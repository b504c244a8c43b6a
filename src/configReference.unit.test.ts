import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultOf, SETTINGS } from './config.ts';
import { configurationReference } from './configReference.ts';
import { parseMarketsConfig } from './core/markets/parseMarkets.ts';

const root = join(import.meta.dirname, '..');

/** README.md and every page under docs/, by path. */
function documentation(): Map<string, string> {
  const pages = new Map([['README.md', readFileSync(join(root, 'README.md'), 'utf8')]]);
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) pages.set(join(dir, e.name), readFileSync(join(root, dir, e.name), 'utf8'));
    }
  };
  walk('docs');
  return pages;
}

/** Environment variables the documentation may name that are not settings of the service. */
const NOT_SETTINGS: Readonly<Record<string, string>> = {
  AFFINITY_E2E_CSV_MB: 'size of the CSV of test/e2e/catalogImport.e2e.test.ts',
  REDIS_SERVER_BIN: 'the redis-server binary the tests start (src/testing/redisServer.ts)',
  REDIS_CLI_BIN: 'the redis-cli binary the cluster tests use',
};

/** A per-market override the markets parser knows (`AFFINITY_MARKET_EU_CACHE_TTL_S`), or the placeholder form. */
function isMarketOverride(name: string): boolean {
  if (!name.startsWith('AFFINITY_MARKET_')) return false;
  if (name.includes('<')) return true;
  const r = parseMarketsConfig(undefined, { [name]: '1' });
  return !('problems' in r) || !r.problems.some((p) => p.includes('unknown market setting'));
}

describe('configuration reference: docs cannot drift from the declarations', () => {
  it('docs/configuration.md is the table generated from src/config.ts', () => {
    const file = readFileSync(join(root, 'docs/configuration.md'), 'utf8');
    assert.equal(file, configurationReference(), 'docs/configuration.md is out of date: node --import tsx src/configReference.ts > docs/configuration.md');
    for (const name of Object.keys(SETTINGS)) assert.ok(file.includes(`| \`${name}\` |`), `${name} is not in docs/configuration.md`);
    assert.ok(Object.keys(SETTINGS).length >= 39, 'every group contributes its settings');
  });

  it('every setting has a meaning, and every variable the documentation names is a declared setting', () => {
    for (const [name, setting] of Object.entries(SETTINGS)) assert.ok((setting.description ?? '').length > 5, `${name} has no description`);
    const unknown: string[] = [];
    for (const [page, text] of documentation()) {
      for (const m of text.matchAll(/\b(?:AFFINITY|SHOPIFY|REDIS)_[A-Za-z0-9_<>]*[A-Za-z0-9>]/g)) {
        const name = m[0];
        if (!(name in SETTINGS) && !(name in NOT_SETTINGS) && !isMarketOverride(name)) unknown.push(`${page}: ${name}`);
      }
    }
    assert.deepEqual(unknown, [], 'documented but not declared in src/config.ts');
  });

  it('the defaults documentation tables state are the declared ones', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [page, text] of documentation()) {
      for (const line of text.split('\n')) {
        // | `A` | `1` | … and | `A`, `B` | `1`, `2` | … and | `A` / `B` | `1` / `2` | …
        const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
        if (cells.length < 4 || cells[0] !== '') continue;
        const names = cells[1]!.split(/\s*(?:,|\/)\s*/);
        if (!names.every((n) => /^`[A-Z][A-Z0-9_]+`$/.test(n) && n.slice(1, -1) in SETTINGS)) continue;
        const stated = cells[2]!;
        if (stated === '—') {
          for (const n of names) if (defaultOf(SETTINGS[n.slice(1, -1)]!) !== undefined) wrong.push(`${page}: ${n} has a default, "—" stated`);
          checked += names.length;
          continue;
        }
        const values = stated.split(/\s*(?:,|\/)\s*/);
        if (values.length !== names.length || !values.every((v) => /^`[^`]*`$/.test(v))) continue;
        names.forEach((n, i) => {
          const declared = defaultOf(SETTINGS[n.slice(1, -1)]!);
          if (String(declared) !== values[i]!.slice(1, -1)) wrong.push(`${page}: ${n} states ${values[i]}, declared ${String(declared)}`);
        });
        checked += names.length;
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked >= 40, `only ${checked} documented defaults checked`);
  });
});
