/**
 * The command line of the bench scripts (bench/args.ts): the usage lists every option with its default
 * and what the script writes; `--help`/`-h` anywhere asks for it; a misspelt or unknown option, a word
 * where a number goes, a value outside the choices or a stray argument is refused; what is given wins
 * over the default, in either form (`--name value`, `--name=value`).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchUsage, parseBenchArgs, type BenchArgs, type BenchSpec } from './args.ts';

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/example.ts',
  summary: 'Measures an example.',
  options: [
    { name: 'duration', value: 'S', number: true, default: '10', help: 'Seconds per scenario' },
    { name: 'connections', value: 'N', number: true, default: '32', help: 'Connections' },
    { name: 'store', value: 'S', choices: ['sqlite', 'redis'], default: 'sqlite', help: 'Store' },
    { name: 'json', value: 'FILE', help: 'Also write JSON to FILE' },
    { name: 'no-index', help: 'Drop the index' },
  ],
  writes: 'FILE with --json; nothing else.',
};

function run(argv: readonly string[]): BenchArgs {
  const r = parseBenchArgs(SPEC, argv);
  assert.equal(r.kind, 'run', JSON.stringify(r));
  return (r as { args: BenchArgs }).args;
}

function error(argv: readonly string[]): string {
  const r = parseBenchArgs(SPEC, argv);
  assert.equal(r.kind, 'error', `${argv.join(' ')} was accepted`);
  return (r as { message: string }).message;
}

describe('bench scripts: usage', () => {
  it('names how to run it, every option with its default, help, and what it writes', () => {
    const u = benchUsage(SPEC);
    assert.match(u, /^Usage: node --import tsx bench\/example\.ts \[options\]\n/);
    assert.match(u, /Measures an example\./);
    assert.match(u, /--duration <S> +Seconds per scenario \(default 10\)/);
    assert.match(u, /--connections <N> +Connections \(default 32\)/);
    assert.match(u, /--store <S> +Store \(default sqlite\)/);
    assert.match(u, /--json <FILE> +Also write JSON to FILE\n/);
    assert.match(u, /--no-index +Drop the index\n/);
    assert.match(u, /-h, --help +Show this help and exit/);
    assert.match(u, /Writes: FILE with --json; nothing else\.\n$/);
  });

  it('a script without options says so in its synopsis', () => {
    assert.match(benchUsage({ ...SPEC, options: [] }), /^Usage: node --import tsx bench\/example\.ts\n/);
  });
});

describe('bench scripts: arguments', () => {
  it('--help or -h anywhere asks for the usage, even beside a mistake', () => {
    for (const argv of [['--help'], ['-h'], ['--duration', '1', '--help'], ['--conections', '5', '-h'], ['-h', '--duration', 'abc']]) {
      assert.equal(parseBenchArgs(SPEC, argv).kind, 'help', argv.join(' '));
    }
  });

  it('not a help request: --help after --, or inside a value', () => {
    assert.notEqual(parseBenchArgs(SPEC, ['--', '--help']).kind, 'help');
    assert.equal(run(['--json', 'help.json']).get('json'), 'help.json');
  });

  it('defaults when nothing is given; flags are off', () => {
    const a = run([]);
    assert.equal(a.get('duration'), '10');
    assert.equal(a.get('connections'), '32');
    assert.equal(a.get('store'), 'sqlite');
    assert.equal(a.get('json'), undefined);
    assert.equal(a.has('no-index'), false);
    assert.deepEqual(a.argv, []);
  });

  it('a given value wins over the default, as --name value or --name=value; flags are on when given', () => {
    const a = run(['--duration', '1', '--connections=50', '--store', 'redis', '--json', '/tmp/x.json', '--no-index']);
    assert.equal(a.get('duration'), '1');
    assert.equal(a.get('connections'), '50');
    assert.equal(a.get('store'), 'redis');
    assert.equal(a.get('json'), '/tmp/x.json');
    assert.equal(a.has('no-index'), true);
    assert.deepEqual(a.argv, ['--duration', '1', '--connections', '50', '--store', 'redis', '--json', '/tmp/x.json', '--no-index']);
  });

  it('a misspelt option is refused with the closest one named', () => {
    assert.match(error(['--conections', '50']), /unknown option --conections \(did you mean --connections\?\)/);
    assert.match(error(['--durations=3']), /unknown option --durations \(did you mean --duration\?\)/);
  });

  it('an option the script does not take at all is refused, without a guess', () => {
    const m = error(['--workers', '4']);
    assert.match(m, /unknown option --workers/);
    assert.doesNotMatch(m, /did you mean/);
    assert.match(error(['-d', '3']), /unknown option -d/);
  });

  it('a word where a number goes, a value outside the choices, a missing value, a value given to a flag', () => {
    assert.match(error(['--duration', 'abc']), /--duration needs a number, got "abc"/);
    assert.match(error(['--store', 'postgres']), /--store "postgres" is not one of sqlite, redis/);
    assert.match(error(['--duration']), /--duration needs a value/);
    assert.match(error(['--duration', '--connections', '5']), /--duration needs a value/);
    assert.match(error(['--no-index=yes']), /--no-index takes no value/);
  });

  it('a stray argument is refused (a value without its option)', () => {
    assert.match(error(['50']), /unexpected argument "50"/);
    assert.match(error(['--duration', '1', '2']), /unexpected argument "2"/);
  });

  it('a negative number is a value, not an option', () => {
    assert.equal(run(['--duration', '-1']).get('duration'), '-1');
  });

  it('reading an option the spec does not list is a programming error, not a silent undefined', () => {
    assert.throws(() => run([]).get('conections'), /does not list/);
  });
});
