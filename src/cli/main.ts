/**
 * The `affinity` CLI: `serve`, `demo`, `import`, `eval`, `mcp`, `eval-personalization`, `eval-intent`,
 * `shop-sim`, `simulate-experiment`, `bench` (described in `commands.ts`).
 *
 * `affinity <command> --help` (or `-h`) prints the command's help and does nothing else. Arguments are
 * checked against the command's spec before it runs. Mistakes (a `CliError`, an invalid environment, a
 * file that cannot be read) are printed as one line, without a stack trace; exit code 2 for a usage
 * mistake, 1 otherwise; the process ends at once (whatever the failed command left open). Only an
 * unexpected error keeps its stack trace.
 */
import cluster from 'node:cluster';
import { ConfigError, configWarnings, loadConfig, type Config } from '../config.ts';
import { isAffinityError } from '../core/errors.ts';
import { CliError, isCliError } from './cliError.ts';
import { closest } from '../core/closest.ts';
import { commandSpec, commandUsage, COMMANDS, mainUsage } from './commands.ts';
import { parseCommandArgs, wantsHelp, type ParsedArgs } from './parseArgs.ts';
import { parseRoles } from '../roles/roles.ts';
import { roleStoreProblem } from '../roles/roleStoreProblem.ts';

function unknownCommand(name: string): CliError {
  const guess = closest(name, COMMANDS.map((c) => c.name));
  return new CliError(`unknown command ${JSON.stringify(name)}${guess ? ` (did you mean "${guess}"?)` : ''}; run \`affinity --help\` for the list of commands`);
}

/** Runs a checked command; resolves with the exit code, or -1 to keep the process running (servers). */
async function run(cmd: string, args: ParsedArgs): Promise<number> {
  switch (cmd) {
    case 'serve': {
      // --role is AFFINITY_ROLES given on the command line (it wins), parsed with the rest of the environment.
      const role = args.options.get('role');
      // A mistake in --role is told as --role's (not as the variable's the user did not set).
      const roles = typeof role === 'string' ? parseRoles(role) : undefined;
      if (roles && 'problem' in roles) throw new CliError(`--role: ${roles.problem}`);
      const config = loadConfig(typeof role === 'string' ? { ...process.env, AFFINITY_ROLES: role } : process.env);
      // Some roles but not all: a node of several, which must share a Redis store with the others.
      const mismatch = roleStoreProblem(config, typeof role === 'string' ? `--role ${role}` : `AFFINITY_ROLES=${process.env.AFFINITY_ROLES ?? ''}`);
      if (mismatch) throw new CliError(mismatch);
      await warnAtStart(config);
      const { serve } = await import('./serve.ts');
      await serve(config, config.workers, onShutdown);
      return -1;
    }
    case 'demo': {
      const { runDemo } = await import('./demo.ts');
      return runDemo(args.argv);
    }
    case 'import': {
      const { runImport } = await import('./importCommand.ts');
      return runImport(args);
    }
    case 'eval': {
      const { runEval } = await import('../eval/runEval.ts');
      return runEval(args.argv);
    }
    case 'mcp': {
      const { runMcpStdio } = await import('./mcpStdio.ts');
      return runMcpStdio(args.argv);
    }
    case 'eval-personalization': {
      const { runPersonalizationEval } = await import('../eval/personalizationEval.ts');
      return runPersonalizationEval(args.argv);
    }
    case 'eval-intent': {
      const { runIntentEval } = await import('../eval/intentEval.ts');
      return runIntentEval(args.argv);
    }
    case 'shop-sim': {
      const { runShopSim } = await import('../sim/shopSim/cli.ts');
      return runShopSim(args.argv);
    }
    case 'simulate-experiment': {
      const { runSimulateExperiment } = await import('./simulateExperiment.ts');
      return runSimulateExperiment(args);
    }
    case 'bench': {
      const { runBench } = await import('../../bench/run.ts');
      await runBench(args.argv);
      return 0;
    }
    default:
      throw new Error(`affinity: command "${cmd}" is described but has no runner`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h') {
    process.stdout.write(mainUsage());
    return 0;
  }
  if (cmd === 'help') {
    const topic = rest[0];
    const spec = topic === undefined ? undefined : commandSpec(topic);
    if (topic !== undefined && !spec) throw unknownCommand(topic);
    process.stdout.write(spec ? commandUsage(spec) : mainUsage());
    return 0;
  }
  const spec = commandSpec(cmd);
  if (!spec) throw unknownCommand(cmd);
  if (wantsHelp(rest)) {
    process.stdout.write(commandUsage(spec));
    return 0;
  }
  return run(cmd, parseCommandArgs(spec, rest));
}

/**
 * Logs the warnings of a valid configuration that leaves something off (`configWarnings`), once per
 * node (not again in each HTTP worker), as the server's other start-up warnings: pino, at `warn`.
 */
async function warnAtStart(config: Config): Promise<void> {
  const warnings = configWarnings(config);
  if (warnings.length === 0 || !cluster.isPrimary) return;
  const { default: pino } = await import('pino');
  const log = pino({ level: config.logLevel, base: { service: 'affinity' } }, pino.destination({ fd: 2, sync: true }));
  for (const w of warnings) log.warn(w);
}

function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`affinity: ${signal}, shutting down\n`);
    close()
      .then(() => process.exit(0))
      .catch((err) => {
        process.stderr.write(`affinity: shutdown failed: ${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** File-system errors a user causes (a wrong path), told in one line. */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
};

/** The line(s) printed for an error that ends the command, and its exit code. */
function describe(err: unknown, prefix: string): { text: string; code: number } {
  if (isCliError(err)) return { text: `${prefix}: ${err.message}`, code: err.exitCode };
  if (err instanceof ConfigError) return { text: `${prefix}: ${err.message}\nFix the environment variables above (docs/configuration.md lists every one, with its default).`, code: 1 };
  if (isAffinityError(err)) {
    return { text: [`${prefix}: ${err.code}: ${err.message}`, ...err.issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'), code: 1 };
  }
  const e = err as NodeJS.ErrnoException | undefined;
  const reason = e?.code ? FILE_ERRORS[e.code] : undefined;
  if (reason && e?.path) return { text: `${prefix}: ${e.path}: ${reason}`, code: 1 };
  return { text: `${prefix}: ${e?.stack ?? String(err)}`, code: 1 };
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    const { text, code } = describe(err, argv[0] && commandSpec(argv[0]) ? `affinity ${argv[0]}` : 'affinity');
    // The command is over: end the process now. What it opened before failing (a Redis Cluster
    // client reconnecting to a dead master, timers) would keep it alive, neither serving nor
    // exiting, and a supervisor would never restart it.
    process.stderr.write(`${text}\n`, () => process.exit(code));
  },
);
