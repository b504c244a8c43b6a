/**
 * The argument check every `affinity` command goes through (`parseCommandArgs`), the currency check
 * of `import` and `shop-sim`, and the "did you mean" of both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCliError } from '../../src/cli/cliError.ts';
import { closest } from '../../src/core/closest.ts';
import { commandSpec, COMMANDS, type CommandSpec } from '../../src/cli/commands.ts';
import { parseCurrency } from '../../src/cli/currency.ts';
import { parseCommandArgs, wantsHelp } from '../../src/cli/parseArgs.ts';

const spec = (name: string) => commandSpec(name) as CommandSpec;

/** The message of the CliError `fn` throws (exit code 2). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isCliError(err), String(err));
    assert.equal(err.exitCode, 2);
    return err.message;
  }
  assert.fail('not refused');
}

describe('parseCommandArgs', () => {
  it('reads positionals and options in any order and form, and gives them back in the form the commands read', () => {
    const a = parseCommandArgs(spec('import'), ['--shop=s.myshopify.com', 'p.csv', '--currency', 'eur']);
    assert.deepEqual(a.positionals, ['p.csv']);
    assert.equal(a.options.get('shop'), 's.myshopify.com');
    assert.deepEqual(a.argv, ['p.csv', '--shop', 's.myshopify.com', '--currency', 'eur']);
    assert.deepEqual(parseCommandArgs(spec('import'), ['--', '--odd-name.csv']).positionals, ['--odd-name.csv']);
    assert.equal(parseCommandArgs(spec('shop-sim'), ['--seed', '-5', '--down']).options.get('seed'), '-5');
  });

  it('refuses unknown options (with the closest one), missing values, values outside the choices, and argument counts', () => {
    assert.match(refusal(() => parseCommandArgs(spec('import'), ['p.csv', '--curency', 'EUR'])), /unknown option --curency \(did you mean --currency\?\)/);
    assert.match(refusal(() => parseCommandArgs(spec('import'), ['p.csv', '--shop', '--currency', 'EUR'])), /--shop needs a value/);
    assert.match(refusal(() => parseCommandArgs(spec('import'), ['p.csv', '--format', 'xml'])), /--format "xml" is not one of csv, json/);
    assert.match(refusal(() => parseCommandArgs(spec('bench'), ['--duration', 'ten'])), /--duration needs a number, got "ten"/);
    assert.match(refusal(() => parseCommandArgs(spec('demo'), ['--exit=yes'])), /--exit takes no value/);
    assert.match(refusal(() => parseCommandArgs(spec('import'), [])), /missing <file>/);
    assert.match(refusal(() => parseCommandArgs(spec('import'), ['a.csv', 'b.csv'])), /too many arguments/);
    assert.match(refusal(() => parseCommandArgs(spec('serve'), ['8080'])), /serve takes no arguments; the server is configured by environment variables/);
    assert.match(refusal(() => parseCommandArgs(spec('serve'), ['-p', '8080'])), /unknown option -p; the server is configured by environment variables, e\.g\. PORT=9000/);
  });

  it('sees --help and -h anywhere before --', () => {
    assert.equal(wantsHelp(['p.csv', '--bogus', '-h']), true);
    assert.equal(wantsHelp(['--', '--help']), false);
  });

  it('every command has a distinct name and no option twice', () => {
    assert.equal(new Set(COMMANDS.map((c) => c.name)).size, COMMANDS.length);
    for (const c of COMMANDS) assert.equal(new Set(c.options.map((o) => o.name)).size, c.options.length, c.name);
  });
});

describe('parseCurrency and closest', () => {
  it('takes ISO 4217 codes in any case and refuses others with the closest code', () => {
    assert.equal(parseCurrency('eur'), 'EUR');
    assert.equal(parseCurrency(' JPY '), 'JPY');
    assert.match(refusal(() => parseCurrency('EURO')), /"EURO" is not an ISO 4217 currency code \(did you mean EUR\?\)/);
    assert.match(refusal(() => parseCurrency('dollars')), /not an ISO 4217 currency code/);
  });

  it('suggests only a near word', () => {
    assert.equal(closest('srve', ['serve', 'demo']), 'serve');
    assert.equal(closest('shopsim', ['serve', 'shop-sim']), 'shop-sim');
    assert.equal(closest('xyz', ['serve', 'demo']), undefined);
  });
});
