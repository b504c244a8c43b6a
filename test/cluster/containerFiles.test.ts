/**
 * The container files (this machine runs no Docker engine, so they are checked, not run): the
 * Dockerfile installs what the server needs at run time and copies files that exist, and compose.yaml
 * runs every role against its Redis with a configuration the server accepts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { parseRoles, ROLE_NAMES } from '../../src/roles/roles.ts';
import { roleStoreProblem } from '../../src/roles/roleStoreProblem.ts';

const ROOT = join(import.meta.dirname, '../..');
const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8');

/** Dockerfile instructions (continuation lines joined, comments dropped): [instruction, arguments]. */
function dockerInstructions(text: string): [string, string][] {
  const out: [string, string][] = [];
  let acc = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (acc === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      acc += `${line.slice(0, -1)} `;
      continue;
    }
    acc += line;
    const m = /^(\S+)\s+(.*)$/.exec(acc);
    if (m) out.push([m[1]!.toUpperCase(), m[2]!]);
    acc = '';
  }
  return out;
}

type Yaml = string | Yaml[] | { [k: string]: Yaml };

/**
 * The YAML subset compose.yaml is written in (block mappings, block sequences, plain or quoted
 * scalars, JSON-style flow sequences); throws on anything else, so the file stays in it.
 */
function parseYamlSubset(text: string): Yaml {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').replace(/^#.*$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const scalar = (s: string): Yaml => {
    if (s.startsWith('[')) return JSON.parse(s) as Yaml;
    if (/^".*"$/.test(s)) return JSON.parse(s) as string;
    if (/^'.*'$/.test(s)) return s.slice(1, -1);
    if (/[{}[\]&*!|>]/.test(s[0] ?? '')) throw new Error(`unsupported YAML: ${s}`);
    return s;
  };
  const block = (indent: number): Yaml => {
    const first = lines[i];
    if (!first || first.indent < indent) return '';
    if (first.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (lines[i] && lines[i]!.indent === first.indent && lines[i]!.text.startsWith('- ')) list.push(scalar(lines[i++]!.text.slice(2).trim()));
      return list;
    }
    const map: { [k: string]: Yaml } = {};
    while (lines[i] && lines[i]!.indent === first.indent) {
      const m = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(lines[i]!.text);
      if (!m) throw new Error(`unsupported YAML line: ${lines[i]!.text}`);
      i++;
      map[m[1]!] = m[2] !== undefined ? scalar(m[2]) : lines[i] && lines[i]!.indent > first.indent ? block(lines[i]!.indent) : '';
    }
    return map;
  };
  const doc = block(0);
  if (i !== lines.length) throw new Error(`unparsed YAML from line: ${lines[i]!.text}`);
  return doc;
}

describe('container files', () => {
  it('Dockerfile: node:20-slim, production install with tsx as a runtime dependency, copies files that exist', () => {
    const ins = dockerInstructions(read('Dockerfile'));
    assert.deepEqual(ins.filter(([k]) => k === 'FROM').map(([, v]) => v), ['node:20-slim']);
    assert.ok(ins.some(([k, v]) => k === 'RUN' && /npm ci --omit=dev/.test(v)), 'npm ci --omit=dev');
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    assert.ok(pkg.dependencies.tsx, 'tsx runs the sources at run time: it must be a dependency, not a devDependency');
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const [k, v] of ins.filter(([k2]) => k2 === 'COPY')) {
      const parts = v.split(/\s+/).filter((p) => !p.startsWith('--'));
      for (const src of parts.slice(0, -1)) {
        assert.ok(existsSync(join(ROOT, src)), `${k} ${src}: no such file`);
        assert.ok(!ignored.includes(src), `${src} is copied but excluded by .dockerignore`);
      }
    }
    const entry = JSON.parse(ins.find(([k]) => k === 'ENTRYPOINT')![1]) as string[];
    // Node with the serving flags (src/cli/heapTuning.ts), tsx, then the command's source.
    assert.deepEqual(entry.slice(0, 4), ['node', '--max-semi-space-size=64', '--import', 'tsx']);
    assert.ok(existsSync(join(ROOT, entry[4]!)), `${entry[4]} exists`);
    assert.deepEqual(JSON.parse(ins.find(([k]) => k === 'CMD')![1]), ['serve']);
    assert.ok(ins.some(([k]) => k === 'USER'), 'does not run as root');
  });

  it('compose.yaml: Redis and every role, each with a configuration the server accepts', () => {
    const doc = parseYamlSubset(read('compose.yaml')) as { services: Record<string, Record<string, Yaml>> };
    const services = doc.services;
    assert.ok(services.redis, 'a redis service');
    assert.match(String(services.redis!.image), /^redis:/);
    const covered = new Set<string>();
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'redis') continue;
      assert.equal(svc.build, '.', `${name} builds the Dockerfile`);
      const command = svc.command as string[];
      assert.equal(command[0], 'serve');
      assert.equal(command[1], '--role');
      const roles = parseRoles(command[2]!);
      assert.ok('roles' in roles, `${name}: ${command[2]} names roles`);
      for (const r of roles.roles) covered.add(r);
      const environment = svc.environment as Record<string, string>;
      assert.equal(new URL(environment.REDIS_URL!).hostname, 'redis', `${name} uses the redis service`);
      assert.deepEqual(svc.depends_on, ['redis']);
      // The server accepts the service's configuration as a container would see it.
      const config = loadConfig({ ...environment, AFFINITY_ROLES: command[2], HOST: '0.0.0.0', PORT: '8787' });
      assert.equal(config.store, 'redis');
      assert.deepEqual(config.roles, roles.roles);
      assert.equal(roleStoreProblem(config, `--role ${command[2]}`), undefined, `${name}: its roles fit its store`);
    }
    assert.deepEqual([...covered].sort(), [...ROLE_NAMES].sort(), 'every role runs somewhere');
  });
});
