/**
 * The command line of a bench script. `--help` / `-h` prints its usage (the options, their defaults,
 * what it writes besides stdout) and exits 0 before anything runs; a misspelt or unknown option is
 * refused with the usage (exit 2) instead of being ignored while the defaults are measured. The
 * checking is the `affinity` command's own (src/cli/parseArgs.ts): `--name value` or `--name=value`,
 * a "did you mean" for a near miss, a number where the option wants one, a value among its choices.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCliError } from '../src/cli/cliError.ts';
import type { CommandSpec, OptionSpec } from '../src/cli/commands.ts';
import { parseCommandArgs, wantsHelp } from '../src/cli/parseArgs.ts';

/** One `--option` of a bench script. */
export interface BenchOption extends OptionSpec {
  /** The value used when the option is not given (shown in the usage). */
  readonly default?: string;
}

/** What a bench script takes and does, for its usage and its argument check. */
export interface BenchSpec {
  /** How it is run, e.g. `node --import tsx bench/servedLists.ts`. */
  readonly run: string;
  /** The script in messages (default: the `bench/…` path in {@link run}). */
  readonly script?: string;
  /** What it measures and prints (a few lines). */
  readonly summary: string;
  readonly options: readonly BenchOption[];
  /** Files it writes besides stdout and stderr, and the temporary ones it removes (one line or more). */
  readonly writes: string;
}

/** Options of one run: the ones given, else their defaults. */
export interface BenchArgs {
  /** The value of `--name` as given, else its default; `undefined` when neither. */
  get(name: string): string | undefined;
  /** Whether the flag `--name` (an option without a value) was given. */
  has(name: string): boolean;
  /** The arguments as given, in the one form `--name value` (for a script's own older readers). */
  readonly argv: readonly string[];
}

/** What the command line asks: the usage, a run with these options, or nothing (a mistake, one line). */
export type BenchRequest = { readonly kind: 'help' } | { readonly kind: 'run'; readonly args: BenchArgs } | { readonly kind: 'error'; readonly message: string };

/** The usage of a bench script: how to run it, what it does, every option with its default, what it writes. */
export function benchUsage(spec: BenchSpec): string {
  const rows: [string, string][] = [
    ...spec.options.map((o): [string, string] => [
      `--${o.name}${o.value ? ` <${o.value}>` : ''}`,
      `${o.help}${o.default !== undefined ? ` (default ${o.default})` : ''}`,
    ]),
    ['-h, --help', 'Show this help and exit'],
  ];
  const w = Math.max(...rows.map(([l]) => l.length));
  return [
    `Usage: ${spec.run}${spec.options.length > 0 ? ' [options]' : ''}`,
    '',
    spec.summary.trim(),
    '',
    'Options:',
    ...rows.map(([l, h]) => `  ${l.padEnd(w)}  ${h}`),
    '',
    `Writes: ${spec.writes.trim()}`,
    '',
  ].join('\n');
}

/** The script's name in messages: `bench/roles.ts` out of its run line. */
function scriptName(spec: BenchSpec): string {
  return spec.script ?? /\bbench\/\S+/.exec(spec.run)?.[0] ?? spec.run;
}

/**
 * Reads `argv` (the arguments after the script) against `spec`: help when `--help` or `-h` is among
 * them (whatever else is), else the options, else the first mistake.
 */
export function parseBenchArgs(spec: BenchSpec, argv: readonly string[]): BenchRequest {
  if (wantsHelp(argv)) return { kind: 'help' };
  const command: CommandSpec = {
    name: scriptName(spec),
    summary: spec.summary,
    positionals: { min: 0, max: 0 },
    options: spec.options,
    optionHint: spec.options.length > 0 ? 'its options are below' : 'it takes no options',
  };
  try {
    const parsed = parseCommandArgs(command, argv);
    const option = (name: string): BenchOption => {
      const o = spec.options.find((x) => x.name === name);
      if (!o) throw new Error(`${command.name} reads --${name}, which its spec does not list`);
      return o;
    };
    return {
      kind: 'run',
      args: {
        get: (name) => {
          const given = parsed.options.get(option(name).name);
          return typeof given === 'string' ? given : option(name).default;
        },
        has: (name) => parsed.options.get(option(name).name) === true,
        argv: parsed.argv,
      },
    };
  } catch (err) {
    if (!isCliError(err)) throw err;
    return { kind: 'error', message: err.message };
  }
}

/**
 * The options of this run (`process.argv` by default). Prints the usage and exits 0 on `--help`/`-h`;
 * prints the mistake and the usage to stderr and exits 2 on a bad argument. Call it before the
 * script starts anything.
 */
export function benchArgs(spec: BenchSpec, argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const request = parseBenchArgs(spec, argv);
  if (request.kind === 'run') return request.args;
  if (request.kind === 'help') {
    process.stdout.write(benchUsage(spec));
    process.exit(0);
  }
  process.stderr.write(`${scriptName(spec)}: ${request.message}\n\n${benchUsage(spec)}`);
  process.exit(2);
}

/** Whether the module at `metaUrl` (its `import.meta.url`) is the script node was asked to run. */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(metaUrl);
}

/**
 * For a module of the bench scripts run by itself (`node --import tsx bench/storefront.ts`): it runs
 * nothing, so its usage says which scripts use it. On `--help`/`-h` on stdout (exit 0), else on stderr
 * (exit code 2). Does nothing when the module was imported.
 */
export function moduleNotice(metaUrl: string, spec: BenchSpec): void {
  if (!isMain(metaUrl)) return;
  const request = parseBenchArgs(spec, process.argv.slice(2));
  if (request.kind === 'help') process.stdout.write(benchUsage(spec));
  else {
    const why = request.kind === 'error' ? `: ${request.message}` : ' runs nothing by itself.';
    process.stderr.write(`${scriptName(spec)}${why}\n\n${benchUsage(spec)}`);
    process.exitCode = 2;
  }
}

moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/args.ts --help',
  summary: `The command line of the bench scripts (their --help and the check of their options): a module, not a
benchmark. Every other bench/*.ts answers --help with what it measures, its options and what it writes.`,
  options: [],
  writes: 'nothing.',
});
