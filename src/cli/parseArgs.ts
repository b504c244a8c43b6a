/**
 * Checks a command's arguments against its {@link CommandSpec} before it runs, so that a mistyped
 * option is refused with a one-line reason instead of being silently ignored (`affinity serve --port
 * 9000` used to start on 8787), and a flag missing its value is not taken for a file name.
 */
import { CliError } from './cliError.ts';
import { closest } from '../core/closest.ts';
import type { CommandSpec, OptionSpec } from './commands.ts';

/** Arguments of a command, checked. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** The options given, by name without dashes: the value, or `true` for a flag (the last one given wins). */
  readonly options: ReadonlyMap<string, string | true>;
  /**
   * The same arguments in the one form the commands read (`--name value`, positionals first), whatever
   * form was typed (`--name=value`, options before positionals, `--` before a positional).
   */
  readonly argv: string[];
}

/** Whether the arguments ask for help (`--help` or `-h` anywhere before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function checkValue(o: OptionSpec, value: string): void {
  if (o.choices && !o.choices.includes(value)) throw new CliError(`--${o.name} ${JSON.stringify(value)} is not one of ${o.choices.join(', ')}`);
  if (o.number && (value.trim() === '' || !Number.isFinite(Number(value)))) throw new CliError(`--${o.name} needs a number, got ${JSON.stringify(value)}`);
}

function unknownOption(spec: CommandSpec, arg: string): CliError {
  const name = arg.replace(/^-+/, '').split('=')[0] ?? '';
  const guess = closest(name, spec.options.map((o) => o.name));
  const hint = guess ? ` (did you mean --${guess}?)` : '';
  const what = spec.optionHint ?? (spec.options.length ? `run \`affinity ${spec.name} --help\` for its options` : `${spec.name} takes no options`);
  return new CliError(`unknown option ${arg.split('=')[0]}${hint}; ${what}`);
}

/**
 * Checks `args` against `spec`.
 * @throws CliError (exit code 2) for an unknown option, an option missing its value or given one it does
 * not take, a value outside the option's choices or not a number, or too few or too many positionals
 */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : undefined;
    const o = spec.options.find((x) => x.name === name);
    if (!o) throw unknownOption(spec, arg);
    if (!o.value) {
      if (eq >= 0) throw new CliError(`--${o.name} takes no value`);
      options.set(o.name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      // A value may start with one dash (a negative number), not two: `--shop --currency EUR` lacks a shop.
      if (next !== undefined && !next.startsWith('--')) value = next;
      if (value !== undefined) i++;
    }
    if (value === undefined || value === '') throw new CliError(`--${o.name} needs a value (--${o.name} <${o.value}>)`);
    checkValue(o, value);
    options.set(o.name, value);
  }
  const { min, max, synopsis, what } = spec.positionals;
  if (positionals.length < min) throw new CliError(`missing ${synopsis ?? 'argument'}${what ? `: ${what}` : ''} (see \`affinity ${spec.name} --help\`)`);
  if (positionals.length > max) {
    const extra = positionals.slice(max);
    throw new CliError(
      max === 0
        ? `unexpected argument ${JSON.stringify(extra[0])}: ${spec.name} takes no arguments${spec.optionHint ? `; ${spec.optionHint}` : ''}`
        : `too many arguments: ${spec.name} takes ${synopsis ?? max}, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`,
    );
  }
  const argv = [...positionals];
  for (const [name, value] of options) argv.push(`--${name}`, ...(value === true ? [] : [value]));
  return { positionals, options, argv };
}
